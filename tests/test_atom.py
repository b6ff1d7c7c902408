"""The Atom check used by the feed tests finds what it promises to find."""

from __future__ import annotations

import pytest

from tests.atom import assert_valid_atom

GOOD = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>tag:example,2026:feed</id>
<updated>2026-12-06T10:00:00Z</updated><author><name>Tyndau</name></author>
<entry><title>E</title><id>tag:example,2026:1</id><updated>2026-12-06T10:00:00+05:00</updated>
<link href="https://example.kz/1" rel="alternate"/></entry></feed>"""


def test_a_valid_feed_passes() -> None:
    assert_valid_atom(GOOD)


@pytest.mark.parametrize(
    ("broken", "why"),
    [
        (GOOD.replace(b"<updated>2026-12-06T10:00:00Z</updated>", b""), "<updated>"),
        (GOOD.replace(b"<author><name>Tyndau</name></author>", b""), "author"),
        (GOOD.replace(b"2026-12-06T10:00:00+05:00", b"6 Dec 2026"), "RFC 3339"),
        (GOOD.replace(b"tag:example,2026:1", b"tag:example,2026:feed"), "share an id"),
        (GOOD.replace(b"tag:example,2026:1", b"entry-1"), "IRI"),
        (GOOD.replace(b' rel="alternate"', b' rel="related"'), "alternate link"),
        (GOOD.replace(b"</feed>", b""), "feedparser"),
    ],
)
def test_each_missing_must_is_caught(broken: bytes, why: str) -> None:
    with pytest.raises(AssertionError, match=why):
        assert_valid_atom(broken)
