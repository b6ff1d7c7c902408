from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tyndau.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from tyndau.audit.services import record_event
        from tyndau.core.record import plug_recorder

        # Every app registers its audit action codes in its own audit_actions.py (tyndau.audit.actions).
        autodiscover_modules("audit_actions")
        from tyndau.notifications.periodic import register_periodic

        plug_recorder(record_event)  # the kernel's own changes (decreed days) go on the record too

        # Signing often bounds what a silent truncation of the tail could hide;
        # the full recomputation is heavier and runs daily.
        register_periodic("audit_sign_head", every_seconds=settings.AUDIT_HEAD_INTERVAL)
        register_periodic("audit_verify", every_seconds=86400)
