"""A text message to a phone number, through a configurable sender — no provider is built in.

`TYNDAU_SMS_BACKEND` (docs/intermediaries.md):
- ``console`` (development): the message is printed to the server's standard output after commit, like
  Django's console e-mail backend;
- ``mail``: the message goes through the e-mail outbox to ``<digits>@TYNDAU_SMS_MAIL_DOMAIN`` (an
  e-mail-to-SMS gateway; in tests it is captured in ``mail.outbox``);
- ``disabled`` (the production default until an operator connects a gateway): sending refuses with a
  translated message, and the intermediary uses the citizen's e-mail instead.
"""

from __future__ import annotations

import sys
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError
from tyndau.notifications.services import notify


class SmsNotConfigured(DomainError):
    default_message = _("Text messages are not set up on this installation. Send the code to the e-mail instead.")
    code = "sms_not_configured"
    field = "channel"


def backend() -> str:
    return str(getattr(settings, "TYNDAU_SMS_BACKEND", "disabled"))


def require_available() -> None:
    if backend() not in {"console", "mail"}:
        raise SmsNotConfigured()


def masked(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return f"+{digits[:1]} *** *** {digits[-4:-2]} {digits[-2:]}" if len(digits) >= 6 else "***"


def _print(text: str, to: str) -> None:
    sys.stdout.write(f"--- SMS to {masked(to)} ---\n{text}\n")
    sys.stdout.flush()


def send_sms(*, to: str, template: str, context: dict[str, Any], language: str) -> None:
    """Queue one text message inside the caller's transaction; it leaves after commit."""
    require_available()
    if backend() == "mail":
        digits = "".join(c for c in to if c.isdigit())
        notify(to=f"{digits}@{settings.TYNDAU_SMS_MAIL_DOMAIN}", template=template, context=context, language=language)
        return
    with translation.override(language):
        text = render_to_string(f"{template}_body.txt", context).strip()
    transaction.on_commit(partial(_print, text, to))
