"""The words of a search: bounded, cleaned, and turned into the database's own query.

PostgreSQL matches a stored or computed `tsvector` (text search configuration `simple`: Kazakh has no
dictionary in PostgreSQL, and one configuration for kk/ru/en keeps the three languages alike) with
a prefix query (`word:*`), so "петиц" finds "петиция" and "петициялар". SQLite has no full-text
search in Django's ORM: every word must occur in one of the fields (LIKE), in its typed, lower,
Title and UPPER forms, because SQLite's LIKE folds the case of ASCII letters only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tyndau.core.bounds import clean_text

MAX_QUERY = 200  # characters, as tyndau.core.bounds.SEARCH
MAX_WORDS = 8
MAX_WORD = 50
# Letters and digits of any script; everything else (quotes, operators of tsquery, "%", "_") separates words.
_WORD = re.compile(r"[^\W_]+")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

TOO_LONG = _("A search can be at most %(max)d characters long; shorten it.")
CONTROL = _("The search contains characters that cannot be typed (control characters); remove them.")
NO_WORDS = _("Type at least one word or number to search for.")


class QueryError(ValueError):
    """A search the user must change; `message` is translated and says how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SearchTerms:
    text: str  # as typed, cleaned (shown back in the box)
    words: tuple[str, ...]  # lower-case, at most MAX_WORDS, each at most MAX_WORD characters

    def tsquery(self) -> str:
        """A raw tsquery: every word as a prefix, all required. Words are letters and digits only."""
        return " & ".join(f"{word}:*" for word in self.words)


def parse(raw: str | None) -> SearchTerms | None:
    """None for an empty search (the page shows guidance); QueryError for one that must change."""
    text = (raw or "").strip()
    if not text:
        return None
    if len(text) > MAX_QUERY:
        raise QueryError(TOO_LONG % {"max": MAX_QUERY})
    if _ANY_CONTROL.search(text.replace("\t", " ")):
        raise QueryError(str(CONTROL))
    text = clean_text(text)
    words: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = word[:MAX_WORD]
        if word not in words:
            words.append(word)
    if not words:
        raise QueryError(str(NO_WORDS))
    return SearchTerms(text=text, words=tuple(words[:MAX_WORDS]))
