"""Handling an appeal through the pages in Chromium (Playwright) — Kazakh and English without JavaScript,
Russian with it: the official asks the applicant for information; the applicant replies (an empty reply
and a file that only claims to be an image are explained, and what was typed is kept); the supervisor
extends the deadline (a date past the legal cap is refused and the reason kept); the official forwards
the appeal to the competent body with a reason, and that body finds it in its queue. Only filing goes
through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tyndau.appeals.models import Appeal, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUESTION = "Укажите, пожалуйста, номер дома, у которого яма."
REPLY = "Дом 12, напротив второго подъезда."
REASON = "Ремонт дорог в этом районе ведёт другой орган."


def _open(page: Any, lang: str, appeal: Appeal, action: str) -> None:
    page.goto(f"/{lang}/appeals/a/{appeal.number}/")
    page.locator(f"main a[href$='/appeals/a/{appeal.number}/{action}/']").click()
    page.wait_for_url(f"**/appeals/a/{appeal.number}/{action}/")


def _send(page: Any) -> None:
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_ask_reply_extend_and_forward_in_pages(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any, lang: str, javascript: bool
) -> None:
    appeal = file_appeal(subject="Яма во дворе")
    url = shared_live_server.url
    official = new_context(user=cast.official_a, base_url=url, java_script_enabled=javascript).new_page()
    citizen = new_context(user=cast.citizen, base_url=url, java_script_enabled=javascript).new_page()
    supervisor = new_context(user=cast.supervisor_a, base_url=url, java_script_enabled=javascript).new_page()
    other_body = new_context(user=cast.official_b, base_url=url, java_script_enabled=javascript).new_page()

    _open(official, lang, appeal, "request-info")
    assert official.locator("html").get_attribute("lang") == lang
    official.locator("#id_question").fill(QUESTION)
    _send(official)
    appeal.refresh_from_db()
    assert appeal.status == Status.INFO_REQUESTED

    _open(citizen, lang, appeal, "reply")
    _send(citizen)  # nothing typed: explained
    assert citizen.locator(".usa-error-message").count() >= 1
    citizen.locator("#id_reply").fill(REPLY)
    citizen.locator("#id_attachments").set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"this is not an image at all"}
    )
    _send(citizen)  # refused by its content, the reply kept
    assert citizen.locator("#id_reply").input_value() == REPLY
    assert citizen.locator(".usa-error-message").count() >= 1
    appeal.refresh_from_db()
    assert appeal.status == Status.INFO_REQUESTED
    _send(citizen)  # the same reply without the file
    appeal.refresh_from_db()
    assert appeal.status != Status.INFO_REQUESTED
    assert appeal.info_requests.get().reply == REPLY

    _open(supervisor, lang, appeal, "extend")
    too_late = appeal.deadline + dt.timedelta(days=200)
    supervisor.locator("#id_new_deadline").fill(too_late.isoformat())
    supervisor.locator("#id_reason").fill("Нужна выездная проверка подрядчика.")
    _send(supervisor)
    assert supervisor.locator("#id_reason").input_value() == "Нужна выездная проверка подрядчика."
    assert supervisor.locator(".usa-error-message, .usa-alert--error").count() >= 1
    appeal.refresh_from_db()
    assert appeal.extension_count == 0
    later = appeal.deadline + dt.timedelta(days=10)
    supervisor.locator("#id_new_deadline").fill(later.isoformat())
    _send(supervisor)
    appeal.refresh_from_db()
    assert appeal.extension_count == 1 and appeal.deadline == later

    _open(official, lang, appeal, "forward")
    official.locator("#id_to_body").select_option(str(cast.body_b.pk))
    official.locator("#id_reason").fill(REASON)
    _send(official)
    official.wait_for_url(f"**/appeals/queue/{cast.body_a.pk}/")
    appeal.refresh_from_db()
    assert appeal.body_id == cast.body_b.pk

    other_body.goto(f"/{lang}/appeals/queue/{cast.body_b.pk}/")
    other_body.get_by_role("link", name=appeal.number).first.click()
    other_body.wait_for_url(f"**/appeals/a/{appeal.number}/")
    assert other_body.get_by_text(REASON).first.is_visible()
    citizen.goto(f"/{lang}/appeals/a/{appeal.number}/")
    assert citizen.get_by_text(REASON).first.is_visible() and citizen.get_by_text(REPLY).first.is_visible()
