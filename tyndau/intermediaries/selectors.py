"""Reads about intermediaries, their consents and their organisations' counts.

THE predicate of this app is `accreditation_of(user)`: a signed-in, active person who holds
`Role.INTERMEDIARY` and an unrevoked accreditation of a still registered organisation or an active
public service centre. Every intermediary's page and service asks it and nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body, bodies_acted_for
from tyndau.accounts.services.officials import is_administrator
from tyndau.associations.models import Application
from tyndau.associations.models import Status as AssociationStatus
from tyndau.authorities.models import PublicBody
from tyndau.intermediaries import rules
from tyndau.intermediaries.models import Accreditation, HelpConsent, HelpedCase


def _is_person(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _live_accreditations() -> QuerySet[Accreditation]:
    return Accreditation.objects.filter(revoked_at__isnull=True).filter(
        Q(kind=Accreditation.Kind.ASSOCIATION, association__status=AssociationStatus.REGISTERED)
        | Q(kind=Accreditation.Kind.SERVICE_CENTRE, service_centre__is_active=True)
    )


def accreditation_of(user: Any) -> Accreditation | None:
    """THE rule for who may help a citizen: the person's live accreditation, or None."""
    if not _is_person(user) or not user.has_any_role(Role.INTERMEDIARY):
        return None
    return _live_accreditations().select_related("association", "service_centre").filter(user=user).first()


def consent_for_intermediary(user: Any, ref: Any) -> HelpConsent:
    """The intermediary's own consent; 404 for anyone else's (nobody learns that it exists)."""
    consent = HelpConsent.objects.select_related("accreditation").filter(ref=ref, intermediary=user).first()
    if consent is None or not _is_person(user):
        raise Http404
    return consent


def consents_of_intermediary(user: Any, *, limit: int = 50) -> list[HelpConsent]:
    if not _is_person(user):
        return []
    return list(
        HelpConsent.objects.filter(intermediary=user)
        .annotate(case_count=Count("cases"))
        .order_by("-created_at")[:limit]
    )


def consent_for_citizen(user: Any, ref: Any) -> HelpConsent:
    consent = HelpConsent.objects.filter(ref=ref, citizen=user).first() if _is_person(user) else None
    if consent is None:
        raise Http404
    return consent


def consents_of_citizen(user: Any, *, limit: int = 100) -> list[HelpConsent]:
    """What the citizen gave: only confirmed consents (a code never entered consented to nothing)."""
    if not _is_person(user):
        return []
    return list(
        HelpConsent.objects.filter(citizen=user, confirmed_at__isnull=False)
        .select_related("accreditation__association", "accreditation__service_centre")
        .annotate(case_count=Count("cases"))
        .order_by("-created_at")[:limit]
    )


def cases_of(consent: HelpConsent) -> list[HelpedCase]:
    return list(consent.cases.order_by("-created_at"))


def may_act(consent: HelpConsent, *, now: dt.datetime | None = None) -> bool:
    """A confirmed, unwithdrawn consent for an existing account, within the window to file."""
    now = now or timezone.now()
    if consent.confirmed_at is None or consent.withdrawn_at is not None or consent.citizen_id is None:
        return False
    return now <= consent.confirmed_at + dt.timedelta(hours=rules.value("act_window_hours"))


def may_see_answers(consent: HelpConsent) -> bool:
    return consent.confirmed_at is not None and consent.withdrawn_at is None and consent.share_answers


# --- Organisations ------------------------------------------------------------------------


def managed_associations(user: Any) -> QuerySet[Application]:
    """Registered associations whose helpers `user` may accredit: an administrator's all, else the
    representative's own (the applicant holding the organisation role)."""
    registered = Application.objects.filter(status=AssociationStatus.REGISTERED)
    if not _is_person(user):
        return registered.none()
    if is_administrator(user):
        return registered.order_by("number")
    if not user.has_any_role(Role.ORGANISATION):
        return registered.none()
    return registered.filter(applicant=user).order_by("number")


def managed_service_centres(user: Any) -> QuerySet[PublicBody]:
    """Service centres (public bodies) whose operators `user` may accredit: the head or a deputy."""
    if not _is_person(user):
        return PublicBody.objects.none()
    if is_administrator(user):
        return PublicBody.objects.filter(is_active=True).order_by("slug")
    return bodies_acted_for(user, supervisor=True).order_by("slug")


def manages(user: Any, *, association: Application | None = None, service_centre: PublicBody | None = None) -> bool:
    if association is not None:
        return managed_associations(user).filter(pk=association.pk).exists()
    if service_centre is not None:
        return is_administrator(user) or acts_for_body(user, service_centre, supervisor=True)
    return False


def organisation_counts(user: Any) -> list[dict[str, Any]]:
    """Counts only, per organisation the viewer manages: intermediaries, people helped, cases by kind."""
    rows: list[dict[str, Any]] = []
    targets: list[tuple[str, Any, Q]] = [
        ("association", a, Q(accreditation__association=a)) for a in managed_associations(user)[:200]
    ]
    if not is_administrator(user):
        targets += [
            ("service_centre", b, Q(accreditation__service_centre=b)) for b in managed_service_centres(user)[:200]
        ]
    else:
        used = Accreditation.objects.filter(service_centre__isnull=False).values("service_centre_id")
        targets += [
            ("service_centre", b, Q(accreditation__service_centre=b))
            for b in PublicBody.objects.filter(pk__in=used).order_by("slug")[:200]
        ]
    for kind, organisation, where in targets:
        cases = HelpedCase.objects.filter(Q(consent__in=HelpConsent.objects.filter(where)))
        by_kind = dict(cases.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
        people = HelpConsent.objects.filter(where, cases__isnull=False).values("iin_hash").distinct().count()
        rows.append(
            {
                "kind": kind,
                "organisation": organisation,
                "intermediaries": _live_accreditations()
                .filter(**{kind if kind == "association" else "service_centre": organisation})
                .count(),
                "people": people,
                "appeals": by_kind.get(HelpedCase.Kind.APPEAL, 0),
                "signatures": by_kind.get(HelpedCase.Kind.PETITION_SIGNATURE, 0),
                "assemblies": by_kind.get(HelpedCase.Kind.ASSEMBLY, 0),
            }
        )
    return rows


def accreditations_managed_by(user: Any) -> list[Accreditation]:
    where = Q(association__in=managed_associations(user)) | Q(service_centre__in=managed_service_centres(user))
    return list(
        Accreditation.objects.filter(where, revoked_at__isnull=True)
        .select_related("association", "service_centre", "user")
        .order_by("-granted_at")[:200]
    )


def accreditation_for_manager(user: Any, pk: int) -> Accreditation:
    found = next((a for a in accreditations_managed_by(user) if a.pk == pk), None)
    if found is None:
        raise Http404
    return found
