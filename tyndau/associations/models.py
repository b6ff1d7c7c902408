"""Registration of public associations: the application with its rounds, the founders' consent, the
charter in numbered versions, the registrar's reviews with clause-level citations and proposals.

Status changes only through `tyndau.associations.services`; the allowed moves are `ALLOWED_TRANSITIONS`.
A submitted charter version is immutable: the database itself refuses UPDATE and DELETE of a row whose
`submitted_at` is set (migration 0002, on SQLite and PostgreSQL, as the audit log does). The registrar
never writes a charter version: every version has an author who is the applicant (or, after
registration, the association's representative).

Founders are personal data: shown to the applicant, to the founders themselves and to the registrar,
never on a public page.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrgForm(models.TextChoices):
    REPUBLICAN = "republican", _("Republican public association")
    REGIONAL = "regional", _("Regional public association")
    LOCAL = "local", _("Local public association")
    FOUNDATION = "foundation", _("Public foundation")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft: collecting founders and the charter")
    SUBMITTED = "submitted", _("Submitted: awaiting the registrar")
    CORRECTIONS_REQUESTED = "corrections_requested", _("Corrections asked for: the applicant decides")
    REFUSED = "refused", _("Refused registration")
    REGISTERED = "registered", _("Registered")
    SUSPENDED = "suspended", _("Activity suspended")
    LIQUIDATED = "liquidated", _("Liquidated")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


# The registrar's clock runs only in SUBMITTED. A refused application may be resubmitted: a new round.
EDITABLE = {Status.DRAFT, Status.CORRECTIONS_REQUESTED, Status.REFUSED}

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.REGISTERED, Status.REFUSED, Status.CORRECTIONS_REQUESTED},
    Status.CORRECTIONS_REQUESTED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.REFUSED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.REGISTERED: {Status.SUSPENDED, Status.LIQUIDATED},
    Status.SUSPENDED: {Status.REGISTERED, Status.LIQUIDATED},
    Status.LIQUIDATED: set(),
    Status.WITHDRAWN: set(),
}


class Application(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    idempotency_key = models.UUIDField(unique=True)
    # A founder joins by this secret link from the applicant; it names nothing public.
    invite_token = models.CharField(max_length=40, unique=True)
    form = models.CharField(_("organisational form"), max_length=20, choices=OrgForm.choices)
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    # The legal address of the association (an organisation's address, public once registered).
    address = models.CharField(_("address"), max_length=300)
    # Personal data: shown to the applicant, the founders and the registrar, never publicly.
    head_name = models.CharField(_("head's name"), max_length=150)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="association_applications"
    )
    registering_body = models.ForeignKey(
        "authorities.PublicBody", on_delete=models.PROTECT, related_name="association_applications", db_index=False
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    round = models.PositiveIntegerField(_("round"), default=0)
    language = models.CharField(max_length=2, default="kk")
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    registered_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set at registration: the BIN entered by the registrar and the version registered (by its hash).
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    registered_version = models.ForeignKey(
        "CharterVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("association application")
        verbose_name_plural = _("association applications")
        indexes = [
            # The registrar's queue: the review deadline.
            models.Index(
                fields=["registering_body", "review_due", "id"],
                name="association_queue",
                condition=Q(status="submitted"),
            ),
            models.Index(fields=["registering_body", "-id"], name="association_body"),
            # The public registry filtered by body and status: a rare status at a busy body reads only its
            # own rows, not every row of the body (bench/associations_scale.py, `registry_rare`).
            models.Index(fields=["registering_body", "status", "-id"], name="association_body_status"),
            models.Index(fields=["applicant", "-id"], name="association_applicant"),
            models.Index(fields=["status", "-id"], name="association_status"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def name(self) -> str:
        from django.utils import translation

        return self.name_ru if (translation.get_language() or "kk")[:2] == "ru" else self.name_kk


class Founder(models.Model):
    """A founder's consent, given from their own verified account; withdrawn before submission."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="founders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["confirmed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "user"], name="uniq_founder")]

    def __str__(self) -> str:
        return f"founder #{self.pk}"


class Author(models.TextChoices):
    APPLICANT = "applicant", _("The applicant")
    ASSOCIATION = "association", _("The association")


class CharterVersion(models.Model):
    """One version of the charter: numbered sections and clauses in Kazakh and Russian (`content`).

    A draft is edited by the applicant; submitting freezes it (`submitted_at`, `content_hash`) and from
    then on the database refuses any UPDATE or DELETE of the row."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    # {"sections": [{"number": "1", "kind": "name", "title_kk", "title_ru",
    #                "clauses": [{"number": "1.1", "text_kk", "text_ru"}]}]}
    content = models.JSONField(default=dict)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=20, choices=Author.choices, default=Author.APPLICANT)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    round = models.PositiveIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # Set on a version the association files after registration (an amendment of its charter).
    amendment = models.ForeignKey("Amendment", null=True, blank=True, on_delete=models.PROTECT, related_name="versions")
    # Which proposals (by id) the applicant accepted into this version.
    accepted_proposals = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="uniq_charter_version"),
            # At most one draft per application.
            models.UniqueConstraint(
                fields=["application"], condition=Q(submitted_at__isnull=True), name="one_charter_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"charter v{self.number} of application #{self.application_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Review(models.Model):
    """The registrar's outcome of one round: register, refuse, or ask for corrections."""

    class Outcome(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        REFUSED = "refused", _("Refused")
        CORRECTIONS = "corrections", _("Corrections asked for")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveIntegerField()
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="reviews")
    version_hash = models.CharField(max_length=64)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.CharField(_("reasons"), max_length=4000, blank=True)
    legal_grounds = models.ManyToManyField("authorities.LegalGround", blank=True, related_name="+")
    bin = models.CharField(max_length=12, blank=True)
    # Set when the round reviewed an amendment filed by the registered association.
    amendment = models.ForeignKey("Amendment", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    on_time = models.BooleanField(default=True)

    class Meta:
        ordering = ["round", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "round"], name="one_review_per_round")]

    def __str__(self) -> str:
        return f"review #{self.pk}"


class Citation(models.Model):
    """A refusal ground applied to a specific clause of the reviewed version, with the reason."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="citations")
    ground = models.ForeignKey("authorities.LegalGround", on_delete=models.PROTECT, related_name="+")
    clause = models.CharField(_("clause"), max_length=20)
    reason = models.CharField(_("reason"), max_length=2000)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"citation of {self.clause}"


class Proposal(models.Model):
    """A registrar's comment on one clause, optionally with a wording. Only a proposal: the applicant
    accepts it (a new version authored by the applicant) or rejects it (the text stays)."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting the applicant")
        ACCEPTED = "accepted", _("Accepted by the applicant")
        REJECTED = "rejected", _("Rejected by the applicant")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proposals")
    clause = models.CharField(_("clause"), max_length=20)
    comment = models.CharField(_("comment"), max_length=2000)
    wording_kk = models.CharField(_("proposed wording in Kazakh"), max_length=4000, blank=True)
    wording_ru = models.CharField(_("proposed wording in Russian"), max_length=4000, blank=True)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"proposal #{self.pk}"

    @property
    def has_wording(self) -> bool:
        return bool(self.wording_kk or self.wording_ru)


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: the association prepares the amendment")
    SUBMITTED = "submitted", _("Submitted: awaiting the registrar")
    CORRECTIONS_REQUESTED = "corrections_requested", _("Corrections asked for: the association decides")
    REFUSED = "refused", _("Amendment refused")
    REGISTERED = "registered", _("Amendment registered")
    WITHDRAWN = "withdrawn", _("Withdrawn by the association")


AMENDMENT_OPEN = (
    AmendmentStatus.DRAFT,
    AmendmentStatus.SUBMITTED,
    AmendmentStatus.CORRECTIONS_REQUESTED,
    AmendmentStatus.REFUSED,
)
AMENDMENT_EDITABLE = {AmendmentStatus.DRAFT, AmendmentStatus.CORRECTIONS_REQUESTED, AmendmentStatus.REFUSED}

AMENDMENT_TRANSITIONS: dict[str, set[str]] = {
    AmendmentStatus.DRAFT: {AmendmentStatus.SUBMITTED, AmendmentStatus.WITHDRAWN},
    AmendmentStatus.SUBMITTED: {
        AmendmentStatus.REGISTERED,
        AmendmentStatus.REFUSED,
        AmendmentStatus.CORRECTIONS_REQUESTED,
    },
    AmendmentStatus.CORRECTIONS_REQUESTED: {AmendmentStatus.SUBMITTED, AmendmentStatus.WITHDRAWN},
    AmendmentStatus.REFUSED: {AmendmentStatus.SUBMITTED, AmendmentStatus.WITHDRAWN},
    AmendmentStatus.REGISTERED: set(),
    AmendmentStatus.WITHDRAWN: set(),
}


class Amendment(models.Model):
    """An amendment of a registered charter, filed by the association's representative with the decision
    of its supreme body (art. 12: only the supreme body amends the charter). The registrar reviews it
    under the same rules as a founding application: register the submitted version by its hash, refuse
    with cited clauses, or ask for corrections the association accepts or rejects. Its rounds continue
    the application's round numbers, so the whole history stays in one place."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveIntegerField()
    idempotency_key = models.UUIDField(unique=True, default=uuid.uuid4)
    status = models.CharField(
        _("status"), max_length=30, choices=AmendmentStatus.choices, default=AmendmentStatus.DRAFT
    )
    representative = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    registered_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="uniq_amendment_number"),
            # One amendment in progress at a time: the charter has one current version to amend.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["draft", "submitted", "corrections_requested", "refused"]),
                name="one_open_amendment",
            ),
        ]
        indexes = [
            # The registrar's queue of amendments: the review deadline.
            models.Index(fields=["review_due", "id"], name="amendment_queue", condition=Q(status="submitted")),
        ]

    def __str__(self) -> str:
        return f"amendment {self.number} of application #{self.application_id}"


def document_path(instance: Document, filename: str) -> str:
    # The stored name never carries the uploader's file name (it may contain personal data).
    return f"associations/{instance.application_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """A signed PDF: the founding application as signed, or the supreme body's decision to amend the
    charter. Checked by its content; shown only to the applicant (the association's representative)
    and the registrar — founders' names are in it. The structured charter text is what is reviewed."""

    class Kind(models.TextChoices):
        SIGNED_APPLICATION = "signed_application", _("Signed application")
        DECISION = "decision", _("Decision of the supreme body")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    amendment = models.ForeignKey(Amendment, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["application", "kind", "-id"], name="association_document")]

    def __str__(self) -> str:
        return f"document #{self.pk}"
