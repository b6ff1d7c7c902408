from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tyndau.petitions"
    label = "petitions"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from tyndau.authorities.models import Region
        from tyndau.petitions.selectors import forget_regions

        post_save.connect(forget_regions, sender=Region, dispatch_uid="petitions-forget-regions-save")
        post_delete.connect(forget_regions, sender=Region, dispatch_uid="petitions-forget-regions-delete")
        # The periodic runner (`manage.py run_periodic`) of the notifications app.
        from tyndau.notifications.periodic import register_periodic
        from tyndau.petitions import rules

        register_periodic("recount_signatures", every_seconds=int(rules.value("count_interval_seconds")))
        register_periodic("close_expired_petitions", every_seconds=3600)
        register_periodic("reconcile_signature_counts", every_seconds=3600)
        register_periodic("purge_lapsed_signatures", every_seconds=900)
        # Petitions can be followed by e-mail without signing (tyndau.following).
        from tyndau.petitions import follow

        follow.register()
