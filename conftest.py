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
pytest_plugins = ["tests.harness.browser"]


@pytest.fixture
def cast(db: Any) -> Any:
    from tyndau.core.testing import make_cast

    return make_cast()


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
