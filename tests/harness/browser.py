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

    # Playwright's sync API keeps an asyncio loop in the main thread; Django would then
    # refuse ORM calls from every later test ("async context"). Tests are single-threaded,
    # so the guard has nothing to protect here (Playwright's documented Django setting).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    # Starting Playwright switches the thread into another context, and Django's
    # connection registry is context-local: without this, later code would open new
    # connections and miss (or, on SQLite, lock against) the open test transaction.
    saved = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in saved.items():
            connections[alias] = connection
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


def labels_in(lang: str, msgids: dict[str, str], **choices: Any) -> dict[str, str]:
    """What a person reads in `lang`: each msgid (and each choice's label) through that language's
    catalogue. Outside English a label equal to its msgid fails, so the catalogue is really used."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(lang):
        labels = {key: gettext(msgid) for key, msgid in msgids.items()}
        labels.update({key: str(choice.label) for key, choice in choices.items()})
    untranslated = [msgid for key, msgid in msgids.items() if labels[key] == msgid and msgid.isascii()]
    assert lang == "en" or not untranslated, f"not translated into {lang}: {untranslated}"
    return labels


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


def axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
    return _AXE_SOURCE


def axe_check(page: Any, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core (node_modules/axe-core, the version package-lock pins) on the
    page and return its violations of the WCAG 2.0/2.1/2.2 A and AA rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]], where: str = "") -> str:
    lines = []
    for violation in violations:
        targets = [
            ", ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"][:5]
        ]
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
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
    text: (el.innerText || el.value || '').trim().slice(0, 60),
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


def tab_to(
    page: Any, predicate: Callable[[dict[str, Any]], bool], max_presses: int = 60, check_focus: bool = True
) -> dict[str, Any]:
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


_FORM_FOCUS = """formSelector => {
  const el = document.activeElement;
  const form = document.querySelector(formSelector);
  if (!el || !form || !form.contains(el)) return {inForm: false};
  const type = (el.getAttribute('type') || '').toLowerCase();
  return {
    inForm: true, tag: el.tagName.toLowerCase(), type, name: el.getAttribute('name') || '',
    checked: !!el.checked, required: el.required || el.getAttribute('aria-required') === 'true',
    value: el.value || '',
    isSubmit: (el.tagName === 'BUTTON' && (type === '' || type === 'submit'))
      || (el.tagName === 'INPUT' && type === 'submit'),
  };
}"""
_DEFAULTS = {
    "email": "keyboard.user@example.kz",
    "password": "Keyboard-only-2026!",
    "tel": "+77011234567",
    "text": "Клавиатура",
    "number": "1",
    "date": "2026-12-01",
    "textarea": "Клавиатурамен жазылған мәтін.",
}


def keyboard_complete_form(
    page: Any,
    values: dict[str, str] | None = None,
    form_selector: str = "main form[method='post'], main form[method='POST']",
    max_presses: int = 120,
) -> None:
    """Complete a form with the keyboard alone: Tab from where the focus is, type into
    each field of the form (`values` by field name, else a plausible value for
    required empty fields), tick required checkboxes with Space, and press Enter
    on the form's submit button. Every focus stop must be visibly focused."""
    values = values or {}
    handled: set[str] = set()
    for press in range(max_presses):
        if press or focused(page) is None:  # start on an autofocused field, if any
            page.keyboard.press("Tab")
        info = page.evaluate(_FORM_FOCUS, form_selector)
        if focused(page) is not None:
            assert_visible_focus(page)
        if not info["inForm"]:
            continue
        if info["isSubmit"]:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            settle(page)
            return
        name = info["name"]
        if not name or name in handled:
            continue
        handled.add(name)
        if info["type"] in ("checkbox", "radio"):
            if not info["checked"] and (values.get(name) or info["required"]):
                page.keyboard.press("Space")
        elif info["tag"] == "select" or info["type"] in ("hidden", "file"):
            continue
        elif name in values:
            page.keyboard.press("Control+A")
            page.keyboard.type(values[name])
        elif info["required"] and not info["value"]:
            kind = info["tag"] if info["tag"] == "textarea" else (info["type"] or "text")
            page.keyboard.type(_DEFAULTS.get(kind, _DEFAULTS["text"]))
    raise AssertionError(f"keyboard focus never reached the submit button of {form_selector} on {page.url}")


# ------------------------------------------------------------ in-process ------
# The browser can talk to Django without a server: every request to
# http://testserver is answered by Django's test client in the test's own thread
# and transaction. No live_server, no transactional_db (whose flush the
# append-only audit table refuses), same behaviour on SQLite and PostgreSQL.

IN_PROCESS_BASE = "http://testserver"
_TEST_CONNECTIONS: dict[str, Any] = {}
_STATIC_CACHE: dict[str, tuple[int, dict[str, str], bytes]] = {}


def serve_in_process(route: Any, request: Any) -> None:
    """Answer a browser request with Django's test client (nothing leaves the machine)."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.db import connections
    from django.test import Client

    # Playwright runs this callback in another context of the same thread; Django's
    # connection registry is context-local, so hand it the test's own connections.
    for alias, connection in _TEST_CONNECTIONS.items():
        connections[alias] = connection
    url = urlsplit(request.url)
    if url.netloc != "testserver":
        route.abort()
        return
    if url.path in _STATIC_CACHE:
        status, out, body = _STATIC_CACHE[url.path]
        route.fulfill(status=status, headers=out, body=body)
        return
    headers = request.headers
    extra = {
        "HTTP_COOKIE": headers.get("cookie", ""),
        "HTTP_ACCEPT_LANGUAGE": headers.get("accept-language", ""),
        "HTTP_USER_AGENT": headers.get("user-agent", ""),
    }
    for name in ("hx-request", "hx-target", "hx-trigger", "hx-current-url", "referer", "origin", "x-csrftoken"):
        if name in headers:
            extra["HTTP_" + name.upper().replace("-", "_")] = headers[name]
    path = url.path + (f"?{url.query}" if url.query else "")
    response = Client().generic(
        request.method,
        path,
        data=request.post_data_buffer or b"",
        content_type=headers.get("content-type", "application/octet-stream"),
        **extra,
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    out = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    if response.cookies:
        out["set-cookie"] = "\n".join(morsel.OutputString() for morsel in response.cookies.values())
    if url.path.startswith(settings.STATIC_URL) and response.status_code == 200:
        _STATIC_CACHE[url.path] = (response.status_code, out, body)
    if 300 <= response.status_code < 400 and request.is_navigation_request() and response.get("Location"):
        # Chromium would follow a fulfilled redirect outside the interception; hand the
        # target to `settle(page)` instead, which opens it as a new (intercepted) navigation.
        from html import escape

        location = escape(response["Location"])
        body = (
            f'<!DOCTYPE html><html lang="en"><head><meta name="in-process-redirect" content="{location}">'
            f"<title>{response.status_code}</title></head><body></body></html>"
        ).encode()
        out = {k: v for k, v in out.items() if k.lower() in ("set-cookie",)}
        out["content-type"] = "text/html; charset=utf-8"
        route.fulfill(status=200, headers=out, body=body)
        return
    route.fulfill(status=response.status_code, headers=out, body=body)


def settle(page: Any, max_redirects: int = 10) -> Any:
    """Follow the redirects of an in-process context (see serve_in_process)."""
    for _ in range(max_redirects):
        target = page.evaluate(
            "() => { const m = document.querySelector('meta[name=\"in-process-redirect\"]'); return m && m.content; }"
        )
        if not target:
            return page
        page.goto(target)
    raise AssertionError(f"too many redirects from {page.url}")


def in_process_context(
    new_context: Callable[..., Any], user: Any | None = None, *, axe: bool = False, **options: Any
) -> Any:
    """A browser context served in-process (base URL http://testserver), signed in as `user`."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    _TEST_CONNECTIONS.update({alias: connections[alias] for alias in connections})
    context = new_context(base_url=IN_PROCESS_BASE, **options)
    context.route("**/*", serve_in_process)
    if axe:
        context.add_init_script(axe_source())  # cheaper than injecting into every page afterwards
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": IN_PROCESS_BASE}])
    return context


@pytest.fixture
def shared_live_server(db: Any, django_db_blocker: Any) -> Any:
    """A live server that shares the test's database connection (and so its transaction).

    Used by the browser tests of every app (and the Open311 third-party client test).

    pytest-django's `live_server` needs a transactional test whose teardown flushes the tables;
    the audit log refuses DELETE (append-only triggers), so on SQLite that flush fails once a
    test has written events. Sharing the connection keeps the test inside its rolled-back
    transaction; requests are handled one at a time, so one connection is enough.
    """
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.db import connections

    connection = connections["default"]
    connection.inc_thread_sharing()
    # Django closes "obsolete" connections around each request; inside the test's transaction the
    # shared connection looks obsolete (autocommit off) and must stay open.
    connection.close_if_unusable_or_obsolete = lambda: None  # type: ignore[method-assign]
    lock = threading.Lock()

    class Server(ThreadedWSGIServer):
        def process_request_thread(self, request: Any, client_address: Any) -> None:
            connections["default"] = connection
            with django_db_blocker.unblock():
                super().process_request_thread(request, client_address)

        def _close_connections(self) -> None:
            pass

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    from tyndau.petitions.surge.lane import SigningLaneHandler

    handler = SigningLaneHandler()  # the production handler (config/wsgi.py), signing lane included

    def app(environ: Any, start_response: Any) -> Any:
        # One request at a time on the shared connection (per request, not per keep-alive socket).
        with lock:
            return handler(environ, start_response)

    httpd.set_app(app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    class _Server:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"

    try:
        yield _Server()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        del connection.close_if_unusable_or_obsolete
        connection.dec_thread_sharing()
