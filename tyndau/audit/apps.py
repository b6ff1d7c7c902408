from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tyndau.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from tyndau.notifications.periodic import register_periodic

        # Signing often bounds what a silent truncation of the tail could hide;
        # the full recomputation is heavier and runs daily.
        register_periodic("audit_sign_head", every_seconds=900)
        register_periodic("audit_verify", every_seconds=86400)
