"""A hot ORM lookup whose SQL Django compiles once per process instead of on every request.

Django compiles a queryset's SQL on every evaluation. For a lookup with several `select_related` joins
that costs more than running it: the appeal page's appeal with its body, region, category, applicant,
assignee, answer and complaint spent 2.7 of its 3.0 ms of CPU compiling seven joins (issue 10.28,
docs/performance.md). `CompiledLookup` compiles the queryset once per database alias, with a marker
value in place of the one parameter that changes, and afterwards only executes that SQL and turns the
rows into model instances with Django's own machinery (`from_db`, the compiler's converters and
`RelatedPopulator`), exactly as `QuerySet.__iter__` does — so a deferred field, a converter (dates,
decimals) or a null related object behaves the same. A test holds its results equal to the queryset's.

Use it only for a fixed-shape lookup (no `prefetch_related`, no annotations that depend on the values).
`markers` are the sample values the queryset is built with, one per argument, each of its field's type
and never a real value; each must reach the SQL as exactly one parameter. The router still chooses the
database for each call. `CompiledExists` is the same for an `.exists()` question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, models, router
from django.db.models.query import get_related_populators

M = TypeVar("M", bound=models.Model)

TEXT_MARKER = "\x00tyndau-compiled-parameter\x00"  # never a real value: it cannot be typed into any field
TEXT_MARKERS = (TEXT_MARKER, "\x00tyndau-compiled-parameter-2\x00")
ID_MARKERS = (-7_700_000_001, -7_700_000_002)  # never a primary key: ids are positive


class _Compiled:
    """The SQL and the row-to-object plan of one queryset, for one database alias."""

    def __init__(self, queryset: models.QuerySet[Any], alias: str, markers: tuple[Any, ...], exists: bool) -> None:
        query = queryset.query.exists(limit=True) if exists else queryset.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        self.sql, self.params, self.compiler = sql, list(params), compiler
        self.converters: dict[int, Any] = {}
        # Where each argument goes: (index, None) for a parameter that is the marker itself, (index, text)
        # for one the lookup built around it (icontains' "%marker%": the caller passes the value escaped
        # as the lookup would, `connection.ops.prep_for_like_query`).
        self.positions: list[tuple[int, str | None]] = []
        for marker in markers:
            found = [
                (i, None if value == marker else value)
                for i, value in enumerate(params)
                if value == marker or (isinstance(value, str) and isinstance(marker, str) and marker in value)
            ]
            if len(found) != 1:
                raise ValueError(f"each argument must reach the SQL exactly once: {marker!r} {len(found)} times")
            self.positions.append(found[0])
        self.markers = markers
        klass_info = compiler.klass_info
        if exists or klass_info is None:
            return
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in compiler.select[self.start : self.end]]
        # django-stubs 6 describes Django 6's signature (a fetch mode); 5.2 takes these three.
        self.populators = get_related_populators(klass_info, compiler.select, alias)  # type: ignore[call-arg]
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])

    def rows(self, alias: str, values: tuple[Any, ...]) -> list[Any]:
        params = list(self.params)
        for (position, around), marker, value in zip(self.positions, self.markers, values, strict=True):
            params[position] = value if around is None else around.replace(marker, value)
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows: list[Any] = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(map(list, rows), self.converters))
        return rows

    def objects(self, alias: str, values: tuple[Any, ...]) -> list[Any]:
        found = []
        for row in self.rows(alias, values):
            obj = self.model.from_db(alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


class CompiledLookup(Generic[M]):
    """`build(*markers)` returns the queryset; its SQL is compiled once per database."""

    exists = False

    def __init__(
        self, model: type[M], build: Callable[..., models.QuerySet[M]], *, markers: tuple[Any, ...] = (TEXT_MARKER,)
    ) -> None:
        self.model, self.build, self.markers = model, build, markers
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            queryset = self.build(*self.markers)
            compiled = self._compiled[alias] = _Compiled(queryset, alias, self.markers, self.exists)
        return compiled

    def __call__(self, *values: Any) -> list[M]:
        alias = router.db_for_read(self.model)
        return self._for(alias).objects(alias, values)  # type: ignore[no-any-return]

    def reset(self) -> None:
        """Forget the compiled SQL (a test that changes the schema or the database settings)."""
        self._compiled.clear()


class CompiledExists(CompiledLookup[M]):
    """`.exists()` of the queryset `build(*markers)`, compiled once per database."""

    exists = True

    def __call__(self, *values: Any) -> bool:  # type: ignore[override]
        alias = router.db_for_read(self.model)
        return bool(self._for(alias).rows(alias, values))
