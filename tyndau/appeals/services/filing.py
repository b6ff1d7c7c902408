"""Filing an appeal (APPK arts. 62–64): never refused if well-formed, a receipt at once."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from tyndau.appeals import rules
from tyndau.appeals.attachments import digest, discard_files, sniff, store_file
from tyndau.appeals.errors import (
    AnonymousNotAllowed,
    AttachmentsNotSaved,
    EntityNotAnonymous,
    IdempotencyKeyTaken,
    InvalidTransition,
    NoCompetentBody,
    NotRepresentative,
    NumberExhausted,
)
from tyndau.appeals.follow import appeal_published
from tyndau.appeals.models import NEED_PRIORITY, Appeal, Attachment, CoSigner, Kind, Status
from tyndau.appeals.selectors import competent_body, prosecutor_for
from tyndau.appeals.services._common import (
    check_transition,
    lock_appeal,
    new_number,
    require_applicant,
    tell_applicant,
)
from tyndau.appeals.services.routing import routing_record
from tyndau.appeals.tasks import group_appeal_task
from tyndau.audit.services import record_event
from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.calendar import registration_date, working_days_after
from tyndau.core.identity import normalise, parse_bin
from tyndau.core.redaction import redact, street_level
from tyndau.core.representation import Entity, represented_entity
from tyndau.notifications.limits import require_within_mail_limits
from tyndau.notifications.services import notify

logger = logging.getLogger(__name__)


def priority_for(needs: Iterable[str]) -> int:
    return max((NEED_PRIORITY.get(n, 0) for n in needs), default=0)  # type: ignore[call-overload]


def clock_for(received_at: dt.datetime) -> dict[str, dt.date]:
    """Registration date (art. 64(3)) and the terms that run from it."""
    registered_on = registration_date(received_at)
    deadline = working_days_after(registered_on, rules.term("answer_wd"))  # APPK art. 76: 15 WD
    return {
        "registered_on": registered_on,
        "forward_due": working_days_after(registered_on, rules.term("forward_wd")),  # art. 64(4): 3 WD
        "original_deadline": deadline,
        "deadline": deadline,
    }


def store_attachments(appeal: Appeal, files: Sequence[Any], purpose: str = Attachment.Purpose.APPEAL) -> int:
    """Save each file and its row. A storage failure (disk full, I/O error) removes every file this
    call wrote, the partial one included, and raises AttachmentsNotSaved: the caller's transaction
    rolls the rows back and the form is shown again with what was typed."""
    written: list[str] = []
    try:
        for upload in files:
            mime = sniff(upload)
            attachment = Attachment(
                appeal=appeal,
                purpose=purpose,
                original_name=str(upload.name)[:200],
                content_type=mime,
                size=upload.size,
                sha256=digest(upload),
            )
            written.append(store_file(attachment, upload))
            attachment.save()
    except OSError:
        logger.exception("attachments of appeal %s not saved", appeal.pk)
        discard_files(written)
        raise AttachmentsNotSaved() from None
    return len(files)


def appeal_file(
    *,
    actor: Any,
    idempotency_key: uuid.UUID | str,
    kind: str,
    region: Region,
    category: Category,
    subject: str,
    text: str,
    body: PublicBody | None = None,
    contact_phone: str = "",
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    publish_consent: bool = False,
    needs: Sequence[str] = (),
    need_note: str = "",
    anonymous: bool = False,
    cosigner_emails: Sequence[str] = (),
    files: Sequence[Any] = (),
    language: str = "kk",
    source: str = "web",
    client: Any = None,
    received_at: dt.datetime | None = None,
    on_behalf: dict[str, Any] | None = None,
    entity_bin: str = "",
) -> Appeal:
    """Register an appeal and send the receipt. A repeated idempotency key returns the first appeal.

    `on_behalf` (tyndau.intermediaries): an accredited intermediary files for the present citizen, who is
    `actor` and the applicant; the intermediary's id, role and consent go into the audit event.

    `entity_bin` (issue 13): a registered association's representative files on its behalf; `actor` stays
    the applicant (the answer goes to them) and the entity's name and BIN are recorded with the appeal and
    its BIN in the audit event. Refused unless `actor` represents that entity now."""
    key = uuid.UUID(str(idempotency_key))
    existing = Appeal.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.applicant_id not in (None, getattr(actor, "pk", None)):
            raise IdempotencyKeyTaken()
        return existing
    signed_in = getattr(actor, "is_authenticated", False)
    # Mail this filing causes: the receipt, and invitations with the citizen's text to chosen addresses.
    require_within_mail_limits("appeal_filed", account=actor if signed_in else None)
    invitees = sorted({e.strip().lower() for e in cosigner_emails if e.strip()})
    if invitees:
        require_within_mail_limits(
            "appeal_cosigner_invite", account=actor if signed_in else None, recipients=invitees, amount=len(invitees)
        )
    entity = _entity_for(actor, entity_bin, anonymous=anonymous, language=language) if entity_bin else None
    if anonymous or not signed_in:
        # Only a report of a crime or a threat to security may be anonymous; it goes to the prosecutor.
        if kind != Kind.REPORT:
            raise AnonymousNotAllowed()
        body = prosecutor_for(region)
        anonymous = True
    if body is None:
        body = competent_body(category=category, region=region)
    if body is None:
        raise NoCompetentBody()
    # An earlier moment only for a paper appeal entered later or an import: the clock runs from receipt.
    received_at = min(received_at or timezone.now(), timezone.now())
    names = [getattr(actor, "first_name", ""), getattr(actor, "last_name", ""), getattr(actor, "patronymic", "")]
    fields: dict[str, Any] = {
        "idempotency_key": key,
        "kind": kind,
        "status": Status.REGISTERED,
        "applicant": None if anonymous else actor,
        "is_anonymous": anonymous,
        "entity_name": entity.name if entity else "",
        "entity_bin": entity.bin if entity else "",
        "is_collective": bool(cosigner_emails) and not anonymous,
        "language": language[:2],
        "region": region,
        "category": category,
        "body": body,
        "subject": subject.strip(),
        "text": text.strip(),
        "contact_phone": contact_phone,
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
        "publish_consent": publish_consent and not anonymous,
        "public_text": redact(_public_source(subject, text), names=names) if publish_consent and not anonymous else "",
        "public_address": street_level(address) if address else "",
        "needs": list(needs),
        "need_note": need_note,
        "priority": priority_for(needs),
        "received_at": received_at,
        "source": source,
        "open311_client": client,
        **clock_for(received_at),
    }
    try:
        with transaction.atomic():
            appeal = _create_with_number(fields)
            store_attachments(appeal, files)
            invites = _invite_cosigners(appeal, cosigner_emails if not anonymous else ())
            routing_record(appeal)
            record_event(
                actor=actor if signed_in and not anonymous else None,
                action="appeals.appeal.filed",
                obj=appeal,
                payload={
                    "number": appeal.number,
                    "kind": kind,
                    "body": body.pk,
                    "category": category.pk,
                    "registered_on": appeal.registered_on,
                    "deadline": appeal.deadline,
                    "anonymous": anonymous,
                    "attachments": len(files),
                    "cosigners": len(invites),
                    "priority": appeal.priority,
                    "source": source,
                    **({"on_behalf": on_behalf} if on_behalf else {}),
                    **({"entity_bin": entity.bin} if entity else {}),
                },
                actor_label="" if signed_in and not anonymous else ("anonymous" if anonymous else "system"),
            )
            tell_applicant(appeal, "registered")
            appeal_published(appeal)
            for cosigner in invites:
                notify(
                    to=cosigner.email,
                    template="appeals/email/cosign",
                    context={"appeal": appeal, "token": cosigner.token},
                    language=appeal.language,
                )
            # Systemic issues: grouped in the background once the appeal is committed.
            transaction.on_commit(partial(_enqueue_grouping, appeal.pk))
    except IntegrityError:
        # A concurrent double submit won the race on the idempotency key.
        existing = Appeal.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return existing
    return appeal


def _entity_for(actor: Any, entity_bin: str, *, anonymous: bool, language: str) -> Entity:
    """The legal entity `actor` files for: one they represent now, its BIN checksum-checked again; its name
    in the appeal's language (Kazakh, or Russian)."""
    if anonymous:
        raise EntityNotAnonymous()
    with translation.override(language[:2] or "kk"):
        entity = represented_entity(actor, normalise(entity_bin))
    if entity is None:
        raise NotRepresentative()
    try:
        number = parse_bin(entity.bin).number
    except ValidationError:
        raise NotRepresentative() from None
    return Entity(bin=number, name=entity.name[:300])


def _enqueue_grouping(appeal_id: int) -> None:
    try:
        group_appeal_task.enqueue(appeal_id)
    except Exception:  # the appeal is filed whatever happens to grouping; the failure is logged
        logger.exception("could not enqueue grouping of appeal #%s", appeal_id)


def _public_source(subject: str, text: str) -> str:
    """Subject and text for publication; a subject that is the text's own beginning (an Open311
    description, whose first line becomes the subject) is not printed twice."""
    subject, text = subject.strip(), text.strip()
    return text if text.startswith(subject) else f"{subject}\n\n{text}"


def _create_with_number(fields: dict[str, Any]) -> Appeal:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Appeal.objects.create(number=new_number(fields["registered_on"]), **fields)
        except IntegrityError:
            if Appeal.objects.filter(idempotency_key=fields["idempotency_key"]).exists():
                raise
    raise NumberExhausted()


def _invite_cosigners(appeal: Appeal, emails: Sequence[str]) -> list[CoSigner]:
    unique = sorted({e.strip().lower() for e in emails if e.strip()})
    return [CoSigner.objects.create(appeal=appeal, email=e, token=secrets.token_urlsafe(32)) for e in unique]


def cosigner_confirm(*, token: str) -> CoSigner:
    with transaction.atomic():
        cosigner = CoSigner.objects.select_for_update().select_related("appeal").get(token=token)
        if cosigner.confirmed_at is None:
            cosigner.confirmed_at = timezone.now()
            cosigner.save(update_fields=["confirmed_at"])
            record_event(
                actor=None,
                action="appeals.appeal.cosigned",
                obj=cosigner.appeal,
                payload={"cosigner": cosigner.pk},
                actor_label="cosigner",
            )
    return cosigner


def appeal_provide_info(*, actor: Any, appeal: Appeal | int, reply: str, files: Sequence[Any] = ()) -> Appeal:
    """The applicant answers a request for information; the case goes back to the official."""
    with transaction.atomic():
        locked = lock_appeal(appeal)
        require_applicant(actor, locked)
        check_transition(locked, Status.IN_PROGRESS)
        if locked.status != Status.INFO_REQUESTED:
            raise InvalidTransition()
        request = locked.info_requests.filter(replied_at__isnull=True).order_by("-asked_at").first()
        if request is not None:
            request.reply, request.replied_at = reply.strip(), timezone.now()
            request.save(update_fields=["reply", "replied_at"])
        store_attachments(locked, files, Attachment.Purpose.INFO)
        old = locked.status
        locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="appeals.appeal.info_provided",
            obj=locked,
            payload={"from": old, "to": locked.status, "attachments": len(files)},
        )
    return locked
