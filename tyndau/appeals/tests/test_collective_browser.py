"""A collective appeal through the pages in Chromium (Playwright) — Kazakh and English without JavaScript,
Russian with it: the applicant names co-signers on the filing form (a mistyped address is explained and
everything typed is kept), each co-signer gets a link by e-mail, opens it without signing in, sees what
they are asked to sign (subject, body, date — not the text or the applicant), and co-signs once; the
applicant's page shows who has confirmed."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tyndau.appeals.models import Appeal, CoSigner
from tyndau.notifications.models import OutgoingEmail

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SUBJECT = "Двор без освещения"
TEXT = "Во дворе дома 5 по улице Абая месяц не горят фонари; просим восстановить освещение."


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_file_a_collective_appeal_and_a_neighbour_co_signs(
    new_context: Any, shared_live_server: Any, cast: Any, category: Any, lang: str, javascript: bool
) -> None:
    url = shared_live_server.url
    page = new_context(user=cast.citizen, base_url=url, java_script_enabled=javascript).new_page()
    page.goto(f"/{lang}/appeals/new/")
    radio = page.locator("input[name=kind][value=application]").get_attribute("id")
    page.locator(f"label[for={radio}]").click()
    page.locator("#id_region").select_option(str(cast.region.pk))
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_body").select_option(str(cast.body_a.pk))
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_text").fill(TEXT)
    page.locator("#id_cosigners").fill("neighbour@example.kz\nnot an address")
    page.locator("main form button[type=submit]:not([name])").last.click()
    assert page.locator("#id_subject").input_value() == SUBJECT  # kept, with the address named
    assert "not an address" in page.locator("main").inner_text()
    assert not Appeal.objects.exists()
    page.locator("#id_cosigners").fill("neighbour@example.kz")
    page.locator("main form button[type=submit]:not([name])").last.click()
    appeal = Appeal.objects.get()
    page.wait_for_url(f"**/appeals/a/{appeal.number}/receipt/")

    letter = OutgoingEmail.objects.get(to_address="neighbour@example.kz")
    link = re.search(r"https?://[^/\s]+(/\S+/appeals/cosign/\S+/)", letter.body)
    assert link, letter.body
    neighbour = new_context(base_url=url, java_script_enabled=javascript).new_page()
    neighbour.goto(re.sub(r"^/[a-z]{2}/", f"/{lang}/", link.group(1)))
    main = neighbour.locator("main").inner_text()
    assert SUBJECT in main and getattr(cast.body_a, f"name_{lang}") in main
    assert TEXT not in main and cast.citizen.email not in main and "Серікова" not in main
    neighbour.locator("main form button[type=submit]").click()
    assert neighbour.locator("main form").count() == 0  # confirmed: nothing left to press
    assert CoSigner.objects.get(appeal=appeal).confirmed_at is not None

    page.goto(f"/{lang}/appeals/a/{appeal.number}/")
    assert "neighbour@example.kz" in page.locator("main").inner_text()
