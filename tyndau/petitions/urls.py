from django.urls import path

from tyndau.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
]
