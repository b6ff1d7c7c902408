"""Delivery of the outbox: claim a due row, send it, record the outcome, back off on failure.

Run by the tasks in `tyndau.notifications.tasks` and by `manage.py send_pending_mail`; the services
module (`notify`) writes the rows and schedules those tasks after commit. So the imports go one way:
services → tasks → delivery.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone

from tyndau.notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Backoff after the n-th failed attempt: 1, 2, 4 … minutes, capped at 6 hours. With
# 20 attempts a row survives an SMTP outage of about three days before it is FAILED.
RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 6 * 3600
MAX_ATTEMPTS = 20
# How long a sender holds a claimed row; a sender that dies mid-way loses it after this
# (TYNDAU_MAIL_CLAIM_LEASE_SECONDS, default 600).
CLAIM_LEASE_DEFAULT_SECONDS = 600


def claim_lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "TYNDAU_MAIL_CLAIM_LEASE_SECONDS", CLAIM_LEASE_DEFAULT_SECONDS)))


def message_id(email: OutgoingEmail) -> str:
    """The same Message-ID on every attempt at one outbox row. A sender killed after the relay took the
    message but before the row was marked sent re-sends it after the lease; with the same Message-ID the
    receiving side recognises the repeat (docs/operations.md; tests/cluster/test_faults.py counts by it)."""
    domain = str(settings.DEFAULT_FROM_EMAIL).rsplit("@", 1)[-1].strip(" >") or "tyndau.invalid"
    return f"<outbox-{email.pk}.{int(email.created_at.timestamp())}@{domain}>"


MAIL_BATCH_LIMIT = 500  # per task run; a full run enqueues the next at once

Outcome = str  # "sent" | "retry" | "failed" | "skipped"


def outgoing_email_send_due(*, limit: int = MAIL_BATCH_LIMIT) -> dict[Outcome, int]:
    """Deliver every due pending e-mail, at most `limit`; the outcomes counted. Safe to run twice
    at once: each row is claimed before it is sent."""
    outcomes: dict[Outcome, int] = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}
    for email_id in due_email_ids(limit=limit):
        outcome = outgoing_email_send(email_id=email_id)
        outcomes[outcome] += 1
    return outcomes


def retry_delay(attempts: int) -> timedelta:
    """Delay before the next attempt after `attempts` failed ones (attempts >= 1)."""
    exponent = min(max(attempts - 1, 0), 30)
    return timedelta(seconds=min(RETRY_BASE_SECONDS * 2**exponent, RETRY_MAX_SECONDS))


def _describe_error(exc: BaseException) -> str:
    """Class name and SMTP code only: SMTP error texts may echo addresses."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({value[0] for value in exc.recipients.values()})
        return f"{type(exc).__name__} {codes}"
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:200]


def _claim(email_id: int) -> bool:
    """Conditional UPDATE: of two senders racing for the same row, exactly one gets it."""
    now = timezone.now()
    return (
        OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now).update(
            next_attempt_at=now + claim_lease(), attempts=F("attempts") + 1
        )
        == 1
    )


def outgoing_email_send(*, email_id: int) -> Outcome:
    """Deliver one pending e-mail if it is due and nobody else holds it. Safe to call twice."""
    if not _claim(email_id):
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_address],
        headers={
            **(email.headers or {}),
            "Content-Language": email.language,
            "Auto-Submitted": "auto-generated",
            "Message-ID": message_id(email),
        },
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:
        return _record_failure(email, exc)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    logger.info("email #%s sent (attempt %s)", email.pk, email.attempts)
    return "sent"


def _record_failure(email: OutgoingEmail, exc: BaseException) -> Outcome:
    error = _describe_error(exc)
    if email.attempts >= MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.FAILED, last_error=error)
        logger.error("email #%s FAILED after %s attempts: %s", email.pk, email.attempts, error)
        return "failed"
    next_at = timezone.now() + retry_delay(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=next_at, last_error=error)
    logger.warning("email #%s attempt %s failed (%s); retry at %s", email.pk, email.attempts, error, next_at)
    return "retry"


def due_email_ids(*, limit: int = 500) -> list[int]:
    return list(
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
