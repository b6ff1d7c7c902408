"""An Atom 1.0 check for the feed tests: feedparser (a third-party parser) must read it as Atom 1.0 without
complaint, and the document must meet RFC 4287's MUSTs that a parser forgives (section 4.1.1: one id, title
and updated per feed; an author for the feed or for every entry; 4.1.2: one id, title and updated per entry,
an alternate link or content; 3.3: dates in RFC 3339; 4.2.6: ids are absolute IRIs and unique)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def assert_valid_atom(body: bytes) -> ET.Element:
    parsed = feedparser.parse(body)
    assert not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", parsed.version
    root = ET.fromstring(body)  # noqa: S314 — our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    _one_each(root, "feed", ("id", "title", "updated"))
    entries = root.findall(f"{ATOM}entry")
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [root.findtext(f"{ATOM}id")]
    for entry in entries:
        _one_each(entry, "entry", ("id", "title", "updated"))
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None, "an entry without an author"
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert links or entry.find(f"{ATOM}content") is not None, "an entry without an alternate link or content"
        ids.append(entry.findtext(f"{ATOM}id"))
    for stamp in root.iter(f"{ATOM}updated"):
        assert RFC3339.match(stamp.text or ""), f"not an RFC 3339 date: {stamp.text!r}"
    for identifier in ids:
        assert IRI.match(identifier or ""), f"not an absolute IRI: {identifier!r}"
    assert len(ids) == len(set(ids)), "two entries share an id"
    return root


def _one_each(element: ET.Element, what: str, names: tuple[str, ...]) -> None:
    for name in names:
        count = len(element.findall(f"{ATOM}{name}"))
        assert count == 1, f"{what} has {count} <{name}> elements (RFC 4287 wants exactly one)"


def entry_titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") or "" for entry in root.findall(f"{ATOM}entry")]
