"""One real SMTP conversation: an outage first (nothing listening), then a local aiosmtpd server."""

from __future__ import annotations

import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import notify


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db
def test_mail_survives_an_smtp_outage_and_reaches_a_real_server(settings, django_capture_on_commit_callbacks):
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_TIMEOUT = 5

    with django_capture_on_commit_callbacks(execute=True):
        outgoing = notify(to="citizen@example.kz", template="notifications/email/test", language="ru")
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (OutgoingEmail.Status.PENDING, 1)
    assert outgoing.last_error == "ConnectionRefusedError"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        OutgoingEmail.objects.filter(pk=outgoing.pk).update(next_attempt_at=timezone.now())  # the backoff is over
        call_command("send_pending_mail")
    finally:
        controller.stop()

    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (OutgoingEmail.Status.SENT, 2)
    assert len(inbox.messages) == 1
    recipients, raw = inbox.messages[0]
    assert recipients == ["citizen@example.kz"]
    message = email.message_from_bytes(raw)
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject == "Tyndau: тестовое письмо"
    assert message["Content-Language"] == "ru"
