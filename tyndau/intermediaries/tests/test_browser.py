"""Browser flow in Chromium (Playwright), in Russian (with and without JavaScript) and Kazakh (without): an
accredited volunteer helps a present citizen — code to the citizen's own e-mail, consent confirmed, an appeal
filed in the citizen's name — and the citizen finds it in their account and withdraws the consent.

Labels are looked up in the catalogues of the language under test, so the test reads what a person reads."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import labels_in
from tyndau.appeals.models import Appeal, Kind
from tyndau.intermediaries.models import HelpConsent
from tyndau.intermediaries.tests.conftest import CITIZEN_IIN, code_from_outbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MESSAGES = {
    "iin": "Citizen's IIN",
    "email": "To the e-mail address of the citizen's account",
    "share": "The citizen allows me to see the answers to what I file for them",
    "send_code": "Send the code",
    "helping": "Helping a citizen",
    "code": "Code the citizen received",
    "confirm": "Confirm consent",
    "file": "File an appeal",
    "send_appeal": "Send the appeal",
    "withdraw": "Withdraw consent",
    "registered": "The appeal %(number)s is registered in the citizen's account. The citizen gets the receipt.",
}


@pytest.mark.parametrize(("lang", "js"), [("ru", False), ("ru", True), ("kk", False)])
def test_volunteer_files_an_appeal_for_a_present_citizen(
    new_context: Any,
    shared_live_server: Any,
    cast: Any,
    helper: Any,
    citizen: Any,
    category: Any,
    lang: str,
    js: bool,
) -> None:
    text = labels_in(lang, MESSAGES, kind=Kind.APPLICATION)
    page = new_context(user=helper, base_url=shared_live_server.url, java_script_enabled=js).new_page()
    page.goto(f"/{lang}/intermediaries/")
    page.get_by_label(text["iin"]).fill(CITIZEN_IIN)
    page.locator("label", has_text=text["email"]).click()
    page.locator("label", has_text=text["share"]).click()
    page.get_by_role("button", name=text["send_code"], exact=True).click()
    assert page.locator("h1").inner_text() == text["helping"]
    assert page.get_by_text("c***@e***").is_visible()
    assert page.get_by_text("citizen@example.kz").count() == 0

    page.get_by_label(text["code"]).fill(code_from_outbox())
    page.get_by_role("button", name=text["confirm"], exact=True).click()
    page.get_by_role("link", name=text["file"], exact=True).click()
    page.locator("label", has_text=text["kind"]).first.click()
    page.locator("#id_region").select_option(str(cast.region.pk))
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_body").select_option(str(cast.body_a.pk))
    page.locator("#id_subject").fill("Не работает фонарь")
    page.locator("#id_text").fill("Фонарь во дворе не горит уже месяц, темно и опасно.")
    page.get_by_role("button", name=text["send_appeal"]).click()
    appeal = Appeal.objects.get()
    assert appeal.applicant == citizen
    assert page.get_by_text(text["registered"] % {"number": appeal.number}, exact=True).is_visible()

    own = new_context(user=citizen, base_url=shared_live_server.url, java_script_enabled=js).new_page()
    own.goto(f"/{lang}/appeals/mine/")
    assert own.get_by_text(appeal.number).first.is_visible()
    own.goto(f"/{lang}/intermediaries/given/")
    assert own.get_by_text("Көмек қоғамы" if lang == "kk" else "Общество помощи").first.is_visible()
    own.get_by_role("button", name=text["withdraw"], exact=True).click()
    assert HelpConsent.objects.get().withdrawn_at is not None
