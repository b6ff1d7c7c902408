"""Thin tasks: they call services."""

from __future__ import annotations

from django_tasks import task

from tyndau.notifications.delivery import MAIL_BATCH_LIMIT, outgoing_email_send, outgoing_email_send_due


@task()
def send_outgoing_email(email_id: int) -> str:
    """Deliver one outbox row (enqueued by `notify` after commit where tasks run at once, as in
    tests). A failure stays pending for a retry."""
    return outgoing_email_send(email_id=email_id)


@task()
def send_due_email() -> dict[str, int]:
    """Deliver every due outbox row: the one task of a second's e-mails (`notify` enqueues it).
    A full batch means more are waiting: the next batch is enqueued at once."""
    outcomes = outgoing_email_send_due(limit=MAIL_BATCH_LIMIT)
    if sum(outcomes.values()) >= MAIL_BATCH_LIMIT:
        send_due_email.enqueue()
    return outcomes
