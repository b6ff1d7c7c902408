from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tyndau.core"
    label = "core"

    def ready(self) -> None:
        from django.urls import register_converter

        from tyndau.core.bounds import IdConverter

        register_converter(IdConverter, "id")

        from tyndau.core import cached_translate

        cached_translate.install()  # constant {% translate %} texts kept per language (issue 10.28)

        from django.core import checks
        from django.db.models.signals import post_migrate

        from tyndau.core.checks import check_iin_hash_key, check_static_manifest, record_key_fingerprint

        checks.register(check_iin_hash_key)
        checks.register(check_static_manifest, checks.Tags.staticfiles, deploy=True)
        post_migrate.connect(record_key_fingerprint, sender=self)
