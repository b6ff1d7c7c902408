"""Peaceful assemblies (Law No. 333-VI): notifications and applications, the akimat's replies,
alternatives the organiser accepts or declines, and what happened on the day.

Status changes only through `tyndau.assemblies.services`; the allowed moves are `ALLOWED_TRANSITIONS`.
The reply deadline is computed on the working-day calendar and stored on the row, so the akimat's
queue and the silence sweep are index scans. The organiser and the steward are personal data: never
on a public page (the public register shows a legal entity's name only).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class AssemblyForm(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    RALLY = "rally", _("Rally")
    PICKET = "picket", _("Picket")
    DEMONSTRATION = "demonstration", _("Demonstration")
    MARCH = "march", _("March")


class Procedure(models.TextChoices):
    NOTIFICATION = "notification", _("Notification")
    APPLICATION = "application", _("Application for approval")


class Means(models.TextChoices):
    SOUND = "sound", _("Sound amplification")
    STRUCTURES = "structures", _("Structures (yurts, tents, stages)")
    VEHICLES = "vehicles", _("Vehicles")


class PlaceKind(models.TextChoices):
    SPECIALISED = "specialised", _("A specialised place of the maslikhat")
    OTHER = "other", _("Another place")
    ROUTE = "route", _("A route")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the akimat's reply")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions", _("Accepted with conditions")
    ALTERNATIVE_PROPOSED = "alternative_proposed", _("Another place or time proposed")
    ALTERNATIVE_ACCEPTED = "alternative_accepted", _("Proposal accepted by the organiser")
    REFUSED = "refused", _("Refused")
    HELD_AS_NOTIFIED = "held_as_notified", _("No reply in time: may be held as notified")
    UNANSWERED = "unanswered", _("No reply in time to the application")
    WITHDRAWN = "withdrawn", _("Withdrawn by the organiser")
    HELD = "held", _("Held")
    NOT_HELD = "not_held", _("Not held")
    STOPPED = "stopped", _("Stopped")


# The akimat's clock runs only in SUBMITTED; after the date only an outcome may be recorded.
GO_AHEAD = {
    Status.ACCEPTED,
    Status.ACCEPTED_WITH_CONDITIONS,
    Status.ALTERNATIVE_ACCEPTED,
    Status.HELD_AS_NOTIFIED,
    Status.UNANSWERED,
}
OUTCOMES = {Status.HELD, Status.NOT_HELD, Status.STOPPED}

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {
        Status.ACCEPTED,
        Status.ACCEPTED_WITH_CONDITIONS,
        Status.ALTERNATIVE_PROPOSED,
        Status.REFUSED,
        Status.HELD_AS_NOTIFIED,
        Status.UNANSWERED,
        Status.WITHDRAWN,
    },
    # Declining puts the request back to SUBMITTED with the akimat on the clock again.
    Status.ALTERNATIVE_PROPOSED: {Status.ALTERNATIVE_ACCEPTED, Status.SUBMITTED, Status.WITHDRAWN},
    **{status: {Status.WITHDRAWN, *OUTCOMES} for status in GO_AHEAD},
    Status.REFUSED: set(),
    Status.WITHDRAWN: set(),
    Status.HELD: set(),
    Status.NOT_HELD: set(),
    Status.STOPPED: set(),
}


class Assembly(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    idempotency_key = models.UUIDField(unique=True)
    form = models.CharField(_("form"), max_length=20, choices=AssemblyForm.choices)
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.SUBMITTED)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assemblies")
    # A legal entity organising through its representative: its name may be public, a person's never.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    akimat = models.ForeignKey(
        "authorities.PublicBody", on_delete=models.PROTECT, related_name="assemblies", db_index=False
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    place_description = models.CharField(_("place"), max_length=300)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Where: a specialised place (the version in force when the request was made), another place (the
    # description and map point above) or a route of ordered points [[lat, lon], ...].
    place_kind = models.CharField(_("kind of place"), max_length=12, choices=PlaceKind.choices, default="other")
    place_version = models.ForeignKey(
        "PlaceVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="assemblies"
    )
    route = models.JSONField(_("route"), default=list, blank=True)
    # Expected participants above the place's capacity: the organiser confirmed past the warning.
    over_capacity = models.BooleanField(_("above the place's capacity"), default=False)
    # The legal entity's BIN (checksum-checked) when a representative organises for it.
    organisation_bin = models.CharField(_("BIN of the organisation"), max_length=12, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    means = models.JSONField(_("means"), default=list, blank=True)
    # Personal data: shown to the organiser and to the akimat, never publicly.
    steward_name = models.CharField(_("steward's name"), max_length=150)
    steward_phone = models.CharField(_("steward's phone"), max_length=30)
    language = models.CharField(max_length=2, default="kk")
    submitted_at = models.DateTimeField()
    registered_on = models.DateField()
    reply_due = models.DateField()
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set by the silence sweep (held as notified, or no reply to an application); kept after the event,
    # so the monitoring figures still count it once the outcome is recorded.
    deemed_silent_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("peaceful assembly")
        verbose_name_plural = _("peaceful assemblies")
        indexes = [
            # An association's organisation page counts the requests it submitted by its BIN (issue 13).
            models.Index(fields=["organisation_bin"], name="assembly_entity_bin", condition=~Q(organisation_bin="")),
            # The akimat's queue: reply deadline, then the event's date.
            models.Index(
                fields=["akimat", "reply_due", "starts_at"],
                name="assembly_queue",
                condition=Q(status__in=["submitted", "alternative_proposed"]),
            ),
            # The silence sweep.
            models.Index(fields=["reply_due"], name="assembly_sweep", condition=Q(status="submitted")),
            models.Index(fields=["akimat", "-id"], name="assembly_akimat"),
            models.Index(fields=["organiser", "-id"], name="assembly_organiser"),
            # Monitoring figures per akimat over a period, and the public calendar of upcoming events.
            models.Index(fields=["registered_on", "akimat"], name="assembly_registered"),
            models.Index(fields=["starts_at"], name="assembly_calendar"),
            models.Index(fields=["akimat", "starts_at"], name="assembly_calendar_akimat"),
        ]

    def __str__(self) -> str:
        return self.number


class Decision(models.Model):
    """A reply of the akimat (accept, accept with conditions, refuse) or the stopping of an event (art. 18)."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("Accepted")
        ACCEPT_WITH_CONDITIONS = "accept_with_conditions", _("Accepted with conditions")
        REFUSE = "refuse", _("Refused")
        STOP = "stop", _("Stopped")

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    conditions = models.JSONField(default=list, blank=True)
    reasons = models.CharField(_("reasons"), max_length=2000, blank=True)
    legal_grounds = models.ManyToManyField("authorities.LegalGround", blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    on_time = models.BooleanField(default=True)
    # The e-mail that carried the reply to the organiser: its sent time is the delivery record.
    email = models.ForeignKey(
        "notifications.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"decision #{self.pk}"


class Alternative(models.Model):
    """Another place and/or time proposed by the akimat: only a proposal, the organiser decides."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting the organiser")
        ACCEPTED = "accepted", _("Accepted by the organiser")
        DECLINED = "declined", _("Declined by the organiser")

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="alternatives")
    place_description = models.CharField(_("proposed place"), max_length=300)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # The akimat may propose a specialised place (the version in force then) or a route, as an organiser may.
    place_kind = models.CharField(_("kind of place"), max_length=12, choices=PlaceKind.choices, default="other")
    place_version = models.ForeignKey("PlaceVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    route = models.JSONField(_("route"), default=list, blank=True)
    starts_at = models.DateTimeField(_("proposed start"))
    ends_at = models.DateTimeField(_("proposed end"))
    reasons = models.CharField(_("reasons"), max_length=2000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)
    email = models.ForeignKey(
        "notifications.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"alternative #{self.pk}"


# --- The maslikhat's register of specialised places (art. 8(2)) --------------------------------------


class PlaceStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    REMOVED = "removed", _("Removed")


# A version follows the one before it: an edit keeps the place in force, a removal ends it, and a later
# decision may restore it. The register never deletes: each move is a new version with its decision.
PLACE_TRANSITIONS: dict[str, set[str]] = {
    PlaceStatus.ACTIVE: {PlaceStatus.ACTIVE, PlaceStatus.REMOVED},
    PlaceStatus.REMOVED: {PlaceStatus.ACTIVE},
}


class SpecialisedPlace(models.Model):
    """A specialised place set by a maslikhat; what it is at any time is in its versions."""

    maslikhat = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="specialised_places")
    # The akimat of the same city or district (the one organisers address), when the reference data has it.
    akimat = models.ForeignKey(
        "authorities.PublicBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A stable key for idempotent creation (demo data, imports, double submits).
    key = models.UUIDField(unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["maslikhat_id", "id"]
        verbose_name = _("specialised place")
        verbose_name_plural = _("specialised places")

    def __str__(self) -> str:
        return f"place #{self.pk}"


class PlaceVersion(models.Model):
    """One state of a specialised place and the maslikhat decision that set it."""

    class Change(models.TextChoices):
        CREATED = "created", _("Set")
        EDITED = "edited", _("Changed")
        SHRUNK = "shrunk", _("Capacity reduced")
        ENLARGED = "enlarged", _("Capacity increased")
        REMOVED = "removed", _("Removed")
        RESTORED = "restored", _("Restored")

    place = models.ForeignKey(SpecialisedPlace, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=PlaceStatus.choices, default=PlaceStatus.ACTIVE)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    # A public place, published on purpose (not a person's address).
    public_address = models.CharField(_("address"), max_length=300)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    capacity = models.PositiveIntegerField(_("capacity (maximum occupancy)"))
    hours_from = models.TimeField(_("permitted from"))
    hours_until = models.TimeField(_("permitted until"))
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    decision_url = models.URLField(_("link to the decision"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField()
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["place_id", "-number"]
        verbose_name = _("version of a specialised place")
        verbose_name_plural = _("versions of specialised places")
        constraints = [
            models.UniqueConstraint(fields=["place", "number"], name="uniq_place_version_number"),
            models.UniqueConstraint(fields=["place"], condition=Q(is_current=True), name="uniq_place_current"),
        ]
        indexes = [models.Index(fields=["is_current", "status"], name="place_version_current")]

    def __str__(self) -> str:
        return f"place #{self.place_id} v{self.number}"

    @property
    def name(self) -> str:
        lang = (translation.get_language() or "kk")[:2]
        return self.name_ru if lang == "ru" else self.name_kk


# --- A request prepared with co-organisers (art. 2: a group of adult citizens) -----------------------


class AssemblyDraft(models.Model):
    """A request waiting for its co-organisers to confirm; submitted as an Assembly once all have."""

    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assembly_drafts")
    # The idempotency key the Assembly will get: submitting twice creates one request.
    key = models.UUIDField(unique=True)
    # What the organiser typed (form field → value, JSON-serialisable): personal data, never public.
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    assembly = models.OneToOneField(Assembly, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"draft #{self.pk}"


class CoOrganiser(models.Model):
    """A co-organiser named by IIN or e-mail, who confirms from their own account."""

    draft = models.ForeignKey(AssemblyDraft, on_delete=models.CASCADE, related_name="co_organisers")
    # Personal data: shown to the organiser (masked IIN) and to the person themselves, never publicly.
    email = models.EmailField(blank=True)
    iin_hash = models.CharField(max_length=64, blank=True)
    label = models.CharField(max_length=254)  # the e-mail, or the IIN masked
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["email"], name="coorganiser_email"),
            models.Index(fields=["iin_hash"], name="coorganiser_iin"),
        ]

    def __str__(self) -> str:
        return f"co-organiser #{self.pk}"


class ObserverReport(models.Model):
    """An accredited observer's structured report on an event, after its date (one per observer).

    Shown beside the official record on the public page; `notes` as the observer typed them are seen
    by the observer only, the public sees `public_notes` (personal data redacted on publication).
    """

    class Held(models.TextChoices):
        HELD = "held", _("Held")
        NOT_HELD = "not_held", _("Not held")
        DISPERSED = "dispersed", _("Began, then dispersed or stopped")

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="observer_reports")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held = models.CharField(_("held"), max_length=20, choices=Held.choices)
    interventions = models.BooleanField(_("interventions by the authorities"), default=False)
    detentions_reported = models.PositiveIntegerField(_("detentions reported"), default=0)
    notes = models.CharField(_("notes"), max_length=2000, blank=True)
    public_notes = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "observer"], name="one_report_per_observer"),
        ]

    def __str__(self) -> str:
        return f"observer report #{self.pk}"


class Challenge(models.Model):
    """The organiser's complaint against a refusal or conditions, decided by the akimat's higher body
    (APPK art. 91 ff., the same route as appeals' complaints; docs/adr/0030-assembly-challenges.md).
    Decided before the event's date where the term allows (OSCE/ODIHR–Venice Commission Guidelines:
    a prompt review before the planned date)."""

    class State(models.TextChoices):
        FILED = "filed", _("Awaiting the higher body")
        DECIDED = "decided", _("Decided by the higher body")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld: the akimat's decision is annulled, the assembly may take place")
        REJECTED = "rejected", _("Rejected: the akimat's decision stands")

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="challenges")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="challenges")
    idempotency_key = models.UUIDField(unique=True)
    # The organiser's own words: shown to the organiser and the higher body, never publicly.
    text = models.CharField(_("complaint"), max_length=4000)
    higher_body = models.ForeignKey("authorities.PublicBody", on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField()
    registered_on = models.DateField()
    decision_due = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.FILED)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decision_text = models.CharField(_("decision"), max_length=4000, blank=True)
    legal_grounds = models.ManyToManyField("authorities.LegalGround", blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        indexes = [
            models.Index(
                fields=["higher_body", "decision_due"], name="assembly_challenge_queue", condition=Q(state="filed")
            )
        ]

    def __str__(self) -> str:
        return f"challenge #{self.pk}"


# A decided challenge is the one way a refusal or conditions change (not in ALLOWED_TRANSITIONS: the
# akimat itself can never undo its refusal). Upheld: the assembly may go ahead as requested.
CHALLENGEABLE = {Status.REFUSED, Status.ACCEPTED_WITH_CONDITIONS}
CHALLENGE_UPHELD_TO = Status.ACCEPTED
