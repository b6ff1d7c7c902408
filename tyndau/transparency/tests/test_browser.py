"""The public pages in Chromium (served in-process): no axe violations, the filter form works without JS."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import assert_no_axe_violations, in_process_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = ("/kk/transparency/", "/ru/transparency/bodies/", "/en/transparency/refusals/", "/kk/transparency/data/")


def test_pages_have_no_axe_violations(new_context: Any, dataset: Any) -> None:
    page = in_process_context(new_context).new_page()
    for path in PAGES:
        page.goto(f"{path}?date_from=2026-03-01&date_to=2026-03-31")
        assert_no_axe_violations(page)
    page.goto("/en/transparency/?date_from=2026-04-01&date_to=2026-03-01")
    assert page.locator(".usa-error-message").count() == 1
    assert_no_axe_violations(page)


def test_filters_work_without_javascript(new_context: Any, dataset: Any) -> None:
    page = in_process_context(new_context, java_script_enabled=False).new_page()
    page.goto("/en/transparency/bodies/")
    page.fill("#id_date_from", "2026-03-01")
    page.select_option("#id_sort", "on_time")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**sort=on_time**")
    first = page.locator("tbody tr th").first.inner_text()
    assert first == dataset.cast.body_b.name_en  # 0 % on time before 100 %
