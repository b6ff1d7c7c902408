from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "tyndau.assemblies"
    label = "assemblies"
    verbose_name = _("Peaceful assemblies")

    def ready(self) -> None:
        from tyndau.assemblies.selectors import notifications_count_for_entity
        from tyndau.assemblies.work import work_of
        from tyndau.core.representation import register_public_activity
        from tyndau.core.work import register_work
        from tyndau.notifications.periodic import register_periodic

        # Issue 13: an association's organisation page counts the assemblies it notified or applied for.
        register_public_activity("assemblies", _("Assembly notifications"), notifications_count_for_entity)

        # The cabinet links to the akimat's queue, the higher body's complaints and the maslikhat's places.
        register_work(work_of)

        # Art. 11(1): silence turns into "held as notified" without anyone pressing a button.
        register_periodic("sweep_assembly_deadlines", every_seconds=300)
