"""Browser flow in Chromium (Playwright), in Russian and Kazakh without JavaScript: an organiser notifies of a
rally, the akimat proposes another place, the organiser declines it and the akimat is on the clock again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tyndau.assemblies.models import Assembly, Status
from tyndau.assemblies.tests.conftest import valid_iin, verify
from tyndau.core.calendar import local_today, working_days_after

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LABELS = {
    "ru": {
        "send": "Отправить",
        "propose": "Предложить другое место или время",
        "send_proposal": "Отправить предложение",
        "proposal_sent": "Предложение отправлено",
        "decline": "Отклонить предложение",
        "declined": "Вы отклонили предложение",
    },
    "kk": {
        "send": "Жіберу",
        "propose": "Басқа орын немесе уақыт ұсыну",
        "send_proposal": "Ұсынысты жіберу",
        "proposal_sent": "Ұсыныс жіберілді",
        "decline": "Ұсыныстан бас тарту",
        "declined": "Сіз ұсыныстан бас тарттыңыз",
    },
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_notify_propose_and_decline(new_context: Any, shared_live_server: Any, cast: Any, lang: str) -> None:
    text = LABELS[lang]
    organiser = verify(cast.citizen, valid_iin("85031540001"))
    day = working_days_after(local_today(), 12)
    context = new_context(user=organiser, base_url=shared_live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/{lang}/assemblies/new/")
    assert page.locator("h1").count() == 1
    page.locator("label", has_text="Митинг").click()
    page.locator("#id_akimat").select_option(str(cast.body_a.pk))
    page.locator("#id_purpose").fill("За чистый воздух")
    page.locator("#id_place_description").fill("Центральная площадь")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("11:00")
    page.locator("#id_end_time").fill("13:00")
    page.locator("#id_expected_participants").fill("200")
    page.locator("#id_steward_name").fill("Распорядитель")
    page.locator("#id_steward_phone").fill("+7 701 765 43 21")
    page.get_by_role("button", name=text["send"], exact=True).click()
    assembly = Assembly.objects.get()
    assert page.url.endswith(f"/assemblies/a/{assembly.number}/receipt/")
    assert page.get_by_text(assembly.number).first.is_visible()

    official = new_context(user=cast.official_a, base_url=shared_live_server.url, java_script_enabled=False).new_page()
    official.goto(f"/{lang}/assemblies/queue/{cast.body_a.pk}/")
    official.get_by_role("link", name=assembly.number).click()
    official.get_by_role("link", name=text["propose"]).click()
    official.locator("#id_place_description").fill("Парк Первого Президента")
    official.locator("#id_date").fill((day + dt.timedelta(days=1)).isoformat())
    official.locator("#id_start_time").fill("12:00")
    official.locator("#id_end_time").fill("14:00")
    official.locator("#id_reasons").fill("На площади в этот день ремонт.")
    official.get_by_role("button", name=text["send_proposal"], exact=True).click()
    assert official.get_by_text(text["proposal_sent"]).is_visible()

    page.goto(f"/{lang}/assemblies/a/{assembly.number}/")
    page.get_by_role("button", name=text["decline"], exact=True).click()
    assert page.get_by_text(text["declined"]).is_visible()
    assembly.refresh_from_db()
    assert assembly.status == Status.SUBMITTED
