from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "tyndau.authorities"
    label = "authorities"
