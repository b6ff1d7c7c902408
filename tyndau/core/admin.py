"""Admin for the working-day calendar: operators record government-decreed days.

Saving and deleting go through `tyndau.core.services`, which audit the change and
clear the calendar cache, so deadlines counted right after an edit already use it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tyndau.core.calendar import statutory_is_working_day
from tyndau.core.models import DecreedDay
from tyndau.core.services import decreed_day_delete, decreed_day_save


class DecreedDayForm(forms.ModelForm):
    class Meta:
        model = DecreedDay
        fields = ["date", "is_working", "reason", "source"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, is_working = cleaned.get("date"), cleaned.get("is_working")
        if day is not None and is_working is not None and statutory_is_working_day(day) == is_working:
            # A decree that repeats the law is almost always a mistyped date.
            message = (
                _("This date is already a working day under the law; a decree would change nothing.")
                if is_working
                else _("This date is already a day off under the law; a decree would change nothing.")
            )
            self.add_error("date", message)
        return cleaned


@admin.register(DecreedDay)
class DecreedDayAdmin(admin.ModelAdmin):
    form = DecreedDayForm
    list_display = ["date", "weekday", "is_working", "reason", "source"]
    list_filter = ["is_working"]
    search_fields = ["reason", "source"]
    date_hierarchy = "date"
    ordering = ["-date"]

    @admin.display(description=_("day of the week"))
    def weekday(self, obj: DecreedDay) -> str:
        from django.utils.formats import date_format

        return date_format(obj.date, "l")

    def save_model(self, request: HttpRequest, obj: DecreedDay, form: forms.ModelForm, change: bool) -> None:
        saved = decreed_day_save(
            actor=request.user,
            date=obj.date,
            is_working=obj.is_working,
            reason=obj.reason,
            source=obj.source,
            day=obj if change else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: DecreedDay) -> None:
        decreed_day_delete(actor=request.user, day=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[DecreedDay]) -> None:
        for day in queryset:
            decreed_day_delete(actor=request.user, day=day)
