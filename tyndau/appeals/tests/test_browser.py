"""Browser flows in Chromium (Playwright): a citizen files an appeal without JavaScript and gets a
receipt; an official answers it from the work queue. Skipped locally without Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tyndau.appeals.models import Appeal, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_citizen_files_an_appeal_without_javascript(
    new_context: Any, shared_live_server: Any, cast: Any, category: Any
) -> None:
    context = new_context(user=cast.citizen, base_url=shared_live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/ru/appeals/new/")
    assert page.locator("h1").count() == 1
    page.locator("label", has_text="Заявление").click()  # USWDS hides the native radio behind its label
    # Labels shared with other apps' catalogues may read differently: the selects are found by id.
    page.locator("#id_region").select_option(str(cast.region.pk))
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_body").select_option(str(cast.body_a.pk))
    page.get_by_label("Предмет обращения").fill("Не работает фонарь")
    page.get_by_label("Что произошло и о чём вы просите").fill("Фонарь во дворе не горит уже месяц, темно и опасно.")
    page.get_by_role("button", name="Отправить обращение").click()
    appeal = Appeal.objects.get()
    assert page.get_by_text(appeal.number).first.is_visible()
    assert page.url.endswith(f"/appeals/a/{appeal.number}/receipt/")


def test_official_answers_from_the_queue(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any
) -> None:
    appeal = file_appeal(subject="Яма на дороге")
    context = new_context(user=cast.official_a, base_url=shared_live_server.url)
    page = context.new_page()
    page.goto(f"/ru/appeals/queue/{cast.body_a.pk}/")
    page.get_by_role("link", name=appeal.number).click()
    page.get_by_role("link", name="Ответ", exact=True).click()
    page.locator("label", has_text="Разъяснено").click()
    page.get_by_label("Мотивированный ответ").fill("Ремонт дороги включён в план на май; подрядчик определён.")
    page.get_by_role("button", name="Отправить ответ").click()
    assert page.get_by_text("Ответ направлен заявителю.").is_visible()
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED


def test_official_answers_a_systemic_issue_once_for_many_without_javascript(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any
) -> None:
    """Issue 15: from the queue to the issue beside an appeal, the reasons shown, one public answer
    published — without JavaScript, at 360 px without sideways scrolling, in Russian; then the public
    page in Kazakh shows it."""
    from tests.cast import make_user
    from tyndau.appeals.models import IssueStatus, SystemicIssue
    from tyndau.appeals.systemic.services import group_appeal

    for i in range(2):
        appeal = file_appeal(actor=make_user(f"n{i}@example.kz"), address="ул. Абая 10", publish_consent=True)
        group_appeal(appeal=appeal)
    issue = SystemicIssue.objects.get()
    context = new_context(
        user=cast.official_a,
        base_url=shared_live_server.url,
        java_script_enabled=False,
        viewport={"width": 360, "height": 800},
    )
    page = context.new_page()
    page.goto(f"/ru/appeals/queue/{cast.body_a.pk}/")
    page.get_by_role("link", name=f"Системная проблема {issue.pk}").first.click()
    assert page.locator("h1").inner_text() == f"Системная проблема {issue.pk}"
    assert page.get_by_text("Тот же адрес или дом").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Мотивированный публичный ответ").fill("Ремонт дома 10 по улице Абая запланирован на апрель.")
    page.get_by_role("button", name="Опубликовать публичный ответ").click()
    assert page.get_by_text("Публичный ответ опубликован").is_visible()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.ANSWERED
    public = new_context(base_url=shared_live_server.url).new_page()
    public.goto(f"/kk/appeals/register/issues/{issue.pk}/")
    assert public.get_by_text("Ремонт дома 10").is_visible()
    assert public.evaluate("document.documentElement.scrollWidth") <= 1280
