"""Appeals (APPK arts. 62–90) and complaints (arts. 91–100).

Status changes only through `tyndau.appeals.services`; the allowed moves are
`ALLOWED_TRANSITIONS` (and `COMPLAINT_TRANSITIONS`). Deadlines are computed by
the working-day calendar and stored on the row so that the official's queue
and the deadline sweep are index scans.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core.bounds import TEXT_LONG, TEXT_NOTE, TEXT_OPEN311_DESCRIPTION, coordinates_check, length_check


class Kind(models.TextChoices):
    APPLICATION = "application", _("Application")
    REPORT = "report", _("Report")
    FEEDBACK = "feedback", _("Feedback")
    PROPOSAL = "proposal", _("Proposal")
    REQUEST = "request", _("Request")


class Need(models.TextChoices):
    DISABILITY = "disability", _("Person with a disability")
    LARGE_FAMILY = "large_family", _("Large family")
    TRAFFICKING = "trafficking", _("Victim of human trafficking")
    OTHER = "other", _("Other (please explain)")


# Queue priority weight of each need: higher is served first among equal deadlines.
NEED_PRIORITY = {Need.TRAFFICKING: 3, Need.DISABILITY: 2, Need.LARGE_FAMILY: 2, Need.OTHER: 1}


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    INFO_REQUESTED = "info_requested", _("Information requested")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    ANSWERED = "answered", _("Answered")
    DEEMED_REFUSED = "deemed_refused", _("Deemed refused (no answer in time)")
    COMPLAINED = "complained", _("Complaint filed")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [Status.REGISTERED, Status.IN_PROGRESS, Status.INFO_REQUESTED, Status.FORWARDED]

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.REGISTERED: {
        Status.IN_PROGRESS,
        Status.INFO_REQUESTED,
        Status.FORWARDED,
        Status.ANSWERED,
        Status.DEEMED_REFUSED,
    },
    Status.FORWARDED: {
        Status.IN_PROGRESS,
        Status.INFO_REQUESTED,
        Status.FORWARDED,
        Status.ANSWERED,
        Status.DEEMED_REFUSED,
    },
    Status.IN_PROGRESS: {
        Status.IN_PROGRESS,
        Status.INFO_REQUESTED,
        Status.FORWARDED,
        Status.ANSWERED,
        Status.DEEMED_REFUSED,
    },
    Status.INFO_REQUESTED: {Status.IN_PROGRESS, Status.ANSWERED, Status.DEEMED_REFUSED},
    Status.ANSWERED: {Status.COMPLAINED, Status.CLOSED},
    Status.DEEMED_REFUSED: {Status.COMPLAINED, Status.CLOSED},
    Status.COMPLAINED: {Status.CLOSED},
    Status.CLOSED: set(),
}


class Outcome(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    PARTLY = "partly", _("Partly satisfied")
    REFUSED = "refused", _("Refused")
    EXPLAINED = "explained", _("Explained")


class Appeal(models.Model):
    number = models.CharField(_("receipt number"), max_length=20, unique=True)
    idempotency_key = models.UUIDField(unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)
    # Derived by the database from `status`: lets the queue and the sweep use one plain composite
    # index on SQLite and PostgreSQL alike (SQLite cannot match a partial index on `status IN (...)`).
    is_open = models.GeneratedField(
        expression=ExpressionWrapper(Q(status__in=OPEN_STATUSES), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    is_anonymous = models.BooleanField(default=False)
    # Filed by a registered association's representative on its behalf (issue 13): the legal entity's name
    # and BIN (checksum-checked), recorded at filing. Not personal data: shown with a published appeal. The
    # representative stays the applicant (`applicant`), to whom the answer goes.
    entity_name = models.CharField(_("legal entity"), max_length=300, blank=True)
    entity_bin = models.CharField(_("BIN of the legal entity"), max_length=12, blank=True)
    is_collective = models.BooleanField(default=False)
    language = models.CharField(max_length=2, default="kk")
    region = models.ForeignKey("authorities.Region", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("authorities.Category", on_delete=models.PROTECT, related_name="+")
    # Indexed by the composite indexes below (queue, register, figures), not on its own: a lone
    # body index tempts SQLite's planner away from the queue index and into a sort.
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="appeals", db_index=False)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text of the appeal"), max_length=TEXT_LONG)
    # Personal data (art. 63): never public.
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Publication: only with consent, and only redacted copies.
    publish_consent = models.BooleanField(_("publish in the public register"), default=False)
    public_text = models.TextField(blank=True)
    public_address = models.CharField(max_length=200, blank=True)
    needs = models.JSONField(default=list, blank=True)
    need_note = models.CharField(_("about the need"), max_length=300, blank=True)
    priority = models.PositiveSmallIntegerField(default=0)
    # Clock (APPK arts. 64, 76): all stored, never recomputed on read.
    received_at = models.DateTimeField()
    registered_on = models.DateField()
    forward_due = models.DateField()
    original_deadline = models.DateField()
    deadline = models.DateField()
    extension_count = models.PositiveSmallIntegerField(default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_appeals"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    deemed_refused_on = models.DateField(null=True, blank=True)
    complaint_until = models.DateField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=20, default="web")  # web | open311 | api | intermediary
    open311_client = models.ForeignKey(
        "appeals.ClientApplication", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The systemic issue the appeal belongs to (grouped after filing, tyndau/appeals/systemic) and the
    # signals that put it there: which appeal it matched, category, distance, days apart, text similarity.
    issue = models.ForeignKey(
        "appeals.SystemicIssue", null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    issue_reasons = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [
            # The official queue: deadline first (overdue first), then need. Never popularity.
            models.Index(
                fields=["body", "deadline", "-priority", "id"], name="appeal_queue_open", condition=Q(is_open=True)
            ),
            # The deadline sweep.
            models.Index(fields=["deadline"], name="appeal_sweep_open", condition=Q(is_open=True)),
            # The public register: newest first, per filter.
            models.Index(fields=["-id"], name="appeal_public", condition=Q(publish_consent=True)),
            models.Index(fields=["body", "-id"], name="appeal_public_body", condition=Q(publish_consent=True)),
            models.Index(fields=["region", "-id"], name="appeal_public_region", condition=Q(publish_consent=True)),
            models.Index(fields=["category", "-id"], name="appeal_public_cat", condition=Q(publish_consent=True)),
            # "Nearby": published appeals in a box of latitude and longitude (docs/maps.md).
            models.Index(
                fields=["latitude", "longitude"],
                name="appeal_public_point_idx",
                condition=Q(publish_consent=True, latitude__isnull=False),
            ),
            models.Index(fields=["applicant", "-id"], name="appeal_applicant"),
            # An association's page counts the published appeals filed on its behalf (issue 13).
            models.Index(fields=["entity_bin"], name="appeal_public_entity", condition=Q(publish_consent=True)),
            # Per-body figures.
            models.Index(fields=["body", "registered_on"], name="appeal_body_registered"),
            # Grouping: recent appeals of a region and category (tyndau/appeals/systemic).
            models.Index(fields=["region", "category", "received_at"], name="appeal_grouping"),
        ]
        constraints = [
            length_check("text", TEXT_LONG, "appeal_text_length"),
            coordinates_check("appeal_point_in_kazakhstan"),
        ]

    def __str__(self) -> str:
        return self.number


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never carries the uploader's file name (it may contain personal data).
    return f"appeals/{instance.appeal_id or 'new'}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        APPEAL = "appeal", _("Appeal")
        ANSWER = "answer", _("Answer")
        INFO = "info", _("Additional information")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.APPEAL)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"attachment #{self.pk}"


class CoSigner(models.Model):
    """A co-signer of a collective appeal; counts once they confirm by the e-mail link."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="cosigners")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appeal", "email"], name="uniq_cosigner")]

    def __str__(self) -> str:
        return f"cosigner #{self.pk}"


class Answer(models.Model):
    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="answer")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("reasoned answer"), max_length=TEXT_LONG)
    public_text = models.TextField(blank=True)
    legal_grounds = models.ManyToManyField("authorities.LegalGround", blank=True, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    on_time = models.BooleanField(default=True)

    class Meta:
        constraints = [length_check("text", TEXT_LONG, "answer_text_length")]

    def __str__(self) -> str:
        return f"answer #{self.pk}"


class AnswerTemplate(models.Model):
    """A reusable answer per category (and optionally per body)."""

    category = models.ForeignKey("authorities.Category", on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(
        "authorities.PublicBody", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=TEXT_LONG)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        constraints = [length_check("text", TEXT_LONG, "answer_template_text_length")]

    def __str__(self) -> str:
        return self.title


class ComplaintStatus(models.TextChoices):
    FILED = "filed", _("Filed with the deciding body")
    GRANTED = "granted", _("Granted fully by the deciding body")
    PASSED = "passed", _("Passed to the higher body")
    DECIDED = "decided", _("Decided by the higher body")


COMPLAINT_TRANSITIONS: dict[str, set[str]] = {
    ComplaintStatus.FILED: {ComplaintStatus.GRANTED, ComplaintStatus.PASSED},
    ComplaintStatus.PASSED: {ComplaintStatus.DECIDED},
    ComplaintStatus.GRANTED: set(),
    ComplaintStatus.DECIDED: set(),
}


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", _("Complaint upheld")
    PARTLY = "partly", _("Complaint partly upheld")
    REJECTED = "rejected", _("Complaint rejected")


class Complaint(models.Model):
    """APPK arts. 91–100: a complaint against an answer or a deemed refusal."""

    appeal = models.OneToOneField(Appeal, on_delete=models.PROTECT, related_name="complaint")
    idempotency_key = models.UUIDField(unique=True)
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.FILED)
    text = models.TextField(_("complaint"), max_length=TEXT_LONG)
    deciding_body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    higher_body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="complaints")
    filed_at = models.DateTimeField()
    registered_on = models.DateField()
    pass_due = models.DateField()
    passed_on = models.DateField(null=True, blank=True)
    decision_due = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    decision_text = models.TextField(blank=True, max_length=TEXT_LONG)
    legal_grounds = models.ManyToManyField("authorities.LegalGround", blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["higher_body", "status", "decision_due"], name="complaint_higher"),
            models.Index(fields=["deciding_body", "status", "pass_due"], name="complaint_deciding"),
        ]
        constraints = [
            length_check("text", TEXT_LONG, "complaint_text_length"),
            length_check("decision_text", TEXT_LONG, "complaint_decision_length"),
        ]

    def __str__(self) -> str:
        return f"complaint #{self.pk}"


class ClientApplication(models.Model):
    """An Open311 client registered by an operator; its API key lets it POST requests."""

    name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    api_key_hash = models.CharField(max_length=64, unique=True)
    key_prefix = models.CharField(max_length=8)
    is_active = models.BooleanField(default=True)
    # Submissions from the client are filed on behalf of this account (art. 63: no anonymous appeals).
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Open311Submission(models.Model):
    """A request a client application POSTed for a person, waiting for that person to confirm it.

    The client holds `token` (GeoReport v2: "use it to get the service_request_id"); the person
    gets `confirm_key` by e-mail, signs in as the account with that address and files the appeal,
    choosing publication there. Until then there is no appeal and nothing is published.
    """

    client = models.ForeignKey(ClientApplication, on_delete=models.PROTECT, related_name="submissions")
    token = models.CharField(max_length=40, unique=True)
    confirm_key = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    category = models.ForeignKey("authorities.Category", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("authorities.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPLICATION)
    description = models.TextField(max_length=TEXT_OPEN311_DESCRIPTION)
    address = models.CharField(max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    appeal = models.ForeignKey(Appeal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            length_check("description", TEXT_OPEN311_DESCRIPTION, "open311_description_length"),
            coordinates_check("open311_point_in_kazakhstan"),
        ]

    def __str__(self) -> str:
        return f"open311 submission #{self.pk}"


class ClientGrant(models.Model):
    """A person's permission for a client application to file their appeals without asking each
    time, given when they confirm one; `publish_consent` is what they chose for those appeals."""

    client = models.ForeignKey(ClientApplication, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    publish_consent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "user"], name="uniq_client_grant")]

    def __str__(self) -> str:
        return f"client grant #{self.pk}"


class Open311Token(models.Model):
    """GeoReport v2 token returned on POST before Open311Submission existed (kept for those tokens)."""

    token = models.CharField(max_length=40, unique=True)
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token


class Forwarding(models.Model):
    """A forward to the competent body (APPK art. 64(4)); the reason is shown to the applicant."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="forwardings")
    from_body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    to_body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(max_length=TEXT_NOTE)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField()
    within_term = models.BooleanField(default=True)

    class Meta:
        constraints = [length_check("reason", TEXT_NOTE, "forwarding_reason_length")]

    def __str__(self) -> str:
        return f"forwarding #{self.pk}"


class Extension(models.Model):
    """A reasoned extension by the head or deputy (APPK art. 76(2))."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="extensions")
    old_deadline = models.DateField()
    new_deadline = models.DateField()
    reason = models.TextField(max_length=TEXT_NOTE)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [length_check("reason", TEXT_NOTE, "extension_reason_length")]

    def __str__(self) -> str:
        return f"extension #{self.pk}"


class InfoRequest(models.Model):
    """A request to the applicant for more information, and the reply."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="info_requests")
    question = models.TextField(max_length=TEXT_NOTE)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    reply = models.TextField(blank=True, max_length=TEXT_LONG)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            length_check("question", TEXT_NOTE, "info_question_length"),
            length_check("reply", TEXT_LONG, "info_reply_length"),
        ]

    def __str__(self) -> str:
        return f"info request #{self.pk}"


# Systemic issues: appeals about the same problem in the same place in the same period (issue 15,
# tyndau/appeals/systemic). An issue counts distinct citizens (applicants) apart from appeals, so that
# one loud writer does not make a problem look widespread; when enough distinct citizens raise it, the
# competent body owes one reasoned public answer on its own clock (`rules.py`, `systemic_*`).


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Gathering appeals")
    OWED = "owed", _("A public answer is owed")
    OVERDUE = "overdue", _("Public answer overdue")
    ANSWERED = "answered", _("Answered publicly")
    MERGED = "merged", _("Merged into another issue")


ISSUE_TRANSITIONS: dict[str, set[str]] = {
    IssueStatus.OPEN: {IssueStatus.OWED, IssueStatus.ANSWERED, IssueStatus.MERGED},
    IssueStatus.OWED: {IssueStatus.OVERDUE, IssueStatus.ANSWERED, IssueStatus.MERGED},
    IssueStatus.OVERDUE: {IssueStatus.ANSWERED, IssueStatus.MERGED},
    IssueStatus.ANSWERED: set(),
    IssueStatus.MERGED: set(),
}
# An issue that is merged away or answered takes no new appeals: a new wave starts a new issue.
GATHERING = [IssueStatus.OPEN, IssueStatus.OWED, IssueStatus.OVERDUE]


class SystemicIssue(models.Model):
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="systemic_issues")
    category = models.ForeignKey("authorities.Category", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("authorities.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    # Kept by the grouping service on every change (never counted on read: lists stay index scans).
    citizens = models.PositiveIntegerField(_("distinct citizens"), default=0)
    appeals_count = models.PositiveIntegerField(_("appeals"), default=0)
    published_count = models.PositiveIntegerField(default=0)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    places = models.JSONField(default=list, blank=True)  # street-level places of published appeals only
    bodies = models.JSONField(default=list, blank=True)  # ids of the bodies handling its appeals
    # The public answer owed (threshold of distinct citizens reached).
    owed_since = models.DateField(null=True, blank=True)
    answer_due = models.DateField(null=True, blank=True)
    overdue_on = models.DateField(null=True, blank=True)
    answer_text = models.TextField(blank=True, max_length=TEXT_LONG)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_on_time = models.BooleanField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_at", "-id"]
        verbose_name = _("systemic issue")
        verbose_name_plural = _("systemic issues")
        indexes = [
            # Grouping looks for a gathering issue of the category in the region, recent first.
            models.Index(fields=["region", "category", "-last_at"], name="issue_gathering"),
            # An official's issues and the body's scorecard; the sweep of owed answers.
            models.Index(fields=["body", "status", "answer_due"], name="issue_body"),
            models.Index(fields=["answer_due"], name="issue_owed", condition=Q(status="owed")),
        ]
        constraints = [length_check("answer_text", TEXT_LONG, "issue_answer_length")]

    def __str__(self) -> str:
        return f"issue #{self.pk}"


class HistoricalAppeal(models.Model):
    """An appeal from before the platform (or another system), imported from a CSV by
    `import_appeals_csv` (docs/appeals-import.md): routing learns from the body that answered it.
    Never shown to the public; the author is kept only as a keyed hash (distinct people, no identity)."""

    source = models.CharField(max_length=50)
    external_id = models.CharField(max_length=200)
    text = models.TextField(max_length=TEXT_LONG)
    category = models.ForeignKey("authorities.Category", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("authorities.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.CharField(max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    received_on = models.DateField()
    author_key = models.CharField(max_length=64, blank=True)
    problem_key = models.CharField(max_length=200, blank=True)
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="uniq_historical_appeal"),
            length_check("text", TEXT_LONG, "historical_appeal_text_length"),
            coordinates_check("historical_appeal_point_in_kazakhstan"),
        ]
        indexes = [models.Index(fields=["received_on"], name="historical_appeal_received")]

    def __str__(self) -> str:
        return f"historical appeal #{self.pk}"


class RoutingSuggestion(models.Model):
    """What the routing model suggested when the appeal was filed, and why (docs/routing.md): officials
    see it on the appeal, and the transparency pages count how often the answering body was suggested."""

    class Source(models.TextChoices):
        MODEL = "model", _("learned from the bodies' decisions")
        FALLBACK = "fallback", _("most common body and competence table")

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="routing_suggestion")
    body = models.ForeignKey("authorities.PublicBody", null=True, on_delete=models.SET_NULL, related_name="+")
    category = models.ForeignKey("authorities.Category", null=True, on_delete=models.SET_NULL, related_name="+")
    alternatives = models.JSONField(default=list, blank=True)  # body ids, best first, after `body`
    reasons = models.JSONField(default=list, blank=True)  # [{"code": ..., params}], rendered per language
    source = models.CharField(max_length=10, choices=Source.choices)
    model_version = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"routing suggestion #{self.pk}"


class FixAnswer(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    PARTLY = "partly", pgettext_lazy("was it fixed", "Partly fixed")
    NOT_FIXED = "not_fixed", _("Not fixed")


class FixReport(models.Model):
    """ "Was it fixed?" (FixMyStreet's questionnaire): weeks after a satisfied answer the applicant
    is asked whether the problem was actually solved. Counted in the body's figures, never named."""

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="fix_report")
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answer = models.CharField(_("was the problem solved?"), max_length=10, choices=FixAnswer.choices, blank=True)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["body", "answered_at"], name="fix_report_body")]
        constraints = [length_check("comment", 1000, "fix_report_comment_length")]

    def __str__(self) -> str:
        return f"fix report #{self.pk}"
