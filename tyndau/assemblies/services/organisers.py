"""Who may organise (art. 2): a verified adult citizen, a group of them — each co-organiser confirms
from their own account before the request is submitted — or a legal entity through its representative,
named by a checksum-checked BIN.

Adulthood is computed on the event's date from the birth date in the person's own IIN (digits 1–7).
The IIN is read from the person's own profile for that computation only: nothing is stored or shown.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import citizen_profile_of, is_verified_citizen, verified_holder_of_iin
from tyndau.assemblies import rules
from tyndau.assemblies.errors import (
    BinInvalid,
    BinRequired,
    CoOrganiserInvalid,
    CoOrganisersUnconfirmed,
    DraftAlreadySubmitted,
    NotTheCoOrganiser,
    OrganiserNotEligible,
    OrganiserUnderage,
    PermissionDenied,
)
from tyndau.assemblies.models import AssemblyDraft, CoOrganiser
from tyndau.audit.services import record_event
from tyndau.core.calendar import local_today
from tyndau.core.identity import IinInfo, age_on, normalise, parse_bin, parse_iin
from tyndau.core.pii import decrypt, iin_hash, mask_iin
from tyndau.notifications.services import notify


def _own_iin(user: Any) -> IinInfo | None:
    """The person's own IIN parsed (birth date, sex), None without a readable one. Never stored or shown."""
    profile = citizen_profile_of(user)
    if profile is None or not profile.iin_encrypted:
        return None
    try:
        return parse_iin(decrypt(profile.iin_encrypted))
    except (ValidationError, ValueError):
        return None


def is_adult_on(user: Any, day: dt.date) -> bool:
    """18 or older on `day`; someone born on `day` eighteen years before is an adult that day."""
    info = _own_iin(user)
    return info is not None and age_on(info, day) >= rules.ADULT_AGE


def acts_for_entity(user: Any, organisation_name: str) -> bool:
    return bool(organisation_name.strip()) and user.has_any_role(Role.ORGANISATION)


def check_entity_bin(value: str) -> str:
    """The BIN of a legal entity, checksum-checked (domain-rules "Identity numbers")."""
    if not normalise(value):
        raise BinRequired()
    try:
        info = parse_bin(value)
    except ValidationError:
        raise BinInvalid() from None
    if info.entity_type not in rules.ORGANISER_BIN_TYPES:
        raise BinInvalid()
    return info.number


def check_organiser(user: Any, *, event_day: dt.date, organisation_name: str, organisation_bin: str) -> str:
    """Refuse an organiser the law does not admit; the BIN to store ('' for a citizen)."""
    if not getattr(user, "is_authenticated", False):
        raise OrganiserNotEligible()
    if acts_for_entity(user, organisation_name):
        return check_entity_bin(organisation_bin)
    if not is_verified_citizen(user):
        raise OrganiserNotEligible()
    if not is_adult_on(user, event_day):
        raise OrganiserUnderage()
    return ""


# --- Co-organisers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    email: str = ""
    iin_hash: str = ""
    label: str = ""


def parse_co_organisers(text: str, *, organiser: Any) -> list[Named]:
    """One IIN or e-mail a line; blank lines ignored, duplicates dropped, the organiser refused."""
    found: dict[str, Named] = {}
    own_email = (getattr(organiser, "email", "") or "").casefold()
    profile = citizen_profile_of(organiser)
    own_hash = profile.iin_hash if profile else None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if "@" in line:
            try:
                validate_email(line)
            except ValidationError:
                raise CoOrganiserInvalid() from None
            email = line.casefold()
            if email == own_email:
                raise CoOrganiserInvalid()
            found.setdefault(f"e:{email}", Named(email=email, label=email))
            continue
        try:
            number = parse_iin(line).number
        except ValidationError:
            raise CoOrganiserInvalid() from None
        hashed = iin_hash(number)
        if hashed == own_hash:
            raise CoOrganiserInvalid()
        found.setdefault(f"i:{hashed}", Named(iin_hash=hashed, label=mask_iin(number)))
    if len(found) > rules.CO_ORGANISERS_MAX:
        raise CoOrganiserInvalid()
    return list(found.values())


def draft_create(
    *, actor: Any, key: uuid.UUID | str, payload: dict[str, Any], co_organisers: Sequence[Named]
) -> AssemblyDraft:
    """Keep a request until its co-organisers confirm. A repeated key returns the first draft."""
    key = uuid.UUID(str(key))
    existing = AssemblyDraft.objects.filter(key=key).first()
    if existing is not None:
        if existing.organiser_id != actor.pk:
            raise PermissionDenied()
        return existing
    if not co_organisers:
        raise CoOrganiserInvalid()
    try:
        with transaction.atomic():
            draft = AssemblyDraft.objects.create(organiser=actor, key=key, payload=payload, created_at=timezone.now())
            CoOrganiser.objects.bulk_create(
                CoOrganiser(draft=draft, email=n.email, iin_hash=n.iin_hash, label=n.label) for n in co_organisers
            )
            record_event(
                actor=actor,
                action="assemblies.draft.created",
                obj=draft,
                payload={"co_organisers": len(co_organisers)},
            )
            _invite(draft, co_organisers)
    except IntegrityError:
        existing = AssemblyDraft.objects.filter(key=key, organiser=actor).first()
        if existing is None:
            raise
        return existing
    return draft


def _invite(draft: AssemblyDraft, co_organisers: Sequence[Named]) -> None:
    """Tell each person named where to confirm: at the e-mail address given, or for an IIN at the account
    whose verified identity holds it (none: the organiser shares the link; they are never told which).
    The letter names the date and the page, not the organiser (the address was typed by someone else)."""
    for named in co_organisers:
        to: Any = named.email or verified_holder_of_iin(named.iin_hash)
        if not to:
            continue
        notify(
            to=to,
            template="assemblies/email/co_organiser_invited",
            context={"event_day": _event_day(draft)},
            language=None if not isinstance(to, str) else translation.get_language(),
        )


def _event_day(draft: AssemblyDraft) -> dt.date:
    """The event's date as typed in the draft (today when it cannot be read: the stricter check)."""
    value = draft.payload.get("date")
    value = value[0] if isinstance(value, list) and value else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return local_today()


def names(user: Any, co_organiser: CoOrganiser) -> bool:
    """Whether `co_organiser` names `user` (by their account's e-mail or their profile's IIN)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if co_organiser.email and co_organiser.email == (user.email or "").casefold():
        return True
    if co_organiser.iin_hash:
        profile = citizen_profile_of(user)
        return bool(profile and profile.iin_hash == co_organiser.iin_hash)
    return False


def co_organiser_confirm(*, actor: Any, co_organiser: CoOrganiser | int) -> CoOrganiser:
    """The person named confirms from their own account; they must be a verified adult citizen on the
    event's date. Confirming twice changes nothing."""
    pk = co_organiser.pk if isinstance(co_organiser, CoOrganiser) else co_organiser
    with transaction.atomic():
        locked = CoOrganiser.objects.select_for_update().select_related("draft").get(pk=pk)
        if not names(actor, locked):
            raise NotTheCoOrganiser()
        if locked.draft.assembly_id is not None:
            raise DraftAlreadySubmitted()
        if locked.confirmed_at is not None and locked.user_id == actor.pk:
            return locked
        if not is_verified_citizen(actor):
            raise OrganiserNotEligible()
        if not is_adult_on(actor, _event_day(locked.draft)):
            raise OrganiserUnderage()
        locked.user, locked.confirmed_at = actor, timezone.now()
        locked.save(update_fields=["user", "confirmed_at"])
        record_event(
            actor=actor,
            action="assemblies.co_organiser.confirmed",
            obj=locked.draft,
            payload={"co_organiser": locked.pk},
        )
    return locked


def check_draft(actor: Any, draft: AssemblyDraft) -> None:
    """A request with co-organisers is submitted only by its organiser, once every one has confirmed."""
    if draft.organiser_id != getattr(actor, "pk", None):
        raise PermissionDenied()
    if draft.assembly_id is not None:
        raise DraftAlreadySubmitted()
    if draft.co_organisers.filter(confirmed_at__isnull=True).exists():
        raise CoOrganisersUnconfirmed()
