"""WSGI entry point (gunicorn in production).

Django's handler with the one-step signing lane in front (tyndau/petitions/surge/lane.py, ADR 0009).
gunicorn runs no system checks, so the one that guards stored data runs here (tyndau/core/checks.py).
"""

import os

import django
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

from tyndau.core.checks import check_iin_hash_key  # noqa: E402  (needs the apps loaded)
from tyndau.petitions.surge.lane import SigningLaneHandler  # noqa: E402


def refuse_a_changed_iin_hash_key() -> None:
    for error in check_iin_hash_key():
        raise ImproperlyConfigured(f"{error.msg} {error.hint}")


refuse_a_changed_iin_hash_key()
application = SigningLaneHandler()
