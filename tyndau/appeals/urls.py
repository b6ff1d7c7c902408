from django.urls import path

from tyndau.appeals import views

app_name = "appeals"

urlpatterns = [
    path("", views.index, name="index"),
]
