"""IIN and BIN — Kazakhstan's 12-digit individual and business identification numbers.

Rules (domain-rules.md, "Identity numbers"): IIN digits 1–6 are the birth date
YYMMDD, digit 7 the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd
male, even female). BIN digits 1–4 are YYMM of registration, digit 5 the type
(4 resident, 5 non-resident legal entity, 6 joint individual entrepreneur),
digit 6 the unit (0 head, 1 branch, 2 representative office, 3 farm).
Check digit: s = Σ dᵢ·i (i = 1..11) mod 11; if 10, recompute with weights
3,4,5,6,7,8,9,10,11,1,2; if still 10 the number is invalid; else digit 12 = s.

A valid checksum proves nothing about a person's existence: identity proofing
is the accounts app's verification seam.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS_FIRST = tuple(range(1, 12))
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
BIN_TYPES = {4: "resident", 5: "non_resident", 6: "joint_entrepreneur"}
BIN_UNITS = {0: "head", 1: "branch", 2: "representative_office", 3: "farm"}


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no valid check digit exists."""
    digits = [int(c) for c in first_eleven]
    s = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=True)) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=True)) % 11
        if s == 10:
            return None
    return s


def _clean(value: str, kind: str) -> str:
    number = (value or "").strip().replace(" ", "")
    if not number:
        raise ValidationError(_("Enter the %(kind)s.") % {"kind": kind}, code="required")
    if not number.isascii() or not number.isdigit():
        raise ValidationError(_("The %(kind)s must contain digits only.") % {"kind": kind}, code="not_digits")
    if len(number) != 12:
        raise ValidationError(
            _("The %(kind)s must have exactly 12 digits; you entered %(count)d.") % {"kind": kind, "count": len(number)},
            code="length",
        )
    return number


def _check(number: str, kind: str) -> None:
    expected = check_digit(number[:11])
    if expected is None:
        raise ValidationError(
            _("This %(kind)s cannot exist: no check digit is possible for its first 11 digits.") % {"kind": kind},
            code="no_check_digit",
        )
    if expected != int(number[11]):
        raise ValidationError(
            _("The last digit of the %(kind)s does not match the others. Please check for a typing mistake.")
            % {"kind": kind},
            code="check_digit",
        )


@dataclass(frozen=True)
class IinInfo:
    number: str
    birth_date: dt.date
    sex: str  # "male" | "female"


@dataclass(frozen=True)
class BinInfo:
    number: str
    registered_year: int
    registered_month: int
    entity_type: str
    unit: str


def parse_iin(value: str, *, today: dt.date | None = None) -> IinInfo:
    """Validate an IIN and return its birth date and sex; raises ValidationError with a specific message."""
    kind = str(_("IIN"))
    number = _clean(value, kind)
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
    if birth > (today or dt.date.today()):
        raise ValidationError(_("The birth date in the IIN is in the future."), code="birth_date_future")
    _check(number, kind)
    return IinInfo(number=number, birth_date=birth, sex="male" if century_digit % 2 == 1 else "female")


def parse_bin(value: str) -> BinInfo:
    """Validate a BIN and return its registration month, entity type and unit."""
    kind = str(_("BIN"))
    number = _clean(value, kind)
    month = int(number[2:4])
    if not 1 <= month <= 12:
        raise ValidationError(_("Digits 3–4 of the BIN must be a month from 01 to 12."), code="month")
    type_digit, unit_digit = int(number[4]), int(number[5])
    if type_digit not in BIN_TYPES:
        raise ValidationError(_("The 5th digit of the BIN (entity type) must be 4, 5 or 6."), code="entity_type")
    if unit_digit not in BIN_UNITS:
        raise ValidationError(_("The 6th digit of the BIN (unit) must be from 0 to 3."), code="unit")
    _check(number, kind)
    yy = int(number[0:2])
    # Registration years: BINs exist since the 1990s; YY after this year is the 1900s.
    year = 2000 + yy if 2000 + yy <= dt.date.today().year else 1900 + yy
    return BinInfo(number=number, registered_year=year, registered_month=month,
                   entity_type=BIN_TYPES[type_digit], unit=BIN_UNITS[unit_digit])


def validate_iin(value: str) -> None:
    """Django field validator for an IIN."""
    parse_iin(value)


def validate_bin(value: str) -> None:
    """Django field validator for a BIN."""
    parse_bin(value)


def age_on(info: IinInfo, day: dt.date) -> int:
    b = info.birth_date
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
