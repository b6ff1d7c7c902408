"""First-visit weight in Chromium: what a reader with an empty cache downloads to see the home page,
a petition and the appeal form, in kk, ru and en — HTML, CSS, JS, fonts and images, whatever the
browser really requests (fonts only for the unicode ranges the page's text uses).

Sizes are what production sends: static files gzip-compressed (whitenoise's
CompressedManifestStaticFilesStorage writes a .gz beside each file and serves it to browsers that
accept gzip, as all do; fonts and images are sent as they are), pages as Django renders them (not
compressed). The budget is 200 KB transferred, and 400 KB decoded: what a phone must parse (the full
USWDS stylesheet alone was 527 KB).
`pytest tests/harness/test_first_visit.py -s` prints the table (docs/performance.md, "Page weight").
"""

from __future__ import annotations

import gzip
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from whitenoise.compress import Compressor

from tests.harness.browser import IN_PROCESS_BASE, in_process_context
from tests.harness.discovery import LANGUAGES

pytestmark = [pytest.mark.harness, pytest.mark.browser, pytest.mark.django_db]

BUDGET = 200 * 1024
DECODED_BUDGET = 400 * 1024
# (route name, reader): the pages a first-time visitor is most likely to land on.
FIRST_PAGES = (("core:home", "anonymous"), ("petitions:detail", "anonymous"), ("appeals:new", "citizen"))


def transferred(path: str, body: bytes) -> int:
    """Bytes on the wire in production for one response body."""
    from django.conf import settings

    if not path.startswith(settings.STATIC_URL) or path.rsplit(".", 1)[-1] in Compressor.SKIP_COMPRESS_EXTENSIONS:
        return len(body)  # fonts and images are compressed formats: whitenoise sends them as they are
    compressed = len(gzip.compress(body, compresslevel=9))
    return compressed if compressed <= 0.95 * len(body) else len(body)  # whitenoise's own rule


def first_visit(new_context: Any, user: Any, url: str) -> dict[str, tuple[int, int]]:
    """{path: (transferred, decoded) bytes} of every response a fresh browser gets while opening `url`."""
    context = in_process_context(new_context, user)
    tab = context.new_page()
    responses: list[Any] = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(IN_PROCESS_BASE + url, wait_until="load")
    tab.evaluate("() => document.fonts.ready.then(() => document.fonts.size)")
    tab.wait_for_load_state("networkidle")
    sizes = {}
    for response in responses:
        path = urlsplit(response.url).path
        body = response.body()
        sizes[path] = (transferred(path, body), len(body))
    context.close()
    return sizes


def test_first_visit_is_within_the_budget(harness_crawl: Any, new_context: Any, db: Any) -> None:
    crawl_result = harness_crawl.crawl
    rows, over = [], []
    for name, actor in FIRST_PAGES:
        page = next((p for p in crawl_result.pages if p.route.name == name and p.actor == actor), None)
        assert page is not None, f"the crawl did not open {name} as {actor}"
        for lang in LANGUAGES:
            url = page.url_in(lang)
            sizes = first_visit(new_context, crawl_result.users[actor], url)
            total = sum(wire for wire, _ in sizes.values())
            decoded = sum(size for _, size in sizes.values())
            fonts = sum(wire for path, (wire, _) in sizes.items() if path.endswith(".woff2"))
            rows.append(
                f"{url:<28} {total / 1024:6.1f} KB transferred, {decoded / 1024:6.1f} KB decoded"
                f"  ({len(sizes)} files, fonts {fonts / 1024:.1f} KB)"
            )
            if total > BUDGET or decoded > DECODED_BUDGET:
                detail = ", ".join(f"{path.rsplit('/', 1)[-1]} {wire}/{size}" for path, (wire, size) in sizes.items())
                over.append(f"{url} as {actor}: {total} bytes transferred, {decoded} decoded ({detail})")
    print("\nfirst visit (static gzip -9, HTML as rendered):\n" + "\n".join(rows))
    assert not over, "first visits over the budget (200 KB transferred, 400 KB decoded):\n" + "\n".join(over)


def test_htmx_is_loaded_only_by_pages_that_use_it(harness_crawl: Any, db: Any) -> None:
    """HTMX (16 KB gzip) is a script a page needs only for its hx- attributes."""
    wrong = []
    for page in harness_crawl.crawl.pages:
        if not page.is_html or not page.body.lstrip()[:15].lower().startswith(b"<!doctype html"):
            continue
        uses = re.search(rb"\shx-(?:get|post|put|patch|delete|trigger|target|swap|boost)=", page.body) is not None
        loads = b"/htmx.min.js" in page.body
        if uses != loads:
            wrong.append(
                f"{page.url} as {page.actor}: {'uses' if uses else 'does not use'} hx- attributes but "
                f"{'does not load' if not loads else 'loads'} HTMX"
            )
    assert not wrong, "\n".join(wrong)
