"""A rejected petition and the second try, through the pages in Chromium (Playwright) — Kazakh and English
without JavaScript, Russian with it: the moderator starts from the cabinet, rejects without a ground
(explained, the explanation kept) and then with one; the creator reads the ground and the explanation on
the petition's page, makes a new draft from it, corrects it and sends it to moderation again."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tyndau.petitions.models import Petition

from .conftest import make_petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NOTE = "The request names no body that can act on it; say which akimat should build the crossing."


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_reject_with_a_ground_then_correct_and_resubmit(
    new_context: Any, shared_live_server: Any, pcast: Any, lang: str, javascript: bool
) -> None:
    petition = make_petition(pcast, status="moderation", title=f"A crossing by school 12 ({lang})")
    url = shared_live_server.url
    moderator = new_context(user=pcast.moderator, base_url=url, java_script_enabled=javascript).new_page()
    creator = new_context(user=pcast.citizen, base_url=url, java_script_enabled=javascript).new_page()

    moderator.goto(f"/{lang}/accounts/")
    moderator.locator(f"main a[href='/{lang}/petitions/moderation/']").click()
    moderator.locator(f"main a[href$='/petitions/{petition.pk}/moderate/']").first.click()
    moderator.locator("#id_note").fill(NOTE)
    moderator.locator("#id_ground").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    assert moderator.locator("#id_note").input_value() == NOTE  # no ground chosen: explained, note kept
    assert moderator.locator(".usa-error-message, .usa-alert--error").count() >= 1
    petition.refresh_from_db()
    assert petition.status == "moderation"
    choice = moderator.locator("#id_ground option").nth(1).get_attribute("value")
    moderator.locator("#id_ground").select_option(choice)
    moderator.locator("#id_ground").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    moderator.wait_for_url(re.compile(rf"/{lang}/petitions/moderation/$"))
    petition.refresh_from_db()
    assert petition.status == "rejected"

    creator.goto(f"/{lang}/petitions/{petition.pk}/")
    assert creator.get_by_text(NOTE).first.is_visible()
    creator.locator(f"form[action$='/petitions/{petition.pk}/resubmit/'] button[type=submit]").click()
    creator.wait_for_url(re.compile(r"/petitions/\d+/draft/$"))
    new = Petition.objects.exclude(pk=petition.pk).get(creator=pcast.citizen, status="draft")
    creator.locator("#id_request_text").fill(
        "Please build a safe crossing by school number 12; the akimat of the district is the body to act."
    )
    creator.locator("main form.usa-form button[type=submit]:not([name])").first.click()
    creator.wait_for_url(re.compile(r"/petitions/\d+/draft/$"))
    creator.locator("form[action$='/submit/'] button").click()
    creator.wait_for_url(re.compile(rf"/petitions/{new.pk}/$"))
    new.refresh_from_db()
    assert new.status == "moderation" and "the akimat of the district" in new.request_text
