from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "tyndau.appeals"
    label = "appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from tyndau.appeals.models import Appeal
        from tyndau.appeals.selectors import published_count_for_entity
        from tyndau.core.representation import register_public_activity
        from tyndau.notifications.periodic import register_periodic

        # The official's queue counters are cached per body (selectors.queue_counters): any saved or
        # deleted appeal drops its body's figures (appeal_forward also drops the former body's).
        post_save.connect(_forget_counters, sender=Appeal, dispatch_uid="appeals-queue-counters-save")
        post_delete.connect(_forget_counters, sender=Appeal, dispatch_uid="appeals-queue-counters-delete")

        # Issue 13: an association's organisation page counts the published appeals filed on its behalf.
        register_public_activity("appeals", _("Published appeals filed on its behalf"), published_count_for_entity)
        # APPK art. 91(2): silence turns into a deemed refusal without anyone pressing a button.
        register_periodic("sweep_appeal_deadlines", every_seconds=300)
        # Issue 15: an owed public answer past its term counts on the body's scorecard.
        register_periodic("sweep_systemic_answers", every_seconds=300)
        # Routing suggestions learn from the bodies' latest answers and forwards (docs/routing.md).
        register_periodic("train_routing", every_seconds=settings.ROUTING_TRAIN_INTERVAL)
        # "Was it fixed?": weeks after a satisfied answer, the applicant is asked (rules.fix_questionnaire_days).
        register_periodic("send_fix_questionnaires", every_seconds=3600)
        # Published appeals can be followed by e-mail (tyndau.following).
        from tyndau.appeals import follow

        follow.register()


def _forget_counters(sender: Any, instance: Any, **kwargs: Any) -> None:
    from tyndau.appeals.selectors import forget_queue_counters

    forget_queue_counters(instance.body_id)
