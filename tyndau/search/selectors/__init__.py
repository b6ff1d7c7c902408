"""Reads of the search: one module per source (each with the public rules of its app), one engine."""

from __future__ import annotations

from tyndau.search.selectors import appeals, assemblies, associations, bodies, grounds, petitions
from tyndau.search.selectors.engine import CANDIDATES, Hit, Page, Source, search
from tyndau.search.selectors.query import MAX_QUERY, QueryError, SearchTerms, parse

# The order of the groups on the results page.
SOURCES: dict[str, Source] = {
    s.kind: s
    for s in (
        petitions.SOURCE,
        appeals.SOURCE,
        bodies.SOURCE,
        grounds.SOURCE,
        assemblies.SOURCE,
        associations.SOURCE,
    )
}
PER_GROUP = 5  # hits per kind on the page of every kind
PAGE_SIZE = 20  # hits on the page of one kind


def search_all(terms: SearchTerms) -> list[Page]:
    """The first hits of every kind, with counts (the groups with no hit are kept, with 0)."""
    return [search(source, terms, limit=PER_GROUP) for source in SOURCES.values()]


def search_kind(terms: SearchTerms, *, kind: str, page: int) -> Page:
    return search(SOURCES[kind], terms, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)


__all__ = [
    "CANDIDATES",
    "MAX_QUERY",
    "PAGE_SIZE",
    "PER_GROUP",
    "SOURCES",
    "Hit",
    "Page",
    "QueryError",
    "SearchTerms",
    "parse",
    "search_all",
    "search_kind",
]
