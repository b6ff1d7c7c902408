"""Counting: confirmed signatures materialised into the petition and its per-region rows on an
interval, and the transitions a count or the calendar triggers (listing, forwarding, closing)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from tyndau.core.calendar import local_today
from tyndau.petitions import rules
from tyndau.petitions.models import SIGNABLE_STATUSES, Petition, RegionCount, Signature, SignatureStatus, Status
from tyndau.petitions.services._common import lock
from tyndau.petitions.services.lifecycle import petition_close, petition_forward, petition_list


def petition_recount(*, petition: Petition | int) -> Petition:
    """Exact count of confirmed signatures into the petition and its per-region rows,
    then the transitions the count triggers (listing at 50, forwarding at the threshold)."""
    pk = petition if isinstance(petition, int) else petition.pk
    now = timezone.now()
    rows = (
        Signature.objects.filter(petition_id=pk, status=SignatureStatus.CONFIRMED)
        .values("region_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_region = {row["region_id"]: row["n"] for row in rows}
    total = sum(by_region.values())
    with transaction.atomic():
        locked = lock(pk)
        existing = {rc.region_id: rc for rc in RegionCount.objects.filter(petition_id=pk)}
        for region_id, n in by_region.items():
            rc = existing.pop(region_id, None)
            if rc is None:
                RegionCount.objects.create(petition_id=pk, region_id=region_id, count=n)
            elif rc.count != n:
                rc.count = n
                rc.save(update_fields=["count"])
        RegionCount.objects.filter(pk__in=[rc.pk for rc in existing.values()]).delete()
        locked.signature_count = total
        locked.counted_at = now
        locked.save(update_fields=["signature_count", "counted_at"])
    if locked.status in SIGNABLE_STATUSES and locked.listed_at is None and total >= rules.value("listing_threshold"):
        locked = petition_list(petition=locked)
    if locked.status == Status.OPEN and locked.threshold and total >= locked.threshold:
        locked = petition_forward(petition=locked)
    return locked


def recount_signatures(*, full: bool = False) -> int:
    """Recount petitions with signatures confirmed since their last count (all of them when `full`)."""
    petitions = Petition.objects.exclude(status__in=[Status.DRAFT, Status.MODERATION, Status.REJECTED])
    if not full:
        petitions = petitions.filter(status__in=SIGNABLE_STATUSES)
    done = 0
    for petition in petitions.only("id", "counted_at"):
        if not full and petition.counted_at is not None:
            changed = Signature.objects.filter(
                Q(confirmed_at__gte=petition.counted_at - dt.timedelta(seconds=30)), petition_id=petition.pk
            ).exists()
            if not changed:
                continue
        petition_recount(petition=petition.pk)
        done += 1
    return done


def close_expired_petitions() -> int:
    """Close OPEN petitions whose collection period ended below the threshold (idempotent)."""
    closed = 0
    for pk in Petition.objects.filter(status=Status.OPEN, closes_on__lt=local_today()).values_list("pk", flat=True):
        petition = petition_recount(petition=pk)  # a last exact count may still forward it
        if petition.status == Status.OPEN:
            petition_close(petition=petition)
            closed += 1
    return closed
