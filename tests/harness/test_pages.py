"""Page checks on every discovered page, in kk, ru and en: valid HTML (vnu),
page weight, security headers, and that the harness could reach every route."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.harness.discovery import LANGUAGES
from tests.harness.site import render

pytestmark = [pytest.mark.harness, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
BASE_DIR = Path(__file__).absolute().parents[2]  # the checkout under test (not a symlink target)
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_WEIGHT_LIMIT = 200 * 1024  # bytes, gzip-compressed HTML + CSS + JS


def test_every_route_is_reached(harness_crawl: Any) -> None:
    """Every URL pattern with kwargs could be filled from the seeded data; the
    skipped ones are listed with a reason in discovery.py."""
    unfillable = [f"{route}: {why}" for route, why in harness_crawl.crawl.unfillable.items()]
    assert not unfillable, (
        "The harness cannot build a URL for these routes (no seeded row matches their kwargs). "
        "Seed a row in the app's demo.py or add an entry to tests/harness/samples.py:\n  " + "\n  ".join(unfillable)
    )
    assert any(page.is_html for page in harness_crawl.crawl.pages), "the crawl found no HTML page at all"


def _html_pages(harness_site: Any) -> list[tuple[str, str, bytes]]:
    """(label, url, body) of every HTML page in every language."""
    result = []
    for page in harness_site.crawl.pages:
        if not page.is_html:
            continue
        for lang in LANGUAGES:
            response = page if lang == "en" else render(harness_site.crawl, page, lang)
            body = response.body if lang == "en" else response.content
            status = page.status if lang == "en" else response.status_code
            assert status == 200, f"{page.url_in(lang)} as {page.actor}: {status} (200 in English)"
            result.append((f"{page.url_in(lang)} as {page.actor}", page.url_in(lang), body))
    return result


def test_html_is_valid(harness_crawl: Any, db: Any) -> None:
    """The Nu HTML Checker (vnu.jar) finds no error on any page, in any language.
    All pages go to one java process: starting the JVM dominates the cost."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        message = "Java or node_modules/vnu-jar missing — HTML VALIDATION NOT RUN"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    pages = _html_pages(harness_crawl)
    with tempfile.TemporaryDirectory(prefix="tyndau-vnu-") as tmp:
        labels: dict[str, str] = {}
        for index, (label, _url, body) in enumerate(pages):
            if not body.lstrip()[:15].lower().startswith(b"<!doctype html"):
                body = _FRAGMENT_WRAPPER % body  # an HTMX partial: checked inside a minimal document
                label += " (fragment)"
            (Path(tmp) / f"page{index:04d}.html").write_bytes(body)
            labels[f"page{index:04d}.html"] = label
        # A known-bad document in the same batch proves the checker really ran.
        (Path(tmp) / "canary.html").write_text(_BAD_HTML, encoding="utf-8")
        completed = subprocess.run(
            [
                java,
                "-Xss8m",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                *sorted(str(p) for p in Path(tmp).glob("*.html")),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    canary = [m for m in errors if m.get("url", "").endswith("/canary.html")]
    assert canary, f"vnu did not flag the known-bad canary document: {completed.stderr[:2000]}"
    errors = [m for m in errors if not any(p.search(m.get("message", "")) for p in VNU_ALLOWED)]
    lines = [
        f"{labels.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
        if m not in canary
    ]
    assert not lines, f"vnu found {len(lines)} HTML error(s):\n" + "\n".join(lines)


_FRAGMENT_WRAPPER = (
    b"<!DOCTYPE html><html lang=kk><head><title>fragment</title></head><body><main>%s</main></body></html>"
)
# vnu messages we accept, each with its reason. Keep this list tiny.
VNU_ALLOWED = [
    # HTMX (architecture.md) reads hx-* attributes; vnu knows only data-*. Progressive
    # enhancement by design; pages work without them.
    re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element"),
]
_BAD_HTML = "<!DOCTYPE html><html lang=en><head><title>x</title></head><body><p id=a></p><p id=a></p></body></html>"


_ASSET = re.compile(rb"""<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)\"""")


def test_page_weight(harness_crawl: Any, db: Any) -> None:
    """HTML + CSS + JS of each page is under 200 KB after gzip (images and fonts excluded)."""
    from django.test import Client

    client = Client()
    asset_sizes: dict[str, int] = {}
    too_heavy = []
    for page in harness_crawl.crawl.pages:
        if not page.is_html:
            continue
        total = len(gzip.compress(page.body))
        parts = [f"html {total}"]
        for href in dict.fromkeys(m.decode() for m in _ASSET.findall(page.body)):
            if href.startswith(("http:", "https:", "//")):
                too_heavy.append(f"{page.url}: third-party asset {href}")
                continue
            if href not in asset_sizes:
                response = client.get(href)
                assert response.status_code == 200, f"{page.url}: asset {href} answers {response.status_code}"
                body = b"".join(response.streaming_content) if response.streaming else response.content
                asset_sizes[href] = len(gzip.compress(body))
            total += asset_sizes[href]
            parts.append(f"{href.rsplit('/', 1)[-1]} {asset_sizes[href]}")
        if total > PAGE_WEIGHT_LIMIT:
            too_heavy.append(f"{page.url} as {page.actor}: {total} bytes gzip ({', '.join(parts)})")
    assert not too_heavy, "pages over 200 KB gzip:\n" + "\n".join(too_heavy)


# ----------------------------------------------------------------- headers --


# Pages other sites may frame on purpose (an embeddable counter); each keeps the rest of our policy.
FRAMEABLE = re.compile(r"^/(kk|ru|en)/petitions/\d+/embed/")


def _frameable(url: str, directives: dict[str, str]) -> bool:
    return bool(FRAMEABLE.match(url)) and directives.get("frame-ancestors") == "frame-ancestors *"


def assert_security_headers(url: str, headers: Any) -> list[str]:
    problems = []
    csp = headers.get("Content-Security-Policy", "")
    directives = {part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()}
    script_src = directives.get("script-src", directives.get("default-src", ""))
    if not csp:
        problems.append(f"{url}: no Content-Security-Policy")
    else:
        if not script_src or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
            problems.append(f"{url}: CSP script-src allows inline/eval or is missing: {script_src!r}")
        if directives.get("frame-ancestors") != "frame-ancestors 'none'" and not _frameable(url, directives):
            problems.append(f"{url}: CSP lacks frame-ancestors 'none'")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{url}: X-Content-Type-Options is not nosniff")
    if not headers.get("Referrer-Policy"):
        problems.append(f"{url}: no Referrer-Policy")
    return problems


def test_security_headers_on_every_response(harness_crawl: Any, db: Any) -> None:
    """Every crawled page, the API, error pages and static files carry the headers."""
    from django.test import Client

    problems: list[str] = []
    for page in harness_crawl.crawl.pages:
        problems += assert_security_headers(f"{page.url} as {page.actor}", page.headers)
    anonymous = Client()
    extra = ["/healthz", "/api/v1/", "/api/v1/openapi.json", "/en/no-such-page/", "/static/tyndau/tyndau.css"]
    for route in harness_crawl.crawl.skipped:
        if route.startswith("admin"):
            extra.append("/en/admin/login/")
    for url in dict.fromkeys(extra):
        response = anonymous.get(url)
        problems += assert_security_headers(f"{url} ({response.status_code})", response.headers)
    response = anonymous.post("/en/accounts/login/", {})
    problems += assert_security_headers("POST /en/accounts/login/", response.headers)
    assert not problems, "\n".join(problems)


_PRODUCTION_PROBE = r"""
import json, django
from django.conf import settings
django.setup()
from django.test import Client
from django.test.utils import override_settings
# collectstatic has not run here: serve static names unhashed for this probe only.
storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(HTTP_HOST="tyndau.example.kz")
with override_settings(STORAGES=storages):
    insecure = client.get("/kk/")
    home = client.get("/kk/", secure=True)
    response = client.get("/kk/accounts/login/", secure=True)  # a page with a form: it sets the CSRF cookie
flags = ("secure", "httponly", "samesite")
cookies = {name: {k: morsel[k] for k in flags} for name, morsel in response.cookies.items()}
print(json.dumps({
    "insecure_status": insecure.status_code,
    "insecure_location": insecure.get("Location", ""),
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security", ""),
    "cookies": cookies,
    "home_status": home.status_code,
    "home_cookies": sorted(home.cookies),
    "settings": {
        "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
        "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
        "SESSION_COOKIE_SAMESITE": settings.SESSION_COOKIE_SAMESITE,
        "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
        "CSRF_COOKIE_HTTPONLY": settings.CSRF_COOKIE_HTTPONLY,
        "CSRF_COOKIE_SAMESITE": settings.CSRF_COOKIE_SAMESITE,
        "LANGUAGE_COOKIE_SECURE": settings.LANGUAGE_COOKIE_SECURE,
        "LANGUAGE_COOKIE_SAMESITE": settings.LANGUAGE_COOKIE_SAMESITE,
        "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
        "DEBUG": settings.DEBUG,
    },
}))
"""


def test_production_settings_harden_transport_and_cookies(tmp_path: Path) -> None:
    """Under production settings (DEBUG=0): HTTP redirects to HTTPS, HSTS is sent,
    and the session, CSRF and language cookies are Secure, HttpOnly and SameSite."""
    import base64
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("TYNDAU_TESTING", "DATABASE_URL", "REDIS_URL", "DEBUG")}
    key = base64.urlsafe_b64encode(b"0" * 32).decode()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "harness-production-probe-" + "x" * 60,
            "IIN_HASH_KEY": "harness-iin-hash-key-" + "y" * 40,
            "FIELD_ENCRYPTION_KEYS": key,
            "AUDIT_SIGNING_KEY": base64.b64encode(b"1" * 32).decode(),
            "ALLOWED_HOSTS": "tyndau.example.kz",
            "TYNDAU_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/probe.sqlite3",
        }
    )
    completed = subprocess.run(
        [sys.executable, "-c", _PRODUCTION_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    probe = json.loads(completed.stdout.strip().splitlines()[-1])
    s = probe["settings"]
    assert probe["insecure_status"] in (301, 302) and probe["insecure_location"].startswith("https://"), probe
    assert probe["status"] == 200, probe
    assert "max-age=" in probe["hsts"] and int(probe["hsts"].split("max-age=")[1].split(";")[0]) >= 31536000, probe
    assert s["SESSION_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"], s
    assert s["CSRF_COOKIE_SECURE"] and s["LANGUAGE_COOKIE_SECURE"], s
    for name in ("SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SAMESITE"):
        assert s[name] in ("Lax", "Strict"), (name, s[name])
    csrf = probe["cookies"].get("csrftoken")
    assert csrf, f"the sign-in page sets no CSRF cookie: {probe['cookies']}"
    # A page without a form (the language switcher is links) sets no cookie at all for a reader.
    assert probe["home_status"] == 200 and probe["home_cookies"] == [], probe
    assert csrf["secure"] and csrf["samesite"] in ("Lax", "Strict"), csrf


def test_cookies_are_samesite_in_tests_too(harness_site: Any, db: Any) -> None:
    """Signing in sets a session cookie that is HttpOnly and SameSite (any settings)."""
    from django.test import Client

    from tests.cast import PASSWORD

    client = Client()
    client.get("/en/accounts/login/")
    response = client.post("/en/accounts/login/", {"username": harness_site.cast.citizen.email, "password": PASSWORD})
    session = response.cookies.get("sessionid")
    if session is None:  # the login form may name its field "email"
        response = client.post("/en/accounts/login/", {"email": harness_site.cast.citizen.email, "password": PASSWORD})
        session = response.cookies.get("sessionid")
    assert session is not None, f"signing in set no session cookie ({response.status_code})"
    assert session["httponly"] and session["samesite"] in ("Lax", "Strict"), dict(session)
    csrf = client.cookies.get("csrftoken")
    assert csrf is not None and csrf["samesite"] in ("Lax", "Strict"), csrf


_EMPTY_TARGET = re.compile(rb"<a\b[^>]*\shref=\"\"|<form\b[^>]*\saction=\"\"")


def test_no_link_or_form_points_nowhere(harness_crawl: Any, db: Any) -> None:
    """An empty href or action is what a template writes for a URL variable it does not have — the link
    silently reloads the page (the work queue's complaint rows did that). A form that posts to its own page
    leaves out `action`; it never writes an empty one."""
    nowhere = [
        f"{page.url} as {page.actor}: {match.group(0)[:80].decode(errors='replace')}"
        for page in harness_crawl.crawl.pages
        if page.is_html
        for match in _EMPTY_TARGET.finditer(page.body)
    ]
    assert not nowhere, "links or forms with an empty target:\n  " + "\n  ".join(nowhere)


_INTERNAL_LINK = re.compile(rb'<a\b[^>]*\shref="(/en/[^"#?]*)')
_MAIN_PART = re.compile(rb"<main[^>]*>(.*)</main>", re.S)


def test_no_link_a_person_sees_leads_to_an_error(harness_crawl: Any, db: Any) -> None:
    """Every link in the main part of every page, followed as the same person, answers without a 4xx or
    5xx. A link to a page the person may not open is a dead end: the appeals index offered the work queue
    to citizens and the cabinet offered "My petitions" to officials, both answering 403."""
    from tests.harness.site import client_for

    crawl = harness_crawl.crawl
    followed: set[tuple[str, str]] = set()
    dead = []
    for page in crawl.pages:
        main = _MAIN_PART.search(page.body) if page.is_html else None
        for match in _INTERNAL_LINK.finditer(main.group(1) if main else b""):
            href = match.group(1).decode()
            if (page.actor, href) in followed:
                continue
            followed.add((page.actor, href))
            client = crawl.clients.get(page.actor) or client_for(crawl.users.get(page.actor))
            status = client.get(href).status_code
            if status >= 400:
                dead.append(f"{status} {href} as {page.actor}, linked from {page.url}")
    assert len(followed) > 100, "the crawl's pages link to almost nothing: the check would pass vacuously"
    assert not dead, "links that answer an error to the person who sees them:\n  " + "\n  ".join(sorted(dead))
