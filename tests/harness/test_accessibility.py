"""axe-core on every discovered page, as the reader who can open it, in kk, ru and en:
zero violations of WCAG 2.0/2.1/2.2 A and AA rules.

The browser talks to Django in-process: Playwright intercepts every request to
http://testserver and answers it with Django's test client, in the test's own
thread and transaction. The seeded site is shared with the other harness checks
(no live server, no second seeding, same result on SQLite and PostgreSQL).
Flow tests that need a real server use the `live_server` fixtures of browser.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import IN_PROCESS_BASE, axe_check, format_violations, in_process_context
from tests.harness.discovery import LANGUAGES

pytestmark = [pytest.mark.harness, pytest.mark.browser, pytest.mark.django_db]

BASE = IN_PROCESS_BASE


def test_every_page_passes_axe(harness_crawl: Any, new_context: Any, db: Any) -> None:
    crawl_result = harness_crawl.crawl
    pages_by_actor: dict[str, list[Any]] = {}
    for page in crawl_result.pages:
        body = page.body.lstrip()[:15].lower()
        if page.is_html and body.startswith(b"<!doctype html"):  # HTMX fragments are checked inside their page
            pages_by_actor.setdefault(page.actor, []).append(page)
    assert pages_by_actor, "the crawl found no page"
    failures: list[str] = []
    checked = 0
    for actor, pages in pages_by_actor.items():
        context = in_process_context(new_context, crawl_result.users[actor], axe=True)
        tab = context.new_page()
        for page in pages:
            for lang in LANGUAGES:
                url = page.url_in(lang)
                response = tab.goto(BASE + url, wait_until="load")
                if response is None or response.status != 200:
                    failures.append(f"{url} as {actor}: status {response and response.status}")
                    continue
                violations = axe_check(tab)
                checked += 1
                if violations:
                    failures.append(format_violations(violations, f"{url} as {actor}:"))
        context.close()
    assert not failures, f"axe-core: {len(failures)} of {checked} page views fail WCAG 2.2 AA:\n" + "\n".join(failures)
