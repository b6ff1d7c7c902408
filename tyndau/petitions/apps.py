from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "tyndau.petitions"
    label = "petitions"

    def ready(self) -> None:
        # The periodic runner (`manage.py run_periodic`) of the notifications app.
        try:
            from tyndau.notifications.periodic import register_periodic
        except ImportError:  # pragma: no cover - the runner is not installed yet
            return
        from tyndau.petitions import rules

        register_periodic("recount_signatures", every_seconds=int(rules.value("count_interval_seconds")))
        register_periodic("close_expired_petitions", every_seconds=3600)
        register_periodic("reconcile_signature_counts", every_seconds=3600)
