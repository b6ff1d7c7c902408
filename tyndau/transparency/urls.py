from django.urls import path

from tyndau.transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
]
