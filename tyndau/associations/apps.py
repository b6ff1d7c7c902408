from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "tyndau.associations"
    label = "associations"
    verbose_name = _("Public associations")

    def ready(self) -> None:
        from tyndau.associations.selectors import represented_by
        from tyndau.core.representation import register_represented

        # Issue 13: a registered association's representative acts for it in appeals (tyndau.appeals
        # asks core, never this app: both sit in one layer).
        register_represented(represented_by)
