"""E-petitions and their signatures.

Signatures are only ever INSERTed (and confirmed / invalidated on their own row):
the petition row is never touched per signature. `recount_signatures` materialises
the count into `Petition.signature_count` and `RegionCount` on an interval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core.bounds import TEXT_LONG, length_check
from tyndau.core.calendar import local_today


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    MODERATION = "moderation", _("In moderation")
    REJECTED = "rejected", _("Rejected")
    OPEN = "open", _("Collecting signatures")
    FORWARDED = "forwarded", _("Awaiting response")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", pgettext_lazy("petition", "Closed")


# REJECTED is final: the rejection stays public with its ground; the creator
# resubmits by starting a new draft from it (`petition_resubmit`).
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.MODERATION},
    Status.MODERATION: {Status.OPEN, Status.REJECTED},
    Status.REJECTED: set(),
    Status.OPEN: {Status.FORWARDED, Status.CLOSED},
    Status.FORWARDED: {Status.RESPONDED},
    Status.RESPONDED: set(),
    Status.CLOSED: set(),
}


# Status sets the services, selectors and the signing fast path share.
SIGNABLE_STATUSES = (Status.OPEN, Status.FORWARDED)  # collecting signatures (until `closes_on`)
# Reachable by direct link once approved; a rejected one shows its ground (unless the ground is not public).
PUBLIC_STATUSES = (Status.OPEN, Status.FORWARDED, Status.RESPONDED, Status.CLOSED, Status.REJECTED)


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    PARTLY = "partly", _("Partly granted")
    REFUSED = "refused", _("Refused")


class Petition(models.Model):
    title = models.CharField(_("title"), max_length=200)
    request_text = models.TextField(_("what the petition asks for"), max_length=3000)
    background = models.TextField(_("background"), max_length=6000, blank=True)
    addressee = models.ForeignKey(
        "authorities.PublicBody", on_delete=models.PROTECT, related_name="petitions", verbose_name=_("addressee")
    )
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitions")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    resubmission_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    submitted_at = models.DateTimeField(null=True, blank=True)
    moderation_due = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_ground = models.ForeignKey(
        "authorities.LegalGround", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_note = models.TextField(blank=True, max_length=3000)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    threshold = models.PositiveIntegerField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    response_text = models.TextField(blank=True, max_length=TEXT_LONG)
    response_ground = models.ForeignKey(
        "authorities.LegalGround", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    # Materialised by `recount_signatures`; never incremented per request.
    signature_count = models.PositiveIntegerField(default=0)
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "listed_at"], name="petition_status_listed")]
        constraints = [
            length_check("request_text", 3000, "petition_request_length"),
            length_check("background", 6000, "petition_background_length"),
            length_check("rejection_note", 3000, "petition_rejection_note_length"),
            length_check("response_text", TEXT_LONG, "petition_response_length"),
        ]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self) -> str:
        return f"petition #{self.pk}"

    @property
    def is_listed(self) -> bool:
        return self.listed_at is not None

    @property
    def progress_percent(self) -> int:
        if not self.threshold:
            return 0
        return min(100, self.signature_count * 100 // self.threshold)

    @property
    def is_overdue(self) -> bool:

        return self.status == Status.FORWARDED and self.response_due is not None and local_today() > self.response_due


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    INVALIDATED = "invalidated", _("Invalidated")


# The signatures that hold their IIN on a petition: one per (petition, IIN). An invalidated one frees
# it; a pending one holds it only until it lapses (rules "confirmation_hours"), when it is deleted or
# replaced by a verified citizen's own signature (docs/petitions.md, "Who holds an IIN").
HOLDS_IIN = (SignatureStatus.PENDING, SignatureStatus.CONFIRMED)


class Signature(models.Model):
    """One citizen's signature. Personal data is hashed (uniqueness) or encrypted (reading).

    Every index here is paid for by every signature in a surge, so there are only the ones a
    query uses (docs/performance.md): lookups by petition go through the composite indexes that
    start with it, the fraud search by domain through (petition, email_domain), invalidated
    signatures through a partial index that a valid signature never enters. Region and petition
    get no index of their own (a region is never deleted; a petition's rows are found by the
    composites)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures", db_index=False)
    iin_hash = models.CharField(max_length=64)
    iin_encrypted = models.TextField(blank=True)
    name_encrypted = models.TextField(blank=True)
    # First name and surname initial, filled only when the signer agreed to be shown.
    public_name = models.CharField(max_length=80, blank=True)
    email_hash = models.CharField(max_length=64, blank=True)
    email_encrypted = models.TextField(blank=True)
    email_domain = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    region = models.ForeignKey(
        "authorities.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notify_on_response = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=SignatureStatus.choices, default=SignatureStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    invalidation = models.ForeignKey(
        "SignatureInvalidation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
        db_index=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "iin_hash"], condition=Q(status__in=HOLDS_IIN), name="uniq_signature_iin_held"
            )
        ]
        indexes = [
            models.Index(fields=["petition", "status", "region"], name="signature_count"),
            models.Index(fields=["petition", "confirmed_at"], name="signature_confirmed"),
            models.Index(fields=["petition", "created_at"], name="signature_created"),
            models.Index(fields=["petition", "email_domain"], name="signature_domain"),
            models.Index(
                fields=["invalidation"], name="signature_invalidation", condition=Q(invalidation__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"signature #{self.pk}"


class RegionCount(models.Model):
    """Confirmed signatures of a petition per signer's region (region null: not given)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="region_counts")
    region = models.ForeignKey("authorities.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "region"], name="uniq_region_count")]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.region_id}: {self.count}"


class SignatureInvalidation(models.Model):
    """A moderator's decision to invalidate signatures matching a pattern."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="invalidations")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    criteria = models.JSONField(default=dict)
    reason = models.TextField(max_length=2000)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [length_check("reason", 2000, "invalidation_reason_length")]

    def __str__(self) -> str:
        return f"invalidation #{self.pk}"
