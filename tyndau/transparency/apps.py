from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "tyndau.transparency"
    label = "transparency"
