"""An official splits a systemic issue and merges it back through the pages in Chromium (Playwright) —
Kazakh and English without JavaScript, Russian with it: from the queue to the body's issues, a split with
nothing ticked is explained, one appeal moves to an issue of its own, and the two are merged again; every
change is an audit event. Filing and the grouping task are the setup."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cast import make_user
from tyndau.appeals.models import SystemicIssue
from tyndau.appeals.systemic.services import group_appeal
from tyndau.audit.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_split_an_issue_and_merge_it_back(
    new_context: Any, shared_live_server: Any, cast: Any, file_appeal: Any, lang: str, javascript: bool
) -> None:
    appeals = []
    for i in range(3):
        appeal = file_appeal(
            actor=make_user(f"split{i}.{lang}@example.kz"), address="ул. Абая 10", publish_consent=True
        )
        group_appeal(appeal=appeal)
        appeals.append(appeal)
    issue = SystemicIssue.objects.get()
    page = new_context(user=cast.official_a, base_url=shared_live_server.url, java_script_enabled=javascript).new_page()

    page.goto(f"/{lang}/appeals/queue/{cast.body_a.pk}/")
    page.locator(f"main a[href$='/appeals/issues/{cast.body_a.pk}/']").click()
    page.locator(f"main a[href$='/appeals/issue/{issue.pk}/']").first.click()
    page.wait_for_url(f"**/appeals/issue/{issue.pk}/")
    split = page.locator(f"form[action$='/appeals/issue/{issue.pk}/split/']")
    split.locator("button[type=submit]").click()  # nothing ticked: explained
    assert page.locator(".usa-error-message, .usa-alert--error").count() >= 1
    split = page.locator(f"form[action$='/appeals/issue/{issue.pk}/split/']")
    box = split.locator(f"input[name=appeals][value='{appeals[2].pk}']").get_attribute("id")
    split.locator(f"label[for={box}]").click()
    split.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert SystemicIssue.objects.filter(merged_into__isnull=True).count() == 2
    appeals[2].refresh_from_db()
    other = appeals[2].issue
    assert other is not None and other.pk != issue.pk

    page.goto(f"/{lang}/appeals/issue/{issue.pk}/")
    merge = page.locator(f"form[action$='/appeals/issue/{issue.pk}/merge/']")
    radio = merge.locator(f"input[name=other][value='{other.pk}']").get_attribute("id")
    merge.locator(f"label[for={radio}]").click()
    merge.locator("button[type=submit]").click()
    page.wait_for_load_state()
    appeals[2].refresh_from_db()
    assert appeals[2].issue_id == issue.pk
    actions = set(Event.objects.filter(action__startswith="appeals.issue.").values_list("action", flat=True))
    assert {"appeals.issue.split", "appeals.issue.merged"} <= actions
