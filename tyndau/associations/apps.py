from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "tyndau.associations"
    label = "associations"
    verbose_name = _("Public associations")

    def ready(self) -> None:
        from tyndau.associations.selectors import represented_by
        from tyndau.associations.work import work_of
        from tyndau.core.representation import register_represented
        from tyndau.core.work import register_work

        # Issue 13: a registered association's representative acts for it in appeals (tyndau.appeals
        # asks core, never this app: both sit in one layer).
        register_represented(represented_by)

        # The cabinet links to the registering body's queue.
        register_work(work_of)
