"""GeoReport v2 endpoints. Field names follow the spec exactly; our extra fields are prefixed `tyndau_`.

Only appeals whose applicants agreed to publication are listed, with redacted text and
street-level location. A request POSTed by a client application is filed for the person named by
`email` (a Tyndau account) — art. 63 does not allow anonymous appeals — and is published, the
client having obtained consent (its registration terms say so).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from tyndau.accounts.models import User
from tyndau.appeals import rules
from tyndau.appeals.models import OPEN_STATUSES, Appeal, ClientApplication, Kind, Open311Token
from tyndau.appeals.open311.formats import error, respond
from tyndau.appeals.services import appeal_file
from tyndau.authorities.models import Category
from tyndau.core.access import public
from tyndau.core.calendar import deadline_end
from tyndau.core.errors import DomainError

MAX_REQUESTS = 1000
ANSWER_SOURCE = rules.RULES["answer_wd"].source
DEFAULT_WINDOW = dt.timedelta(days=90)


def _fmt(fmt: str) -> str:
    return "xml" if fmt == "xml" else "json"


@public
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-01-01T00:00:00Z",
        "contact": "Tyndau operators, " + settings.DEFAULT_FROM_EMAIL,
        "key_service": "API keys are issued to registered client applications by the operators.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-01-01T00:00:00Z",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(_fmt(fmt), "discovery", data)


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": "appeals",
    }


@public
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [_service(c) for c in Category.objects.filter(is_active=True).order_by("slug")]
    return respond(_fmt(fmt), "services", rows)


@public
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    category = Category.objects.filter(slug=service_code, is_active=True).first()
    if category is None:
        return error(_fmt(fmt), 404, f"service_code {service_code} not found")
    data = {
        "service_code": category.slug,
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "Kind of appeal under APPK art. 62 (default: application).",
                "order": 1,
                "description": "Kind of appeal",
                "values": [{"key": value, "name": str(label)} for value, label in Kind.choices],
            }
        ],
    }
    return respond(_fmt(fmt), "service_definition", data)


def _w3c(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def serialize(appeal: Appeal) -> dict[str, Any]:
    is_open = appeal.status in OPEN_STATUSES
    notes = str(appeal.get_status_display())
    updated = max(filter(None, [appeal.received_at, appeal.answered_at, appeal.closed_at]))
    return {
        "service_request_id": appeal.number,
        "status": "open" if is_open else "closed",
        "status_notes": notes,
        "service_name": appeal.category.name,
        "service_code": appeal.category.slug,
        "description": appeal.public_text,
        "agency_responsible": appeal.body.name,
        "service_notice": f"Answer due within {rules.term('answer_wd')} working days ({ANSWER_SOURCE})",
        "requested_datetime": _w3c(appeal.received_at),
        "updated_datetime": _w3c(updated),
        "expected_datetime": _w3c(deadline_end(appeal.deadline)),
        "address": appeal.public_address,
        "address_id": None,
        "zipcode": None,
        # Street level at most: about a hundred metres.
        "lat": float(round(appeal.latitude, 3)) if appeal.latitude is not None else None,
        "long": float(round(appeal.longitude, 3)) if appeal.longitude is not None else None,
        "media_url": None,
        "tyndau_status": appeal.status,
        "tyndau_kind": appeal.kind,
    }


def _published() -> Any:
    return Appeal.objects.filter(publish_consent=True).select_related("category", "body")


@csrf_exempt
@public
def requests_collection(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        return error(fmt, 405, "method not allowed")
    params = request.GET
    qs = _published()
    if params.get("service_request_id"):
        ids = [i.strip() for i in params["service_request_id"].split(",") if i.strip()][:MAX_REQUESTS]
        rows = list(qs.filter(number__in=ids).order_by("-id"))
        return respond(fmt, "service_requests", [serialize(a) for a in rows])
    try:
        start = _parse_date(params.get("start_date"))
        end = _parse_date(params.get("end_date"))
    except ValueError as exc:
        return error(fmt, 400, str(exc))
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    if start and end and end - start > DEFAULT_WINDOW:
        return error(fmt, 400, "start_date and end_date may not span more than 90 days")
    if start:
        qs = qs.filter(received_at__gte=start)
    if end:
        qs = qs.filter(received_at__lte=end)
    if params.get("service_code"):
        qs = qs.filter(category__slug__in=[c.strip() for c in params["service_code"].split(",")])
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        return error(fmt, 400, "status must be open or closed")
    if statuses == {"open"}:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        qs = qs.exclude(status__in=OPEN_STATUSES)
    rows = list(qs.order_by("-id")[:MAX_REQUESTS])
    return respond(fmt, "service_requests", [serialize(a) for a in rows])


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value.replace(" ", "+"))
    if parsed is None:
        raise ValueError(f"invalid date {value!r}: use W3C format, e.g. 2010-01-01T00:00:00Z")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


@public
def request_single(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    appeal = _published().filter(number=service_request_id).first()
    if appeal is None:
        return error(_fmt(fmt), 404, f"service_request_id {service_request_id} not found")
    return respond(_fmt(fmt), "service_requests", [serialize(appeal)])


@public
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    row = Open311Token.objects.select_related("appeal").filter(token=token).first()
    if row is None:
        return error(_fmt(fmt), 404, f"token {token} not found")
    return respond(_fmt(fmt), "service_requests", [{"service_request_id": row.appeal.number, "token": row.token}])


def client_for(api_key: str) -> ClientApplication | None:
    if not api_key:
        return None
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    return ClientApplication.objects.filter(api_key_hash=digest, is_active=True).first()


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    client = client_for(data.get("api_key", ""))
    if client is None:
        return error(fmt, 403, "api_key is missing or not valid")
    category = Category.objects.filter(slug=data.get("service_code", ""), is_active=True).first()
    if category is None:
        return error(fmt, 400, "service_code is missing or not valid")
    lat, lon = _coordinate(data.get("lat")), _coordinate(data.get("long"))
    address = data.get("address_string", "").strip()
    if (lat is None or lon is None) and not address and not data.get("address_id"):
        return error(fmt, 400, "a location is required: lat and long, address_string or address_id")
    description = data.get("description", "").strip()
    if len(description) < 10:
        return error(fmt, 400, "description is required (at least 10 characters)")
    email = data.get("email", "").strip().lower()
    applicant = User.objects.filter(email=email, is_active=True).first() if email else client.on_behalf_of
    if applicant is None:
        return error(fmt, 400, "email must belong to a Tyndau account: anonymous appeals are not considered")
    kind = data.get("attribute[kind]", Kind.APPLICATION)
    if kind not in Kind.values:
        return error(fmt, 400, "attribute[kind] is not valid")
    from tyndau.appeals.selectors import competent_body

    region = _region_for(applicant, data.get("attribute[region]", ""))
    body = competent_body(category=category, region=region) if region else None
    if region is None or body is None:
        return error(fmt, 400, "no competent body is known for this service in the applicant's region")
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"open311:{client.pk}:{data.get('device_id', '')}:{description}:{email}")
    try:
        appeal = appeal_file(
            actor=applicant,
            idempotency_key=key,
            kind=kind,
            region=region,
            category=category,
            body=body,
            subject=description[:120],
            text=description,
            contact_phone=data.get("phone", "")[:30],
            address=address[:300],
            latitude=lat,
            longitude=lon,
            publish_consent=True,
            language=getattr(applicant, "preferred_language", "kk"),
            source="open311",
            client=client,
        )
    except DomainError as exc:
        return error(fmt, 400, str(exc))
    row, _ = Open311Token.objects.get_or_create(appeal=appeal, defaults={"token": secrets.token_hex(16)})
    notice = f"Registered; answer due by {appeal.deadline.isoformat()} ({rules.RULES['answer_wd'].source})"
    return respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": appeal.number,
                "token": row.token,
                "service_notice": notice,
                "account_id": None,
            }
        ],
        status=201,
    )


def _coordinate(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        return round(Decimal(value), 6)
    except InvalidOperation:
        return None


def _region_for(user: Any, iso_code: str) -> Any:
    """`attribute[region]` (ISO 3166-2, e.g. KZ-71) if given, else the region on the person's profile."""
    from tyndau.accounts.selectors import citizen_profile_of
    from tyndau.authorities.models import Region

    if iso_code:
        return Region.objects.filter(iso_code=iso_code.upper()).first()
    return getattr(citizen_profile_of(user), "region", None)
