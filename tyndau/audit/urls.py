from django.urls import path

from tyndau.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("bundle/", views.verify_bundle, name="verify_bundle"),
]
