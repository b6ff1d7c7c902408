"""Browser fixtures and helpers for every app's browser tests (registered by the root conftest.py).

Playwright drives Debian's Chromium (`apt-get install chromium`); nothing
downloads a browser. Locally without Chromium, tests marked `browser` are
skipped with a loud reason (see the root conftest.py); in CI (env CI set) the
`browser` fixture fails instead.

Fixtures
    browser             session-scoped Chromium
    browser_context     a fresh context (JavaScript on) per test, closed afterwards
    new_context         factory: new_context(java_script_enabled=False, user=cast.citizen, live_server=...)
    page                a page in `browser_context`

Helpers (import from tests.harness.browser)
    axe_check(page)                       axe-core run; returns the WCAG 2.2 AA violations
    assert_no_axe_violations(page)        fails with a readable list
    assert_visible_focus(page)            the focused element shows a :focus-visible outline
    keyboard_fill_and_submit(page, {label: value}, submit_text)
    tab_to(page, predicate)               press Tab until the focused element matches
    login_context(context, live_server_url, user)   put a signed-in session cookie in a context
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Never let Playwright look for (or fetch) a browser build of its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def chromium_path() -> str | None:
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright: Any) -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium) — BROWSER TESTS CANNOT RUN"
        if os.environ.get("CI"):
            pytest.fail(message + " and CI requires them", pytrace=False)
        pytest.skip(message)
    browser = _playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """new_context(java_script_enabled=True, user=None, base_url=None, **playwright_options)."""
    contexts: list[Any] = []

    def make(*, user: Any | None = None, base_url: str | None = None, **options: Any) -> Any:
        options.setdefault("locale", "kk-KZ")
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            assert base_url, "a signed-in context needs base_url (live_server.url)"
            login_context(context, base_url, user)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser_context(new_context: Callable[..., Any], live_server: Any) -> Any:
    return new_context(base_url=live_server.url)


@pytest.fixture
def page(browser_context: Any) -> Any:
    return browser_context.new_page()


def login_context(context: Any, base_url: str, user: Any) -> None:
    """Sign `user` in by giving the context a session cookie (no form round trip)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])


# ------------------------------------------------------------- accessibility --

_AXE_SOURCE: str | None = None


def _axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
    return _AXE_SOURCE


def axe_check(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core (node_modules/axe-core, the version package-lock pins) on the
    page and return its violations of the WCAG 2.0/2.1/2.2 A and AA rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]], where: str = "") -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                   for node in violation["nodes"][:5]]
        lines.append(f"{where} [{violation['impact']}] {violation['id']}: {violation['help']} -> {targets}")
        for node in violation["nodes"][:2]:
            lines.append(f"      {node.get('failureSummary', '').splitlines()[-1:]}  html={node['html'][:160]}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Any) -> None:
    violations = axe_check(page)
    assert not violations, "axe-core violations:\n" + format_violations(violations, page.url)


# ------------------------------------------------------------------ keyboard --

_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), text: (el.innerText || el.value || '').trim().slice(0, 60),
    focusVisible: el.matches(':focus-visible'),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, boxShadow: style.boxShadow,
  };
}"""


def focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(_FOCUS_STYLE)  # type: ignore[no-any-return]


def assert_visible_focus(page: Any) -> dict[str, Any]:
    """The element that has keyboard focus matches :focus-visible and draws a
    visible indicator (an outline at least 2px wide, or a box-shadow ring)."""
    info = focused(page)
    assert info is not None, f"nothing has keyboard focus on {page.url}"
    assert info["focusVisible"], f"focused element does not match :focus-visible: {json.dumps(info)}"
    has_outline = info["outlineStyle"] not in ("none", "") and info["outlineWidth"] >= 2
    has_ring = info["boxShadow"] not in ("none", "")
    assert has_outline or has_ring, f"focus indicator is not visible (WCAG 2.4.7): {json.dumps(info)}"
    return info


def tab_to(page: Any, predicate: Callable[[dict[str, Any]], bool], max_presses: int = 60,
           check_focus: bool = True) -> dict[str, Any]:
    """Press Tab until the focused element matches `predicate`; every stop must show focus."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            continue
        if check_focus:
            assert_visible_focus(page)
        if predicate(info):
            return info
    raise AssertionError(f"keyboard focus never reached the wanted element on {page.url}")


def keyboard_fill_and_submit(page: Any, fields: dict[str, str], submit_text: str) -> None:
    """Fill a form using the keyboard only: Tab to each field (found by its label),
    type the value, then Tab to the submit button whose text is `submit_text`
    and press Enter. Each focus stop must be visible."""
    for label, value in fields.items():
        target_id = page.get_by_label(label, exact=True).first.get_attribute("id")
        tab_to(page, lambda info, target_id=target_id: info["id"] == target_id)
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
    tab_to(page, lambda info: info["tag"] in ("button", "input") and info["text"] == submit_text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
