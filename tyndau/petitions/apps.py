from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tyndau.petitions"
    label = "petitions"
