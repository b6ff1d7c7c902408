"""Writes about citizens' profiles and audited reads of their IIN."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.errors import IinLocked, IinReadReasonRequired
from tyndau.accounts.models import (
    CitizenProfile,
    Consent,
    ConsentSource,
    IdentityVerification,
    Role,
    User,
    VerificationLevel,
)
from tyndau.accounts.phones import normalise_kz_phone
from tyndau.audit.services import record_event
from tyndau.authorities.models import Region
from tyndau.core.errors import PermissionDenied
from tyndau.core.identity import parse_iin
from tyndau.core.pii import decrypt, encrypt, iin_hash


class IinReadReason(models.TextChoices):
    """Why an official opened a citizen's IIN; stored in the audit log."""

    CASE_HANDLING = "case_handling", _("Handling the person's appeal or complaint")
    SIGNATURE_CHECK = "signature_check", _("Checking a petition signature")
    REGISTRATION = "registration", _("Registration of an application")
    AUDIT = "audit", _("Audit of the record")


IIN_READER_ROLES = (Role.OFFICIAL, Role.REGISTRAR, Role.AUDITOR)


# --- Citizen profile ----------------------------------------------------------------------


def profile_update(
    *,
    actor: User,
    user: User,
    iin: str | None,
    phone: str,
    address: str,
    region: Region | None,
    consent_source: str = ConsentSource.PROFILE_FORM,
) -> CitizenProfile:
    """Create or update the person's own profile. `iin=None` or "" keeps the stored IIN."""
    if actor.pk != user.pk:
        raise PermissionDenied
    phone = normalise_kz_phone(phone)
    new_iin = parse_iin(iin).number if iin else None
    with transaction.atomic():
        profile, created = CitizenProfile.objects.select_for_update().get_or_create(user=user)
        changed: list[str] = []
        if new_iin is not None:
            new_hash = iin_hash(new_iin)
            if new_hash != profile.iin_hash:
                # A claim, whoever else holds this IIN: the answer is the same either way (no enumeration);
                # identity verification decides who holds it (services.people._claim_verified_iin).
                if profile.iin_hash and (
                    profile.iin_verified_at is not None
                    or IdentityVerification.objects.filter(
                        user=user, revoked_at__isnull=True, level__gte=VerificationLevel.DEMO, iin_hash=profile.iin_hash
                    ).exists()
                ):
                    raise IinLocked
                profile.iin_hash, profile.iin_encrypted = new_hash, encrypt(new_iin)
                changed.append("iin")
        for field, value in (("phone", phone), ("address", address.strip()), ("region", region)):
            if getattr(profile, field) != value:
                setattr(profile, field, value)
                changed.append(field)
        if profile.consent_id is None:
            profile.consent = Consent.objects.create(
                user=user, purpose=Consent.Purpose.CITIZEN_PROFILE, source=consent_source
            )
            changed.append("consent")
        profile.save()
        if changed or created:
            record_event(
                actor=actor,
                action="accounts.profile.updated",
                obj=profile,
                payload={"fields": sorted(changed), "created": created},
            )
    return profile


def citizen_iin_read(*, actor: User, profile: CitizenProfile, reason: str) -> str:
    """The full IIN for an authorised official, registrar or auditor — every read is audited.

    The caller checks the object-level link (the citizen's case is in the official's body)."""
    if actor is None or not actor.is_active or not actor.has_any_role(*IIN_READER_ROLES):
        raise PermissionDenied
    if reason not in IinReadReason.values:
        raise IinReadReasonRequired
    if not profile.iin_encrypted:
        return ""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="accounts.iin.read",
            obj=profile,
            payload={"profile_id": profile.pk, "reason": reason},
        )
        return decrypt(profile.iin_encrypted)
