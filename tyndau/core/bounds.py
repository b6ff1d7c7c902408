"""Bounds on what people and client programs may send: one place for every app.

- Free text: the longest text a form, an API schema or Open311 accepts (`TEXT_*`), and `clean_text`,
  which drops the control characters no person types (they also break XML 1.0 for every reader).
- Coordinates: Kazakhstan's bounding box (`KZ_BOUNDS`), checked wherever a point enters.
- Numbers and dates in query strings and paths (`ID`, `PAGE`, `OFFSET`, `LIMIT`, `BoundedDate`):
  out of range is a 4xx with a clear message, never an overflow deep in the database driver.
- Outputs: `xml_safe` (characters XML 1.0 can carry) and `csv_cell` (no spreadsheet formulas).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from pydantic import AfterValidator, Field

# --- Free text --------------------------------------------------------------------------------
# Long reasoned texts: an appeal, an answer, a complaint and its decision, a petition's response.
TEXT_LONG = 20_000
# Shorter notes: a question to the applicant, a reply, a forwarding or extension reason, notes.
TEXT_NOTE = 4_000
# GeoReport v2 limits a request's description to 4,000 characters.
TEXT_OPEN311_DESCRIPTION = 4_000

# Passwords: long passphrases welcome, megabytes to hash are not.
TEXT_PASSWORD = 1_024
# Django's own message for a too-long value, with the same msgid: our catalogues translate it for
# every field (Django ships no Kazakh translation of it).
MAX_LENGTH_MESSAGE = ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)

# C0 controls other than tab, line feed and carriage return, DEL, C1 controls: no person types
# them, and XML 1.0 cannot carry most of them (one in a description made requests.xml unreadable).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What XML 1.0 cannot carry at all: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Free text as stored: control characters dropped (line breaks and tabs are kept)."""
    return _CONTROL.sub("", value)


def xml_safe(value: str) -> str:
    """A string every XML 1.0 parser accepts (characters it cannot carry are dropped)."""
    return _NOT_XML.sub("", value)


# --- Coordinates ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float


# Kazakhstan with a margin of a few kilometres: southernmost point ~40.57 N (Turkistan region),
# northernmost ~55.44 N (North Kazakhstan), westernmost ~46.49 E (Atyrau region), easternmost
# ~87.36 E (East Kazakhstan). Appeals concern Kazakhstan's public bodies: a point outside is a typo.
KZ_BOUNDS = Box(lat_min=40.5, lat_max=55.5, lon_min=46.4, lon_max=87.4)

COORDINATE_MESSAGES = {
    "latitude": _("The latitude must be a number between %(min)s and %(max)s (Kazakhstan)."),
    "longitude": _("The longitude must be a number between %(min)s and %(max)s (Kazakhstan)."),
}


def coordinate(value: Any, axis: str) -> Decimal:
    """A latitude or longitude inside Kazakhstan, to six decimals; ValidationError otherwise.

    NaN, infinities, exponents that overflow and anything outside the box are refused.
    """
    low, high = (KZ_BOUNDS.lat_min, KZ_BOUNDS.lat_max) if axis == "latitude" else (KZ_BOUNDS.lon_min, KZ_BOUNDS.lon_max)
    error = ValidationError(COORDINATE_MESSAGES[axis], code="coordinate", params={"min": low, "max": high})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise error from None
    if not number.is_finite() or not (Decimal(str(low)) <= number <= Decimal(str(high))):
        raise error
    return round(number, 6)


def coordinate_validator(axis: str) -> Any:
    """A Django field validator for `coordinate`."""

    def validate(value: Any) -> None:
        if value is not None:
            coordinate(value, axis)

    return validate


# --- Numbers and dates in requests ------------------------------------------------------------
# Primary keys are 64-bit; a larger number in a path is not "not found" but an overflow in the
# driver, so ids stop at the signed 64-bit maximum.
MAX_ID = 2**63 - 1
# A page or offset past this cannot hold data (a million appeals per body would be 20,000 pages).
MAX_PAGE = 100_000
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200
# Dates a request may name: the portal's records start in this century; year 1 or 9999 overflows
# date arithmetic (a period's length, a day's end in UTC).
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2099, 12, 31)

DATE_MESSAGE = _("Dates must be between %(min)s and %(max)s.")


def check_date(value: dt.date | None) -> dt.date | None:
    """The date itself if within MIN_DATE..MAX_DATE; ValidationError otherwise."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            DATE_MESSAGE, code="date_range", params={"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}
        )
    return value


def validate_date(value: dt.date | None) -> None:
    """check_date as a Django field validator."""
    check_date(value)


def _date_in_range(value: Any) -> Any:
    try:
        return check_date(value)
    except ValidationError as exc:
        raise ValueError(str(exc.messages[0])) from None


def finite(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise ValueError("must be a finite number")
    return value


# Ninja parameter types: out-of-range input gets Ninja's 422 with the reason (the OpenAPI schema
# carries the bounds, so clients and the schema fuzzing see them).
ID = Annotated[int, Field(ge=1, le=MAX_ID)]
PAGE = Annotated[int, Field(ge=1, le=MAX_PAGE)]
OFFSET = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
LIMIT = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
# Strings in paths and query strings: slugs, codes, receipt numbers, searches.
# A code never holds a control character: PostgreSQL refuses a NUL in any text parameter (a 500 the API
# fuzzer found on /authorities/competent-body), and no slug, ISO code or number has one.
CODE = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]
SEARCH = Annotated[str, Field(max_length=200)]
BoundedDate = Annotated[dt.date, AfterValidator(_date_in_range)]
BoundedDateTime = Annotated[dt.datetime, AfterValidator(_date_in_range)]


def bounded_int(value: str | None, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A query-string integer for plain Django views: None when absent, malformed or out of range."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and low <= number <= high else None


# --- CSV --------------------------------------------------------------------------------------
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a quote in front.

    Numbers are left alone (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --- Database ---------------------------------------------------------------------------------
def length_check(field: str, limit: int, name: str) -> Any:
    """A CHECK constraint: the column holds at most `limit` characters (the forms' limit, kept by
    the database too, so that no other path — admin, shell, import — stores a megabyte)."""
    from django.db import models
    from django.db.models.functions import Length
    from django.db.models.lookups import LessThanOrEqual

    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)


# --- URL paths --------------------------------------------------------------------------------
class IdConverter:
    """`<id:pk>` in URL patterns: a primary key of at most 18 digits (below 2**63), so that a longer
    number is no route (404) instead of an overflow in the database driver (500). Registered by
    tyndau.core.apps."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def coordinates_check(name: str) -> Any:
    """A CHECK constraint: latitude and longitude are empty or inside KZ_BOUNDS."""
    from django.db import models

    box = KZ_BOUNDS
    inside = models.Q(
        latitude__gte=box.lat_min, latitude__lte=box.lat_max, longitude__gte=box.lon_min, longitude__lte=box.lon_max
    )
    return models.CheckConstraint(condition=inside | models.Q(latitude__isnull=True, longitude__isnull=True), name=name)
