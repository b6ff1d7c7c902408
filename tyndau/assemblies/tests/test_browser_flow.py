"""Browser flow in Chromium (Playwright), in English, Russian and Kazakh, with JavaScript enabled and disabled:
an organiser notifies of a rally, the akimat proposes another place, the organiser declines it, the akimat
lets the new reply term pass and the silence sweep holds the rally as notified — seen on the organiser's page.
Labels come from the catalogues (the same msgids the pages translate), so each language is its own check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.harness.browser import labels_in
from tyndau.assemblies import services
from tyndau.assemblies.models import Assembly, AssemblyForm, Status
from tyndau.assemblies.tests.conftest import valid_iin, verify
from tyndau.core.calendar import local_today, working_days_after

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MSGIDS = {
    "send": "Send",
    "propose": "Propose another place or time",
    "send_proposal": "Send the proposal",
    "proposal_sent": "The proposal is sent; the organiser accepts or declines it.",
    "decline": "Decline the proposal",
    "declined": "You declined the proposal. Your original request stands and the akimat must reply again.",
}


@pytest.mark.parametrize(
    ("lang", "js"),
    [("en", False), ("en", True), ("ru", True), ("kk", True)],
    ids=["en-nojs", "en-js", "ru-js", "kk-js"],
)
def test_notify_propose_decline_and_silence(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, js: bool
) -> None:
    text = labels_in(lang, MSGIDS, rally=AssemblyForm.RALLY, held_as_notified=Status.HELD_AS_NOTIFIED)
    organiser = verify(cast.citizen, valid_iin("85031540001"))
    day = working_days_after(local_today(), 12)
    base = shared_live_server.url
    page = new_context(user=organiser, base_url=base, java_script_enabled=js, locale=lang).new_page()
    page.goto(f"/{lang}/assemblies/new/")
    page.get_by_text(text["rally"], exact=True).click()  # the USWDS radio is drawn by its label
    assert page.locator("input[name=form][value=rally]").is_checked()
    page.locator("#id_akimat").select_option(str(cast.body_a.pk))
    page.locator("#id_purpose").fill("Clean air")
    page.locator("#id_place_description").fill("Central square")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("11:00")
    page.locator("#id_end_time").fill("13:00")
    page.locator("#id_expected_participants").fill("200")
    page.locator("#id_steward_name").fill("Steward Person")
    page.locator("#id_steward_phone").fill("+7 701 765 43 21")
    page.get_by_role("button", name=text["send"], exact=True).click()
    page.wait_for_url(f"**/{lang}/assemblies/a/*/receipt/")
    assembly = Assembly.objects.get()
    assert page.get_by_text(assembly.number).first.is_visible()

    official = new_context(user=cast.official_a, base_url=base, java_script_enabled=js, locale=lang).new_page()
    official.goto(f"/{lang}/assemblies/queue/{cast.body_a.pk}/")
    official.get_by_role("link", name=assembly.number).click()
    official.get_by_role("link", name=text["propose"]).click()
    official.locator("#id_place_description").fill("First President's Park")
    official.locator("#id_date").fill((day + dt.timedelta(days=1)).isoformat())
    official.locator("#id_start_time").fill("12:00")
    official.locator("#id_end_time").fill("14:00")
    official.locator("#id_reasons").fill("The square is under repair that day.")
    official.get_by_role("button", name=text["send_proposal"], exact=True).click()
    assert official.get_by_text(text["proposal_sent"]).is_visible()

    page.goto(f"/{lang}/assemblies/a/{assembly.number}/")
    page.get_by_role("button", name=text["decline"], exact=True).click()
    assert page.get_by_text(text["declined"]).is_visible()
    assembly.refresh_from_db()
    assert assembly.status == Status.SUBMITTED

    # The akimat lets the new term pass: the sweep (the periodic runner's job) holds it as notified.
    Assembly.objects.filter(pk=assembly.pk).update(reply_due=local_today() - dt.timedelta(days=1))
    assert services.sweep_assembly_deadlines().held_as_notified == 1
    page.goto(f"/{lang}/assemblies/a/{assembly.number}/")
    assert page.get_by_text(text["held_as_notified"]).first.is_visible()
