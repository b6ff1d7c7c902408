"""The kernel's catalogues are complete and are not shadowed by another catalogue
(Django's own apps come first in INSTALLED_APPS and win on equal msgids)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_is_complete(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert not po.untranslated_entries()
    assert not po.fuzzy_entries()
    copied = [e.msgid for e in po.translated_entries() if e.msgstr == e.msgid]
    assert not copied


def shadows(entry: polib.POEntry, translation) -> bool:
    if entry.msgid_plural:
        return translation.ngettext(entry.msgid, entry.msgid_plural, 1) != entry.msgstr_plural[0]
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid) != entry.msgstr
    return translation.gettext(entry.msgid) != entry.msgstr


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_our_translations_are_the_ones_shown(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    with translation.override(lang):
        shown = {
            e.msgid: translation.pgettext(e.msgctxt, e.msgid) if e.msgctxt else translation.gettext(e.msgid)
            for e in po.translated_entries()
            if shadows(e, translation)
        }
    shadowed = shown
    assert not shadowed, "another catalogue wins: give these strings a context"
