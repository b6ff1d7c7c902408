"""Translation quality across the apps' catalogues.

Django merges every app's catalogue into one per language: a msgid that two apps translate
differently gets one of the two everywhere, whichever app comes first in INSTALLED_APPS. That is
how the date range's "To" («По», «Дейін») became the petition addressee's «Кому»/«Кімге» on the
open-data filter. The same English in two apps must mean the same — or carry a context.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

LANGUAGES = ("kk", "ru")


def catalogues(lang: str) -> dict[str, polib.POFile]:
    root = Path(settings.BASE_DIR) / "tyndau"
    return {
        path.parts[-5]: polib.pofile(str(path)) for path in sorted(root.glob(f"*/locale/{lang}/LC_MESSAGES/django.po"))
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_msgid_is_translated_two_ways(lang: str) -> None:
    seen: dict[tuple[str | None, str, str], dict[str, object]] = defaultdict(dict)
    for app, catalogue in catalogues(lang).items():
        for entry in catalogue:
            if not entry.obsolete:
                translated = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
                seen[(entry.msgctxt, entry.msgid, entry.msgid_plural)][app] = translated
    clashes = [f"{key[0] or ''}|{key[1]!r}: {apps}" for key, apps in seen.items() if len(set(apps.values())) > 1]
    assert not clashes, "translated differently by two apps (only one wins at run time):\n" + "\n".join(clashes)


@pytest.mark.parametrize(
    ("lang", "date_to", "date_from", "addressee"), [("kk", "Дейін", "Бастап", "Кімге"), ("ru", "По", "С", "Кому")]
)
def test_a_date_range_and_an_addressee_say_different_things(
    lang: str, date_to: str, date_from: str, addressee: str
) -> None:
    from tyndau.transparency.forms import PeriodForm

    with translation.override(lang):
        form = PeriodForm()
        assert str(form["date_to"].label) == date_to
        assert str(form["date_from"].label) == date_from
        assert translation.pgettext("addressee", "To") == addressee


# Placeholders that stand for a date in the templates and e-mails (|date:"DATE_FORMAT").
DATE_PLACEHOLDERS = re.compile(r"%\((?:due|until|new|old|end|start|day|date)\)s\.")


def test_no_date_is_followed_by_a_second_full_stop() -> None:
    """«… до 7 декабря 2025 г..»: where the language's date ends with a stop (ru «г.»), a sentence that
    ends with a date ends with that stop."""
    doubled = []
    for lang in LANGUAGES:
        with translation.override(lang):
            if not formats.date_format(dt.date(2025, 12, 7), "DATE_FORMAT").endswith("."):
                continue
        doubled += [
            f"{lang}: {entry.msgid[:60]!r} -> {text[-60:]!r}"
            for catalogue in catalogues(lang).values()
            for entry in catalogue
            for text in [entry.msgstr, *entry.msgstr_plural.values()]
            if not entry.obsolete and DATE_PLACEHOLDERS.search(text)
        ]
    assert not doubled, "a date placeholder followed by a full stop:\n" + "\n".join(doubled)
