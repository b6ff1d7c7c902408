"""Outgoing mail a person can cause is limited per account and per recipient (one mechanism,
tyndau.notifications.limits): co-signer invitations, appeal filing, petition drafting, password
resets. Before: 50 invitations with the citizen's text to arbitrary addresses, 15 resets to one
address in 2 s, unlimited filing and drafting."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tyndau.appeals.models import Appeal, CoSigner
from tyndau.appeals.tests.test_views import _form
from tyndau.notifications.limits import MailLimitReached

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db: Any) -> Any:
    from tyndau.authorities.models import Category

    return Category.objects.order_by("pk").first()


def file(cast: Any, category: Any, cosigners: list[str] = ()) -> Any:  # type: ignore[assignment]
    from tyndau.appeals.services import appeal_file

    return appeal_file(
        actor=cast.citizen,
        idempotency_key=uuid.uuid4(),
        kind="application",
        region=cast.region,
        category=category,
        body=cast.body_a,
        subject="Broken streetlight",
        text="The streetlight is broken.",
        cosigner_emails=cosigners,
    )


def test_fifty_cosigner_invitations_are_refused_with_a_translated_message_and_the_form_kept(client, cast, category):
    client.force_login(cast.citizen)
    emails = "\n".join(f"person{i}@example.org" for i in range(50))
    data = _form(cast, category, cosigners=emails, text="Please repair the bridge in our village.")
    with translation.override("ru"):  # restores the test thread's language afterwards
        response = client.post("/ru/appeals/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override("ru"):
        russian = str(MailLimitReached.default_message)
    assert escape(russian) in page
    with translation.override("en"):
        assert russian != str(MailLimitReached.default_message)  # a real translation, not the English text
    assert "Please repair the bridge in our village." in page
    assert not Appeal.objects.exists() and not CoSigner.objects.exists()


def test_one_recipient_is_invited_a_few_times_a_day_at_most(cast, category):
    for _ in range(3):
        file(cast, category, cosigners=["neighbour@example.org"])
    with pytest.raises(MailLimitReached):
        file(cast, category, cosigners=["neighbour@example.org"])
    file(cast, category, cosigners=["someone.else@example.org"])  # others are not affected
    assert CoSigner.objects.filter(email="neighbour@example.org").count() == 3


def test_appeal_filing_is_limited_per_account(cast, category, settings):
    settings.TYNDAU_MAIL_LIMITS = {"appeal_filed": {"account": 2}}
    file(cast, category)
    file(cast, category)
    with pytest.raises(MailLimitReached):
        file(cast, category)
    assert Appeal.objects.count() == 2


def test_petition_drafting_is_limited_per_account(cast, settings):
    from tyndau.petitions import services

    settings.TYNDAU_MAIL_LIMITS = {"petition_draft": {"account": 1}}
    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])

    def draft() -> Any:
        return services.petition_create_draft(
            actor=cast.citizen,
            title="A footbridge",
            request_text="Build it. " * 5,
            background="",
            addressee=cast.body_a,
        )

    draft()
    with pytest.raises(MailLimitReached):
        draft()


def test_fifteen_password_resets_to_one_address_send_three_letters(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(15):
            response = client.post(reverse("accounts:password_reset"), {"email": "citizen@example.kz"})
            assert response.status_code == 302  # the same answer every time
    assert len(mailoutbox) == 3
