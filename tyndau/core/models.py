"""Kernel models shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TrilingualName(models.Model):
    """Names entered by operators in three languages, each its own searchable column."""

    name_kk = models.CharField("name (kk)", max_length=300)
    name_ru = models.CharField("name (ru)", max_length=300)
    name_en = models.CharField("name (en)", max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Kazakh then Russian."""
        lang = (translation.get_language() or "kk")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_kk or self.name_ru


class DecreedDay(models.Model):
    """A government-decreed change to the working-day calendar (see `tyndau.core.calendar`):
    a day off moved by decree, a working Saturday, or the decreed date of Kurban Ait.

    Written only through `tyndau.core.services.decreed_day_save` / `decreed_day_delete`,
    which clear the calendar cache so that deadlines see the change at once.
    """

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"),
        help_text=_(
            "Ticked: a working day (e.g. a working Saturday). "
            "Unticked: a day off (e.g. a transferred holiday or Kurban Ait)."
        ),
    )
    reason = models.CharField(_("reason"), max_length=300)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Decree or resolution that sets this day.")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("decreed day")
        verbose_name_plural = _("decreed days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} ({'working' if self.is_working else 'day off'})"


class Heartbeat(models.Model):
    """The last moment a background process (the task worker, the periodic runner) was alive.

    Written by `tyndau.core.heartbeat.beat` on every loop; `/healthz` reports a process whose
    beat is older than HEALTH_STALE_SECONDS as failed."""

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class KeyFingerprint(models.Model):
    """A keyed fingerprint of a secret the stored data depends on (IIN_HASH_KEY), written at the
    first start: a later start with another key is refused (`tyndau.core.checks`)."""

    name = models.CharField(max_length=40, primary_key=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
