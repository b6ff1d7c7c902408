from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tyndau.notifications"
    label = "notifications"
