"""Notifications: e-mail rendered in the recipient's language, sent after commit.

Interface used by every app:

    notify(to=user_or_address, template="appeals/email/registered", context={...}, language="ru")

renders `<template>_subject.txt` and `<template>_body.txt` in `language` (default:
the user's preferred language) and sends them once the surrounding transaction
commits. (The notifications owner extends this with a durable outbox, a task and
retries; the signature stays.)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def notify(*, to: Any, template: str, context: dict[str, Any] | None = None, language: str | None = None) -> None:
    address = to if isinstance(to, str) else to.email
    lang = language or getattr(to, "preferred_language", None) or settings.LANGUAGE_CODE
    ctx = {"SITE_URL": settings.SITE_URL, **(context or {})}
    with translation.override(lang):
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        body = render_to_string(f"{template}_body.txt", ctx)
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))
