"""Reads of e-petitions. Public selectors return only what may be public."""

from __future__ import annotations

import datetime as dt
import ipaddress
import time
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tyndau.core.calendar import local
from tyndau.petitions import rules
from tyndau.petitions.models import Petition, RegionCount, Signature, SignatureStatus, Status

PUBLIC_LISTS: dict[str, tuple[str, ...]] = {
    "open": (Status.OPEN,),
    "awaiting": (Status.FORWARDED,),
    "responded": (Status.RESPONDED,),
    "closed": (Status.CLOSED,),
    "rejected": (Status.REJECTED,),
}
# Reachable by direct link once approved; the rejected ones show their ground.
PUBLIC_STATUSES = (Status.OPEN, Status.FORWARDED, Status.RESPONDED, Status.CLOSED, Status.REJECTED)


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
    return bool(petition.creator_id == user.pk or user.has_any_role("moderator"))


def petition_for_creator(*, pk: int, user: Any) -> Petition:
    petition = _base().filter(pk=pk, creator=user).first()
    if petition is None:
        raise Http404
    return petition


def petitions_of_creator(*, user: Any) -> QuerySet[Petition]:
    return _base().filter(creator=user).order_by("-created_at")


def moderation_queue() -> QuerySet[Petition]:
    return _base().filter(status=Status.MODERATION).order_by("moderation_due", "submitted_at")


def body_petitions(*, body_id: int) -> QuerySet[Petition]:
    return (
        _base().filter(addressee_id=body_id, status__in=(Status.FORWARDED, Status.RESPONDED)).order_by("response_due")
    )


def overdue_count(*, body_id: int | None = None) -> int:
    """Forwarded petitions whose 40-WD response deadline has passed (silence is counted)."""
    qs = Petition.objects.filter(status=Status.FORWARDED, response_due__lt=local(timezone.now()).date())
    if body_id is not None:
        qs = qs.filter(addressee_id=body_id)
    return qs.count()


def region_counts(*, petition: Petition) -> list[dict[str, Any]]:
    rows = RegionCount.objects.filter(petition=petition, count__gt=0).select_related("region").order_by("-count")
    total = petition.signature_count or 1
    top = max((r.count for r in rows), default=1)
    return [
        {
            "region": r.region,
            "iso_code": r.region.iso_code if r.region else "",
            "count": r.count,
            "share": round(r.count * 100 / total, 1),
            "bar": max(1, round(r.count * 100 / top)),
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
