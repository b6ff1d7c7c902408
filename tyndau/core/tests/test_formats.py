"""Dates, times and numbers in each language's own format (CLDR, through Babel as the reference)."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2025, 12, 7)
MOMENT = dt.datetime(2025, 12, 7, 14, 5)
NNBSP = "\u202f"  # CLDR's narrow no-break space
NBSP = "\xa0"

EXPECTED = {
    "kk": {
        "DATE_FORMAT": f"2025{NNBSP}ж. 7 желтоқсан",
        "SHORT_DATE_FORMAT": "07.12.2025",
        "TIME_FORMAT": "14:05",
        "DATETIME_FORMAT": f"2025{NNBSP}ж. 7 желтоқсан, 14:05",
        "number": f"1{NBSP}234,5",
        "intcomma": f"1{NBSP}234{NBSP}567",
    },
    "ru": {
        "DATE_FORMAT": f"7 декабря 2025{NNBSP}г.",
        "SHORT_DATE_FORMAT": "07.12.2025",
        "TIME_FORMAT": "14:05",
        "DATETIME_FORMAT": f"7 декабря 2025{NNBSP}г., 14:05",
        "number": f"1{NBSP}234,5",
        "intcomma": f"1{NBSP}234{NBSP}567",
    },
    "en": {
        "DATE_FORMAT": "December 7, 2025",
        "SHORT_DATE_FORMAT": "12/7/2025",
        "TIME_FORMAT": f"2:05{NNBSP}PM",
        "DATETIME_FORMAT": f"December 7, 2025, 2:05{NNBSP}PM",
        "number": "1,234.5",
        "intcomma": "1,234,567",
    },
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_dates_times_and_numbers_follow_the_language(lang: str) -> None:
    expected = EXPECTED[lang]
    with translation.override(lang):
        assert formats.date_format(DAY, "DATE_FORMAT") == expected["DATE_FORMAT"]
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == expected["SHORT_DATE_FORMAT"]
        assert formats.time_format(MOMENT, "TIME_FORMAT") == expected["TIME_FORMAT"]
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == expected["DATETIME_FORMAT"]
        assert formats.number_format(1234.5, decimal_pos=1, use_l10n=True, force_grouping=True) == expected["number"]
        assert intcomma(1234567) == expected["intcomma"]
        # The template filters the pages use give the same.
        rendered = Template('{{ day|date:"DATE_FORMAT" }}|{{ share }}').render(Context({"day": DAY, "share": 12.5}))
        assert rendered == f"{expected['DATE_FORMAT']}|{'12.5' if lang == 'en' else '12,5'}"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_formats_are_cldr(lang: str) -> None:
    """The long date, the time and decimals as CLDR (Babel's data) writes them."""
    with translation.override(lang):
        assert formats.date_format(DAY, "DATE_FORMAT") == format_date(DAY, "long", locale=lang)
        assert formats.time_format(MOMENT, "TIME_FORMAT") == format_time(MOMENT, "short", locale=lang)
        assert formats.number_format(1234.5, use_l10n=True, force_grouping=True) == format_decimal(1234.5, locale=lang)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_date_fields_read_iso_and_the_local_short_date_and_show_iso(lang: str) -> None:
    class Form(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override(lang):
        assert Form({"day": "2025-12-07"}).is_valid()
        local = formats.date_format(DAY, "SHORT_DATE_FORMAT")
        form = Form({"day": local})
        assert form.is_valid(), (local, form.errors)
        assert form.cleaned_data["day"] == DAY
        # <input type="date"> takes an ISO value whatever the language.
        assert 'value="2025-12-07"' in str(Form(initial={"day": DAY})["day"])
