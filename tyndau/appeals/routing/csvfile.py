"""The CSV of historical appeals (columns in docs/appeals-import.md): read and checked row by row.

A row that cannot be used is reported with its line number and reason and skipped; nothing else is
lost. The reader streams, so a file of millions of rows needs memory for the rows kept, not the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from tyndau.appeals.routing.model import Example
from tyndau.core.bounds import KZ_BOUNDS, MAX_DATE, MIN_DATE, TEXT_LONG, clean_text

REQUIRED = ("text", "category", "date", "body")
OPTIONAL = ("id", "region", "district", "latitude", "longitude", "author", "problem_key")
MAX_FIELD = 200  # category, region, district, body, author, id, problem_key


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    external_id: str
    text: str
    category: str
    region: str
    district: str
    latitude: Decimal | None
    longitude: Decimal | None
    date: dt.date
    author: str
    body: str
    problem_key: str

    def example(self) -> Example:
        return Example(self.text, self.category, self.region, self.district, self.date, self.body)


class BadFile(ValueError):
    pass


def _date(value: str) -> dt.date:
    value = value.strip()
    try:
        date = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"date {value[:30]!r} is not YYYY-MM-DD") from None
    if not MIN_DATE <= date <= MAX_DATE:
        raise ValueError(f"date {date} outside {MIN_DATE}..{MAX_DATE}")
    return date


def _coordinate(value: str, low: float, high: float) -> Decimal | None:
    if not value.strip():
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"coordinate {value[:30]!r} is not a number") from None
    if not number.is_finite() or not low <= number <= high:
        raise ValueError(f"coordinate {value[:30]!r} outside Kazakhstan")
    return number.quantize(Decimal("0.000001"))


def parse(handle: IO[str]) -> Iterator[Row | tuple[int, str]]:
    """Yield a Row per usable line, or (line, reason) for a line that is skipped."""
    csv.field_size_limit(TEXT_LONG * 4)
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise BadFile(f"missing column(s): {', '.join(missing)}")
    if "region" not in (reader.fieldnames or []) and "district" not in (reader.fieldnames or []):
        raise BadFile("a region or a district column is required")
    for record in reader:
        line = reader.line_num
        try:
            get = {k: clean_text(str(record.get(k) or "")).strip() for k in (*REQUIRED, *OPTIONAL)}
            for key in ("category", "region", "district", "body", "author", "id", "problem_key"):
                if len(get[key]) > MAX_FIELD:
                    raise ValueError(f"{key} longer than {MAX_FIELD} characters")
            if not get["text"] or not get["category"] or not get["body"]:
                raise ValueError("text, category and body must not be empty")
            if not get["region"] and not get["district"]:
                raise ValueError("a region or a district is required")
            yield Row(
                line=line,
                external_id=get["id"],
                text=get["text"][:TEXT_LONG],
                category=get["category"],
                region=get["region"],
                district=get["district"],
                latitude=_coordinate(get["latitude"], KZ_BOUNDS.lat_min, KZ_BOUNDS.lat_max),
                longitude=_coordinate(get["longitude"], KZ_BOUNDS.lon_min, KZ_BOUNDS.lon_max),
                date=_date(get["date"]),
                author=get["author"],
                body=get["body"],
                problem_key=get["problem_key"],
            )
        except ValueError as exc:
            yield line, str(exc)


def read_examples(path: Path) -> tuple[list[Example], list[tuple[int, str]]]:
    examples: list[Example] = []
    skipped: list[tuple[int, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for item in parse(handle):
            if isinstance(item, Row):
                examples.append(item.example())
            else:
                skipped.append(item)
    return examples, skipped
