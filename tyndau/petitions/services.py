"""Writes and transitions of e-petitions (one function per transition, `petition_<verb>`).

Signing is the hot path: a signature is one INSERT (plus, for the e-mail path, one
UPDATE of that same row on confirmation). The petition row is written only by
transitions and by the periodic `petition_recount`.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tyndau.audit.services import record_event
from tyndau.core.calendar import local, registration_date, working_days_after
from tyndau.core.errors import InvalidTransition, PermissionDenied
from tyndau.core.pii import encrypt, iin_hash, keyed_hash
from tyndau.notifications.services import notify
from tyndau.petitions import rules
from tyndau.petitions.errors import (
    AlreadySigned,
    ExpiredLink,
    InvalidLink,
    PetitionError,
    SigningClosed,
)
from tyndau.petitions.fraud import check_rate_limits, email_domain, normalise_email
from tyndau.petitions.models import (
    ALLOWED_TRANSITIONS,
    Outcome,
    Petition,
    RegionCount,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
    Status,
)

CONFIRM_SALT = "tyndau.petitions.signature-confirm"
SIGNABLE = (Status.OPEN, Status.FORWARDED)


# ---------------------------------------------------------------- helpers
def _has_role(actor: Any, *roles: str) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.has_any_role(*roles))


def _lock(petition: Petition | int) -> Petition:
    pk = petition if isinstance(petition, int) else petition.pk
    return Petition.objects.select_for_update(of=("self",)).select_related("addressee", "addressee__region").get(pk=pk)


def _check_transition(petition: Petition, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS[petition.status]:
        raise InvalidTransition()
    pk = petition.pk
    transaction.on_commit(lambda: forget_signing_state(pk))


def _today() -> dt.date:
    return local(timezone.now()).date()


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _petition_url(petition: Petition, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return _absolute(reverse("petitions:detail", args=[petition.pk]))


def _notify_creator(petition: Petition, template: str) -> None:
    creator = petition.creator
    ctx = {"petition_id": petition.pk, "title": petition.title}

    def send() -> None:
        ctx["url"] = _petition_url(petition, creator.preferred_language)
        notify(to=creator, template=f"petitions/email/{template}", context=ctx)

    transaction.on_commit(send)


def is_official_of(actor: Any, body_id: int) -> bool:
    if not _has_role(actor, "official", "supervisor"):
        return False
    return bool(actor.memberships.filter(body_id=body_id, is_active=True).exists())


# ---------------------------------------------------------------- drafting
def petition_create_draft(
    *,
    actor: Any,
    title: str,
    request_text: str,
    background: str,
    addressee: Any,
    idempotency_key: uuid.UUID | None = None,
) -> Petition:
    if not _has_role(actor, "citizen"):
        raise PermissionDenied(_("Only citizens may start a petition."))
    if rules.threshold_for(addressee) is None:
        raise PetitionError(_("This body does not receive petitions."))
    if idempotency_key is not None:
        existing = Petition.objects.filter(idempotency_key=idempotency_key, creator=actor).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            petition = Petition.objects.create(
                title=title,
                request_text=request_text,
                background=background,
                addressee=addressee,
                creator=actor,
                idempotency_key=idempotency_key,
            )
            record_event(
                actor=actor, action="petitions.petition.drafted", obj=petition, payload={"addressee": addressee.pk}
            )
    except IntegrityError:
        return Petition.objects.get(idempotency_key=idempotency_key, creator=actor)
    return petition


def petition_update_draft(
    *, actor: Any, petition: Petition, title: str, request_text: str, background: str, addressee: Any
) -> Petition:
    with transaction.atomic():
        petition = _lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        if petition.status != Status.DRAFT:
            raise PetitionError(_("Only a draft can be edited."))
        if rules.threshold_for(addressee) is None:
            raise PetitionError(_("This body does not receive petitions."))
        petition.title, petition.request_text, petition.background = title, request_text, background
        petition.addressee = addressee
        petition.save(update_fields=["title", "request_text", "background", "addressee"])
        record_event(actor=actor, action="petitions.petition.edited", obj=petition, payload={"addressee": addressee.pk})
    return petition


def petition_submit(*, actor: Any, petition: Petition) -> Petition:
    """DRAFT → MODERATION; moderation due within 20 WD of registration (APPK art. 90-5)."""
    with transaction.atomic():
        petition = _lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        _check_transition(petition, Status.MODERATION)
        now = timezone.now()
        petition.status = Status.MODERATION
        petition.submitted_at = now
        petition.moderation_due = working_days_after(registration_date(now), rules.value("moderation_working_days"))
        petition.save(update_fields=["status", "submitted_at", "moderation_due"])
        record_event(
            actor=actor,
            action="petitions.petition.submitted",
            obj=petition,
            payload={"moderation_due": petition.moderation_due.isoformat()},
        )
        _notify_creator(petition, "submitted")
    return petition


def petition_resubmit(*, actor: Any, petition: Petition) -> Petition:
    """A rejected petition stays public with its ground; the creator starts a new draft from it."""
    with transaction.atomic():
        petition = _lock(petition)
        if petition.creator_id != getattr(actor, "pk", None):
            raise PermissionDenied()
        if petition.status != Status.REJECTED:
            raise PetitionError(_("Only a rejected petition can be resubmitted."))
        draft = Petition.objects.create(
            title=petition.title,
            request_text=petition.request_text,
            background=petition.background,
            addressee=petition.addressee,
            creator=actor,
            resubmission_of=petition,
        )
        record_event(
            actor=actor, action="petitions.petition.resubmitted", obj=draft, payload={"resubmission_of": petition.pk}
        )
    return draft


# ---------------------------------------------------------------- moderation
def petition_approve(*, actor: Any, petition: Petition) -> Petition:
    """MODERATION → OPEN: the threshold is fixed now, collection runs 6 months (unconfirmed)."""
    with transaction.atomic():
        petition = _lock(petition)
        if not _has_role(actor, "moderator"):
            raise PermissionDenied()
        _check_transition(petition, Status.OPEN)
        threshold = rules.threshold_for(petition.addressee)
        if threshold is None:
            raise PetitionError(_("This body does not receive petitions."))
        now = timezone.now()
        petition.status = Status.OPEN
        petition.decided_at = now
        petition.decided_by = actor
        petition.threshold = threshold
        petition.opened_at = now
        petition.closes_on = local(now).date() + relativedelta(months=rules.value("collection_months"))
        petition.save(update_fields=["status", "decided_at", "decided_by", "threshold", "opened_at", "closes_on"])
        record_event(
            actor=actor,
            action="petitions.petition.approved",
            obj=petition,
            payload={"threshold": threshold, "closes_on": petition.closes_on.isoformat()},
        )
        _notify_creator(petition, "approved")
    return petition


def petition_reject(
    *, actor: Any, petition: Petition, ground: Any, note: str = "", duplicate_of: Petition | None = None
) -> Petition:
    """MODERATION → REJECTED citing a LegalGround of the petitions domain."""
    with transaction.atomic():
        petition = _lock(petition)
        if not _has_role(actor, "moderator"):
            raise PermissionDenied()
        _check_transition(petition, Status.REJECTED)
        if ground is None or ground.domain != "petitions" or not ground.is_active:
            raise PetitionError(_("Choose a ground for the rejection from the catalogue."))
        if "duplicate" in ground.code:
            if duplicate_of is None or duplicate_of.pk == petition.pk:
                raise PetitionError(_("Give the number of the petition this one duplicates."))
        else:
            duplicate_of = None
        petition.status = Status.REJECTED
        petition.decided_at = timezone.now()
        petition.decided_by = actor
        petition.rejection_ground = ground
        petition.rejection_note = note
        petition.duplicate_of = duplicate_of
        petition.save(
            update_fields=["status", "decided_at", "decided_by", "rejection_ground", "rejection_note", "duplicate_of"]
        )
        record_event(
            actor=actor,
            action="petitions.petition.rejected",
            obj=petition,
            payload={"ground": ground.code, "duplicate_of": duplicate_of.pk if duplicate_of else None},
        )
        _notify_creator(petition, "rejected")
    return petition


# ---------------------------------------------------------------- system transitions
def petition_list(*, petition: Petition, actor: Any = None) -> Petition:
    """Listed publicly once it has 50 confirmed signatures (not a status: a flag with its time)."""
    with transaction.atomic():
        petition = _lock(petition)
        if petition.listed_at is not None or petition.status not in SIGNABLE:
            return petition
        if petition.signature_count < rules.value("listing_threshold"):
            raise PetitionError(_("The petition does not have enough signatures to be listed."))
        petition.listed_at = timezone.now()
        petition.save(update_fields=["listed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.listed",
            obj=petition,
            payload={"signature_count": petition.signature_count},
            actor_label="" if actor else "system",
        )
    return petition


def petition_forward(*, petition: Petition, actor: Any = None) -> Petition:
    """OPEN → FORWARDED at the threshold; the body answers within 40 WD (APPK art. 90-5)."""
    with transaction.atomic():
        petition = _lock(petition)
        _check_transition(petition, Status.FORWARDED)
        if petition.threshold is None or petition.signature_count < petition.threshold:
            raise PetitionError(_("The petition has not reached its threshold."))
        now = timezone.now()
        petition.status = Status.FORWARDED
        petition.forwarded_at = now
        petition.response_due = working_days_after(registration_date(now), rules.value("response_working_days"))
        if petition.listed_at is None:
            petition.listed_at = now
        petition.save(update_fields=["status", "forwarded_at", "response_due", "listed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.forwarded",
            obj=petition,
            payload={
                "signature_count": petition.signature_count,
                "body": petition.addressee_id,
                "response_due": petition.response_due.isoformat(),
            },
        )
        _notify_creator(petition, "forwarded")
        body_email = petition.addressee.email
        if body_email:
            ctx = {
                "petition_id": petition.pk,
                "title": petition.title,
                "response_due": petition.response_due,
                "url": _petition_url(petition, "kk"),
            }
            transaction.on_commit(
                lambda: notify(to=body_email, template="petitions/email/forwarded_body", context=ctx, language="kk")
            )
    return petition


def petition_close(*, petition: Petition, actor: Any = None) -> Petition:
    """OPEN → CLOSED when the collection period ended without the threshold."""
    with transaction.atomic():
        petition = _lock(petition)
        _check_transition(petition, Status.CLOSED)
        if petition.closes_on is None or _today() <= petition.closes_on:
            raise PetitionError(_("The collection period has not ended."))
        petition.status = Status.CLOSED
        petition.closed_at = timezone.now()
        petition.save(update_fields=["status", "closed_at"])
        record_event(
            actor=actor,
            action="petitions.petition.closed",
            obj=petition,
            payload={"signature_count": petition.signature_count},
        )
        _notify_creator(petition, "closed")
    return petition


def petition_respond(*, actor: Any, petition: Petition, outcome: str, text: str, ground: Any = None) -> Petition:
    """FORWARDED → RESPONDED: the body's reasoned answer; opted-in signers are e-mailed."""
    with transaction.atomic():
        petition = _lock(petition)
        if not is_official_of(actor, petition.addressee_id):
            raise PermissionDenied()
        _check_transition(petition, Status.RESPONDED)
        if outcome not in Outcome.values:
            raise PetitionError(_("Choose the outcome."))
        if not text.strip():
            raise PetitionError(_("Write the reasoned response."))
        if outcome != Outcome.GRANTED and ground is None:
            raise PetitionError(_("A refusal, full or partial, must cite its legal ground."))
        petition.status = Status.RESPONDED
        petition.responded_at = timezone.now()
        petition.responded_by = actor
        petition.response_outcome = outcome
        petition.response_text = text
        petition.response_ground = ground
        petition.save(
            update_fields=[
                "status",
                "responded_at",
                "responded_by",
                "response_outcome",
                "response_text",
                "response_ground",
            ]
        )
        record_event(
            actor=actor,
            action="petitions.petition.responded",
            obj=petition,
            payload={
                "outcome": outcome,
                "ground": ground.code if ground else None,
                "on_time": petition.response_due is None or _today() <= petition.response_due,
            },
        )
        _notify_creator(petition, "responded")
        pk = petition.pk

        def enqueue() -> None:
            from tyndau.petitions.tasks import notify_signers_of_response

            notify_signers_of_response.enqueue(pk)

        transaction.on_commit(enqueue)
    return petition


# ---------------------------------------------------------------- signing
def signing_state_key(petition_id: int) -> str:
    return f"petitions:signable:{petition_id}"


def forget_signing_state(petition_id: int) -> None:
    from django.core.cache import cache

    cache.delete(signing_state_key(petition_id))


def signing_state(petition_id: int) -> dict[str, Any]:
    """A petition's status, closing date and title, read through the cache (the hot path reads no row).

    Every transition drops the cached entry after commit, so a closed petition stops at once."""
    from django.core.cache import cache

    key = signing_state_key(petition_id)
    state: dict[str, Any] | None = cache.get(key)
    if state is None:
        row = Petition.objects.filter(pk=petition_id).values("status", "closes_on", "title").first()
        state = dict(row) if row else {"status": "", "closes_on": None, "title": ""}
        cache.set(key, state, 60)
    return state


def check_signing_state(state: dict[str, Any]) -> None:
    if state["status"] not in SIGNABLE:
        raise SigningClosed()
    if state["closes_on"] is not None and _today() > state["closes_on"]:
        raise SigningClosed()


def _signable(petition_id: int) -> dict[str, Any]:
    state = signing_state(petition_id)
    check_signing_state(state)
    return state


def confirmation_token(signature_id: int) -> str:
    return signing.dumps(signature_id, salt=CONFIRM_SALT, compress=False)


def signature_create(
    *,
    petition_id: int,
    first_name: str,
    last_name: str,
    iin: str,
    email: str,
    region_id: int | None,
    show_name: bool,
    notify_on_response: bool,
    ip: str | None,
    language: str,
) -> Signature:
    """The e-mail path: a pending signature and its confirmation e-mail, written together (on
    PostgreSQL in one statement, `_insert_pending_with_letter`; elsewhere in one transaction).

    `iin` is already validated (format, checksum, adult). A second signature with the same
    IIN raises AlreadySigned and sends nothing.
    """
    petition = _signable(petition_id)
    normalised = normalise_email(email)
    domain = email_domain(normalised)
    check_rate_limits(ip=ip, domain=domain, email=normalised, petition_id=petition_id)
    signature = Signature(
        petition_id=petition_id,
        iin_hash=iin_hash(iin),
        iin_encrypted=encrypt(iin),
        name_encrypted=encrypt(f"{last_name} {first_name}".strip()),
        public_name=public_name(first_name, last_name) if show_name else "",
        email_hash=keyed_hash(normalised, purpose="petition-email"),
        email_encrypted=encrypt(email.strip()),
        email_domain=domain,
        ip_address=ip,
        region_id=region_id,
        notify_on_response=notify_on_response,
        status=SignatureStatus.PENDING,
        created_at=timezone.now(),
    )
    # The confirmation letter; its link (the one value that differs per signer) is added once the id is known.
    letter: dict[str, Any] = {
        "to": email.strip(),
        "template": "petitions/email/confirm_signature",
        "language": language,
        "varying": ("url",),  # the rest of the letter is the same for every signer
    }
    context: dict[str, Any] = {
        "title": petition["title"],
        "petition_id": petition_id,
        "days": rules.value("confirmation_link_days"),
    }
    from django.db import connection

    if connection.vendor == "postgresql":
        _insert_pending_with_letter(signature, letter, context)
        return signature
    try:
        # One commit: the signature and its durable confirmation e-mail (outbox row) together.
        with transaction.atomic():
            if not _insert_signature(signature):
                raise AlreadySigned()
            notify(**letter, context={**context, "url": _confirmation_url(signature.pk)})
    except IntegrityError:
        raise AlreadySigned() from None
    return signature


def _confirmation_url(signature_id: int) -> str:
    return _absolute(reverse("petitions:confirm", args=[confirmation_token(signature_id)]))


def _insert_pending_with_letter(signature: Signature, letter: dict[str, Any], context: dict[str, Any]) -> None:
    """PostgreSQL: the pending signature and its confirmation letter in one statement, in autocommit.

    The letter's link is signed with the signature's id, so the id is drawn from the table's
    sequence first; then `WITH s AS (INSERT signature … ON CONFLICT DO NOTHING RETURNING id)
    INSERT INTO outbox … SELECT … FROM s` writes both rows or neither (neither when this IIN has
    signed: AlreadySigned, and no letter). Both are prepared statements. A BEGIN, a COMMIT, the
    per-request connection health check and a third statement fewer than the transaction on
    other databases; the rows written are the same."""
    from django.db import connection

    from tyndau.core.db import fetchone_hot
    from tyndau.notifications.services import compose, email_committed, outbox_row

    signature_id = _next_signature_id()
    email = compose(**letter, context={**context, "url": _confirmation_url(signature_id)})
    outbox = outbox_row(email, connection)
    fields = {f.column: f for f in Signature._meta.concrete_fields}
    params = [fields[c].get_db_prep_save(getattr(signature, fields[c].attname), connection) for c in _SIGNATURE_COLUMNS]
    sql = _pending_with_letter_sql(outbox.table, outbox.columns, outbox.typed)
    row = fetchone_hot(sql, [signature_id, *params, *outbox.values])
    if row is None:
        raise AlreadySigned()
    signature.pk = signature_id
    signature._state.adding = False
    signature._state.db = connection.alias
    transaction.on_commit(functools.partial(email_committed, int(row[0])))  # at once in autocommit


def _next_signature_id() -> int:
    """A signature id from the table's sequence: the request's first statement (`fetchone_first`:
    a dead persistent connection is replaced without a health check on every request)."""
    from tyndau.core.db import fetchone_first

    row = fetchone_first("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Signature._meta.db_table])
    assert row is not None
    return int(row[0])


@functools.cache
def _pending_with_letter_sql(outbox_table: str, outbox_columns: tuple[str, ...], typed: tuple[str, ...]) -> str:
    """Built once per process. Table, column and type names come from model metadata (the outbox's
    from `notifications.services.outbox_row`); every value is a parameter."""
    return (
        f"WITH s AS (INSERT INTO {Signature._meta.db_table} (id, {', '.join(_SIGNATURE_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * (len(_SIGNATURE_COLUMNS) + 1))}) "
        "ON CONFLICT (petition_id, iin_hash) DO NOTHING RETURNING id) "
        f"INSERT INTO {outbox_table} ({', '.join(outbox_columns)}) SELECT {', '.join(typed)} FROM s RETURNING id"
    )


# Every column of a signature row the signing paths write; the rest take their defaults.
_SIGNATURE_COLUMNS = (
    "petition_id", "iin_hash", "iin_encrypted", "name_encrypted", "public_name", "email_hash",
    "email_encrypted", "email_domain", "ip_address", "region_id", "user_id", "notify_on_response",
    "status", "created_at", "confirmed_at",
)  # fmt: skip


@functools.cache
def _signature_insert_sql() -> str:
    """The one INSERT of both signing paths, built once per process.

    `INSERT … ON CONFLICT (petition, IIN) DO NOTHING RETURNING id`: no savepoint and no exception on
    a repeat, and none of the ORM's query compilation, which cost more CPU than the statement.
    Table and column names come from model metadata; every value is a parameter."""
    placeholders = ", ".join(["%s"] * len(_SIGNATURE_COLUMNS))
    return (
        f"INSERT INTO {Signature._meta.db_table} ({', '.join(_SIGNATURE_COLUMNS)}) VALUES ({placeholders}) "  # noqa: S608
        "ON CONFLICT (petition_id, iin_hash) DO NOTHING RETURNING id"
    )


def _insert_signature_row(params: list[Any]) -> int | None:
    """Run the INSERT (a prepared statement on PostgreSQL); the new id, or None if the IIN signed."""
    from tyndau.core.db import fetchone_hot

    row = fetchone_hot(_signature_insert_sql(), params)
    return int(row[0]) if row else None


def _insert_signature(signature: Signature) -> bool:
    """Insert an unsaved `signature`; False when this IIN has already signed the petition."""
    from django.db import connection

    fields = {f.column: f for f in Signature._meta.concrete_fields}
    params = [fields[c].get_db_prep_save(getattr(signature, fields[c].attname), connection) for c in _SIGNATURE_COLUMNS]
    signature_id = _insert_signature_row(params)
    if signature_id is None:
        return False
    signature.pk = signature_id
    signature._state.adding = False
    signature._state.db = connection.alias
    return True


def public_name(first_name: str, last_name: str) -> str:
    first = first_name.strip().split(" ")[0][:40]
    initial = last_name.strip()[:1]
    return f"{first} {initial}." if initial else first


# The verified-citizen rule as SQL: a profile IIN and an unrevoked verification of level DEMO
# or higher bound to that IIN. The same rule as `tyndau.accounts.selectors.is_verified_citizen`
# (a test keeps the two in step); plain SQL because building it through the ORM cost more CPU than
# running it on the hottest path we have. Table names come from model metadata; values are parameters.
@functools.cache
def _identity_sql(*, with_user: bool) -> str:
    from tyndau.accounts.models import CitizenProfile, IdentityVerification, User

    verifications = IdentityVerification._meta.db_table
    verified = (
        f"p.iin_hash IS NOT NULL AND p.iin_hash <> '' AND EXISTS (SELECT 1 FROM {verifications} v "  # noqa: S608
        "WHERE v.user_id = p.user_id AND v.revoked_at IS NULL AND v.level >= %s AND v.iin_hash = p.iin_hash)"
    )
    if not with_user:
        return (
            f"SELECT p.iin_hash, p.iin_encrypted, p.region_id FROM {CitizenProfile._meta.db_table} p "  # noqa: S608
            f"WHERE p.user_id = %s AND {verified}"
        )
    # The signing lane's one query: the session's user (for the session-hash check) and, when
    # verified, their identity. A user without a verified identity comes back with NULLs.
    return (
        "SELECT u.password, u.is_active, u.first_name, u.last_name, u.email, "  # noqa: S608
        f"p.iin_hash, p.iin_encrypted, p.region_id FROM {User._meta.db_table} u "
        f"LEFT JOIN {CitizenProfile._meta.db_table} p ON p.user_id = u.id AND {verified} WHERE u.id = %s"
    )


def citizen_identity(user: Any) -> dict[str, Any] | None:
    """The verified citizen's IIN hash, encrypted IIN and region, or None — in one query."""
    from django.db import connection

    from tyndau.accounts.models import VerificationLevel

    if not user.is_authenticated or not user.is_active:
        return None
    if hasattr(user, "_petitions_identity"):  # asked once per request, by the view and the service
        memo: dict[str, Any] | None = user._petitions_identity
        return memo
    with connection.cursor() as cursor:
        cursor.execute(_identity_sql(with_user=False), [user.pk, int(VerificationLevel.DEMO)])
        found = cursor.fetchone()
    identity = {"iin_hash": found[0], "iin_encrypted": found[1], "region_id": found[2]} if found else None
    user._petitions_identity = identity
    return identity


def signature_insert_verified(
    *,
    petition_id: int,
    identity: dict[str, Any],
    user_id: int,
    first_name: str,
    last_name: str,
    email: str,
    show_name: bool,
    notify_on_response: bool,
    ip: str | None,
) -> int | None:
    """The one statement of one-step signing; the new id, or None if this IIN already signed.

    `INSERT … ON CONFLICT DO NOTHING RETURNING id` in autocommit: no savepoint, no exception on a
    repeat, no model instance. Callers have checked the identity and the signing state."""
    from django.db import connection

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = {
        "petition_id": petition_id,
        "iin_hash": identity["iin_hash"],
        "iin_encrypted": identity["iin_encrypted"],
        "name_encrypted": "",
        "public_name": public_name(first_name, last_name) if show_name else "",
        "email_hash": "",
        "email_encrypted": "",
        "email_domain": email_domain(normalise_email(email)),
        "ip_address": ip,
        "region_id": identity["region_id"],
        "user_id": user_id,
        "notify_on_response": notify_on_response,
        "status": SignatureStatus.CONFIRMED.value,
        "created_at": now,
        "confirmed_at": now,
    }
    return _insert_signature_row([values[c] for c in _SIGNATURE_COLUMNS])


def signature_create_for_citizen(
    *,
    actor: Any,
    petition_id: int,
    region_id: int | None = None,
    show_name: bool = False,
    notify_on_response: bool = False,
    ip: str | None = None,
) -> int:
    """One step for a signed-in verified citizen: one INSERT, counted at once. Returns the id."""
    identity = citizen_identity(actor)
    if identity is None:
        raise PermissionDenied(_("Only a signed-in citizen with a verified identity can sign in one step."))
    _signable(petition_id)
    if region_id:
        identity = {**identity, "region_id": region_id}
    signature_id = signature_insert_verified(
        petition_id=petition_id,
        identity=identity,
        user_id=actor.pk,
        first_name=actor.first_name,
        last_name=actor.last_name,
        email=actor.email,
        show_name=show_name,
        notify_on_response=notify_on_response,
        ip=ip,
    )
    if signature_id is None:
        raise AlreadySigned()
    return signature_id


def signature_confirm(*, token: str) -> Signature:
    """PENDING → CONFIRMED by the e-mail link; idempotent (a second click changes nothing).

    The first click is one statement: an UPDATE of the pending row, guarded by the same
    condition as `_signable` read from the petition row in that statement, RETURNING the
    petition. Only when it changes nothing does a SELECT tell why: already confirmed (fine),
    invalidated or unknown (invalid link), or the petition no longer takes signatures."""
    from django.db import connection

    from tyndau.core.db import fetchone_first

    max_age = dt.timedelta(days=rules.value("confirmation_link_days"))
    try:
        signature_id = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredLink() from None
    except signing.BadSignature:
        raise InvalidLink() from None
    if not isinstance(signature_id, int):
        raise InvalidLink()
    fields = {f.name: f for f in Signature._meta.concrete_fields}
    now = fields["confirmed_at"].get_db_prep_save(timezone.now(), connection)
    today = Petition._meta.get_field("closes_on").get_db_prep_save(_today(), connection)
    # Table names come from model metadata; every value is a parameter.
    sql = (
        f"UPDATE {Signature._meta.db_table} SET status = %s, confirmed_at = %s "  # noqa: S608
        f"WHERE id = %s AND status = %s AND EXISTS (SELECT 1 FROM {Petition._meta.db_table} p "
        f"WHERE p.id = {Signature._meta.db_table}.petition_id AND p.status IN (%s, %s) "
        f"AND (p.closes_on IS NULL OR p.closes_on >= %s)) RETURNING petition_id"
    )
    params = [
        SignatureStatus.CONFIRMED.value,
        now,
        signature_id,
        SignatureStatus.PENDING.value,
        *(s.value for s in SIGNABLE),
        today,
    ]
    # Prepared, and the request's first statement (no health check; safe to run twice: it only
    # changes a pending row).
    row = fetchone_first(sql, params)
    if row is not None:
        return Signature.from_db(
            connection.alias, ["id", "petition_id", "status"], (signature_id, row[0], SignatureStatus.CONFIRMED)
        )
    signature = Signature.objects.filter(pk=signature_id).only("id", "petition_id", "status").first()
    if signature is None or signature.status == SignatureStatus.INVALIDATED:
        raise InvalidLink()
    if signature.status == SignatureStatus.CONFIRMED:
        return signature
    # Still pending: the petition stopped taking signatures (the UPDATE read its row).
    _signable(signature.petition_id)
    raise SigningClosed()


# ---------------------------------------------------------------- counting
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
        locked = _lock(pk)
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
    if locked.status in SIGNABLE and locked.listed_at is None and total >= rules.value("listing_threshold"):
        locked = petition_list(petition=locked)
    if locked.status == Status.OPEN and locked.threshold and total >= locked.threshold:
        locked = petition_forward(petition=locked)
    return locked


def recount_signatures(*, full: bool = False) -> int:
    """Recount petitions with signatures confirmed since their last count (all of them when `full`)."""
    petitions = Petition.objects.exclude(status__in=[Status.DRAFT, Status.MODERATION, Status.REJECTED])
    if not full:
        petitions = petitions.filter(status__in=SIGNABLE)
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
    for pk in Petition.objects.filter(status=Status.OPEN, closes_on__lt=_today()).values_list("pk", flat=True):
        petition = petition_recount(petition=pk)  # a last exact count may still forward it
        if petition.status == Status.OPEN:
            petition_close(petition=petition)
            closed += 1
    return closed


# ---------------------------------------------------------------- fraud tools
def signatures_invalidate(*, actor: Any, petition: Petition, criteria: dict[str, Any], reason: str) -> int:
    """Invalidate every signature matching `criteria`, recount, and record one audit event."""
    from tyndau.petitions.selectors import signatures_matching

    if not _has_role(actor, "moderator"):
        raise PermissionDenied()
    if not reason.strip():
        raise PetitionError(_("Give the reason for the invalidation."))
    if not any(criteria.get(k) for k in ("domain", "ip_range", "since", "until")):
        raise PetitionError(_("Give at least one pattern: domain, IP range or time window."))
    stored = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in criteria.items() if v}
    with transaction.atomic():
        locked = _lock(petition)
        batch = SignatureInvalidation.objects.create(petition=locked, actor=actor, criteria=stored, reason=reason)
        matching = signatures_matching(petition=locked, **criteria).exclude(status=SignatureStatus.INVALIDATED)
        count = Signature.objects.filter(pk__in=matching.values("pk")).update(
            status=SignatureStatus.INVALIDATED, invalidation=batch
        )
        batch.count = count
        batch.save(update_fields=["count"])
        record_event(
            actor=actor,
            action="petitions.signature.invalidated",
            obj=locked,
            payload={
                "batch": batch.pk,
                "count": count,
                "criteria": {k: v for k, v in stored.items() if k != "ip_range"},
                "by_ip_range": bool(criteria.get("ip_range")),
            },
        )
    petition_recount(petition=locked.pk)
    return count
