"""A request with a co-organiser through the pages in Chromium (Playwright) — Kazakh and English without
JavaScript, Russian with it: the organiser names a co-organiser by IIN on the form; submitting before the
co-organiser confirms is refused; the co-organiser confirms from their own invitations page; the
organiser, having left, finds the waiting request under "My assemblies" and submits it."""

from __future__ import annotations

from typing import Any

import pytest

from tyndau.assemblies.models import Assembly, AssemblyDraft
from tyndau.assemblies.tests.conftest import valid_iin, verify
from tyndau.core.calendar import local_today, working_days_after

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_a_co_organiser_confirms_and_the_organiser_submits(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, javascript: bool
) -> None:
    organiser = verify(cast.citizen, valid_iin("85031540001"))
    verify(cast.other_citizen, valid_iin("90010130001"))
    day = working_days_after(local_today(), 12)
    url = shared_live_server.url
    own = new_context(user=organiser, base_url=url, java_script_enabled=javascript).new_page()
    co = new_context(user=cast.other_citizen, base_url=url, java_script_enabled=javascript).new_page()

    own.goto(f"/{lang}/assemblies/new/")
    radio = own.locator("input[name=form][value=rally]").get_attribute("id")
    own.locator(f"label[for={radio}]").click()
    own.locator("#id_akimat").select_option(str(cast.body_a.pk))
    own.locator("#id_purpose").fill("Clean air together")
    own.locator("#id_place_description").fill("Central square")
    own.locator("#id_date").fill(day.isoformat())
    own.locator("#id_start_time").fill("11:00")
    own.locator("#id_end_time").fill("13:00")
    own.locator("#id_expected_participants").fill("200")
    own.locator("#id_steward_name").fill("Steward Person")
    own.locator("#id_steward_phone").fill("+7 701 765 43 21")
    own.locator("#id_co_organisers").fill(valid_iin("90010130001"))
    own.locator("main form button[type=submit]").last.click()
    draft = AssemblyDraft.objects.get()
    own.wait_for_url(f"**/assemblies/drafts/{draft.key}/")
    assert valid_iin("90010130001") not in own.content()  # masked
    own.locator("main form button[type=submit]").click()  # not yet confirmed: refused
    assert not Assembly.objects.exists()
    own.goto(f"/{lang}/")  # the organiser leaves

    co.goto(f"/{lang}/assemblies/")
    co.locator(f"main a[href='/{lang}/assemblies/invitations/']").click()
    assert co.get_by_text("Clean air together").first.is_visible()
    co.locator("main form button[type=submit]").first.click()
    co.wait_for_url("**/assemblies/invitations/")
    assert draft.co_organisers.get().confirmed_at is not None

    own.goto(f"/{lang}/accounts/")
    own.locator(f"main a[href='/{lang}/assemblies/mine/']").click()
    own.locator(f"main a[href='/{lang}/assemblies/drafts/{draft.key}/']").click()
    own.locator("main form button[type=submit]").click()
    assembly = Assembly.objects.get()
    own.wait_for_url(f"**/assemblies/a/{assembly.number}/receipt/")
    assert assembly.organiser == organiser
