"""Notifications: e-mail rendered in the recipient's language, delivered from a durable outbox.

Interface used by every app:

    notify(to=user_or_address, template="appeals/email/registered", context={...}, language="ru")

renders `<template>_subject.txt` and `<template>_body.txt` in `language` (default:
the user's preferred language), writes an `OutgoingEmail` row inside the caller's
transaction and, once that transaction commits, has it sent by a background task: one
`send_due_email` task per second for every e-mail of that second (`_enqueue`). A
rolled-back transaction leaves no row and sends nothing. A failed delivery keeps the row
pending with exponential backoff (`delivery`); `manage.py send_pending_mail` (run by
`run_periodic`) retries due rows. See docs/notifications.md.
"""

from __future__ import annotations

import functools
import logging
import time
from datetime import timedelta
from functools import partial
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.tasks import send_due_email, send_outgoing_email

logger = logging.getLogger(__name__)

# Mail comes in bursts (a thousand notices from one sweep, a confirmation letter per signature in a
# petition surge). Where the task queue can run work later (the database queue can; the tests'
# immediate backend cannot), the first e-mail of each MAIL_BATCH_SECONDS window enqueues one
# `send_due_email` task that runs when the window has closed (plus a margin for clocks), so it finds
# every e-mail committed inside the window: one task row per second instead of one per e-mail. A
# cache key (Redis in production, shared by every process) marks the window.
MAIL_BATCH_SECONDS = 1
MAIL_BATCH_MARGIN = timedelta(milliseconds=500)
MAIL_BATCH_KEY = "notifications:mail-batch"
# What a process learns from the cache key it keeps for itself, so that in a surge it asks the cache
# about once per window instead of once per e-mail: after its own `add` a task runs at
# now + window + margin; after a refused `add` (another process's window is open, opened less than
# a window ago) a task runs no earlier than now + margin. Until shortly before that moment, e-mail
# committed now is covered by that task. MAIL_BATCH_SAFETY keeps this process's estimate clear of
# the clocks of other app servers and the task worker; a wrong estimate delays an e-mail to the
# next task or the periodic sender, never loses it (the row is committed and pending).
MAIL_BATCH_SAFETY = timedelta(milliseconds=250)
_mail_window = {"covered_until": 0.0}


def _language_for(to: Any, language: str | None) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    for candidate in (language, getattr(to, "preferred_language", None), settings.LANGUAGE_CODE):
        if candidate and candidate in known:
            return candidate
    return str(settings.LANGUAGE_CODE)


def notify(
    *,
    to: Any,
    template: str,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    varying: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Queue one e-mail. Call it inside the service's transaction; it is sent after commit.

    `varying` names context values that differ from one e-mail to the next while the rest repeats
    (a personal link, in a burst of thousands a second): the templates are then
    rendered once per language and repeating context, and each e-mail's values are put in place,
    escaped where the template escapes them. The text is the same as a full render (a test holds it
    so) provided the templates print those values plainly, as `{{ name }}`, without filters. The
    repeating context must be hashable: it keys that in-process cache."""
    email = compose(to=to, template=template, context=context, language=language, varying=varying, headers=headers)
    _insert(email)
    transaction.on_commit(partial(_enqueue, email.pk))
    return email


def compose(
    *,
    to: Any,
    template: str,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    varying: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """The e-mail `notify` would queue, rendered and not yet saved. For a caller that writes the
    outbox row in its own statement (`outbox_row`) and then calls `email_committed`."""
    address = to if isinstance(to, str) else to.email
    lang = _language_for(to, language)
    ctx = {"SITE_URL": settings.SITE_URL, **(context or {})}
    if varying:
        fixed = tuple(sorted((k, v) for k, v in ctx.items() if k not in varying))
        subject, body = _render_with_slots(template, lang, fixed, tuple(sorted(varying)))
        for name in varying:
            value = str(ctx[name])
            for slot, text in ((_slot(name, escaped=True), escape(value)), (_slot(name, escaped=False), value)):
                subject, body = subject.replace(slot, text), body.replace(slot, text)
    else:
        subject, body = _render(template, lang, ctx)
    return OutgoingEmail(to_address=address, language=lang, subject=subject[:255], body=body, headers=headers or {})


class OutboxRow(NamedTuple):
    """The INSERT that stores an e-mail, in parts, for a caller's own statement."""

    table: str
    columns: tuple[str, ...]
    typed: tuple[str, ...]  # one `CAST(%s AS <type>)` per column, for a SELECT list
    values: list[Any]


def outbox_row(email: OutgoingEmail, connection: Any) -> OutboxRow:
    """Table, columns and values of the INSERT that stores `email`. `typed` are the placeholders a
    caller needs in `INSERT … SELECT`, where PostgreSQL cannot infer a parameter's type from the column
    it goes into."""
    fields = [f for f in OutgoingEmail._meta.concrete_fields if not f.primary_key]
    return OutboxRow(
        table=OutgoingEmail._meta.db_table,
        columns=tuple(str(f.column) for f in fields),
        typed=tuple(f"CAST(%s AS {f.db_type(connection)})" for f in fields),
        values=[f.get_db_prep_save(f.pre_save(email, True), connection) for f in fields],
    )


def email_committed(email_id: int) -> None:
    """The outbox row `email_id` is committed: have it sent (what `notify` does after commit)."""
    _enqueue(email_id)


def _render(template: str, lang: str, ctx: dict[str, Any]) -> tuple[str, str]:
    with translation.override(lang):
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        body = render_to_string(f"{template}_body.txt", ctx)
    return subject, body


def _slot(name: str, *, escaped: bool) -> str:
    """Where a varying value goes, as it comes out of the render: the probe `\x00name&\x00` shows
    whether the template escaped it there (`&amp;`) or not (`{% autoescape off %}`)."""
    return f"\x00{name}&amp;\x00" if escaped else f"\x00{name}&\x00"


@functools.lru_cache(maxsize=512)
def _render_with_slots(
    template: str, lang: str, fixed: tuple[tuple[str, Any], ...], varying: tuple[str, ...]
) -> tuple[str, str]:
    return _render(template, lang, {**dict(fixed), **{name: _slot(name, escaped=False) for name in varying}})


def _insert(email: OutgoingEmail) -> None:
    """What `save(force_insert=True)` does for this model (no signals are connected to it),
    as one `INSERT … RETURNING id` without the ORM's query compilation: on a hot e-mail path
    that compilation cost more CPU than the statement."""
    alias = router.db_for_write(OutgoingEmail, instance=email)
    connection = connections[alias]
    row = outbox_row(email, connection)
    # Table and column names come from model metadata; every value is a parameter.
    placeholders = ", ".join(["%s"] * len(row.columns))
    sql = f"INSERT INTO {row.table} ({', '.join(row.columns)}) VALUES ({placeholders}) RETURNING id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, row.values)
        email.pk = cursor.fetchone()[0]
    email._state.adding = False
    email._state.db = alias


def _enqueue(email_id: int) -> None:
    """After commit: have the e-mail sent by a task. Failing here delays the e-mail, never loses it:
    the row is committed and pending, and send_pending_mail (every minute) delivers it."""
    try:
        if send_due_email.get_backend().supports_defer:
            now = time.time()
            if now < _mail_window["covered_until"]:
                return  # this process knows a task is queued that runs after this row committed
            safety = MAIL_BATCH_SAFETY.total_seconds()
            if cache.add(MAIL_BATCH_KEY, email_id, timeout=MAIL_BATCH_SECONDS):
                run_after = timezone.now() + timedelta(seconds=MAIL_BATCH_SECONDS) + MAIL_BATCH_MARGIN
                send_due_email.using(run_after=run_after).enqueue()
                _mail_window["covered_until"] = now + MAIL_BATCH_SECONDS + MAIL_BATCH_MARGIN.total_seconds() - safety
            else:  # this window's task is queued and will find this row
                _mail_window["covered_until"] = now + MAIL_BATCH_MARGIN.total_seconds() - safety
            return
        send_outgoing_email.enqueue(email_id)
    except Exception:
        logger.exception("could not enqueue email #%s; the periodic sender will pick it up", email_id)


def forget_mail_window() -> None:
    """Forget what this process knows of the current mail window (for tests)."""
    _mail_window["covered_until"] = 0.0
