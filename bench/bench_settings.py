"""Settings for bench/petition_surge.py only — never used by the portal.

Production settings plus: the bench URLconf (adds the bare-insert baseline view),
rate limits lifted (every request comes from 127.0.0.1 and one test domain), mail
not sent (the outbox rows and tasks are still written), and plain static storage
(no collectstatic step for a throw-away run).
"""

from __future__ import annotations

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench.bench_urls"
TYNDAU_PETITION_RULES = {
    "rate_limit_per_ip_per_hour": 10**9,
    "rate_limit_per_domain_per_hour": 10**9,
}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}
