"""Accredited intermediaries and the consents under which they act for a present citizen (issue 16).

An intermediary holds `Role.INTERMEDIARY` (a RoleGrant) *and* an active `Accreditation` that says for whom
they help: a registered public association (a volunteer) or a public service centre (an operator; the
centre is a PublicBody). Every act for a citizen needs a `HelpConsent` the citizen confirmed with a one-time
code sent to the contact *their own verified account* holds, or a scanned signed consent for a citizen
without an account. `HelpedCase` links the consent to what was filed: the organisation's counts come from it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Accreditation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Volunteer of a registered organisation")
        SERVICE_CENTRE = "service_centre", _("Operator at a public service centre")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    association = models.ForeignKey(
        "associations.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service_centre = models.ForeignKey(
        "authorities.PublicBody", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="association", association__isnull=False, service_centre__isnull=True)
                    | models.Q(kind="service_centre", association__isnull=True, service_centre__isnull=False)
                ),
                name="accreditation_one_organisation",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="uniq_active_accreditation"
            ),
        ]

    def __str__(self) -> str:
        return f"accreditation #{self.pk} of user #{self.user_id}"

    @property
    def organisation(self) -> object:
        return self.association if self.kind == self.Kind.ASSOCIATION else self.service_centre


class ConsentMethod(models.TextChoices):
    CODE_EMAIL = "code_email", _("One-time code sent to the citizen's e-mail")
    CODE_PHONE = "code_phone", _("One-time code sent to the citizen's phone")
    SCANNED = "scanned", _("Scanned signed consent")


def scan_path(instance: HelpConsent, filename: str) -> str:
    # A random name: the citizen's name (often in the file name) never reaches the disk's listing.
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"help-consents/{uuid.uuid4().hex}.{suffix}"


class HelpConsent(models.Model):
    """A citizen's consent that one intermediary acts for them. Never holds the IIN or a contact in clear."""

    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intermediary = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accreditation = models.ForeignKey(Accreditation, on_delete=models.PROTECT, related_name="consents")
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    iin_hash = models.CharField(max_length=64, editable=False)
    method = models.CharField(_("method"), max_length=20, choices=ConsentMethod.choices)
    share_answers = models.BooleanField(_("the intermediary may see later answers"), default=False)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # A scanned consent: the file is kept in private storage, checked by content on upload.
    scan = models.FileField(upload_to=scan_path, max_length=200, blank=True, editable=False)
    scan_type = models.CharField(max_length=50, blank=True, editable=False)
    scan_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consent to help")
        verbose_name_plural = _("consents to help")
        indexes = [models.Index(fields=["citizen", "-created_at"], name="helpconsent_citizen")]

    def __str__(self) -> str:
        return f"help consent #{self.pk}"


class HelpedCase(models.Model):
    class Kind(models.TextChoices):
        APPEAL = "appeal", _("Appeal")
        PETITION_SIGNATURE = "petition_signature", _("Petition signature")
        ASSEMBLY = "assembly", _("Assembly notification")

    consent = models.ForeignKey(HelpConsent, on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # The appeal's number, the petition's number or the assembly's number: what the intermediary may open.
    reference = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "reference"], name="uniq_helped_case")]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"
