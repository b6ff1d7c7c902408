from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "tyndau.following"
    label = "following"
    verbose_name = _("Following and alerts")

    def ready(self) -> None:
        from tyndau.following import targets
        from tyndau.notifications.periodic import register_periodic

        # Bodies, categories and areas live below this app; petitions and appeals register theirs.
        targets.register_reference_targets()
        # Idempotent: a follower's digest holds only the changes of days before today.
        register_periodic("send_follow_digests", every_seconds=3600)
