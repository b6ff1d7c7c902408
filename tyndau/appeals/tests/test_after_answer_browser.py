"""After the answer, through the pages in Chromium (Playwright) — Kazakh and English without JavaScript,
Russian with it: the applicant rates the answer (sending no rating is explained), closes the appeal, and
weeks later answers "was it fixed?" from the e-mailed link (an invalid choice is explained, the comment
kept); the answer is taken once. The answer and the questionnaire row are the setup."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tyndau.appeals import services
from tyndau.appeals.models import FixAnswer, FixReport, Status
from tyndau.appeals.services.fixed import fix_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

COMMENT = "Жарық қайта жанды, рақмет."


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_rate_close_and_say_whether_it_was_fixed(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any, lang: str, javascript: bool
) -> None:
    appeal = file_appeal(subject="Фонарь во дворе")
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="satisfied", text="The lamp is repaired.")
    url = shared_live_server.url
    page = new_context(user=cast.citizen, base_url=url, java_script_enabled=javascript).new_page()

    page.goto(f"/{lang}/appeals/a/{appeal.number}/")
    rate = page.locator(f"form[action$='/appeals/a/{appeal.number}/rate/']")
    rate.locator("button[type=submit]").click()  # no rating chosen
    page.wait_for_url(f"**/appeals/a/{appeal.number}/")
    assert page.locator(".usa-alert--error").count() >= 1
    appeal.refresh_from_db()
    assert appeal.rating is None
    rate = page.locator(f"form[action$='/appeals/a/{appeal.number}/rate/']")
    radio = rate.locator("input[name=rating][value='4']").get_attribute("id")
    rate.locator(f"label[for={radio}]").click()
    rate.locator("button[type=submit]").click()
    page.wait_for_url(f"**/appeals/a/{appeal.number}/")
    appeal.refresh_from_db()
    assert appeal.rating == 4

    page.locator(f"form[action$='/appeals/a/{appeal.number}/close/'] button[type=submit]").click()
    page.wait_for_url(f"**/appeals/a/{appeal.number}/")
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED

    report = FixReport.objects.create(appeal=appeal, body=appeal.body, asked_at=timezone.now())
    anyone = new_context(base_url=url, java_script_enabled=javascript).new_page()  # the link needs no sign-in
    link = f"/{lang}/appeals/fixed/{fix_token(report.pk)}/"
    anyone.goto(link)
    anyone.locator("#id_comment").fill(COMMENT)
    anyone.locator("main form button[type=submit]").click()  # no answer chosen: explained, comment kept
    assert anyone.locator("#id_comment").input_value() == COMMENT
    assert anyone.locator(".usa-error-message").count() >= 1
    radio = anyone.locator("input[name=answer][value=fixed]").get_attribute("id")
    anyone.locator(f"label[for={radio}]").click()
    anyone.locator("main form button[type=submit]").click()
    anyone.wait_for_url(f"**{link}")
    report.refresh_from_db()
    assert report.answer == FixAnswer.FIXED and report.comment == COMMENT
    assert anyone.locator("main form").count() == 0  # answered once: the form is gone
