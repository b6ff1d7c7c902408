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
