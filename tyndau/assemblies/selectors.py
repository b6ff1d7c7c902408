"""Reads of peaceful assemblies: the organiser's own, the akimat's queue, the public register.

Lists are index scans with a LIMIT (keyset pagination by id), so pages do not grow with the data.
Another person's request answers 404, never 403: it does not exist for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body, bodies_acted_for, citizen_profile_of
from tyndau.assemblies import rules
from tyndau.assemblies.models import (
    GO_AHEAD,
    Alternative,
    Assembly,
    AssemblyDraft,
    AssemblyForm,
    Challenge,
    CoOrganiser,
    Decision,
    ObserverReport,
    PlaceStatus,
    PlaceVersion,
    SpecialisedPlace,
    Status,
)
from tyndau.assemblies.services._common import earliest_on_time
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.calendar import local, local_today, registration_date

PAGE_SIZE = 25
QUEUE_STATUSES = (Status.SUBMITTED, Status.ALTERNATIVE_PROPOSED)


def _base() -> QuerySet[Assembly]:
    return Assembly.objects.select_related("akimat")


def assembly_for_viewer(user: Any, number: str) -> Assembly:
    """The organiser's own request, or one addressed to an akimat the user acts for; 404 otherwise."""
    assembly = _base().filter(number=number).first()
    if assembly is None:
        raise Http404
    if assembly.organiser_id == getattr(user, "pk", None) or acts_for_body(user, assembly.akimat_id):
        return assembly
    raise Http404


def is_akimat_official(user: Any, assembly: Assembly) -> bool:
    return acts_for_body(user, assembly.akimat_id)


def assemblies_of(user: Any, *, before: int | None = None) -> list[Assembly]:
    qs = _base().filter(organiser=user)
    if before:
        qs = qs.filter(pk__lt=before)
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def assemblies_by_numbers(numbers: Iterable[str]) -> dict[str, Assembly]:
    """Requests by number, for a caller that already decided who may see what (tyndau.intermediaries:
    an intermediary's cases, the akimat's reply only if the citizen allows)."""
    return {a.number: a for a in Assembly.objects.filter(number__in=list(numbers)).select_related("akimat")}


def akimats_of(user: Any) -> QuerySet[PublicBody]:
    return bodies_acted_for(user).filter(kind=PublicBody.Kind.AKIMAT).order_by("pk")


def akimat_for_official(user: Any, body_id: int) -> PublicBody:
    if not acts_for_body(user, body_id):
        raise Http404
    return PublicBody.objects.get(pk=body_id)


def queue(*, akimat: PublicBody, offset: int = 0) -> list[Assembly]:
    """Requests awaiting the akimat (or the organiser's answer to a proposal): reply deadline, then date."""
    qs = _base().filter(akimat=akimat, status__in=QUEUE_STATUSES).order_by("reply_due", "starts_at", "pk")
    return list(qs[offset : offset + PAGE_SIZE])


def decisions_of(assembly: Assembly) -> list[Decision]:
    return list(
        assembly.decisions.select_related("email").prefetch_related("legal_grounds").order_by("created_at", "pk")
    )


def alternatives_of(assembly: Assembly) -> list[Alternative]:
    return list(assembly.alternatives.select_related("email", "place_version").order_by("created_at", "pk"))


def pending_alternative(assembly: Assembly) -> Alternative | None:
    if assembly.status != Status.ALTERNATIVE_PROPOSED:
        return None
    return assembly.alternatives.filter(response=Alternative.Response.PENDING).order_by("-pk").first()


def public_register(*, before: int | None = None, akimat: int | None = None) -> list[Assembly]:
    """Every request with the akimat's decision: public by law (no personal data is selected for it)."""
    qs = _base().only(
        "number",
        "form",
        "procedure",
        "status",
        "organisation_name",
        "akimat",
        "purpose",
        "place_description",
        "starts_at",
        "ends_at",
        "expected_participants",
        "registered_on",
        "reply_due",
    )
    if akimat:
        qs = qs.filter(akimat_id=akimat)
    if before:
        qs = qs.filter(pk__lt=before)
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def public_assembly(number: str) -> Assembly:
    assembly = _base().filter(number=number).first()
    if assembly is None:
        raise Http404
    return assembly


def akimats() -> QuerySet[PublicBody]:
    return PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, is_active=True).order_by("level", "slug")


def refusal_grounds() -> QuerySet[LegalGround]:
    return authority_selectors.legal_grounds(domain=LegalGround.Domain.ASSEMBLIES)


def earliest_date_today(form: str) -> dt.date:
    """The earliest on-time event date for a request sent now (shown on the form)."""
    return earliest_on_time(form, registration_date(timezone.now()))


def earliest_dates_today() -> list[tuple[str, str, dt.date]]:
    return [(f.value, str(f.label), earliest_date_today(f.value)) for f in AssemblyForm]


def event_date(assembly: Assembly) -> dt.date:
    return local(assembly.starts_at).date()


def describe_rules() -> list[dict[str, object]]:
    return rules.describe()


# --- The register of specialised places (art. 8(2)) and its occupancy (61-НП) -------------------------

PLACES_LIMIT = 500


def _versions() -> QuerySet[PlaceVersion]:
    return PlaceVersion.objects.select_related("place", "place__maslikhat")


def current_places(*, maslikhat: int | None = None, in_force_only: bool = False) -> list[PlaceVersion]:
    """The current version of every place (removed ones too, with the decision that removed them)."""
    qs = _versions().filter(is_current=True)
    if maslikhat:
        qs = qs.filter(place__maslikhat_id=maslikhat)
    if in_force_only:
        qs = qs.filter(status=PlaceStatus.ACTIVE)
    return list(qs.order_by("place__maslikhat__slug", "place_id")[:PLACES_LIMIT])


def all_place_versions(*, maslikhat: int | None = None, after: int | None = None) -> list[PlaceVersion]:
    """Every version of every place, oldest first (the open-data history), keyset-paged by id."""
    qs = _versions()
    if maslikhat:
        qs = qs.filter(place__maslikhat_id=maslikhat)
    if after:
        qs = qs.filter(pk__gt=after)
    return list(qs.order_by("pk")[:PLACES_LIMIT])


def place_versions(place_id: int) -> list[PlaceVersion]:
    """All versions of one place, newest first; 404 when there is no such place."""
    versions = list(_versions().filter(place_id=place_id).order_by("-number"))
    if not versions:
        raise Http404
    return versions


def place_occupancy(place_id: int, *, limit: int = 50) -> list[Assembly]:
    """Planned assemblies at a place from today (61-НП: place, date, start, end, expected participants).
    Only public fields are selected: no organiser, no steward."""
    today = local_today()
    return list(
        Assembly.objects.filter(
            place_version__place_id=place_id,
            starts_at__date__gte=today,
            status__in=[Status.SUBMITTED, Status.ALTERNATIVE_PROPOSED, *GO_AHEAD],
        )
        .only("number", "status", "starts_at", "ends_at", "expected_participants", "over_capacity")
        .order_by("starts_at", "pk")[:limit]
    )


def maslikhats_with_places() -> QuerySet[PublicBody]:
    return PublicBody.objects.filter(kind=PublicBody.Kind.MASLIHAT, specialised_places__isnull=False).distinct()


def maslikhats_edited_by(user: Any) -> QuerySet[PublicBody]:
    """The maslikhats whose register `user` edits: the places-editor role and acting for the body."""
    if not getattr(user, "is_authenticated", False) or not user.has_any_role(Role.PLACES_EDITOR):
        return PublicBody.objects.none()
    return bodies_acted_for(user).filter(kind=PublicBody.Kind.MASLIHAT).order_by("slug")


def maslikhat_for_editor(user: Any, body_id: int) -> PublicBody:
    body = maslikhats_edited_by(user).filter(pk=body_id).first()
    if body is None:
        raise Http404
    return body


def place_for_editor(user: Any, place_id: int) -> PlaceVersion:
    """The current version of a place of a maslikhat the editor acts for; 404 otherwise."""
    version = _versions().filter(place_id=place_id, is_current=True).first()
    if version is None or not maslikhats_edited_by(user).filter(pk=version.place.maslikhat_id).exists():
        raise Http404
    return version


def places_to_choose() -> QuerySet[SpecialisedPlace]:
    """Places in force, for the organiser's form."""
    return SpecialisedPlace.objects.filter(versions__is_current=True, versions__status=PlaceStatus.ACTIVE).order_by(
        "maslikhat__slug", "pk"
    )


def place_labels() -> dict[int, str]:
    """Place id → a label with the city, capacity and hours of the version in force (for the form)."""
    labels = {}
    for v in _versions().filter(is_current=True, status=PlaceStatus.ACTIVE).order_by("place__maslikhat__slug"):
        labels[v.place_id] = (
            f"{v.name} ({v.place.maslikhat.name}) — {v.capacity}, {v.hours_from:%H:%M}–{v.hours_until:%H:%M}"
        )
    return labels


# --- Co-organisers ------------------------------------------------------------------------------------


def waiting_drafts_of(user: Any) -> list[AssemblyDraft]:
    """The organiser's requests still waiting for co-organisers, newest first (bounded), so that the
    organiser finds them again after leaving the draft's page."""
    qs = AssemblyDraft.objects.filter(organiser=user, assembly__isnull=True).prefetch_related("co_organisers")
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def draft_for_organiser(user: Any, key: str) -> AssemblyDraft:
    try:
        draft = AssemblyDraft.objects.filter(key=key, organiser_id=getattr(user, "pk", None)).first()
    except ValidationError:
        draft = None
    if draft is None:
        raise Http404
    return draft


def co_organisers_of(draft: AssemblyDraft) -> list[CoOrganiser]:
    return list(draft.co_organisers.order_by("pk"))


def invitations_for(user: Any) -> list[CoOrganiser]:
    """Requests naming `user` as a co-organiser (by e-mail or IIN), not yet submitted."""
    if not getattr(user, "is_authenticated", False):
        return []
    match = Q(email=(user.email or "").casefold())
    profile = citizen_profile_of(user)
    if profile is not None and profile.iin_hash:
        match |= Q(iin_hash=profile.iin_hash)
    qs = CoOrganiser.objects.filter(match, draft__assembly__isnull=True).select_related("draft")
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def invitation_for(user: Any, pk: int) -> CoOrganiser:
    for invitation in invitations_for(user):
        if invitation.pk == pk:
            return invitation
    raise Http404


def place_by_id(pk: int | None) -> SpecialisedPlace | None:
    return SpecialisedPlace.objects.select_related("maslikhat").filter(pk=pk).first() if pk else None


# --- Public calendar of upcoming assemblies (iCalendar feed) ----------------------------------------
CALENDAR_LIMIT = 200
# Requests that may still take place: the akimat's reply pending, or a go-ahead of any kind.
CALENDAR_STATUSES = (Status.SUBMITTED, Status.ALTERNATIVE_PROPOSED, *GO_AHEAD)


def upcoming(*, akimat: int | None = None, limit: int = CALENDAR_LIMIT) -> list[Assembly]:
    """The next assemblies from now, soonest first (bounded; index `assembly_calendar`). An accepted
    proposal replaces the place and time: `where` and `when` are what will happen, if anything."""
    qs = (
        _base()
        .filter(starts_at__gte=timezone.now() - dt.timedelta(hours=12), status__in=CALENDAR_STATUSES)
        .only(
            "number",
            "form",
            "status",
            "organisation_name",
            "akimat",
            "purpose",
            "place_description",
            "latitude",
            "longitude",
            "starts_at",
            "ends_at",
        )
        .prefetch_related(
            Prefetch(
                "alternatives",
                queryset=Alternative.objects.filter(response=Alternative.Response.ACCEPTED),
                to_attr="accepted_alternatives",
            )
        )
    )
    if akimat:
        qs = qs.filter(akimat_id=akimat)
    rows: list[Assembly] = list(qs.order_by("starts_at", "pk")[:limit])
    for row in rows:
        chosen = row.accepted_alternatives[-1] if row.accepted_alternatives else None  # type: ignore[attr-defined]
        row.where = chosen.place_description if chosen else row.place_description  # type: ignore[attr-defined]
        row.when = (chosen or row).starts_at  # type: ignore[attr-defined]
        row.until = (chosen or row).ends_at  # type: ignore[attr-defined]
    return rows


# --- Observers' monitoring reports ------------------------------------------------------------------
def observer_reports(assembly: Assembly) -> list[ObserverReport]:
    """The reports shown on the public record (the published, redacted notes only)."""
    return list(
        assembly.observer_reports.only(
            "assembly", "held", "interventions", "detentions_reported", "public_notes", "created_at"
        ).order_by("created_at", "pk")
    )


def observer_report_of(assembly: Assembly, user: Any) -> ObserverReport | None:
    return assembly.observer_reports.filter(observer_id=getattr(user, "pk", None)).first()


def event_has_begun(assembly: Assembly) -> bool:
    return local_today() >= event_date(assembly)


# --- Challenges (complaints to the higher body) -----------------------------------------------------
def challenges_of(assembly: Assembly) -> list[Challenge]:
    return list(assembly.challenges.select_related("higher_body").prefetch_related("legal_grounds"))


def challenge_queue(user: Any) -> list[Challenge]:
    """Open complaints addressed to the bodies the user acts for: the earliest due first (bounded)."""
    bodies = bodies_acted_for(user).values("pk")
    qs = Challenge.objects.filter(state=Challenge.State.FILED, higher_body__in=bodies)
    return list(qs.select_related("assembly", "assembly__akimat").order_by("decision_due", "pk")[:PAGE_SIZE])


def oversees_akimats(user: Any) -> bool:
    """Whether `user` acts for the higher body of an akimat: the body that decides complaints about it."""
    bodies = bodies_acted_for(user).values("pk")
    return PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, higher_body__in=bodies).exists()


def challenge_for_higher_body(user: Any, pk: int) -> Challenge:
    """A complaint for an official of its higher body; 404 for everyone else."""
    challenge = Challenge.objects.select_related("assembly", "assembly__akimat", "decision").filter(pk=pk).first()
    if challenge is None or not acts_for_body(user, challenge.higher_body_id):
        raise Http404
    return challenge


# --- Delivery record: when the akimat's reply reached the organiser ---------------------------------
def deliveries_of(assembly: Assembly) -> list[dict[str, Any]]:
    """One timeline entry per reply e-mail the outbox has sent (its `sent_at`), oldest first."""
    emails = [d.email for d in decisions_of(assembly)] + [a.email for a in alternatives_of(assembly)]
    entries = [{"occurred_at": e.sent_at, "delivery": True} for e in emails if e is not None and e.sent_at]
    return sorted(entries, key=lambda e: e["occurred_at"])


def notifications_count_for_entity(bin: str) -> int:
    """Assembly notifications and applications a legal entity submitted through its representative (the
    public register shows every submitted one), by its BIN — a count for its organisation page (issue 13)."""
    return Assembly.objects.filter(organisation_bin=bin).count()
