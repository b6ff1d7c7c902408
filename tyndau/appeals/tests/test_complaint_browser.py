"""A complaint through the pages in Chromium (Playwright) — Kazakh and English without JavaScript, Russian
with it: the citizen challenges a refusal from the appeal's page (a complaint too short is explained and
what was typed is kept), the body passes it on from its queue, the higher body finds it in its own queue,
a decision without a ground is refused, and the decision with its ground reaches the citizen's page. Only
the setup (filing and answering) goes through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.cast import make_user
from tyndau.accounts.models import Membership, Role
from tyndau.appeals import services
from tyndau.appeals.models import Complaint, ComplaintOutcome, ComplaintStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SHORT = "Жауап дұрыс емес."
COMPLAINT = "Жауапта фактілер ескерілмеген: жол әлі жөнделмеген, мен жөндеуді сұраймын."
DECISION = "The body must repair the road within a month; the refusal had no basis."


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_challenge_a_refusal_pass_it_on_and_the_higher_body_decides(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any, ground: Any, lang: str, javascript: bool
) -> None:
    higher = make_user(f"higher.{lang}@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body, position="Specialist")
    appeal = file_appeal(subject="Яма на дороге")
    services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    services.appeal_answer(
        actor=cast.official_a, appeal=appeal, outcome="refused", text="No money this year.", legal_grounds=[ground]
    )
    url = shared_live_server.url
    citizen = new_context(user=cast.citizen, base_url=url, java_script_enabled=javascript).new_page()
    body = new_context(user=cast.official_a, base_url=url, java_script_enabled=javascript).new_page()
    decider = new_context(user=higher, base_url=url, java_script_enabled=javascript).new_page()

    citizen.goto(f"/{lang}/appeals/a/{appeal.number}/")
    assert citizen.locator("html").get_attribute("lang") == lang
    citizen.locator(f"main a[href$='/appeals/a/{appeal.number}/complain/']").click()
    citizen.locator("#id_text").fill(SHORT)
    citizen.locator("main form button[type=submit]").click()
    assert citizen.locator("#id_text").input_value() == SHORT  # kept, with the reason beside it
    assert citizen.locator(".usa-error-message").count() >= 1
    citizen.locator("#id_text").fill(COMPLAINT)
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url(f"**/appeals/a/{appeal.number}/")
    complaint = Complaint.objects.get(appeal=appeal)
    assert complaint.status == ComplaintStatus.FILED and complaint.text == COMPLAINT

    body.goto(f"/{lang}/appeals/queue/{cast.body_a.pk}/")
    body.locator("#complaints-caption").locator("xpath=..").get_by_role("link", name=appeal.number).click()
    body.wait_for_url(f"**/appeals/a/{appeal.number}/")
    body.locator("form[action$='/pass/'] button[type=submit]").click()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.PASSED

    decider.goto(f"/{lang}/appeals/queue/{cast.higher_body.pk}/")
    decider.locator("#complaints-caption").locator("xpath=..").get_by_role("link", name=appeal.number).click()
    decider.wait_for_url(f"**/appeals/a/{appeal.number}/")
    decider.locator("main a[href$='/decide/']").click()
    radio = decider.locator("input[name=outcome][value=rejected]").get_attribute("id")
    decider.locator(f"label[for={radio}]").click()
    decider.locator("#id_text").fill("The refusal stands.")
    decider.locator("main form button[type=submit]").click()  # rejected without a ground: refused, kept
    assert decider.locator("#id_text").input_value() == "The refusal stands."
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.PASSED
    radio = decider.locator("input[name=outcome][value=upheld]").get_attribute("id")
    decider.locator(f"label[for={radio}]").click()
    decider.locator("#id_text").fill(DECISION)
    decider.locator("main form button[type=submit]").click()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.DECIDED and complaint.outcome == "upheld"

    citizen.goto(f"/{lang}/appeals/a/{appeal.number}/")
    assert citizen.get_by_text(DECISION).first.is_visible()
    with translation.override(lang):
        outcome = str(ComplaintOutcome.UPHELD.label)
    assert citizen.get_by_text(outcome).first.is_visible()
