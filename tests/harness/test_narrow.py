"""Phone width (360 CSS px): no page scrolls sideways, in kk, ru and en; wide tables scroll inside
their own labelled, focusable region instead. Without JavaScript the header's links (sign in,
the languages) are on the screen.

The web font is withheld: a phone on a slow network paints first in the system font, which is wider
than Source Sans 3 for Cyrillic, and a long word ("Специализированные" in an h1) that fits in one font
overflows in the other. Measuring after the font had loaded made the check depend on timing (a CI run
saw /ru/assemblies/places/ scroll by 60 px that passed here)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import IN_PROCESS_BASE, in_process_context
from tests.harness.discovery import LANGUAGES

pytestmark = [pytest.mark.harness, pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 740}
# (reader, JavaScript on): everyone's public pages with and without JS, and a citizen's own pages.
READERS = (("anonymous", True), ("anonymous", False), ("citizen", True))
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) return true;  // scrolls in its own box
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0) return false;
    // Its box is too wide, or its text overflows its box (a long word: the box fits, the word does not).
    const overflows = getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1;
    const right = overflows ? box.left + el.scrollWidth : box.right;
    return right > width + 1 && !clipped(el);
  }).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
    + ' ' + (el.innerText || '').trim().slice(0, 30));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 4)};
}"""


def test_no_page_scrolls_sideways_on_a_phone(harness_crawl: Any, new_context: Any, db: Any) -> None:
    crawl_result = harness_crawl.crawl
    failures, checked = [], 0
    for actor, javascript in READERS:
        pages = [
            p
            for p in crawl_result.pages
            if p.actor == actor and p.is_html and p.body.lstrip()[:15].lower().startswith(b"<!doctype html")
        ]
        context = in_process_context(
            new_context, crawl_result.users[actor], viewport=PHONE, java_script_enabled=javascript
        )
        context.route("**/*.woff2", lambda route: route.abort())  # the system font: see the docstring
        tab = context.new_page()
        for page in pages:
            for lang in LANGUAGES:
                url = page.url_in(lang)
                tab.goto(IN_PROCESS_BASE + url, wait_until="load")
                result = tab.evaluate(_OVERFLOW)
                checked += 1
                if result["scroll"] > result["width"]:
                    failures.append(f"{url} as {actor} (JS {'on' if javascript else 'off'}): {result}")
        context.close()
    assert not failures, f"{len(failures)} of {checked} page views scroll sideways at 360 px:\n" + "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_links_are_reachable_without_javascript_on_a_phone(new_context: Any, db: Any, lang: str) -> None:
    page = in_process_context(new_context, viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"/{lang}/")
    header = page.locator("header")
    for href in (f"/{lang}/accounts/login/", f"/{lang}/petitions/", "/kk/", "/ru/", "/en/"):
        link = header.locator(f'a[href="{href}"]').first
        assert link.is_visible(), f"{href} is not visible in the header without JavaScript at 360 px"
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{href} is off screen: {box}"
    page.locator(f'header a[href="/{lang}/accounts/login/"]').first.click()
    page.wait_for_url(f"**/{lang}/accounts/login/**")
