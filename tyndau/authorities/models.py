"""Regions, public bodies, categories of public services, competence, legal grounds.

All of it is data edited in the admin; the shipped reference data lives in
`tyndau/authorities/reference_data/` and is loaded by data migrations, so that
`migrate` alone gives a working system.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
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

    class Decision(models.TextChoices):
        """The decisions a ground can be cited for (`applies_to`). A form offers a ground only for the
        decision being taken; a service refuses a ground cited for a decision it does not apply to."""

        APPEAL_REFUSED = "appeal.refused", _("An appeal refused")
        APPEAL_PARTLY = "appeal.partly", _("An appeal partly satisfied (refused in part)")
        APPEAL_EXPLAINED = "appeal.explained", _("An appeal answered with an explanation")
        APPEAL_FORWARDED = "appeal.forwarded", _("An appeal forwarded to another body")
        APPEAL_DEEMED_REFUSED = "appeal.deemed_refused", _("An appeal left unanswered in time")
        COMPLAINT_REJECTED = "complaint.rejected", _("A complaint rejected")
        COMPLAINT_PARTLY = "complaint.partly", _("A complaint partly upheld")
        PETITION_REJECTED = "petition.rejected", _("A petition rejected at moderation")
        PETITION_CLOSED = "petition.closed", _("A petition closed without enough signatures")
        ASSEMBLY_REFUSED = "assembly.refused", _("A peaceful assembly refused")
        ASSOCIATION_REFUSED = "association.refused", _("A public association refused registration")

    code = models.SlugField(max_length=80, unique=True)
    domain = models.CharField(max_length=20, choices=Domain.choices)
    # Which decisions (Decision values) this ground may be cited for ([] = every decision of its domain);
    # shipped with the reference data, where each row's choice follows its article
    # (tyndau/authorities/reference_data/legal_grounds.py).
    applies_to = models.JSONField(_("applies to"), default=list, blank=True)
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

    def clean(self) -> None:
        own = [d for d in self.Decision.values if d.split(".", 1)[0] in DECISION_DOMAINS.get(self.domain, ())]
        if not isinstance(self.applies_to, list) or set(self.applies_to) - set(own):
            raise ValidationError(
                {"applies_to": _("Use a list of these decisions: %(known)s.") % {"known": ", ".join(own)}}
            )

    def applies(self, decision: str) -> bool:
        """May this ground be cited for `decision` (a Decision value)? An unclassified ground (`[]`,
        e.g. one an operator added) applies to every decision of its domain."""
        return decision.split(".", 1)[0] in DECISION_DOMAINS[self.domain] and (
            not self.applies_to or decision in self.applies_to
        )

    @property
    def citation(self) -> str:
        """The short citation shown beside the meaning: "APPK, Art. 63" (the law's name up to its number)."""
        return f"{self.law.split(' (', 1)[0]}, {self.article}"

    @property
    def text(self) -> str:
        lang = (translation.get_language() or "kk")[:2]
        return getattr(self, f"text_{lang}", "") or self.text_kk


# The decisions (by the prefix of their Decision value) that belong to each domain.
DECISION_DOMAINS: dict[str, tuple[str, ...]] = {
    LegalGround.Domain.APPEALS: ("appeal", "complaint"),
    LegalGround.Domain.PETITIONS: ("petition",),
    LegalGround.Domain.ASSEMBLIES: ("assembly",),
    LegalGround.Domain.ASSOCIATIONS: ("association",),
}
