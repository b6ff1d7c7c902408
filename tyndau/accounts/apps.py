from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tyndau.accounts"
    label = "accounts"
