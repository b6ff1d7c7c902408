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
