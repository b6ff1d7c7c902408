"""Requests POSTed by Open311 client applications: filed only with the person's own say-so.

A client may file at once only for a person who authorised it (a `ClientGrant`, given when the
person confirmed an earlier request) or as its own account (`on_behalf_of`). Anything else is an
`Open311Submission`: nothing is filed or published until the person named by `email` signs in,
reads it and confirms it, choosing there whether it is published. The client gets the same
answer whether or not an account has that address (no account enumeration).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tyndau.accounts.models import User
from tyndau.appeals.errors import AppealError, PermissionDenied
from tyndau.appeals.models import Appeal, ClientApplication, ClientGrant, Open311Submission
from tyndau.appeals.services.filing import appeal_file
from tyndau.audit.services import record_event
from tyndau.authorities.models import Category, Region
from tyndau.notifications.services import notify


@dataclass(frozen=True)
class Request:
    """What a client POSTed, validated (tyndau.appeals.open311.views)."""

    client: ClientApplication
    email: str
    category: Category
    region: Region | None
    kind: str
    description: str
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    phone: str = ""
    device_id: str = ""


def _region_of(user: Any, region: Region | None) -> Region | None:
    from tyndau.accounts.selectors import citizen_profile_of

    return region or getattr(citizen_profile_of(user), "region", None)


def _file(request: Request, *, actor: Any, publish_consent: bool, key: uuid.UUID) -> Appeal:
    from tyndau.appeals.selectors import competent_body

    region = _region_of(actor, request.region)
    body = competent_body(category=request.category, region=region) if region else None
    if region is None or body is None:
        raise AppealError(code="no_body")
    subject = request.description.splitlines()[0][:120] if request.description else ""
    return appeal_file(
        actor=actor,
        idempotency_key=key,
        kind=request.kind,
        region=region,
        category=request.category,
        body=body,
        subject=subject,
        text=request.description,
        contact_phone=request.phone,
        address=request.address,
        latitude=request.latitude,
        longitude=request.longitude,
        publish_consent=publish_consent,
        language=getattr(actor, "preferred_language", "kk"),
        source="open311",
        client=request.client,
    )


def open311_submit(request: Request) -> Appeal | Open311Submission:
    """File at once for an authorising person or the client's own account, else hold the request
    for the person's confirmation and e-mail them the link. Idempotent per client, device,
    e-mail and description."""
    key = uuid.uuid5(
        uuid.NAMESPACE_URL,
        f"open311:{request.client.pk}:{request.device_id}:{request.description}:{request.email}",
    )
    if not request.email:
        if request.client.on_behalf_of is None:
            raise AppealError(code="no_applicant")
        # The client's own account: filed as itself, published only if it says so itself (never here).
        return _file(request, actor=request.client.on_behalf_of, publish_consent=False, key=key)
    person = User.objects.filter(email__iexact=request.email, is_active=True).first()
    grant = ClientGrant.objects.filter(client=request.client, user=person).first() if person else None
    if grant is not None:
        return _file(request, actor=person, publish_consent=grant.publish_consent, key=key)
    existing = Open311Submission.objects.filter(
        client=request.client, device_id=request.device_id, email=request.email, description=request.description
    ).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        submission = Open311Submission.objects.create(
            client=request.client,
            token=secrets.token_hex(16),
            confirm_key=secrets.token_urlsafe(32),
            email=request.email,
            category=request.category,
            region=request.region,
            kind=request.kind,
            description=request.description,
            address=request.address,
            latitude=request.latitude,
            longitude=request.longitude,
            phone=request.phone,
            device_id=request.device_id,
        )
        record_event(
            actor=None,
            action="appeals.open311.submitted",
            obj=submission,
            payload={"client": request.client.pk, "account_known": person is not None},
            actor_label="system",
        )
        notify(
            to=person or request.email,
            template="appeals/email/open311_confirm",
            context={"client_name": request.client.name, "key": submission.confirm_key, "has_account": bool(person)},
            language=getattr(person, "preferred_language", None),
        )
    return submission


def open311_confirm(*, actor: Any, confirm_key: str, publish_consent: bool, authorise: bool) -> Appeal:
    """The person files the held request as their own appeal, with the consent they choose here."""
    with transaction.atomic():
        submission = (
            Open311Submission.objects.select_for_update(of=("self",))
            .select_related("client", "category", "region")
            .filter(confirm_key=confirm_key)
            .first()
        )
        if submission is None or submission.email.lower() != (getattr(actor, "email", "") or "").lower():
            raise PermissionDenied()
        if submission.appeal_id is not None:
            return submission.appeal  # type: ignore[return-value]
        request = Request(
            client=submission.client,
            email=submission.email,
            category=submission.category,
            region=submission.region,
            kind=submission.kind,
            description=submission.description,
            address=submission.address,
            latitude=submission.latitude,
            longitude=submission.longitude,
            phone=submission.phone,
            device_id=submission.device_id,
        )
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"open311-submission:{submission.pk}")
        appeal = _file(request, actor=actor, publish_consent=publish_consent, key=key)
        submission.appeal, submission.confirmed_at = appeal, timezone.now()
        submission.save(update_fields=["appeal", "confirmed_at"])
        record_event(
            actor=actor,
            action="appeals.open311.confirmed",
            obj=appeal,
            payload={"client": submission.client_id, "published": publish_consent},
        )
        if authorise:
            grant, _ = ClientGrant.objects.update_or_create(
                client=submission.client, user=actor, defaults={"publish_consent": publish_consent}
            )
            record_event(
                actor=actor,
                action="appeals.client.authorised",
                obj=grant,
                payload={"client": submission.client_id, "published": publish_consent},
            )
    return appeal


def submission_for(*, actor: Any, confirm_key: str) -> Open311Submission:
    """The held request behind an e-mailed link, for the person it names only."""
    submission = (
        Open311Submission.objects.select_related("client", "category", "appeal").filter(confirm_key=confirm_key).first()
    )
    if submission is None or submission.email.lower() != (getattr(actor, "email", "") or "").lower():
        raise PermissionDenied()
    return submission
