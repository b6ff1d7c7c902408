from django.urls import path

from tyndau.authorities import views

app_name = "authorities"

urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("<slug:slug>/", views.body_detail, name="body_detail"),
]
