"""Every page in Kazakh and Russian writes dates, times and numbers its own language's way (ADR 0023):
no English month-first dates («Жел. 7, 2025»), no 12/07/2025, no a.m./p.m. (or Django's Kazakh «Т.Қ.»),
no «г..». The main content is checked (the header and footer hold no dates)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.harness.site import render

pytestmark = [pytest.mark.harness, pytest.mark.django_db]

ENGLISH_STYLE = {
    "month-first date": re.compile(r"\b\w{3,4}\. \d{1,2}, \d{4}\b"),
    "slashed date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),
    "12-hour time": re.compile(r"\d{1,2}:\d{2}\s?(?:a\.m\.|p\.m\.|AM|PM|Т\.Қ\.|Т\.Ж\.|т\.қ\.|т\.ж\.)"),
    "second full stop after a date": re.compile(r"(?:г|ж)\.\."),
}
_MAIN = re.compile(r"<main[^>]*>(.*)</main>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def test_dates_and_times_follow_the_language(harness_crawl: Any, db: Any) -> None:
    problems = []
    checked = 0
    for page in harness_crawl.crawl.pages:
        if not page.is_html:
            continue
        for lang in ("kk", "ru"):
            response = render(harness_crawl.crawl, page, lang)
            match = _MAIN.search(response.content.decode())
            if response.status_code != 200 or not match:
                continue
            checked += 1
            text = _TAGS.sub(" ", match.group(1))
            for what, pattern in ENGLISH_STYLE.items():
                found = pattern.search(text)
                if found:
                    problems.append(f"{page.url_in(lang)} as {page.actor}: {what} {found.group(0)!r}")
    assert checked, "no page was checked"
    assert not problems, f"{len(problems)} English-style dates or times:\n" + "\n".join(problems[:40])
