"""A refusal and the complaint against it, through the pages in Chromium (Playwright) — Kazakh and English
without JavaScript, Russian with it. The akimat's official finds the request from the cabinet, refuses
without a ground (explained, the reasons kept) and then with one; the organiser complains to the higher
body; the higher body's official finds the complaint from the cabinet and upholds it; the organiser's
page shows the outcome. Only the notification itself goes through the services."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cast import make_user
from tests.harness.browser import labels_in
from tyndau.accounts.models import Membership, Role
from tyndau.assemblies import services
from tyndau.assemblies.models import Challenge, Status
from tyndau.assemblies.tests.conftest import at, valid_iin, verify
from tyndau.core.calendar import local_today, working_days_after

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REASONS = "The square is closed for repairs on that day (decision of the akimat No. 12)."
COMPLAINT = "The repairs end the day before; the square is open, as the akimat's own schedule shows."


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_refuse_with_a_ground_complain_and_the_higher_body_upholds(
    new_context: Any, shared_live_server: Any, cast: Any, grounds: Any, lang: str, javascript: bool
) -> None:
    text = labels_in(lang, {}, upheld=Challenge.Outcome.UPHELD)
    organiser = verify(cast.citizen, valid_iin("85031540001"))
    higher = make_user(f"higher.assemblies.{lang}@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body, position="Specialist")
    day = working_days_after(local_today(), 12)
    assembly = services.assembly_notify(
        actor=organiser,
        idempotency_key=f"5c7e0a52-0000-4000-8000-00000000000{['kk', 'ru', 'en'].index(lang)}",
        form="rally",
        akimat=cast.body_a,
        purpose="For clean air in the city",
        place_description="Central square",
        starts_at=at(day, 11),
        ends_at=at(day, 13),
        expected_participants=200,
        steward_name="Steward Person",
        steward_phone="+77017654321",
    )
    url = shared_live_server.url
    akimat = new_context(user=cast.official_a, base_url=url, java_script_enabled=javascript).new_page()
    own = new_context(user=organiser, base_url=url, java_script_enabled=javascript).new_page()
    decider = new_context(user=higher, base_url=url, java_script_enabled=javascript).new_page()

    akimat.goto(f"/{lang}/accounts/")
    akimat.locator(f"main a[href='/{lang}/assemblies/queue/{cast.body_a.pk}/']").click()
    akimat.get_by_role("link", name=assembly.number).first.click()
    akimat.wait_for_url(f"**/assemblies/a/{assembly.number}/")
    akimat.locator(f"main a[href$='/assemblies/a/{assembly.number}/refuse/']").click()
    akimat.locator("#id_reasons").fill(REASONS)
    akimat.locator("main form button[type=submit]").click()  # no ground ticked: explained, reasons kept
    assert akimat.locator("#id_reasons").input_value() == REASONS
    assembly.refresh_from_db()
    assert assembly.status == Status.SUBMITTED
    ground = next(iter(grounds.values()))
    box = akimat.locator(f"input[name=legal_grounds][value='{ground.pk}']").get_attribute("id")
    akimat.locator(f"label[for={box}]").click()
    akimat.locator("main form button[type=submit]").click()
    akimat.wait_for_url(f"**/assemblies/a/{assembly.number}/")
    assembly.refresh_from_db()
    assert assembly.status == Status.REFUSED

    own.goto(f"/{lang}/assemblies/a/{assembly.number}/")
    own.locator(f"main a[href$='/assemblies/a/{assembly.number}/challenge/']").click()
    own.locator("#id_text").fill(COMPLAINT)
    own.locator("main form button[type=submit]").click()
    own.wait_for_url(f"**/assemblies/a/{assembly.number}/")
    challenge = Challenge.objects.get(assembly=assembly)
    assert challenge.state == Challenge.State.FILED and challenge.higher_body == cast.higher_body

    decider.goto(f"/{lang}/accounts/")
    decider.locator(f"main a[href='/{lang}/assemblies/challenges/']").click()
    decider.get_by_role("link", name=assembly.number).click()
    decider.wait_for_url(f"**/assemblies/challenges/{challenge.pk}/")
    radio = decider.locator("input[name=outcome][value=upheld]").get_attribute("id")
    decider.locator(f"label[for={radio}]").click()
    decider.locator("#id_text").fill("The square is open on that day; the refusal has no basis.")
    decider.locator("main form button[type=submit]").click()
    decider.wait_for_url("**/assemblies/challenges/")
    challenge.refresh_from_db()
    assert challenge.state != Challenge.State.FILED and challenge.outcome == Challenge.Outcome.UPHELD

    own.goto(f"/{lang}/assemblies/a/{assembly.number}/")
    assert own.get_by_text(text["upheld"]).first.is_visible()
