from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tyndau.search"
    label = "search"
