"""Kernel models shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils import translation


class TrilingualName(models.Model):
    """Names entered by operators in three languages, each its own searchable column."""

    name_kk = models.CharField("name (kk)", max_length=300)
    name_ru = models.CharField("name (ru)", max_length=300)
    name_en = models.CharField("name (en)", max_length=300)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Kazakh then Russian."""
        lang = (translation.get_language() or "kk")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_kk or self.name_ru

    def __str__(self) -> str:
        return self.name


class DecreedDay(models.Model):
    """A government-decreed change to the calendar: a day off moved, a working
    Saturday, or the yearly date of Kurban Ait (which the law fixes by decree)."""

    date = models.DateField(unique=True)
    is_working = models.BooleanField(
        help_text="Ticked: a working day (e.g. a working Saturday). Unticked: a day off (e.g. a transferred holiday)."
    )
    reason = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True, help_text="Decree or resolution that sets this day.")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} ({'working' if self.is_working else 'day off'})"

    @classmethod
    def overrides_for_year(cls, year: int) -> dict:
        from django.core.cache import cache

        key = f"decreed-days:{year}"
        cached = cache.get(key)
        if cached is None:
            cached = dict(cls.objects.filter(date__year=year).values_list("date", "is_working"))
            cache.set(key, cached, 300)
        return cached
