"""Reads of e-petitions. Public selectors return only what may be public."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import time
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tyndau.accounts.models import Role
from tyndau.authorities import selectors as authority_selectors
from tyndau.core.calendar import local_today
from tyndau.petitions import rules
from tyndau.petitions.models import (
    PUBLIC_STATUSES,
    Petition,
    RegionCount,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
    Status,
)

PUBLIC_LISTS: dict[str, tuple[str, ...]] = {
    "open": (Status.OPEN,),
    "awaiting": (Status.FORWARDED,),
    "responded": (Status.RESPONDED,),
    "closed": (Status.CLOSED,),
    "rejected": (Status.REJECTED,),
}


def _base() -> QuerySet[Petition]:
    return Petition.objects.select_related("addressee", "addressee__region", "rejection_ground")


def petition_public_list(*, kind: str, query: str = "") -> QuerySet[Petition]:
    statuses = PUBLIC_LISTS.get(kind, PUBLIC_LISTS["open"])
    qs = _base().filter(status__in=statuses)
    # Offensive petitions are rejected without publishing them; others are listed from 50 signatures.
    visible = Q(rejection_ground__is_public=True) if kind == "rejected" else Q(listed_at__isnull=False)
    qs = qs.filter(visible)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(request_text__icontains=query))
    order = "-decided_at" if kind == "rejected" else "-signature_count"
    return qs.order_by(order, "-pk")


def petition_similar(*, title: str, exclude_pk: int | None = None, limit: int = 5) -> list[Petition]:
    """Listed petitions whose title shares the longer words of `title` (for the drafting form)."""
    words = [w for w in title.replace(",", " ").split() if len(w) >= 4][:6]
    if not words:
        return []
    cond = Q()
    for word in words:
        cond |= Q(title__icontains=word[: max(4, len(word) - 2)])  # crude stem: Kazakh/Russian endings
    qs = _base().filter(cond, listed_at__isnull=False, status__in=PUBLIC_STATUSES)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.order_by("-signature_count")[:limit])


def _hidden() -> Q:
    """Rejected on a ground that is not published (an offensive petition): not public at all."""
    return Q(status=Status.REJECTED, rejection_ground__is_public=False)


def petition_public_get(*, pk: int, user: Any = None) -> Petition:
    """A petition as the public (or its creator / moderators) may see it; else 404."""
    petition = _base().select_related("duplicate_of", "response_ground").filter(pk=pk).first()
    if petition is None:
        raise Http404
    if petition.status in PUBLIC_STATUSES:
        hidden = petition.status == Status.REJECTED and not petition.rejection_ground.is_public  # type: ignore[union-attr]
        if hidden and not _may_see_private(petition, user):
            raise Http404
        return petition
    if _may_see_private(petition, user):
        return petition
    raise Http404


def _may_see_private(petition: Petition, user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(petition.creator_id == user.pk or user.has_any_role(Role.MODERATOR))


def petition_for_creator(*, pk: int, user: Any) -> Petition:
    petition = _base().filter(pk=pk, creator=user).first()
    if petition is None:
        raise Http404
    return petition


def petitions_of_creator(*, user: Any) -> QuerySet[Petition]:
    return _base().filter(creator=user).order_by("-created_at")


def moderation_queue() -> QuerySet[Petition]:
    return _base().filter(status=Status.MODERATION).order_by("moderation_due", "submitted_at")


def petition_in_moderation(*, pk: int) -> Petition:
    """A petition awaiting the moderator's decision, or 404."""
    petition = moderation_queue().filter(pk=pk).first()
    if petition is None:
        raise Http404
    return petition


def body_petitions(*, body_id: int) -> QuerySet[Petition]:
    return (
        _base().filter(addressee_id=body_id, status__in=(Status.FORWARDED, Status.RESPONDED)).order_by("response_due")
    )


def overdue_count(*, body_id: int | None = None) -> int:
    """Forwarded petitions whose 40-WD response deadline has passed (silence is counted)."""
    qs = Petition.objects.filter(status=Status.FORWARDED, response_due__lt=local_today())
    if body_id is not None:
        qs = qs.filter(addressee_id=body_id)
    return qs.count()


def _bar(value: float | None, top: float) -> int:
    """A bar's length in % of the longest (at least 1 for any figure; 0 for none)."""
    return max(1, round(value * 100 / top)) if value and top else 0


def region_counts(*, petition: Petition) -> list[dict[str, Any]]:
    """Confirmed signatures by the signer's region, with the count per 100,000 inhabitants (issue 15):
    the bars and the map's circles compare regions per head (`bar`, `size`: a region without population
    data, or "not given", has none); the raw count and the share stay in the table."""
    rows = RegionCount.objects.filter(petition=petition, count__gt=0).select_related("region").order_by("-count")
    total = petition.signature_count or 1
    rates = {r.pk: authority_selectors.per_100k(r.count, r.region.population) if r.region else None for r in rows}
    top = max((rate for rate in rates.values() if rate), default=0.0)
    return [
        {
            "region": r.region,
            "iso_code": r.region.iso_code if r.region else "",
            "count": r.count,
            "share": round(r.count * 100 / total, 1),
            "per_100k": rates[r.pk],
            "bar": _bar(rates[r.pk], top),
            "centre": authority_selectors.region_centre(iso_code=r.region.iso_code) if r.region else None,
        }
        for r in rows
    ]


def recent_public_names(*, petition: Petition, limit: int = 10) -> list[str]:
    """Only first name + surname initial, only for signers who agreed."""
    return list(
        Signature.objects.filter(petition=petition, status=SignatureStatus.CONFIRMED)
        .exclude(public_name="")
        .order_by("-confirmed_at")
        .values_list("public_name", flat=True)[:limit]
    )


def petition_count(*, pk: int) -> dict[str, Any]:
    """The small count payload, cached for the counting interval."""
    key = f"petitions:count:{pk}"
    data = cache.get(key)
    if data is None:
        row = (
            Petition.objects.filter(pk=pk, status__in=PUBLIC_STATUSES)
            .exclude(_hidden())
            .values("id", "status", "signature_count", "threshold", "counted_at")
            .first()
        )
        if row is None:
            raise Http404
        data = {**row, "counted_at": row["counted_at"].isoformat() if row["counted_at"] else None}
        cache.set(key, data, rules.value("count_interval_seconds"))
    return data


def open_data(*, petition: Petition) -> dict[str, Any]:
    """Per-petition open data: counts, by region, state, dates, response. Nothing personal."""

    def iso(value: dt.date | dt.datetime | None) -> str | None:
        return value.isoformat() if value else None

    ground = petition.rejection_ground
    return {
        "id": petition.pk,
        "title": petition.title,
        "request": petition.request_text,
        "status": petition.status,
        "addressee": {"slug": petition.addressee.slug, "name": petition.addressee.name},
        "threshold": petition.threshold,
        "signature_count": petition.signature_count,
        "counted_at": iso(petition.counted_at),
        "opened_at": iso(petition.opened_at),
        "closes_on": iso(petition.closes_on),
        "listed_at": iso(petition.listed_at),
        "forwarded_at": iso(petition.forwarded_at),
        "response_due": iso(petition.response_due),
        "overdue": petition.is_overdue,
        "responded_at": iso(petition.responded_at),
        "response_outcome": petition.response_outcome or None,
        "response_text": petition.response_text or None,
        "rejection_ground": ground.code if ground and ground.is_public else None,
        "duplicate_of": petition.duplicate_of_id,
        "by_region": [{"region": r["iso_code"] or None, "count": r["count"]} for r in region_counts(petition=petition)],
    }


def signatures_matching(
    *,
    petition: Petition,
    domain: str = "",
    ip_range: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    **_: Any,
) -> QuerySet[Signature]:
    """Signatures of a petition by pattern, for the moderator's fraud tools."""
    qs = Signature.objects.filter(petition=petition)
    if domain:
        d = domain.strip().lower().lstrip("@")
        qs = qs.filter(Q(email_domain=d) | Q(email_domain__endswith="." + d))
    if ip_range:
        network = ipaddress.ip_network(ip_range.strip(), strict=False)
        if network.num_addresses == 1:
            qs = qs.filter(ip_address=str(network.network_address))
        else:
            qs = qs.filter(ip_address__isnull=False)
            ids = [pk for pk, ip in qs.values_list("pk", "ip_address") if ip and ipaddress.ip_address(ip) in network]
            qs = Signature.objects.filter(pk__in=ids)
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lte=until)
    return qs


def signature_summary(*, matches: QuerySet[Signature]) -> dict[str, Any]:
    """How many signatures a fraud search matched, in total and by status."""
    by_status = {row["status"]: row["n"] for row in matches.values("status").order_by().annotate(n=Count("id"))}
    return {"total": sum(by_status.values()), "by_status": by_status}


def invalidations_of(*, petition: Petition) -> QuerySet[SignatureInvalidation]:
    return petition.invalidations.order_by("-created_at")


def petition_by_number(*, pk: int | None) -> Petition | None:
    """Any petition by its number (a moderator naming the one a petition duplicates), or None."""
    return Petition.objects.filter(pk=pk).first() if pk else None


def petitioned_body(*, slug: str) -> Any:
    """A public body's petitions page: the body by its slug, or 404."""
    from tyndau.authorities.models import PublicBody

    return get_object_or_404(PublicBody, slug=slug)


def sign_form_initial(*, user: Any) -> dict[str, Any]:
    """What a signed-in citizen's account already knows for the e-mail signing form: names, e-mail,
    region and, when the profile has one, the IIN (the citizen's own, shown only to them)."""
    from tyndau.accounts.selectors import citizen_profile_of
    from tyndau.core.pii import decrypt

    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    profile = citizen_profile_of(user)
    if profile is not None:
        if profile.region_id:
            initial["region"] = profile.region_id
        if profile.iin_encrypted:
            with contextlib.suppress(ValueError):  # keys rotated away: the citizen types it
                initial["iin"] = decrypt(profile.iin_encrypted)
    return {k: v for k, v in initial.items() if v}


# ---------------------------------------------------------------- regions for the signing form
# Every e-mail signature validates its region; a query per POST cost more CPU than the rest of
# the form. Regions change by migration (a restart) or, rarely, in the admin: a save or delete
# drops this process's copy at once (signal receivers in apps.py) and the other processes'
# within REGION_ROWS_SECONDS.
REGION_ROWS_SECONDS = 60.0
_region_rows: tuple[float, list[str], dict[int, tuple[Any, ...]]] | None = None


def forget_regions(**_: Any) -> None:
    global _region_rows
    _region_rows = None


def region_by_pk(pk: int) -> Any:
    """The region with this primary key as if loaded by `Region.objects.get`, or None."""
    global _region_rows
    from tyndau.authorities.models import Region

    rows = _region_rows
    if rows is None or time.monotonic() - rows[0] > REGION_ROWS_SECONDS:
        names = [f.attname for f in Region._meta.concrete_fields]
        at = names.index(Region._meta.pk.attname)
        by_pk = {row[at]: row for row in Region.objects.values_list(*names)}
        rows = _region_rows = (time.monotonic(), names, by_pk)
    row = rows[2].get(pk)
    return None if row is None else Region.from_db(Region.objects.db, rows[1], row)


# --- Atom feeds ---------------------------------------------------------------------------------------

FEED_SIZE = 50
# Which moment each feed follows: listed (reached the listing threshold and became public), forwarded (reached
# the signature threshold and went to the addressee), responded (the addressee's answer was published).
FEED_MOMENTS = {"new": "listed_at", "forwarded": "forwarded_at", "responses": "responded_at"}


def petitions_feed(*, kind: str, limit: int = FEED_SIZE) -> list[Petition]:
    """The newest petitions that reached the moment `kind` names, only ones the public may see."""
    moment = FEED_MOMENTS[kind]
    qs = _base().filter(listed_at__isnull=False, status__in=PUBLIC_STATUSES).filter(**{f"{moment}__isnull": False})
    return list(qs.exclude(_hidden()).order_by(f"-{moment}", "-pk")[:limit])


# --- Sharing and embedding ---------------------------------------------------------------------------


def petition_badge(*, pk: int) -> dict[str, Any]:
    """What an embedded counter or badge shows: title, counted signatures, threshold, status. From the
    materialised count and cached for the counting interval, so a counter on a busy site costs no query."""
    key = f"petitions:badge:{pk}"
    data = cache.get(key)
    if data is None:
        row = (
            Petition.objects.filter(pk=pk, status__in=PUBLIC_STATUSES)
            .exclude(_hidden())
            .values("id", "title", "status", "signature_count", "threshold")
            .first()
        )
        if row is None:
            raise Http404
        data = row
        cache.set(key, data, rules.value("count_interval_seconds"))
    return data
