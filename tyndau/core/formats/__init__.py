"""Date, time and number formats per language, from CLDR (settings.FORMAT_MODULE_PATH, ADR 0023).

Django ships no formats for Kazakh, so kk pages fell back to the English defaults
(«Жел. 7, 2025», 12/07/2025, 2:05 Т.Қ., 1234.5). Each module here holds the CLDR patterns of
its language written as Django format strings; tyndau/core/tests/test_formats.py renders
them next to Babel's CLDR data so a difference shows up as a failing test.

Month names in Kazakh dates are lower case («7 желтоқсан»); Django's own Kazakh catalogue
capitalises them (a month on its own, as in a calendar heading). The formats use the "E"
month (Django's "alt. month", the form a month takes inside a date) and this app's catalogue
gives it the CLDR form. The strings are marked here so that makemessages keeps them.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

MONTHS_IN_A_DATE = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
