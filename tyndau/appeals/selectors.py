"""Reads of appeals: routing, the official's queue, the citizen's list, the public register.
(A body's figures are the transparency app's: `tyndau.transparency.selectors.body_figures`.)

Every list is an index scan with a LIMIT (keyset pagination, no COUNT over the table), so pages do
not grow with the data (see bench/appeals_scale.py and docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tyndau.accounts.selectors import acting_bodies_list, acts_for_body, bodies_acted_for
from tyndau.appeals.models import (
    OPEN_STATUSES,
    Answer,
    AnswerTemplate,
    Appeal,
    Attachment,
    Complaint,
    ComplaintStatus,
    CoSigner,
    Extension,
    Forwarding,
    InfoRequest,
    Status,
)
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.calendar import local_today
from tyndau.core.compiled import ID_MARKERS, CompiledLookup
from tyndau.core.maps import Point, box_around, distance_km, public_point
from tyndau.core.representation import Entity, represented_entities

PAGE_SIZE = 25


def competent_body(*, category: Category, region: Region | None) -> PublicBody | None:
    """The body competent for `category` in `region` (the competence table of authorities)."""
    return authority_selectors.competent_body(category=category, region=region)


def prosecutor_for(region: Region | None) -> PublicBody | None:
    """The prosecutor's office that receives anonymous crime and security reports: the region's,
    else the nationwide one."""
    found = authority_selectors.prosecutor_for(region=region) if region is not None else None
    if found is not None:
        return found
    qs = PublicBody.objects.filter(kind=PublicBody.Kind.PROSECUTOR, is_active=True)
    return qs.filter(level=PublicBody.Level.NATIONAL).first() or qs.order_by("pk").first()


def bodies_of(user: Any) -> QuerySet[PublicBody]:
    return bodies_acted_for(user)


def queue_bodies(user: Any, body_id: int) -> tuple[PublicBody, list[PublicBody]]:
    """The body whose queue is asked for and every body `user` works for, in one query; 404 if the
    body is not among them (another body's queue does not exist for them)."""
    bodies = list(acting_bodies_list(user))
    body = next((b for b in bodies if b.pk == body_id), None)
    if body is None:
        raise Http404
    return body, bodies


def body_for_official(user: Any, body_id: int) -> PublicBody:
    """The body, if `user` acts for it; 404 otherwise (another body's queue does not exist for them)."""
    if not acts_for_body(user, body_id):
        raise Http404
    return PublicBody.objects.get(pk=body_id)


def is_supervisor(user: Any, body_id: int) -> bool:
    return acts_for_body(user, body_id, supervisor=True)


def appeal_for_viewer(user: Any, number: str) -> Appeal:
    """The appeal if `user` is its applicant or acts for the body handling it (or for the higher
    body deciding its complaint); 404 otherwise."""
    found = _appeal_by_number(number)
    appeal = found[0] if found else None
    if appeal is None or not can_view(user, appeal):
        raise Http404
    return appeal


# The answer and the complaint (one each at most) come with the appeal: the page shows them. The number
# is unique: no ORDER BY (which `.first()` would add). Its seven joins are compiled once per process.
_appeal_by_number = CompiledLookup(
    Appeal,
    lambda number: Appeal.objects.select_related(
        "body", "region", "category", "applicant", "assignee", "answer", "complaint"
    ).filter(number=number)[:1],
)


# The appeal page's related lists. Most appeals have none of them (no attachment, forwarding, extension or
# question): one raw statement says which have rows, and only those are read — instead of five ORM queries
# whose compilation costs more than their SQL (issue 10.28, docs/performance.md).
_RELATED_LISTS = {
    "attachments": Attachment,
    "cosigners": CoSigner,
    "forwardings": Forwarding,
    "extensions": Extension,
    "info_requests": InfoRequest,
}


@functools.cache
def _related_present_sql() -> str:
    """One statement, built once from the models' tables: does each related list have a row?"""
    quote = connection.ops.quote_name
    parts = [
        f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} WHERE {quote('appeal_id')} = %s)"  # noqa: S608 - names only
        for model in _RELATED_LISTS.values()
    ]
    return "SELECT " + ", ".join(parts)


def appeal_lists(appeal: Appeal, *, cosigners: bool) -> dict[str, list[Any]]:
    """The appeal page's related lists (`cosigners` only for the applicant), each read only if it has rows."""
    with connection.cursor() as cursor:
        cursor.execute(_related_present_sql(), [appeal.pk] * len(_RELATED_LISTS))
        present = dict(zip(_RELATED_LISTS, (bool(v) for v in cursor.fetchone()), strict=True))
    readers = {
        "attachments": lambda: appeal.attachments.all(),
        "cosigners": lambda: appeal.cosigners.all(),
        "forwardings": lambda: appeal.forwardings.select_related("from_body", "to_body"),
        "extensions": lambda: appeal.extensions.all(),
        "info_requests": lambda: appeal.info_requests.all(),
    }
    lists: dict[str, list[Any]] = {}
    for name, read in readers.items():
        wanted = present[name] and (cosigners or name != "cosigners")
        lists[name] = list(read()) if wanted else []
    return lists


def complaint_of(appeal: Appeal) -> Complaint | None:
    """The appeal's complaint, without a query when `appeal` came from `appeal_for_viewer`."""
    return getattr(appeal, "complaint", None)


def can_view(user: Any, appeal: Appeal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if appeal.applicant_id == user.pk:
        return True
    body_ids = {appeal.body_id}
    complaint = complaint_of(appeal)
    if complaint is not None:
        body_ids.add(complaint.higher_body_id)
    return acts_for_body(user, body_ids)


def is_handling_official(user: Any, appeal: Appeal) -> bool:
    return acts_for_body(user, appeal.body_id)


def decides_complaint(user: Any, appeal: Appeal) -> bool:
    """True for an official of the higher body deciding a complaint about `appeal`."""
    complaint = complaint_of(appeal)
    return complaint is not None and acts_for_body(user, complaint.higher_body_id)


def anonymous_appeal(number: str) -> Appeal | None:
    """An anonymous report by its number (its receipt is shown once, from the session)."""
    return Appeal.objects.filter(number=number, is_anonymous=True).select_related("body").first() if number else None


def cosigner_by_token(token: str) -> CoSigner:
    """The invitation to co-sign behind a link's token; 404 for an unknown one."""
    cosigner = CoSigner.objects.select_related("appeal", "appeal__body").filter(token=token).first()
    if cosigner is None:
        raise Http404
    return cosigner


def attachment_of(appeal: Appeal, pk: int) -> Attachment:
    """An attachment of an appeal the viewer may see (checked by the caller); 404 otherwise."""
    item = Attachment.objects.filter(appeal=appeal, pk=pk).first()
    if item is None:
        raise Http404
    return item


def answer_templates(appeal: Appeal) -> list[AnswerTemplate]:
    return list(AnswerTemplate.objects.filter(category=appeal.category_id).order_by("title"))


def complaint_for_official(user: Any, pk: int, *, higher: bool) -> Complaint:
    """A complaint for an official of the body deciding it (`higher`: the higher body that takes it over
    when the body passes it on); 404 for anyone else, as for an unknown one."""
    complaint = Complaint.objects.select_related("appeal").filter(pk=pk).first()
    if complaint is None:
        raise Http404
    body_for_official(user, complaint.higher_body_id if higher else complaint.deciding_body_id)
    return complaint


def appeals_of(user: Any, *, before: int | None = None, limit: int = PAGE_SIZE) -> list[Appeal]:
    qs = Appeal.objects.filter(applicant=user).select_related("body", "category").order_by("-id")
    if before:
        qs = qs.filter(id__lt=before)
    return list(qs[:limit])


def appeals_by_numbers(numbers: Iterable[str]) -> dict[str, Appeal]:
    """Appeals by number with their answer, for a caller that already decided who may see what
    (tyndau.intermediaries: an intermediary's cases, answers only if the citizen allows)."""
    qs = Appeal.objects.filter(number__in=list(numbers)).select_related("body", "answer")
    return {a.number: a for a in qs}


@dataclass
class QueueFilters:
    status: str = ""
    category: int | None = None
    assignee: str = ""  # "" any, "me", "none"
    q: str = ""
    overdue: bool = False


def queue(
    *, body: PublicBody, user: Any, filters: QueueFilters | None = None, offset: int = 0, limit: int = PAGE_SIZE
) -> list[Appeal]:
    """The work queue of `body`: deadline first (overdue first), then need; never popularity."""
    f = filters or QueueFilters()
    if f == QueueFilters() and offset == 0 and limit == PAGE_SIZE:  # the queue as it opens: compiled once
        return _first_queue_page(body.pk)
    qs = Appeal.objects.filter(body=body, is_open=True)
    if f.status in OPEN_STATUSES:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(category_id=f.category)
    if f.assignee == "me":
        qs = qs.filter(assignee=user)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    if f.overdue:
        qs = qs.filter(deadline__lt=local_today())
    if f.q:
        term = f.q.strip()
        qs = qs.filter(Q(number__iexact=term) | Q(subject__icontains=term))
    return list(_queue_rows(qs)[offset : offset + limit])


def _queue_rows(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    return qs.select_related("category", "assignee").only(*QUEUE_FIELDS).order_by("deadline", "-priority", "id")


# What a queue row shows (appeals/official/queue.html): 25 rows of the full Appeal and User cost more
# to build than the query costs to run.
QUEUE_FIELDS = (
    "id",
    "number",
    "status",
    "subject",
    "deadline",
    "priority",
    "body_id",
    "issue_id",
    "category__id",
    "category__name_kk",
    "category__name_ru",
    "category__name_en",
    "assignee__id",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__patronymic",
)


# The queue's counters are read on every queue page: kept per body and day for a few seconds, and
# forgotten whenever an appeal of the body is saved (the workflow services save through the ORM; see
# `forget_queue_counters`, wired in apps.py) and again when that transaction commits.
QUEUE_COUNTERS_SECONDS = 30


def _counters_key(body_id: int, day: dt.date) -> str:
    return f"appeals:queue-counters:{body_id}:{day.isoformat()}"


def queue_counters(*, body: PublicBody) -> dict[str, int]:
    day = local_today()
    key = _counters_key(body.pk, day)
    found: dict[str, int] | None = cache.get(key)
    if found is None:
        qs = Appeal.objects.filter(body=body, is_open=True)
        found = qs.aggregate(
            open=Count("id"),
            overdue=Count("id", filter=Q(deadline__lt=day)),
            due_today=Count("id", filter=Q(deadline=day)),
        )
        cache.set(key, found, QUEUE_COUNTERS_SECONDS)
    return found


def forget_queue_counters(*body_ids: int | None) -> None:
    """Drop the cached counters of these bodies (now, and again once the writing transaction commits,
    since a page rendered meanwhile may have cached the old figures)."""
    keys = [_counters_key(pk, local_today()) for pk in body_ids if pk is not None]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def complaints_for(*, body: PublicBody) -> dict[str, list[Complaint]]:
    return {"to_pass": _complaints_to_pass(body.pk), "to_decide": _complaints_to_decide(body.pk)}


def _complaints() -> QuerySet[Complaint]:
    # What the queue shows of a complaint: the appeal's number and the due date.
    return Complaint.objects.select_related("appeal").only(
        "id", "status", "pass_due", "decision_due", "deciding_body_id", "higher_body_id", "appeal__id", "appeal__number"
    )


# The queue page's statements run on every view of it: compiled once per process (tyndau.core.compiled).
_first_queue_page = CompiledLookup(
    Appeal,
    lambda body_id: _queue_rows(Appeal.objects.filter(body_id=body_id, is_open=True))[:PAGE_SIZE],
    markers=ID_MARKERS[:1],
)
_complaints_to_pass = CompiledLookup(
    Complaint,
    lambda body_id: (
        _complaints().filter(deciding_body_id=body_id, status=ComplaintStatus.FILED).order_by("pass_due")[:50]
    ),
    markers=ID_MARKERS[:1],
)
_complaints_to_decide = CompiledLookup(
    Complaint,
    lambda body_id: (
        _complaints().filter(higher_body_id=body_id, status=ComplaintStatus.PASSED).order_by("decision_due")[:50]
    ),
    markers=ID_MARKERS[:1],
)


@dataclass
class RegisterFilters:
    q: str = ""
    region: int | None = None
    body: int | None = None
    category: int | None = None
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def public_register(
    *, filters: RegisterFilters | None = None, before: int | None = None, limit: int = PAGE_SIZE
) -> list[Appeal]:
    """Consented appeals, newest first. Only redacted columns are read (`.only`)."""
    f = filters or RegisterFilters()
    # The register as it opens, or searched for a word and nothing else: compiled once per process.
    plain = limit == PAGE_SIZE and not before and f in (RegisterFilters(), RegisterFilters(q=f.q))
    if plain and not f.q:
        return _register_newest()
    if plain and connection.vendor != "postgresql":
        return _register_search(connection.ops.prep_for_like_query(f.q.strip()))  # escaped as `icontains` does
    qs = Appeal.objects.filter(publish_consent=True)
    for field in ("region", "body", "category"):
        value = getattr(f, field)
        if value:
            qs = qs.filter(**{f"{field}_id": value})
    if f.status in Status.values:
        qs = qs.filter(status=f.status)
    if f.date_from:
        qs = qs.filter(registered_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(registered_on__lte=f.date_to)
    if f.q:
        qs = qs.filter(public_text__icontains=f.q.strip())
    if before:
        qs = qs.filter(id__lt=before)
    qs = qs.select_related("body", "region", "category").only(*PUBLIC_FIELDS).order_by("-id")
    if f.q and connection.vendor == "postgresql":
        # A text search here is a short walk down the newest-first index until `limit` rows match.
        # On a big table PostgreSQL plans it as a parallel scan whose worker start-up costs more than
        # the walk (bench/appeals_scale.py: 12 ms serial vs 30-150 ms parallel at 1M rows).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            if plain:
                return _register_search(connection.ops.prep_for_like_query(f.q.strip()))
            return list(qs[:limit])
    return list(qs[:limit])


def _register_rows(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    return qs.select_related("body", "region", "category").only(*PUBLIC_FIELDS).order_by("-id")[:PAGE_SIZE]


# The register as it opens and searched for a word (no other filter): compiled once per process.
_register_newest = CompiledLookup(
    Appeal, lambda: _register_rows(Appeal.objects.filter(publish_consent=True)), markers=()
)
_register_search = CompiledLookup(
    Appeal,
    lambda term: _register_rows(Appeal.objects.filter(publish_consent=True, public_text__icontains=term)),
)


PUBLIC_FIELDS = (
    "id",
    "number",
    "kind",
    "status",
    "public_text",
    "public_address",
    "entity_name",
    "entity_bin",
    "registered_on",
    "deadline",
    "answered_at",
    "deemed_refused_on",
    "body__id",
    "body__name_kk",
    "body__name_ru",
    "body__name_en",
    "body__slug",
    "region__id",
    "region__name_kk",
    "region__name_ru",
    "region__name_en",
    "category__id",
    "category__name_kk",
    "category__name_ru",
    "category__name_en",
    "category__slug",
    "publish_consent",
)


def public_appeal(number: str) -> Appeal:
    appeal = (
        Appeal.objects.filter(number=number, publish_consent=True)
        .select_related("body", "region", "category")
        .only(*PUBLIC_FIELDS)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def public_answer(appeal: Appeal) -> Answer | None:
    return Answer.objects.filter(appeal=appeal).only("outcome", "public_text", "created_at").first()


def public_point_of(appeal: Appeal) -> Point | None:
    """A published appeal's point as the public may see it (tyndau.core.maps.PUBLIC_POINT_DECIMALS)."""
    row = Appeal.objects.filter(pk=appeal.pk, publish_consent=True).values_list("latitude", "longitude").first()
    return public_point(*row) if row else None


# The "nearby" view lists at most this many appeals, nearest first.
NEARBY_LIMIT = 100
# Appeals read from the box around the circle before the exact distance is computed.
NEARBY_SCAN = 2_000


@dataclass(frozen=True)
class Nearby:
    appeal: Appeal
    point: Point
    distance_km: float


def published_near(*, latitude: float, longitude: float, radius_km: float, limit: int = NEARBY_LIMIT) -> list[Nearby]:
    """Published appeals within `radius_km` of the point, nearest first (public precision only).

    A box around the circle filters in the database (index appeal_public_point_idx); the exact
    great-circle distance is then computed for at most NEARBY_SCAN newest appeals in the box.
    """
    lat_min, lat_max, lon_min, lon_max = box_around(latitude, longitude, radius_km)
    rows = (
        Appeal.objects.filter(
            publish_consent=True,
            latitude__gte=lat_min,
            latitude__lte=lat_max,
            longitude__gte=lon_min,
            longitude__lte=lon_max,
        )
        .select_related("body", "region", "category")
        .only(*PUBLIC_FIELDS, "latitude", "longitude")
        .order_by("-id")[:NEARBY_SCAN]
    )
    found = []
    for appeal in rows:
        point = public_point(appeal.latitude, appeal.longitude)
        if point is None:
            continue
        away = distance_km(latitude, longitude, float(point.latitude), float(point.longitude))
        # Only the public precision leaves this function, also on the model instance.
        appeal.latitude, appeal.longitude = point.latitude, point.longitude
        if away <= radius_km:
            found.append(Nearby(appeal=appeal, point=point, distance_km=round(away, 2)))
    found.sort(key=lambda near: (near.distance_km, -near.appeal.pk))
    return found[:limit]


def entities_of(user: Any) -> list[Entity]:
    """The legal entities `user` may file an appeal for (issue 13): registered associations they represent,
    answered by the associations app through core (the two apps share a layer and never import each other)."""
    return represented_entities(user)


def published_count_for_entity(bin: str) -> int:
    """Published appeals filed on behalf of the legal entity with this BIN (its organisation page)."""
    return Appeal.objects.filter(publish_consent=True, entity_bin=bin).count()
