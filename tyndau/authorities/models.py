"""Regions, public bodies, categories of public services, competence, legal grounds.

All of it is data edited in the admin; the shipped reference data lives in
`tyndau/authorities/reference_data/` and is loaded by data migrations, so that
`migrate` alone gives a working system.
"""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tyndau.core.models import TrilingualName


class Region(TrilingualName):
    """A region (облыс) or city of republican significance (2022+ division)."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CITY = "city", _("City of republican significance")

    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)  # "KZ-71"
    kato_code = models.CharField(_("KATO code"), max_length=9, unique=True)  # kept as data: disputed prefixes
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REGION)
    # Population drives petition thresholds (1% / 2% of the region); editable.
    population = models.PositiveIntegerField(_("population"), default=0)
    population_source = models.CharField(_("population source"), max_length=200, blank=True)

    class Meta:
        ordering = ["iso_code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class PublicBody(TrilingualName):
    """A public body that receives appeals, petitions or applications."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("Ministry or agency")
        AKIMAT = "akimat", _("Akimat")
        MASLIHAT = "maslikhat", _("Maslikhat")
        JUSTICE = "justice", _("Justice department")
        PROSECUTOR = "prosecutor", _("Prosecutor's office")
        OTHER = "other", _("Other body")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Region or city of republican significance")
        DISTRICT = "district", _("District or town")

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=20, choices=Level.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies")
    # The body that hears complaints against this one (APPK art. 91).
    higher_body = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subordinate_bodies"
    )
    # District towns over 50,000 people have their own petition thresholds.
    population = models.PositiveIntegerField(_("population served (district towns)"), null=True, blank=True)
    population_source = models.CharField(_("population source"), max_length=200, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["level", "slug"]
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")


class Category(TrilingualName):
    """A category of public services, also the Open311 service list."""

    slug = models.SlugField(max_length=80, unique=True)
    description_kk = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    keywords = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    @property
    def description(self) -> str:
        lang = (translation.get_language() or "kk")[:2]
        return getattr(self, f"description_{lang}", "") or self.description_kk


class Competence(models.Model):
    """Which body handles which category in which region (region null = nationwide)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="competences")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="competences")
    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="competences")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "region"], name="uniq_competence")]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.category_id}/{self.region_id} → {self.body_id}"


class LegalGround(models.Model):
    """A ground in law for a refusal or decision; every refusal cites one."""

    class Domain(models.TextChoices):
        APPEALS = "appeals", _("Appeals and complaints")
        PETITIONS = "petitions", _("E-petitions")
        ASSEMBLIES = "assemblies", _("Peaceful assemblies")
        ASSOCIATIONS = "associations", _("Public associations")

    code = models.SlugField(max_length=80, unique=True)
    domain = models.CharField(max_length=20, choices=Domain.choices)
    law = models.CharField(_("law"), max_length=300)
    article = models.CharField(_("article"), max_length=100)
    text_kk = models.TextField()
    text_ru = models.TextField()
    text_en = models.TextField()
    is_confirmed = models.BooleanField(_("confirmed against the law text"), default=True)
    # Some grounds (an offensive petition) are not published with the decision.
    is_public = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["domain", "code"]
        verbose_name = _("legal ground")
        verbose_name_plural = _("legal grounds")

    def __str__(self) -> str:
        return f"{self.law}, {self.article}"

    @property
    def text(self) -> str:
        lang = (translation.get_language() or "kk")[:2]
        return getattr(self, f"text_{lang}", "") or self.text_kk
