from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "tyndau.appeals"
    label = "appeals"
