"""A changed IIN_HASH_KEY (a restore next to a new environment file) stops the start-up, instead of
silently letting the same person sign twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tyndau.core.checks import check_iin_hash_key, record_key_fingerprint
from tyndau.core.models import KeyFingerprint

pytestmark = pytest.mark.django_db


def test_the_first_migrate_records_a_keyed_fingerprint_of_the_key(settings):
    stored = KeyFingerprint.objects.get(name="IIN_HASH_KEY").fingerprint
    assert settings.IIN_HASH_KEY not in stored
    assert check_iin_hash_key() == []
    call_command("check")  # clean with the key the data was made with


def test_another_key_is_refused_at_start_with_a_clear_message(settings):
    settings.IIN_HASH_KEY = "a-different-key-after-a-restore-0123456789"
    errors = check_iin_hash_key()
    assert [error.id for error in errors] == ["tyndau.E001"]
    assert "IIN_HASH_KEY" in errors[0].msg
    with pytest.raises(SystemCheckError, match="IIN_HASH_KEY"):
        call_command("check")
    record_key_fingerprint()  # a later migrate with the wrong key does not overwrite the record
    assert check_iin_hash_key() != []


def test_the_wsgi_application_refuses_to_start_with_another_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    from config.wsgi import refuse_a_changed_iin_hash_key

    refuse_a_changed_iin_hash_key()
    settings.IIN_HASH_KEY = "a-different-key-after-a-restore-0123456789"
    with pytest.raises(ImproperlyConfigured, match="IIN_HASH_KEY"):
        refuse_a_changed_iin_hash_key()


def test_check_deploy_reports_a_missing_static_manifest(settings, tmp_path):
    from django.core.checks import run_checks
    from django.core.files.storage import storages

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "tyndau.core.storage.StaticFilesStorage"}}
    assert type(storages["staticfiles"]).__module__ == "tyndau.core.storage"  # the setting took effect
    assert "tyndau.E002" in [message.id for message in run_checks(include_deployment_checks=True)]
    assert "tyndau.E002" not in [message.id for message in run_checks()]  # only with --deploy
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    assert "tyndau.E002" not in [message.id for message in run_checks(include_deployment_checks=True)]
