"""Signing: one step for a verified citizen, or a pending signature confirmed by an e-mail link.

A signature is one INSERT (plus, on the e-mail path, one UPDATE of that row on confirmation); the
petition row is written only by transitions and by counting. The statements are the fast path's
(`tyndau.petitions.surge`); what this module adds is the rule of who holds an IIN on a petition:

- a confirmed signature holds it; an invalidated one does not (the partial unique index);
- a pending e-mail signature holds it for `confirmation_hours` only, then lapses: its link expires,
  a new signature with that IIN replaces it, and the periodic runner deletes it;
- a verified citizen's own one-step signature replaces a pending one at once (the pending one's link
  stops working): someone who typed another person's IIN cannot block that person;
- the e-mail path answers the same whether or not the IIN is held; the truth goes only to the
  address given, as a letter ("a signature with this IIN is already on the petition") instead of a
  confirmation link.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import PermissionDenied
from tyndau.core.pii import encrypt, iin_hash, keyed_hash
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import compose, notify
from tyndau.petitions import rules, surge
from tyndau.petitions.errors import AlreadySigned, ExpiredLink, InvalidLink, SigningClosed
from tyndau.petitions.fraud import check_rate_limits, email_domain, normalise_email
from tyndau.petitions.models import Signature, SignatureStatus
from tyndau.petitions.services._common import absolute, petition_url

CONFIRM_SALT = "tyndau.petitions.signature-confirm"


def confirmation_token(signature_id: int) -> str:
    return signing.dumps(signature_id, salt=CONFIRM_SALT, compress=False)


def _confirmation_url(signature_id: int) -> str:
    return absolute(reverse("petitions:confirm", args=[confirmation_token(signature_id)]))


def confirmation_period() -> dt.timedelta:
    return dt.timedelta(hours=rules.value("confirmation_hours"))


def _release_pending(petition_id: int, iin_digest: str, *, lapsed_only: bool) -> bool:
    """Delete the pending signature that holds this IIN on the petition — only a lapsed one, or any
    (a verified citizen's own signature wins). True if one was deleted."""
    pending = Signature.objects.filter(petition_id=petition_id, iin_hash=iin_digest, status=SignatureStatus.PENDING)
    if lapsed_only:
        pending = pending.filter(created_at__lt=timezone.now() - confirmation_period())
    deleted, _by_model = pending.delete()
    return deleted > 0


def signature_create_for_citizen(
    *,
    actor: Any,
    petition_id: int,
    region_id: int | None = None,
    show_name: bool = False,
    notify_on_response: bool = False,
    ip: str | None = None,
) -> int:
    """One step for a signed-in verified citizen: one INSERT, counted at once. Returns the id.

    A pending e-mail signature with the citizen's IIN (typed by anyone) gives way: it is deleted and
    the insert runs once more. A confirmed one is AlreadySigned."""
    identity = surge.citizen_identity(actor)
    if identity is None:
        raise PermissionDenied(_("Only a signed-in citizen with a verified identity can sign in one step."))
    surge.signable(petition_id)
    if region_id:
        identity = {**identity, "region_id": region_id}
    signer = {
        "petition_id": petition_id,
        "identity": identity,
        "user_id": actor.pk,
        "first_name": actor.first_name,
        "last_name": actor.last_name,
        "email": actor.email,
        "show_name": show_name,
        "notify_on_response": notify_on_response,
        "ip": ip,
    }
    signature_id = surge.insert_verified(**signer)
    if signature_id is None and _release_pending(petition_id, identity["iin_hash"], lapsed_only=False):
        signature_id = surge.insert_verified(**signer)
    if signature_id is None:
        raise AlreadySigned()
    return signature_id


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
) -> Signature | None:
    """The e-mail path: a pending signature and its confirmation letter, written together.

    `iin` is already validated (format, checksum, adult). When the IIN is already held on the
    petition nothing is stored, the address given gets a letter saying so, and the result is None;
    the caller answers exactly as for a new signature, so the answer tells no one whether an IIN signed."""
    petition = surge.signable(petition_id)
    normalised = normalise_email(email)
    domain = email_domain(normalised)
    check_rate_limits(ip=ip, domain=domain, email=normalised, petition_id=petition_id)
    signature = Signature(
        petition_id=petition_id,
        iin_hash=iin_hash(iin),
        iin_encrypted=encrypt(iin),
        name_encrypted=encrypt(f"{last_name} {first_name}".strip()),
        public_name=surge.public_name(first_name, last_name) if show_name else "",
        email_hash=keyed_hash(normalised, purpose="petition-email"),
        email_encrypted=encrypt(email.strip()),
        email_domain=domain,
        ip_address=ip,
        region_id=region_id,
        notify_on_response=notify_on_response,
        status=SignatureStatus.PENDING,
        created_at=timezone.now(),
    )
    context = {"title": petition["title"], "petition_id": petition_id, "hours": rules.value("confirmation_hours")}

    def letter(signature_id: int) -> OutgoingEmail:
        return compose(
            to=email.strip(),
            template="petitions/email/confirm_signature",
            language=language,
            varying=("url",),  # the rest of the letter is the same for every signer
            context={**context, "url": _confirmation_url(signature_id)},
        )

    if surge.insert_pending(signature, letter):
        return signature
    if _release_pending(petition_id, signature.iin_hash, lapsed_only=True) and surge.insert_pending(signature, letter):
        return signature
    notify(
        to=email.strip(),
        template="petitions/email/already_signed",
        language=language,
        context={**context, "url": petition_url(petition_id, language)},
    )
    return None


def signature_confirm(*, token: str) -> Signature:
    """PENDING → CONFIRMED by the e-mail link; idempotent (a second click changes nothing).

    The first click is one statement (`surge.confirm_pending`). Only when it changes nothing does a
    SELECT tell why: already confirmed (fine), invalidated, replaced or unknown (invalid link), lapsed
    (expired link), or the petition no longer takes signatures."""
    try:
        signature_id = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_period())
    except signing.SignatureExpired:
        raise ExpiredLink() from None
    except signing.BadSignature:
        raise InvalidLink() from None
    if not isinstance(signature_id, int):
        raise InvalidLink()
    lapsed_before = timezone.now() - confirmation_period()
    petition_id = surge.confirm_pending(signature_id, lapsed_before=lapsed_before)
    if petition_id is not None:
        return Signature.from_db(
            connection.alias, ["id", "petition_id", "status"], (signature_id, petition_id, SignatureStatus.CONFIRMED)
        )
    signature = Signature.objects.filter(pk=signature_id).only("id", "petition_id", "status", "created_at").first()
    if signature is None or signature.status == SignatureStatus.INVALIDATED:
        raise InvalidLink()
    if signature.status == SignatureStatus.CONFIRMED:
        return signature
    if signature.created_at < lapsed_before:
        raise ExpiredLink()
    # Still pending: the petition stopped taking signatures (the UPDATE read its row).
    surge.signable(signature.petition_id)
    raise SigningClosed()


def purge_lapsed_signatures() -> int:
    """Delete pending e-mail signatures older than the confirmation period (idempotent; the periodic
    runner calls it): they were never confirmed, hold personal data and no longer hold their IIN."""
    lapsed = Signature.objects.filter(
        status=SignatureStatus.PENDING, created_at__lt=timezone.now() - confirmation_period()
    )
    deleted, _by_model = lapsed.delete()
    return deleted
