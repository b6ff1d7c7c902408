"""Reads of the Open311 endpoints: the published register, tokens and client applications.

Only appeals whose applicants agreed to publication are ever read here (`published`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import QuerySet

from tyndau.accounts.models import User
from tyndau.appeals.models import OPEN_STATUSES, Appeal, ClientApplication, Open311Submission, Open311Token, Status
from tyndau.authorities.models import Category

# Open311 has two states: a complained appeal is still open (the higher body decides), so OPEN_STATUSES
# plus COMPLAINED.
OPEN311_OPEN = [*OPEN_STATUSES, Status.COMPLAINED]


def services_offered() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).order_by("slug")


def service(code: str) -> Category | None:
    return Category.objects.filter(slug=code, is_active=True).first()


def submission_by_token(token: str) -> Open311Submission | None:
    return Open311Submission.objects.select_related("appeal").filter(token=token).first()


def published() -> QuerySet[Appeal]:
    return Appeal.objects.filter(publish_consent=True).select_related("category", "body")


def published_request(number: str) -> Appeal | None:
    return published().filter(number=number).first()


def published_requests(
    *,
    numbers: list[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    service_codes: list[str] | None = None,
    is_open: bool | None = None,
    limit: int,
) -> list[Appeal]:
    """The newest published appeals: by number when `numbers` is given, else filtered by date received,
    service code and open/closed (None: both)."""
    qs = published()
    if numbers:
        return list(qs.filter(number__in=numbers).order_by("-id")[:limit])
    if start:
        qs = qs.filter(received_at__gte=start)
    if end:
        qs = qs.filter(received_at__lte=end)
    if service_codes:
        qs = qs.filter(category__slug__in=service_codes)
    if is_open is True:
        qs = qs.filter(status__in=OPEN311_OPEN)
    elif is_open is False:
        qs = qs.exclude(status__in=OPEN311_OPEN)
    return list(qs.order_by("-id")[:limit])


def token_row(token: str) -> Open311Token | None:
    return Open311Token.objects.select_related("appeal").filter(token=token).first()


def client_for(api_key: str) -> ClientApplication | None:
    if not api_key:
        return None
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    return ClientApplication.objects.filter(api_key_hash=digest, is_active=True).first()


def active_user(email: str) -> User | None:
    """The active account with this (lower-case) e-mail address, for a request filed on its behalf."""
    return User.objects.filter(email=email, is_active=True).first()
