"""Following in Chromium (Playwright), as a reader would, in three languages, with and without JavaScript:
from a petition's page, ask to follow by e-mail, open the confirmation link from the e-mail, confirm,
open "what this address follows", switch to a daily digest and unfollow — with no account and no signature.

Labels are looked up in the catalogues of the language under test, so the test reads what a person reads."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.harness.browser import labels_in
from tyndau.following.models import Follow, FollowStatus, Frequency, Kind
from tyndau.following.services import address_hash
from tyndau.notifications.models import OutgoingEmail
from tyndau.petitions.tests.conftest import make_petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

READER = "reader@example.org"
MESSAGES = {
    "follow_link": "Follow by e-mail",
    "email": "Your e-mail address",
    "follow": "Follow",
    "check": "Check your e-mail",
    "confirm": "Confirm and start alerts",
    "following": "You are following it",
    "mine": "What this address follows",
    "digest": "Switch to a daily digest",
    "unfollow": "Unfollow",
}


def _path_of_link(body: str, part: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", body) if part in u)
    return urlsplit(url).path


@pytest.mark.parametrize(("lang", "js"), [("ru", True), ("kk", False), ("en", False)])
def test_a_reader_follows_a_petition_confirms_from_the_email_and_unfollows(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, js: bool
) -> None:
    text = labels_in(lang, MESSAGES, daily=Frequency.DAILY, immediate=Frequency.IMMEDIATE)
    cast.body_a.population = 60_000  # a body of this size receives petitions
    cast.body_a.save(update_fields=["population"])
    petition = make_petition(cast, status="open")
    page = new_context(base_url=shared_live_server.url, java_script_enabled=js).new_page()
    page.goto(f"/{lang}/petitions/{petition.pk}/")
    page.get_by_role("link", name=text["follow_link"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == text["follow_link"]

    # A mistyped address is refused with a message and nothing typed is lost.
    page.get_by_label(text["email"]).fill("reader@")
    page.get_by_role("button", name=text["follow"], exact=True).click()
    assert page.locator(".usa-error-message").count() >= 1
    assert page.get_by_label(text["email"]).input_value() == "reader@"
    assert not Follow.objects.exists()

    page.get_by_label(text["email"]).fill(READER)
    page.get_by_label(text["immediate"]).check()
    page.get_by_role("button", name=text["follow"], exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == text["check"]
    follow = Follow.objects.get(email_hash=address_hash(READER))
    assert (follow.kind, follow.target_id, follow.status) == (Kind.PETITION, str(petition.pk), FollowStatus.PENDING)

    letter = OutgoingEmail.objects.filter(to_address=READER).order_by("-pk").first()
    assert letter is not None
    page.goto(_path_of_link(letter.body, "/following/confirm/"))
    follow.refresh_from_db()
    assert follow.status == FollowStatus.PENDING  # opening the link (a mail scanner would) confirms nothing
    page.get_by_role("button", name=text["confirm"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == text["following"]
    assert page.get_by_role("link", name=petition.title).count() == 1
    follow.refresh_from_db()
    assert follow.status == FollowStatus.ACTIVE

    page.get_by_role("link", name=text["mine"]).click()
    row = page.get_by_role("row").filter(has_text=petition.title)
    assert text["immediate"] in row.inner_text()
    row.get_by_role("button", name=text["digest"]).click()
    row = page.get_by_role("row").filter(has_text=petition.title)
    assert text["daily"] in row.inner_text()
    follow.refresh_from_db()
    assert follow.frequency == Frequency.DAILY
    row.get_by_role("button", name=text["unfollow"]).click()
    follow.refresh_from_db()
    assert follow.status != FollowStatus.ACTIVE
    assert READER not in page.content()  # the address is never shown back on a page
