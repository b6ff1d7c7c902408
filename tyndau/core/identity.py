"""IIN and BIN — Kazakhstan's 12-digit individual and business identification numbers.

Rules (domain-rules.md, "Identity numbers"): IIN digits 1–6 are the birth date
YYMMDD, digit 7 the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd
male, even female). BIN digits 1–4 are YYMM of registration, digit 5 the type
(4 resident, 5 non-resident legal entity, 6 joint individual entrepreneur),
digit 6 the unit (0 head, 1 branch, 2 representative office, 3 farm).
Check digit: s = Σ dᵢ·i (i = 1..11) mod 11; if 10, recompute with weights
3,4,5,6,7,8,9,10,11,1,2; if still 10 the number is invalid; else digit 12 = s.

Known blind spot of the national scheme: the 11th weight of the first pass is
11 ≡ 0 (mod 11), so a mistyped 11th digit goes unnoticed whenever the first pass
decides the check digit; near the fallback to the second weights a few other
single-digit typos also slip through. The checksum catches most typing
mistakes, not all (see tests/test_identity.py).

A valid checksum proves nothing about a person's existence: identity proofing
is the accounts app's verification seam.

Every failure has its own code and its own translated message, for the IIN and
for the BIN separately (the sentences are not assembled from parts, so each
language can phrase them naturally).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tyndau.core.calendar import local_today

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

WEIGHTS_FIRST = tuple(range(1, 12))
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
BIN_TYPES = {4: "resident", 5: "non_resident", 6: "joint_entrepreneur"}
BIN_UNITS = {0: "head", 1: "branch", 2: "representative_office", 3: "farm"}

Sex = Literal["male", "female"]
Kind = Literal["iin", "bin"]

# Spaces (incl. non-breaking and thin ones, as pasted from documents) and hyphens
# people type to group digits.
_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u202f\-]+")

MESSAGES: dict[Kind, dict[str, _StrPromise]] = {
    "iin": {
        "required": _("Enter the IIN."),
        "not_digits": _("The IIN must contain digits only."),
        "length": _("The IIN must have exactly 12 digits; you entered %(count)d."),
        "no_check_digit": _("This IIN cannot exist: no check digit is possible for its first 11 digits."),
        "check_digit": _("The last digit of the IIN does not match the others. Please check for a typing mistake."),
    },
    "bin": {
        "required": _("Enter the BIN."),
        "not_digits": _("The BIN must contain digits only."),
        "length": _("The BIN must have exactly 12 digits; you entered %(count)d."),
        "no_check_digit": _("This BIN cannot exist: no check digit is possible for its first 11 digits."),
        "check_digit": _("The last digit of the BIN does not match the others. Please check for a typing mistake."),
    },
}


def normalise(value: str | None) -> str:
    """The number without the spaces and hyphens people use to group digits."""
    return _SEPARATORS.sub("", value or "")


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no valid check digit exists."""
    if len(first_eleven) != 11 or not (first_eleven.isascii() and first_eleven.isdigit()):
        raise ValueError("check_digit needs exactly 11 ASCII digits")
    digits = [int(c) for c in first_eleven]
    s = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=True)) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=True)) % 11
        if s == 10:
            return None
    return s


def _fail(kind: Kind, code: str, **params: int) -> ValidationError:
    return ValidationError(MESSAGES[kind][code], code=code, params=params or None)


def _clean(value: str | None, kind: Kind) -> str:
    number = normalise(value)
    if not number:
        raise _fail(kind, "required")
    if not number.isascii() or not number.isdigit():
        raise _fail(kind, "not_digits")
    if len(number) != 12:
        raise _fail(kind, "length", count=len(number))
    return number


def _check(number: str, kind: Kind) -> None:
    expected = check_digit(number[:11])
    if expected is None:
        raise _fail(kind, "no_check_digit")
    if expected != int(number[11]):
        raise _fail(kind, "check_digit")


@dataclass(frozen=True)
class IinInfo:
    number: str
    birth_date: dt.date
    sex: Sex


@dataclass(frozen=True)
class BinInfo:
    number: str
    registered_year: int
    registered_month: int
    entity_type: str  # resident | non_resident | joint_entrepreneur
    unit: str  # head | branch | representative_office | farm


def parse_iin(value: str, *, today: dt.date | None = None) -> IinInfo:
    """Validate an IIN and return its birth date and sex; raises ValidationError with a specific message.

    `today` (default: today in Kazakhstan) rejects birth dates in the future.
    """
    number = _clean(value, "iin")
    century_digit = int(number[6])
    if century_digit not in CENTURY_BY_DIGIT:
        raise ValidationError(
            _("The 7th digit of the IIN (century and sex) must be from 1 to 6."), code="century_digit"
        )
    year = CENTURY_BY_DIGIT[century_digit] + int(number[0:2])
    try:
        birth = dt.date(year, int(number[2:4]), int(number[4:6]))
    except ValueError:
        raise ValidationError(
            _("The first six digits of the IIN must be a real birth date (YYMMDD)."), code="birth_date"
        ) from None
    if birth > (today or local_today()):
        raise ValidationError(_("The birth date in the IIN is in the future."), code="birth_date_future")
    _check(number, "iin")
    return IinInfo(number=number, birth_date=birth, sex="male" if century_digit % 2 == 1 else "female")


def parse_bin(value: str, *, today: dt.date | None = None) -> BinInfo:
    """Validate a BIN and return its registration month, entity type and unit.

    The BIN does not carry its century: YY up to this year is the 2000s, later
    YY the 1900s (BINs were first issued in the 1990s).
    """
    number = _clean(value, "bin")
    month = int(number[2:4])
    if not 1 <= month <= 12:
        raise ValidationError(_("Digits 3–4 of the BIN must be a month from 01 to 12."), code="month")
    type_digit, unit_digit = int(number[4]), int(number[5])
    if type_digit not in BIN_TYPES:
        raise ValidationError(_("The 5th digit of the BIN (entity type) must be 4, 5 or 6."), code="entity_type")
    if unit_digit not in BIN_UNITS:
        raise ValidationError(_("The 6th digit of the BIN (unit) must be from 0 to 3."), code="unit")
    _check(number, "bin")
    yy = int(number[0:2])
    this_year = (today or local_today()).year
    year = 2000 + yy if 2000 + yy <= this_year else 1900 + yy
    return BinInfo(
        number=number,
        registered_year=year,
        registered_month=month,
        entity_type=BIN_TYPES[type_digit],
        unit=BIN_UNITS[unit_digit],
    )


def validate_iin(value: str) -> None:
    """Django field validator for an IIN."""
    parse_iin(value)


def validate_bin(value: str) -> None:
    """Django field validator for a BIN."""
    parse_bin(value)


def age_on(info: IinInfo, day: dt.date) -> int:
    """Full years of age on `day` (a person born on 29 February turns a year older on 1 March)."""
    b = info.birth_date
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
