"""Shared test fixtures: the fixed cast of actors every permission test reads like a story.

citizen, other_citizen, organisation, official_a (body A), official_b (body B),
supervisor_a (head of body A), moderator, registrar, auditor, admin, anonymous.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

os.environ.setdefault("TYNDAU_TESTING", "1")

# Browser fixtures and helpers of the quality harness (tests/harness/browser.py), usable by every app's tests.
pytest_plugins = ["tests.harness.browser", "tyndau.audit.tests.flush"]


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    """Rate and mail-limit counters live in the cache, keyed by account id: on SQLite a rolled-back
    test's ids come back in the next test, so counters must not outlive a test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_shared_pages() -> None:
    """Pages and counters that each process renders once for every anonymous reader (the petition page,
    its embed page and badge: tyndau.petitions.surge.pages) must not outlive a test: on SQLite the next
    test's petition may have the same id."""
    from tyndau.petitions.surge import forget_shared_pages

    forget_shared_pages()


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """A request through LocaleMiddleware leaves its language active in the thread: every test starts in
    the default language, whatever the test before it fetched."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db: Any) -> Any:
    from tests.cast import make_cast

    return make_cast()


@pytest.fixture(autouse=True)
def _reference_choices_cache() -> Any:
    """The cached select lists of bodies, regions and topics (tyndau.authorities.choices) live
    across tests: a list filled inside a test's rolled-back transaction must not reach the next."""
    yield
    from tyndau.authorities import choices

    choices.clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's Chromium. Locally without it they skip loudly;
    in CI (CI=true) a missing Chromium is a failure, never a skip."""
    if shutil.which("chromium"):
        return
    if os.environ.get("CI"):
        return  # the browser fixture fails with a clear message
    reason = "Chromium is not installed (apt-get install chromium) — BROWSER TESTS NOT RUN"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))
