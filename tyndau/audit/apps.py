from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tyndau.audit"
    label = "audit"
