"""IIN and BIN: structure, check digit, one message per failure, and the form field."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tyndau.core.forms import BINField, IINField
from tyndau.core.identity import (
    BIN_TYPES,
    BIN_UNITS,
    BinInfo,
    IinInfo,
    age_on,
    check_digit,
    parse_bin,
    parse_iin,
    validate_bin,
    validate_iin,
)

TODAY = dt.date(2026, 11, 28)


def with_check_digit(first_eleven: str) -> str:
    digit = check_digit(first_eleven)
    assert digit is not None
    return first_eleven + str(digit)


def error_of(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- the examples of domain-rules.md ----------------------------------------------------------


def test_valid_iin_example():
    info = parse_iin("061211600012", today=TODAY)
    assert info == IinInfo(number="061211600012", birth_date=dt.date(2006, 12, 11), sex="female")
    assert age_on(info, TODAY) == 19
    validate_iin("061211600012")


@pytest.mark.parametrize(
    ("number", "year", "month", "entity_type", "unit"),
    [
        ("940140000385", 1994, 1, "resident", "head"),
        ("990140004654", 1999, 1, "resident", "head"),
    ],
)
def test_valid_bin_examples(number, year, month, entity_type, unit):
    assert parse_bin(number, today=TODAY) == BinInfo(number, year, month, entity_type, unit)
    validate_bin(number)


@pytest.mark.parametrize("number", ["940149000385", "949940000385"])
def test_invalid_bin_examples(number):
    with pytest.raises(ValidationError):
        parse_bin(number)


def test_invalid_bin_examples_fail_for_their_own_reason():
    assert error_of(parse_bin, "940149000385").code == "unit"  # 6th digit 9
    assert error_of(parse_bin, "949940000385").code == "month"  # month 99


# --- one test per distinct failure ------------------------------------------------------------

IIN_FAILURES = [
    ("", "required", "Enter the IIN."),
    ("06121160001O", "not_digits", "The IIN must contain digits only."),
    ("０６１２１１６０００１２", "not_digits", "The IIN must contain digits only."),  # full-width digits
    ("06121160001", "length", "The IIN must have exactly 12 digits; you entered 11."),
    ("061211000012", "century_digit", "The 7th digit of the IIN (century and sex) must be from 1 to 6."),
    ("061311600012", "birth_date", "The first six digits of the IIN must be a real birth date (YYMMDD)."),
    (with_check_digit("27010150001"), "birth_date_future", "The birth date in the IIN is in the future."),
    ("061211600013", "check_digit", "The last digit of the IIN does not match the others."),
]


@pytest.mark.parametrize(("number", "code", "message"), IIN_FAILURES)
def test_each_iin_failure_has_its_own_message(number, code, message):
    with translation.override("en"):
        error = error_of(parse_iin, number, today=TODAY)
        assert error.code == code
        assert error.messages[0].startswith(message)


def test_iin_with_no_possible_check_digit():
    # Both weightings give 10 for these first eleven digits: no IIN can start with them.
    no_digit = next(f"0001013{n:04d}" for n in range(10000) if check_digit(f"0001013{n:04d}") is None)
    with translation.override("en"):
        error = error_of(parse_iin, no_digit + "0", today=TODAY)
        assert error.code == "no_check_digit"
        assert error.messages[0] == "This IIN cannot exist: no check digit is possible for its first 11 digits."


BIN_FAILURES = [
    (" ", "required", "Enter the BIN."),
    ("94014000038X", "not_digits", "The BIN must contain digits only."),
    ("9401400003851", "length", "The BIN must have exactly 12 digits; you entered 13."),
    ("941340000385", "month", "Digits 3–4 of the BIN must be a month from 01 to 12."),
    ("940170000385", "entity_type", "The 5th digit of the BIN (entity type) must be 4, 5 or 6."),
    ("940149000385", "unit", "The 6th digit of the BIN (unit) must be from 0 to 3."),
    ("940140000386", "check_digit", "The last digit of the BIN does not match the others."),
]


@pytest.mark.parametrize(("number", "code", "message"), BIN_FAILURES)
def test_each_bin_failure_has_its_own_message(number, code, message):
    with translation.override("en"):
        error = error_of(parse_bin, number)
        assert error.code == code
        assert error.messages[0].startswith(message)


def test_bin_with_no_possible_check_digit():
    no_digit = next(f"9401400{n:04d}" for n in range(10000) if check_digit(f"9401400{n:04d}") is None)
    with translation.override("en"):
        error = error_of(parse_bin, no_digit + "0")
        assert error.code == "no_check_digit"
        assert error.messages[0] == "This BIN cannot exist: no check digit is possible for its first 11 digits."


def test_every_message_is_distinct():
    with translation.override("en"):
        iin = {error_of(parse_iin, n, today=TODAY).messages[0].split(";")[0] for n, _c, _m in IIN_FAILURES}
        bin_ = {error_of(parse_bin, n).messages[0].split(";")[0] for n, _c, _m in BIN_FAILURES}
    assert len(iin) == len({c for _n, c, _m in IIN_FAILURES})
    assert len(bin_) == len(BIN_FAILURES)
    assert not iin & bin_


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_messages_are_translated(lang):
    with translation.override("en"):
        english = error_of(parse_iin, "061211600013").messages[0]
    with translation.override(lang):
        translated = error_of(parse_iin, "061211600013").messages[0]
    assert translated != english


# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seventh", "year", "sex"),
    [("1", 1806, "male"), ("2", 1806, "female"), ("3", 1906, "male"), ("4", 1906, "female"), ("5", 2006, "male")],
)
def test_century_and_sex(seventh, year, sex):
    info = parse_iin(with_check_digit(f"061211{seventh}0001"), today=TODAY)
    assert info.birth_date == dt.date(year, 12, 11)
    assert info.sex == sex


def test_separators_are_ignored():
    assert parse_iin(" 061211 600012 ", today=TODAY).number == "061211600012"
    assert parse_iin("061211\u00a0600012", today=TODAY).number == "061211600012"
    assert parse_bin("9401-4000-0385").number == "940140000385"


def test_leap_day_birth_and_age():
    info = parse_iin(with_check_digit("04022950001"), today=TODAY)
    assert info.birth_date == dt.date(2004, 2, 29)
    assert age_on(info, dt.date(2022, 2, 28)) == 17
    assert age_on(info, dt.date(2022, 3, 1)) == 18
    assert error_of(parse_iin, with_check_digit("05022950001"), today=TODAY).code == "birth_date"


def test_born_today_is_valid_born_tomorrow_is_not():
    assert parse_iin(with_check_digit("26112860001"), today=TODAY).birth_date == TODAY
    assert error_of(parse_iin, with_check_digit("26112960001"), today=TODAY).code == "birth_date_future"


@pytest.mark.parametrize(("digit", "entity_type"), sorted(BIN_TYPES.items()))
def test_bin_entity_types(digit, entity_type):
    assert parse_bin(with_check_digit(f"1505{digit}000123"[:11])).entity_type == entity_type


@pytest.mark.parametrize(("digit", "unit"), sorted(BIN_UNITS.items()))
def test_bin_units(digit, unit):
    assert parse_bin(with_check_digit(f"15054{digit}00123"[:11])).unit == unit


def test_bin_century():
    assert parse_bin(with_check_digit("26014000012"), today=TODAY).registered_year == 2026
    assert parse_bin(with_check_digit("27014000012"), today=TODAY).registered_year == 1927
    assert parse_bin(with_check_digit("27014000012"), today=dt.date(2027, 1, 1)).registered_year == 2027


def test_check_digit_needs_eleven_digits():
    with pytest.raises(ValueError):
        check_digit("1234567890")


# --- properties -------------------------------------------------------------------------------


@st.composite
def valid_iins(draw: st.DrawFn) -> str:
    birth = draw(st.dates(dt.date(1900, 1, 1), TODAY))
    sex_odd = draw(st.booleans())
    century = {1900: 3, 2000: 5}[birth.year // 100 * 100] + (0 if sex_odd else 1)
    serial = draw(st.integers(0, 9999))
    first = f"{birth:%y%m%d}{century}{serial:04d}"
    digit = check_digit(first)
    assume(digit is not None)
    return f"{first}{digit}"


@st.composite
def valid_bins(draw: st.DrawFn) -> str:
    year = draw(st.integers(1994, TODAY.year))
    month = draw(st.integers(1, 12))
    kind = draw(st.sampled_from(sorted(BIN_TYPES)))
    unit = draw(st.sampled_from(sorted(BIN_UNITS)))
    serial = draw(st.integers(0, 99999))
    first = f"{year % 100:02d}{month:02d}{kind}{unit}{serial:05d}"
    digit = check_digit(first)
    assume(digit is not None)
    return f"{first}{digit}"


@given(valid_iins())
def test_every_generated_iin_is_valid(number):
    info = parse_iin(number, today=TODAY)
    assert info.number == number
    assert info.sex == ("male" if int(number[6]) % 2 else "female")


@given(valid_bins())
def test_every_generated_bin_is_valid(number):
    info = parse_bin(number, today=TODAY)
    assert info.number == number


def _first_pass(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number[:11], range(1, 12), strict=True)) % 11


def _blind_spot(original: str, changed: str, position: int) -> bool:
    """Where the national check digit cannot see a single-digit change.

    The first weighting has weight 11 ≡ 0 (mod 11) at position 11, so a change
    there is invisible whenever the first pass decides. Elsewhere (positions
    1–10) a change of δ moves the first sum by position·δ ≢ 0 (mod 11), so it is
    always caught unless the original or the changed number falls back to the
    second weighting (first sum = 10), where the two passes can collide.
    Position 12 is always caught.
    """
    if position == 12:
        return False
    if position == 11:
        return _first_pass(original) != 10
    return _first_pass(original) == 10 or _first_pass(changed) == 10


def _single_digit_changes(number: str, position: int, digit: int) -> str:
    assume(str(digit) != number[position - 1])
    return number[: position - 1] + str(digit) + number[position:]


@given(valid_iins(), st.integers(1, 12), st.integers(0, 9))
@example("061211600012", 12, 3)
def test_a_single_digit_change_of_an_iin_fails_outside_the_blind_spot(number, position, digit):
    changed = _single_digit_changes(number, position, digit)
    try:
        parse_iin(changed, today=TODAY)
    except ValidationError:
        return  # caught: by the structure (date, century) or by the check digit
    assert _blind_spot(number, changed, position), f"{number} → {changed} passed"


@given(valid_bins(), st.integers(1, 12), st.integers(0, 9))
def test_a_single_digit_change_of_a_bin_fails_outside_the_blind_spot(number, position, digit):
    changed = _single_digit_changes(number, position, digit)
    try:
        parse_bin(changed, today=TODAY)
    except ValidationError:
        return
    assert _blind_spot(number, changed, position), f"{number} → {changed} passed"


def test_the_blind_spot_is_real():
    """Documented, not hidden: a typo in the 11th digit of this valid BIN still passes."""
    assert _first_pass("940140000385") == 5
    assert parse_bin("940140000305").number == "940140000305"
    # …while the domain-rules IIN uses the second weighting, so its 11th digit is protected.
    assert _first_pass("061211600012") == 10
    for digit in "023456789":
        with pytest.raises(ValidationError):
            parse_iin(f"0612116000{digit}2", today=TODAY)


# --- the form field ---------------------------------------------------------------------------


class PersonForm(forms.Form):
    iin = IINField(label="IIN")
    bin = BINField(label="BIN", required=False)


def test_iin_field_normalises_and_validates():
    form = PersonForm(data={"iin": " 061211 600012 ", "bin": "9401 4000 0385"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"iin": "061211600012", "bin": "940140000385"}


def test_iin_field_shows_the_specific_message():
    with translation.override("en"):
        form = PersonForm(data={"iin": "061211600013"})
        assert not form.is_valid()
        assert form.errors["iin"] == [
            "The last digit of the IIN does not match the others. Please check for a typing mistake."
        ]
        assert form.has_error("iin", code="check_digit")
        form = PersonForm(data={"iin": "0612"})
        assert form.errors["iin"] == ["The IIN must have exactly 12 digits; you entered 4."]


def test_iin_field_required_and_optional():
    with translation.override("en"):
        form = PersonForm(data={"iin": "  "})
        assert form.errors["iin"] == ["Enter the IIN."]
    assert "bin" not in form.errors


def test_iin_field_widget_is_a_numeric_text_input():
    html = str(PersonForm()["iin"])
    assert 'inputmode="numeric"' in html
    assert 'type="text"' in html
