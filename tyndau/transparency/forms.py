"""The GET filters of the public pages: a date range, and for scorecards a region, a kind and a sort."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.authorities.models import PublicBody
from tyndau.core.bounds import validate_date
from tyndau.transparency.selectors import MAX_RANGE_DAYS, Period, ScorecardFilter, default_period, local_today

SORT_CHOICES = [
    ("overdue", _("Most overdue first")),
    ("on_time", _("Lowest on-time rate first")),
    ("deemed_refusals", _("Most deemed refusals first")),
    ("received", _("Most appeals received first")),
    ("name", _("Name")),
]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(attrs={"class": "usa-input"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=_DateInput(),
        help_text=_("The day the appeal or petition was sent, YYYY-MM-DD."),
        validators=[validate_date],
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=_DateInput(),
        help_text=_("Included."),
        validators=[validate_date],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        default = default_period()
        date_from: dt.date = data.get("date_from") or default.date_from
        date_to: dt.date = data.get("date_to") or default.date_to
        if date_to > local_today():
            self.add_error("date_to", _("The end of the period cannot be in the future."))
        elif date_from > date_to:
            self.add_error("date_from", _("The start of the period must be before its end."))
        elif (date_to - date_from).days > MAX_RANGE_DAYS:
            self.add_error("date_from", _("The period can be at most five years long."))
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def period(self) -> Period:
        """The chosen period, or the last 12 months when nothing (valid) was chosen."""
        if self.is_valid():
            return Period(date_from=self.cleaned_data["date_from"], date_to=self.cleaned_data["date_to"])
        return default_period()


class ScorecardForm(PeriodForm):
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of body"), required=False, choices=[("", _("All kinds")), *PublicBody.Kind.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, regions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field: forms.ChoiceField = self.fields["region"]  # type: ignore[assignment]
        region_field.choices = [("", _("All regions")), *((r["iso_code"], r["name"]) for r in regions)]
        for name in ("region", "kind", "sort"):
            self.fields[name].widget.attrs["class"] = "usa-select"

    def filters(self) -> ScorecardFilter:
        if not self.is_valid():
            return ScorecardFilter()
        data = self.cleaned_data
        return ScorecardFilter(region=data["region"], kind=data["kind"], sort=data["sort"] or "overdue")
