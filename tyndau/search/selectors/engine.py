"""One engine for every source: match, bound, rank, count, page.

A source declares its public queryset (the app's own public rules), the fields that weigh most
("A": a title, a name) and the others ("B": a text), and on PostgreSQL optionally the stored
`tsvector` column its table carries (migration `search.0001`). The engine takes the newest
`CANDIDATES` public matches, ranks them (PostgreSQL `ts_rank` on the weighted vector; on SQLite
a count of words found in A fields, twice, and in B fields) and returns a page of them with the
number of candidates. The cap keeps a search's cost flat as a table grows (bench/search_scale.py):
a word in a tenth of a million appeals does not make PostgreSQL rank a hundred thousand rows;
past the cap the page says "more than" and asks for a longer query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, connections, transaction
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from tyndau.search.selectors.query import SearchTerms

CANDIDATES = 500  # matches ranked per source; more are counted as "more than"
WINDOW = 10 * CANDIDATES  # newest public rows tested one by one before the GIN index is asked (PostgreSQL)
CONFIG = "simple"
OLDER_IN_ONE_GO = 4  # older matches expected up to 4x CANDIDATES: fetched from the GIN index at once
RANGE_MARGIN = 1.5  # the id range asked for first holds 1.5x the matches expected to be missing


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    snippet: str = ""
    meta: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any  # translated plural, lazy
    public: Callable[[], QuerySet[Any]]  # what the public may see, nothing else
    a_fields: Sequence[str]
    b_fields: Sequence[str] = ()
    stored_vector: str = ""  # a generated tsvector column on PostgreSQL (search.0001), else computed
    to_hit: Callable[[Any], Hit] = lambda obj: Hit(kind="", title=str(obj), url="")


@dataclass(frozen=True)
class Page:
    kind: str
    label: Any
    hits: list[Hit]
    count: int  # candidates found, at most CANDIDATES
    capped: bool  # more matched than CANDIDATES


class StoredVector(Expression):
    """A tsvector column the model does not declare (added by a PostgreSQL-only migration)."""

    output_field = SearchVectorField()

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def as_sql(self, compiler: Any, conn: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        # A list, not the stubs' tuple: django.contrib.postgres's lookups add the params as lists.
        table = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(table)}.{conn.ops.quote_name(self.column)}", []


def _vector(source: Source) -> Any:
    if source.stored_vector:
        return StoredVector(source.stored_vector)
    vector: Any = None
    for weight, fields in (("A", source.a_fields), ("B", source.b_fields)):
        for name in fields:
            part = SearchVector(name, weight=weight, config=CONFIG)
            vector = part if vector is None else vector + part
    return vector


def _variants(word: str) -> set[str]:
    return {word, word.lower(), word.capitalize(), word.upper()}


def _contains(fields: Sequence[str], word: str) -> Q:
    cond = Q()
    for name in fields:
        for variant in _variants(word):
            cond |= Q(**{f"{name}__contains": variant})
    return cond


def _matching(source: Source, terms: SearchTerms) -> QuerySet[Any]:
    qs = source.public()
    if connection.vendor == "postgresql":
        query = SearchQuery(terms.tsquery(), search_type="raw", config=CONFIG)
        return qs.alias(search_vector=_vector(source)).filter(search_vector=query)
    for word in terms.words:
        qs = qs.filter(_contains([*source.a_fields, *source.b_fields], word))
    return qs


def _rank(source: Source, terms: SearchTerms) -> Any:
    if connection.vendor == "postgresql":
        query = SearchQuery(terms.tsquery(), search_type="raw", config=CONFIG)
        return SearchRank(_vector(source), query)
    rank: Any = Value(0.0)
    for word in terms.words:
        for fields, weight in ((source.a_fields, 2.0), (source.b_fields, 1.0)):
            if fields:
                rank = rank + Case(When(_contains(fields, word), then=Value(weight)), default=Value(0.0))
    return Cast(rank, FloatField())


def _with_plan(qs: QuerySet[Any], *, walk: bool) -> list[Any]:
    """Run `qs` walking the primary key newest first (testing each row) or collecting the GIN
    index's matches (a bitmap scan), never in parallel (its start-up costs more than either)."""
    # The same connection as the query (a replica for a replica_reads view, ADR 0031).
    with transaction.atomic(using=qs.db), connections[qs.db].cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off" if walk else "SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        return list(qs)


def _candidates(source: Source, terms: SearchTerms) -> list[Any]:
    """The ids of the newest CANDIDATES + 1 public matches.

    On PostgreSQL, for a table with a stored vector: first the newest WINDOW public rows are walked
    and tested (a common word finds its candidates there, at the same cost at any size); only if
    they hold too few matches are the older matches collected from the GIN index (a rare word has
    few). PostgreSQL's own choice between the two rests on its estimate of a prefix query, which is
    a constant share whatever the word: a rare word walked a million rows, a common pair was
    collected by the hundred thousand (bench/search_scale.py, docs/performance.md).

    A word between the two (in a few percent of rows) has too few matches in the window and too many
    older ones to fetch them all: the window's density tells which id range should hold what is
    missing, and that range is asked first (with `id` in the GIN index, search.0002, PostgreSQL reads
    only the range's matches); the rest of the table only if the range fell short. The result is the
    same as one query for the newest matches (tests/test_search.py holds them equal)."""
    matching = _matching(source, terms).order_by("-pk").values_list("pk", flat=True)
    if connection.vendor != "postgresql" or not source.stored_vector:
        return list(matching[: CANDIDATES + 1])
    boundary = list(source.public().order_by("-pk").values_list("pk", flat=True)[WINDOW - 1 : WINDOW])
    if not boundary:  # fewer public rows than the window: walk them all
        return _with_plan(matching[: CANDIDATES + 1], walk=True)
    upper = boundary[0]
    found = _with_plan(matching.filter(pk__gte=upper)[: CANDIDATES + 1], walk=True)
    if len(found) > CANDIDATES:
        return found
    # Too few in the window: the older ones come from the GIN index. Where the window shows the word is
    # common enough that all its older matches would be many, ask first for the id range that should hold
    # what is missing (from the window's density, with a margin): the index `(search_vector, id)`
    # (search.0002) keeps that range's matches apart, so only about the rows needed are fetched.
    need = CANDIDATES + 1 - len(found)
    density = len(found) / max(1, _newest_pk(source) - upper + 1)  # matches per id in the window
    if density * upper > OLDER_IN_ONE_GO * CANDIDATES:
        lower = max(0, upper - int(RANGE_MARGIN * need / density))
        found += _with_plan(matching.filter(pk__lt=upper, pk__gte=lower)[:need], walk=False)
        upper, need = lower, CANDIDATES + 1 - len(found)
    if need > 0 and upper > 0:
        found += _with_plan(matching.filter(pk__lt=upper)[:need], walk=False)
    return found


def _newest_pk(source: Source) -> int:
    return source.public().order_by("-pk").values_list("pk", flat=True).first() or 0


def search(source: Source, terms: SearchTerms, *, offset: int = 0, limit: int = 10) -> Page:
    """A page of the best-ranked public matches among the newest CANDIDATES, and their count."""
    candidate_ids = _candidates(source, terms)
    capped = len(candidate_ids) > CANDIDATES
    candidate_ids = candidate_ids[:CANDIDATES]
    hits: list[Hit] = []
    if candidate_ids and offset < len(candidate_ids):
        ranked = (
            source.public()
            .filter(pk__in=candidate_ids)
            .annotate(search_rank=_rank(source, terms))
            .order_by(F("search_rank").desc(), "-pk")[offset : offset + limit]
        )
        hits = [source.to_hit(obj) for obj in ranked]
    return Page(kind=source.kind, label=source.label, hits=hits, count=len(candidate_ids), capped=capped)
