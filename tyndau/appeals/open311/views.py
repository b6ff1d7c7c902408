"""GeoReport v2 endpoints. Field names follow the spec exactly; our extra fields are prefixed `tyndau_`.

Only appeals whose applicants agreed to publication are listed, with redacted text and
street-level location. A client application's POST is filed at once only for a person who
authorised that client, or for the client's own account; otherwise it waits for the person
named by `email` to confirm it (and to choose publication) — see services/open311.py and
docs/open311.md. Every answer under /open311/, errors included, is in the requested format.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tyndau.appeals import rules
from tyndau.appeals.models import (
    Appeal,
    Kind,
    Open311Submission,
)
from tyndau.appeals.open311 import selectors
from tyndau.appeals.open311.formats import error, respond
from tyndau.appeals.services.open311 import Request, open311_submit
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.models import Category
from tyndau.core.access import public
from tyndau.core.bounds import TEXT_OPEN311_DESCRIPTION, check_date, clean_text, coordinate
from tyndau.core.calendar import deadline_end
from tyndau.core.errors import DomainError
from tyndau.core.maps import public_point

logger = logging.getLogger(__name__)

MAX_REQUESTS = 1000
ANSWER_SOURCE = rules.RULES["answer_wd"].source
DEFAULT_WINDOW = dt.timedelta(days=90)
# An appeal is open for Open311 while a body still has to act on it: a pending complaint included.
OPEN311_OPEN = selectors.OPEN311_OPEN
# Lengths of the other POST fields (the description's is the spec's 4,000 characters).
FIELD_LIMITS = {"address_string": 300, "email": 254, "phone": 30, "device_id": 100, "address_id": 100}
LANGUAGES = ("kk", "ru", "en")


def _fmt(fmt: str) -> str:
    return "xml" if fmt == "xml" else "json"


def open311_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answers in the requested language (`locale` parameter, else Accept-Language), and an
    unexpected failure as a spec error in the requested format, never an HTML page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
        locale = (request.GET.get("locale") or request.POST.get("locale") or "")[:2].lower()
        language = locale if locale in LANGUAGES else (translation.get_language() or "kk")[:2]
        try:
            with translation.override(language):
                return view(request, *args, fmt=fmt, **kwargs)
        except Exception:
            logger.exception("open311: unexpected failure")
            return error(_fmt(fmt), 500, "internal error; the operators have been told")

    return wrapper


@public
@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything under /open311/v2/ that is no GeoReport resource: a spec error, not an HTML page."""
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return error(fmt, 404, "no such GeoReport v2 resource: see discovery.json")


@public
@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    # Without a trailing slash: clients append "/services.xml" themselves.
    base = request.build_absolute_uri("/open311/v2")
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
        # The spec's keywords are a comma-separated list.
        "keywords": ", ".join(category.keywords.replace(",", " ").split()),
        "group": "appeals",
    }


@public
@open311_view
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [_service(c) for c in selectors.services_offered()]
    return respond(_fmt(fmt), "services", rows)


@public
@open311_view
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    category = selectors.service(service_code)
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


def _service_notice() -> str:
    return _("Answer due within %(days)s working days (%(source)s).") % {
        "days": rules.term("answer_wd"),
        "source": ANSWER_SOURCE,
    }


def serialize(appeal: Appeal, *, extensions: bool = False) -> dict[str, Any]:
    is_open = appeal.status in OPEN311_OPEN
    notes = str(appeal.get_status_display())
    updated = max(filter(None, [appeal.received_at, appeal.answered_at, appeal.closed_at]))
    point = public_point(appeal.latitude, appeal.longitude)
    row: dict[str, Any] = {
        "service_request_id": appeal.number,
        "status": "open" if is_open else "closed",
        "status_notes": notes,
        "service_name": appeal.category.name,
        "service_code": appeal.category.slug,
        "description": appeal.public_text,
        "agency_responsible": appeal.body.name,
        "service_notice": _service_notice(),
        "requested_datetime": _w3c(appeal.received_at),
        "updated_datetime": _w3c(updated),
        "expected_datetime": _w3c(deadline_end(appeal.deadline)),
        "address": appeal.public_address,
        "address_id": None,
        "zipcode": None,
        # Street level at most: about a hundred metres (the public precision, tyndau.core.maps).
        "lat": float(point.latitude) if point else None,
        "long": float(point.longitude) if point else None,
        "media_url": None,
        "tyndau_status": appeal.status,
        "tyndau_kind": appeal.kind,
    }
    if extensions:
        # GeoReport v2 extensions (`extensions=true`): our richer state under extended_attributes.
        row["extended_attributes"] = {
            "status": appeal.status,
            "status_label": notes,
            "kind": appeal.kind,
            "kind_label": str(appeal.get_kind_display()),
            "registered_on": appeal.registered_on.isoformat(),
            "deadline": appeal.deadline.isoformat(),
        }
    return row


def _extensions(request: HttpRequest) -> bool:
    return request.GET.get("extensions", "").lower() in ("true", "1")


@csrf_exempt
@public
@open311_view
def requests_collection(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        return error(fmt, 405, "method not allowed")
    params = request.GET
    if params.get("service_request_id"):
        ids = [i.strip() for i in params["service_request_id"].split(",") if i.strip()][:MAX_REQUESTS]
        rows = selectors.published_requests(numbers=ids, limit=MAX_REQUESTS)
        return respond(fmt, "service_requests", [serialize(a, extensions=_extensions(request)) for a in rows])
    try:
        start = _parse_date(params.get("start_date"))
        end = _parse_date(params.get("end_date"))
    except ValueError as exc:
        return error(fmt, 400, str(exc))
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    if start and end and end - start > DEFAULT_WINDOW:
        return error(fmt, 400, "start_date and end_date may not span more than 90 days")
    codes = [c.strip() for c in params["service_code"].split(",")] if params.get("service_code") else None
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        return error(fmt, 400, "status must be open or closed")
    is_open = statuses == {"open"} if len(statuses) == 1 else None  # both, or neither: all
    rows = selectors.published_requests(start=start, end=end, service_codes=codes, is_open=is_open, limit=MAX_REQUESTS)
    return respond(fmt, "service_requests", [serialize(a, extensions=_extensions(request)) for a in rows])


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    message = f"invalid date {value[:40]!r}: use W3C format, e.g. 2010-01-01T00:00:00Z"
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
        check_date(parsed)
    except (ValueError, ValidationError):
        raise ValueError(message + ", between 2000 and 2099") from None
    if parsed is None:
        raise ValueError(message)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


@public
@open311_view
def request_single(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    appeal = selectors.published_request(service_request_id)
    if appeal is None:
        return error(_fmt(fmt), 404, f"service_request_id {service_request_id} not found")
    return respond(_fmt(fmt), "service_requests", [serialize(appeal, extensions=_extensions(request))])


@public
@open311_view
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """The service_request_id once the person has confirmed the request (null until then)."""
    submission = selectors.submission_by_token(token)
    if submission is not None:
        number = submission.appeal.number if submission.appeal else None
        return respond(_fmt(fmt), "service_requests", [{"service_request_id": number, "token": submission.token}])
    row = selectors.token_row(token)
    if row is None:
        return error(_fmt(fmt), 404, f"token {token} not found")
    return respond(_fmt(fmt), "service_requests", [{"service_request_id": row.appeal.number, "token": row.token}])


def _text(data: Any, name: str, limit: int) -> str:
    value = clean_text(data.get(name, "")).strip()
    if len(value) > limit:
        raise ValueError(f"{name} may have at most {limit} characters")
    return value


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    client = selectors.client_for(data.get("api_key", ""))
    if client is None:
        return error(fmt, 403, "api_key is missing or not valid")
    code = data.get("service_code", "")
    if not code:
        return error(fmt, 400, "service_code is required")
    category = selectors.service(code[:100])
    if category is None:
        return error(fmt, 404, f"service_code {code[:100]} not found")
    try:
        lat, lon = _location(data)
        fields = {name: _text(data, name, limit) for name, limit in FIELD_LIMITS.items()}
        description = _text(data, "description", TEXT_OPEN311_DESCRIPTION)
    except ValueError as exc:
        return error(fmt, 400, str(exc))
    if (lat is None or lon is None) and not fields["address_string"] and not fields["address_id"]:
        return error(fmt, 400, "a location is required: lat and long, address_string or address_id")
    if len(description) < 10:
        return error(fmt, 400, "description is required (at least 10 characters)")
    kind = data.get("attribute[kind]", Kind.APPLICATION)
    if kind not in Kind.values:
        return error(fmt, 400, "attribute[kind] is not valid")
    iso_code = data.get("attribute[region]", "")[:10]
    region = authority_selectors.region_by_iso(iso_code=iso_code.upper()) if iso_code else None
    if iso_code and region is None:
        return error(fmt, 400, "attribute[region] is not a known ISO 3166-2 code")
    try:
        result = open311_submit(
            Request(
                client=client,
                email=fields["email"].lower(),
                category=category,
                region=region,
                kind=kind,
                description=description,
                address=fields["address_string"],
                latitude=lat,
                longitude=lon,
                phone=fields["phone"],
                device_id=fields["device_id"],
            )
        )
    except DomainError as exc:
        return error(fmt, 400, str(exc))
    if isinstance(result, Open311Submission):
        # Not yet a request: the token tells the client its service_request_id once the person confirms.
        notice = _("Waiting for the person's confirmation: we have e-mailed them a link.")
        row: dict[str, Any] = {"token": result.token, "service_notice": notice, "account_id": None}
    else:
        notice = _("Registered; the answer is due by %(date)s (%(source)s).") % {
            "date": result.deadline.isoformat(),
            "source": ANSWER_SOURCE,
        }
        row = {"service_request_id": result.number, "service_notice": notice, "account_id": None}
    return respond(fmt, "service_requests", [row], status=201)


def _location(data: Any) -> tuple[Decimal | None, Decimal | None]:
    """lat and long inside Kazakhstan (both or neither); ValueError with the reason otherwise."""
    lat, lon = data.get("lat", "").strip(), data.get("long", "").strip()
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise ValueError("lat and long must be sent together")  # the spec's words
    try:
        return coordinate(lat, "latitude"), coordinate(lon, "longitude")
    except ValidationError as exc:
        raise ValueError("lat/long: " + " ".join(str(m) for m in exc.messages)) from None
