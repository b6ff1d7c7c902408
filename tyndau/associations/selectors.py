"""Reads of association registration: the applicant's and founders' own, the registrar's queue, the
public registry.

Lists are index scans with a LIMIT (keyset pagination by id). Another person's application answers
404, never 403: it does not exist for them. The public registry selects no personal data: founders, the
head and the applicant are never read for it.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body, bodies_acted_for
from tyndau.associations import charter, rules
from tyndau.associations.models import (
    AMENDMENT_OPEN,
    Amendment,
    AmendmentStatus,
    Application,
    CharterVersion,
    Document,
    Founder,
    OrgForm,
    Proposal,
    Review,
    Status,
)
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.representation import Activity, Entity, public_activity

PAGE_SIZE = 25
# Statuses the public registry shows: everything that reached a registrar (a draft is nobody's business).
PUBLIC_STATUSES = (
    Status.SUBMITTED,
    Status.CORRECTIONS_REQUESTED,
    Status.REFUSED,
    Status.REGISTERED,
    Status.SUSPENDED,
    Status.LIQUIDATED,
)
PUBLIC_FIELDS = (
    "number",
    "form",
    "name_kk",
    "name_ru",
    "registering_body",
    "status",
    "round",
    "submitted_at",
    "registered_on",
    "review_due",
    "decided_at",
    "bin",
    "registered_version",
    "status_note",
)


def _base() -> QuerySet[Application]:
    return Application.objects.select_related("registering_body", "registered_version")


def is_founder(user: Any, application: Application) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Founder.objects.filter(application=application, user=user, withdrawn_at__isnull=True).exists()


def is_registrar(user: Any, application: Application) -> bool:
    return acts_for_body(user, application.registering_body_id)


def application_for_viewer(user: Any, number: str) -> Application:
    """The applicant's own application, one the user founds, or one their registering body reviews."""
    application = _base().filter(number=number).first()
    if application is None:
        raise Http404
    if (
        application.applicant_id == getattr(user, "pk", None)
        or is_registrar(user, application)
        or is_founder(user, application)
    ):
        return application
    raise Http404


def application_for_applicant(user: Any, number: str) -> Application:
    application = _base().filter(number=number, applicant_id=getattr(user, "pk", None)).first()
    if application is None:
        raise Http404
    return application


def application_for_registrar(user: Any, number: str) -> Application:
    application = _base().filter(number=number).first()
    if application is None or not is_registrar(user, application):
        raise Http404
    return application


def application_by_invite(invite_token: str) -> Application:
    application = _base().filter(invite_token=invite_token[:40]).first()
    if application is None:
        raise Http404
    return application


def applications_of(user: Any, *, before: int | None = None) -> list[Application]:
    """Applications the user made or founds, newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    founded = Founder.objects.filter(user=user, withdrawn_at__isnull=True).values("application_id")
    qs = _base().filter(Q(applicant=user) | Q(pk__in=founded))
    if before:
        qs = qs.filter(pk__lt=before)
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def founders_of(application: Application) -> list[Founder]:
    return list(Founder.objects.filter(application=application).select_related("user").order_by("confirmed_at", "pk"))


def confirmed_count(application: Application) -> int:
    return Founder.objects.filter(application=application, withdrawn_at__isnull=True).count()


def registering_bodies_of(user: Any) -> QuerySet[PublicBody]:
    return bodies_acted_for(user).filter(kind__in=registering_kinds()).order_by("pk")


def registering_kinds() -> tuple[str, ...]:
    return (PublicBody.Kind.JUSTICE, PublicBody.Kind.MINISTRY)


def body_for_registrar(user: Any, body_id: int) -> PublicBody:
    if not acts_for_body(user, body_id):
        raise Http404
    return PublicBody.objects.get(pk=body_id)


def queue(*, body: PublicBody, offset: int = 0) -> list[Application]:
    """Applications awaiting this registering body, the nearest review deadline first."""
    qs = _base().filter(registering_body=body, status=Status.SUBMITTED).order_by("review_due", "pk")
    return list(qs[offset : offset + PAGE_SIZE])


def versions_of(application: Application, *, submitted_only: bool = False) -> list[CharterVersion]:
    qs = CharterVersion.objects.filter(application=application).select_related("amendment")
    if submitted_only:
        qs = qs.filter(submitted_at__isnull=False)
    return list(qs.order_by("number"))


def version_of(application: Application, number: int, *, submitted_only: bool = True) -> CharterVersion:
    qs = CharterVersion.objects.filter(application=application, number=number)
    if submitted_only:
        qs = qs.filter(submitted_at__isnull=False)
    version = qs.first()
    if version is None:
        raise Http404
    return version


def draft_of(application: Application) -> CharterVersion | None:
    return CharterVersion.objects.filter(application=application, submitted_at__isnull=True).first()


def current_version(application: Application) -> CharterVersion | None:
    """The version under review or registered: the one submitted in the current round."""
    if application.registered_version_id:
        return CharterVersion.objects.filter(pk=application.registered_version_id).first()
    return (
        CharterVersion.objects.filter(application=application, submitted_at__isnull=False).order_by("-number").first()
    )


def previous_submitted(version: CharterVersion) -> CharterVersion | None:
    return (
        CharterVersion.objects.filter(
            application_id=version.application_id, submitted_at__isnull=False, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )


def reviews_of(application: Application) -> list[Review]:
    return list(
        Review.objects.filter(application=application)
        .select_related("version", "body", "amendment")
        .prefetch_related("legal_grounds", "citations__ground", "proposals")
        .order_by("round", "pk")
    )


def pending_proposals(application: Application) -> list[Proposal]:
    """The proposals of the current round while the applicant (or, for an amendment, the association)
    is asked to answer them."""
    amendment = open_amendment(application)
    under_corrections = amendment is not None and amendment.status == AmendmentStatus.CORRECTIONS_REQUESTED
    if application.status != Status.CORRECTIONS_REQUESTED and not under_corrections:
        return []
    return list(
        Proposal.objects.filter(review__application=application, review__round=application.round).order_by("pk")
    )


def proposal_of(application: Application, pk: int) -> Proposal | None:
    return Proposal.objects.filter(pk=pk, review__application=application).first()


def public_registry(
    *, before: int | None = None, status: str | None = None, body: int | None = None
) -> list[Application]:
    qs = _base().only(
        *PUBLIC_FIELDS,
        "registering_body__name_kk",
        "registering_body__name_ru",
        "registering_body__name_en",
        "registered_version__number",
    )
    qs = qs.filter(status__in=PUBLIC_STATUSES)
    if status in PUBLIC_STATUSES:
        qs = qs.filter(status=status)
    if body:
        qs = qs.filter(registering_body_id=body)
    if before:
        qs = qs.filter(pk__lt=before)
    return list(qs.order_by("-pk")[:PAGE_SIZE])


def public_application(number: str) -> Application:
    application = _base().only(*PUBLIC_FIELDS).filter(number=number, status__in=PUBLIC_STATUSES).first()
    if application is None:
        raise Http404
    return application


def version_diff(version: CharterVersion) -> tuple[CharterVersion | None, list[charter.ClauseChange]]:
    """The clause-by-clause changes from the previous submitted version (all added for the first)."""
    previous = previous_submitted(version)
    return previous, charter.diff(previous.content if previous else charter.empty(), version.content)


def refusal_grounds() -> QuerySet[LegalGround]:
    return authority_selectors.legal_grounds(domain=LegalGround.Domain.ASSOCIATIONS)


def registering_bodies() -> QuerySet[PublicBody]:
    return PublicBody.objects.filter(
        Q(kind=PublicBody.Kind.JUSTICE) | Q(slug=rules.MINISTRY_OF_JUSTICE_SLUG), is_active=True
    ).order_by("level", "slug")


def registrar_figures() -> list[dict[str, Any]]:
    """Per registering body: applications, decisions by outcome, late decisions, the median days from a
    submission to its decision, and the median number of rounds before registration."""
    rows = (
        Review.objects.values("body_id")
        .annotate(
            reviews=Count("pk"),
            registered=Count("pk", filter=Q(outcome=Review.Outcome.REGISTERED)),
            refused=Count("pk", filter=Q(outcome=Review.Outcome.REFUSED)),
            corrections=Count("pk", filter=Q(outcome=Review.Outcome.CORRECTIONS)),
            late=Count("pk", filter=Q(on_time=False)),
            applications=Count("application_id", distinct=True),
        )
        .order_by("body_id")
    )
    days: dict[int, list[int]] = {}
    for body_id, decided, submitted in Review.objects.values_list("body_id", "created_at", "version__submitted_at"):
        if submitted is not None:
            days.setdefault(body_id, []).append((decided - submitted).days)
    rounds: dict[int, list[int]] = {}
    for body_id, round_ in Review.objects.filter(outcome=Review.Outcome.REGISTERED).values_list("body_id", "round"):
        rounds.setdefault(body_id, []).append(round_)
    names = {b.pk: b.name for b in PublicBody.objects.filter(pk__in=[r["body_id"] for r in rows])}
    return [
        {
            **r,
            "body": names.get(r["body_id"], ""),
            "median_days": median(days[r["body_id"]]) if days.get(r["body_id"]) else None,
            "median_rounds": median(rounds[r["body_id"]]) if rounds.get(r["body_id"]) else None,
        }
        for r in rows
    ]


def refusals_by_ground() -> list[dict[str, Any]]:
    """Refusals per registering body and ground: the pattern of "inconsistencies" made visible."""
    through = Review.legal_grounds.through
    rows = (
        through.objects.filter(review__outcome=Review.Outcome.REFUSED)
        .values("review__body_id", "legalground_id")
        .annotate(refusals=Count("pk"))
        .order_by("review__body_id", "-refusals")
    )
    bodies = {b.pk: b.name for b in PublicBody.objects.filter(pk__in={r["review__body_id"] for r in rows})}
    grounds = {g.pk: g for g in LegalGround.objects.filter(pk__in={r["legalground_id"] for r in rows})}
    return [
        {
            "body": bodies.get(r["review__body_id"], ""),
            "ground": grounds[r["legalground_id"]].citation if r["legalground_id"] in grounds else "",
            "text": grounds[r["legalground_id"]].text if r["legalground_id"] in grounds else "",
            "code": grounds[r["legalground_id"]].code if r["legalground_id"] in grounds else "",
            "refusals": r["refusals"],
        }
        for r in rows
    ]


def form_choices() -> list[tuple[str, str]]:
    return [(f.value, str(f.label)) for f in OrgForm]


def describe_rules() -> list[dict[str, object]]:
    return rules.describe()


# --- After registration: amendments and the signed documents ------------------------------------------


def open_amendment(application: Application) -> Amendment | None:
    """The amendment in progress (at most one: `one_open_amendment`)."""
    return Amendment.objects.filter(application=application, status__in=AMENDMENT_OPEN).first()


def amendments_of(application: Application) -> list[Amendment]:
    """Every amendment the association filed, with its versions (authored by the association)."""
    return list(
        Amendment.objects.filter(application=application)
        .exclude(status=AmendmentStatus.DRAFT)
        .prefetch_related("versions")
        .order_by("number")
    )


def amendment_queue(*, body: PublicBody, offset: int = 0) -> list[Amendment]:
    """Amendments awaiting this registering body, the nearest review deadline first."""
    qs = (
        Amendment.objects.filter(application__registering_body=body, status=AmendmentStatus.SUBMITTED)
        .select_related("application")
        .order_by("review_due", "pk")
    )
    return list(qs[offset : offset + PAGE_SIZE])


def documents_of(application: Application) -> list[Document]:
    """The signed PDFs, newest first. Only for the applicant (the representative) and the registrar:
    the caller checks (the founders' names are in them)."""
    return list(Document.objects.filter(application=application).select_related("amendment")[:50])


def document_for(user: Any, number: str, pk: int) -> Document:
    """A signed PDF for the applicant or a registrar of the registering body; anyone else gets 404."""
    application = _base().filter(number=number).first()
    if application is None:
        raise Http404
    if application.applicant_id != getattr(user, "pk", None) and not is_registrar(user, application):
        raise Http404
    document = Document.objects.filter(application=application, pk=pk).first()
    if document is None:
        raise Http404
    return document


def version_under_review(application: Application, amendment: Amendment | None) -> CharterVersion | None:
    """The version the registrar decides on: the amendment's last submitted one, else the application's."""
    if amendment is not None:
        return (
            CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).order_by("-number").first()
        )
    return current_version(application)


def represented_by(user: Any) -> list[Entity]:
    """The registered associations `user` may act for: the person the registering body registered as the
    representative (the applicant, given the organisation role by `representative_grant`). A suspended or
    liquidated association acts for nobody. The name in Kazakh on a Kazakh page, in Russian otherwise."""
    if not getattr(user, "is_authenticated", False) or not user.has_any_role(Role.ORGANISATION):
        return []
    rows = (
        Application.objects.filter(applicant=user, status=Status.REGISTERED)
        .exclude(bin="")
        .values_list("bin", "name_kk", "name_ru")
        .order_by("pk")
    )
    kazakh = (get_language() or "").startswith("kk")
    return [Entity(bin=b, name=(kk if kazakh else ru)) for b, kk, ru in rows]


def public_activity_of(application: Application) -> list[Activity]:
    """What a registered association has done publicly elsewhere on the platform, as counts only (appeals
    filed on its behalf that are published, assembly notifications): each app counts its own records by
    the association's BIN through core. Nothing before registration (no BIN yet)."""
    if application.status not in (Status.REGISTERED, Status.SUSPENDED, Status.LIQUIDATED):
        return []
    return public_activity(application.bin)
