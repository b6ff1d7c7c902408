"""Thin tasks: they call services."""

from __future__ import annotations

from django_tasks import task

from tyndau.notifications.services import outgoing_email_send


@task()
def send_outgoing_email(email_id: int) -> str:
    """Deliver one outbox row (enqueued by `notify` after commit). A failure stays pending for a retry."""
    return outgoing_email_send(email_id=email_id)
