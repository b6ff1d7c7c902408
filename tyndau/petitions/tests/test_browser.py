"""Drafting, signing and confirming in Chromium (JavaScript on for drafting, off for signing)."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.core.cache import cache

from tests.harness.browser import assert_no_axe_violations
from tyndau.notifications.models import OutgoingEmail
from tyndau.petitions import services
from tyndau.petitions.models import Petition

from .conftest import make_iin, make_petition, sign_confirmed

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Playwright's sync API keeps an event loop in the test thread; the ORM calls here (and the
# session-scoped test database set-up) are ordinary sync code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_citizen_drafts_sees_similar_and_submits(new_context: Any, shared_live_server: Any, pcast: Any) -> None:
    existing = make_petition(pcast, status="open", title="Build a footbridge over the river")
    sign_confirmed(existing, 50)
    services.recount_signatures()
    page = new_context(user=pcast.citizen, base_url=shared_live_server.url).new_page()
    page.goto(f"/kk/petitions/{existing.pk}/sign/")
    assert_no_axe_violations(page)
    page.goto(f"/kk/petitions/{existing.pk}/")
    assert_no_axe_violations(page)
    page.goto("/kk/petitions/new/")
    assert_no_axe_violations(page)
    page.locator("#id_title").press_sequentially("A second footbridge for school 12", delay=5)
    page.locator("#similar-petitions").get_by_text(existing.title).wait_for()  # HTMX suggestion while typing
    page.fill("#id_request_text", "Please build a second safe footbridge near school number 12 for the children.")
    page.select_option("#id_addressee", str(pcast.body_a.pk))
    page.locator("form.usa-form button[type=submit]:not([name])").click()
    page.wait_for_url(re.compile(r"/petitions/\d+/draft/$"))
    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_url(re.compile(r"/petitions/\d+/$"))
    assert page.locator("h1").inner_text() == "A second footbridge for school 12"
    draft = Petition.objects.get(title="A second footbridge for school 12")
    assert draft.status == "moderation"


def test_signing_and_confirming_without_javascript(new_context: Any, shared_live_server: Any, pcast: Any) -> None:
    petition = make_petition(pcast, status="open")
    page = new_context(base_url=shared_live_server.url, java_script_enabled=False).new_page()
    page.goto(f"/kk/petitions/{petition.pk}/")
    page.locator(f"a[href$='/petitions/{petition.pk}/sign/']").click()
    page.fill("#id_first_name", "Айгүл")
    page.fill("#id_last_name", "Серікова")
    page.fill("#id_iin", "123")  # a mistake first: the form comes back with what was typed
    page.fill("#id_email", "aigul@example.kz")
    page.select_option("#id_region", str(pcast.region.pk))
    page.locator("main form button[type=submit]").click()
    assert page.locator(".usa-error-message").count() >= 1
    assert page.input_value("#id_first_name") == "Айгүл"
    page.fill("#id_iin", make_iin(7))
    page.locator("label[for=id_show_name]").click()  # consent to show the first name and initial
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sign/sent/$"))
    # The confirmation e-mail waits in the durable outbox (sent after commit; tests never commit).
    body = OutgoingEmail.objects.order_by("-pk").values_list("body", flat=True).first() or ""
    link = next(line for line in body.splitlines() if "/confirm/" in line).strip()
    page.goto(link.replace("http://127.0.0.1:8000", shared_live_server.url))
    assert page.locator("h1").count() == 1
    services.recount_signatures()
    petition.refresh_from_db()
    assert petition.signature_count == 1
    cache.clear()  # the public page is cached for the counting interval
    page.goto(f"/kk/petitions/{petition.pk}/")
    assert "Айгүл С." in page.content() and "Серікова" not in page.content()


def test_moderation_to_response_in_three_languages(new_context: Any, shared_live_server: Any, pcast: Any) -> None:
    """The rest of the way in the browser: a moderator approves (in Russian), the threshold forwards it,
    the body's official publishes the response (in English), and a reader who came in English switches
    to Kazakh with the language link and reads the response there."""
    petition = make_petition(pcast, status="moderation")
    moderator = new_context(user=pcast.moderator, base_url=shared_live_server.url).new_page()
    moderator.goto(f"/ru/petitions/{petition.pk}/moderate/")
    assert moderator.locator("html").get_attribute("lang") == "ru"
    assert_no_axe_violations(moderator)
    moderator.locator(f"form[action$='/petitions/{petition.pk}/approve/'] button").click()
    moderator.wait_for_url(re.compile(r"/ru/petitions/moderation/$"))
    assert "Петиция одобрена" in moderator.locator(".usa-alert").first.inner_text()
    petition.refresh_from_db()
    assert petition.status == "open"

    sign_confirmed(petition, petition.threshold)  # body A: a district town over 50,000 — 2,500
    services.recount_signatures()
    petition.refresh_from_db()
    assert petition.status == "forwarded" and petition.response_due is not None

    official = new_context(user=pcast.official_a, base_url=shared_live_server.url).new_page()
    cache.clear()  # the public page is cached for the counting interval
    official.goto(f"/en/petitions/{petition.pk}/")
    official.get_by_role("link", name="Publish the response").click()
    official.wait_for_url(re.compile(rf"/en/petitions/{petition.pk}/respond/$"))
    assert_no_axe_violations(official)
    official.locator("label[for=id_outcome_0]").click()  # granted
    text = "The akimat will build the footbridge next spring; the design is approved and funded."
    official.fill("#id_text", text)
    official.get_by_role("button", name="Publish").click()
    official.wait_for_url(re.compile(rf"/en/petitions/{petition.pk}/$"))
    petition.refresh_from_db()
    assert petition.status == "responded" and petition.response_text == text

    cache.clear()
    reader = new_context(base_url=shared_live_server.url, java_script_enabled=False).new_page()
    reader.goto(f"/en/petitions/{petition.pk}/")
    assert text in reader.content()
    reader.locator("a[hreflang=kk]").click()
    reader.wait_for_url(re.compile(rf"/kk/petitions/{petition.pk}/$"))
    assert reader.locator("html").get_attribute("lang") == "kk"
    assert reader.locator("a[hreflang=kk]").get_attribute("aria-current") == "page"
    assert text in reader.content()
    assert reader.context.cookies() == []  # a reader gets no cookie
