"""WSGI entry point (gunicorn in production).

Django's handler with the one-step signing lane in front (tyndau/petitions/lane.py, ADR 0009).
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

from tyndau.petitions.lane import SigningLaneHandler  # noqa: E402  (needs the apps loaded)

application = SigningLaneHandler()
