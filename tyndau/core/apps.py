from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tyndau.core"
    label = "core"
