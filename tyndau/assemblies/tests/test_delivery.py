"""The delivery record: the outbox's sent time of each reply e-mail, on the organiser's timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tyndau.assemblies import services
from tyndau.assemblies.tests.conftest import WEDNESDAY
from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_reply_delivery_time_on_the_timeline(at_wednesday: Any, notify: Any, cast: Any) -> None:
    assembly = notify()
    services.assembly_accept(actor=cast.official_a, assembly=assembly)
    decision = assembly.decisions.get()
    assert decision.email is not None and decision.email.sent_at is None
    client = Client()
    client.force_login(assembly.organiser)
    url = f"/en/assemblies/a/{assembly.number}/"
    assert "delivered to you by e-mail" not in client.get(url).content.decode()
    sent = WEDNESDAY + dt.timedelta(minutes=3)
    OutgoingEmail.objects.filter(pk=decision.email_id).update(sent_at=sent)
    page = client.get(url).content.decode()
    assert "reply delivered to you by e-mail" in page
    assert 'datetime="2026-03-04T10:03:00+0500"' in page
