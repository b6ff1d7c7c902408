"""Writes about people: registration, e-mail confirmation, passwords, identity verification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.accounts import verification
from tyndau.accounts.errors import IinAlreadyRegistered, IinRequiredForVerification, VerificationLinkInvalid
from tyndau.accounts.models import (
    CitizenProfile,
    Consent,
    ConsentSource,
    IdentityVerification,
    Role,
    RoleGrant,
    User,
    VerificationLevel,
    VerificationMethod,
)
from tyndau.accounts.services.officials import require_administrator
from tyndau.audit.services import record_event
from tyndau.core.errors import PermissionDenied
from tyndau.core.identity import parse_iin
from tyndau.core.pii import iin_hash, keyed_hash
from tyndau.notifications.services import notify

# One confirmation e-mail per address per minute, whatever the sender asks.
RESEND_INTERVAL_SECONDS = 60
# One "you already have an account" letter per address per hour, however often someone signs up with it.
ALREADY_REGISTERED_INTERVAL_SECONDS = 3600


# --- Registration and e-mail confirmation -------------------------------------------------


def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    patronymic: str = "",
    preferred_language: str = "kk",
    consent_source: str = ConsentSource.SIGNUP_FORM,
) -> User | None:
    """A new person with the citizen role, their recorded consent, and a confirmation e-mail.

    For an address that already has an account nothing is created and None is returned: the
    mailbox's owner gets a letter saying so (with the sign-in and password-reset links), and the
    caller answers exactly as for a new account — sign-up must not tell anyone which addresses
    have accounts."""
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            make_password(password)  # the work a new account costs: the answer takes as long
            _send_already_registered(existing)
            return None
        user = User(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            patronymic=patronymic.strip(),
            preferred_language=preferred_language,
        )
        validate_password(password, user)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # registered a moment ago by a concurrent request
            return None
        consent = Consent.objects.create(user=user, purpose=Consent.Purpose.ACCOUNT, source=consent_source)
        RoleGrant.objects.create(user=user, role=Role.CITIZEN)
        record_event(
            actor=user,
            action="accounts.user.registered",
            obj=user,
            payload={"language": preferred_language, "consent_id": consent.pk, "consent_source": consent_source},
        )
        _send_verification_email(user)
    return user


def user_create(
    *,
    actor: Any,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "kk",
    is_staff: bool = False,
    is_superuser: bool = False,
    email_verified: bool = False,
    consent_source: str | None = None,
) -> User:
    """An account made by an administrator or a command (demo data), not by sign-up."""
    require_administrator(actor)
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            password,
            first_name=first_name,
            last_name=last_name,
            preferred_language=preferred_language,
            is_staff=is_staff,
            is_superuser=is_superuser,
            email_verified_at=timezone.now() if email_verified else None,
        )
        if consent_source:
            Consent.objects.create(user=user, purpose=Consent.Purpose.ACCOUNT, source=consent_source)
        record_event(
            actor=actor,
            action="accounts.user.created",
            obj=user,
            payload={"is_staff": is_staff, "is_superuser": is_superuser},
        )
    return user


def _send_verification_email(user: User) -> None:
    token = verification.make_email_token(user)
    with translation.override(user.preferred_language):
        path = reverse("accounts:verify_email", args=[token])
    notify(
        to=user,
        template="accounts/email/verify_email",
        context={
            "user": user,
            "verify_url": settings.SITE_URL + path,
            "valid_days": verification.EMAIL_TOKEN_MAX_AGE.days,
        },
    )


def _send_already_registered(user: User) -> None:
    key = "accounts:already-registered:" + keyed_hash(user.email.lower(), purpose="already-registered")
    if not user.is_active or not cache.add(key, 1, ALREADY_REGISTERED_INTERVAL_SECONDS):
        return
    with translation.override(user.preferred_language):
        login_path, reset_path = reverse("accounts:login"), reverse("accounts:password_reset")
    notify(
        to=user,
        template="accounts/email/already_registered",
        context={
            "user": user,
            "login_url": settings.SITE_URL + login_path,
            "reset_url": settings.SITE_URL + reset_path,
        },
    )


def email_verification_resend(*, email: str) -> None:
    """Mail a fresh confirmation link if `email` belongs to an unconfirmed account.

    Answers the same way whether or not the address is known (no account enumeration)."""
    key = "accounts:resend:" + keyed_hash(email.strip().lower(), purpose="resend")
    if not cache.add(key, 1, RESEND_INTERVAL_SECONDS):
        return
    user = User.objects.filter(email__iexact=email.strip(), is_active=True, email_verified_at__isnull=True).first()
    if user is not None:
        _send_verification_email(user)


def user_verify_email(*, token: str) -> User:
    """Confirm the e-mail address in a signed link; raises VerificationLinkExpired / Invalid."""
    user_id, _fingerprint = verification.read_email_token(token)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None:
            raise VerificationLinkInvalid
        outcome = verification.EmailVerifier().verify(user=user, evidence={"token": token})
        if user.email_verified_at is not None:
            return user  # a second click on the same link is harmless
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        identity_verification_record(
            actor=user,
            user=user,
            method=VerificationMethod.EMAIL,
            level=VerificationLevel.EMAIL,
            reference=outcome.reference,
        )
        record_event(actor=user, action="accounts.user.email_verified", obj=user, payload={})
    return user


def user_set_password(*, user: User, password: str, via: str) -> None:
    """`via` is "change" (signed in) or "reset" (e-mailed link). Validation is the form's job."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record_event(actor=user, action="accounts.user.password_set", obj=user, payload={"via": via})


# --- Identity verification ----------------------------------------------------------------


def identity_verification_record(
    *, actor: Any, user: User, method: str, level: int, reference: str = "", iin: str | None = None
) -> IdentityVerification:
    """Store a successful check. Binds it to the IIN the provider vouched for, else to the profile's.

    A check of level >= DEMO bound to the profile's IIN makes this account the IIN's verified holder
    (`_claim_verified_iin`): unverified holders of the same IIN lose it, a verified holder elsewhere
    refuses the check (IinAlreadyRegistered). A check already on record (a double submit) is not
    recorded twice."""
    with transaction.atomic():
        profile = CitizenProfile.objects.filter(user=user).first()
        bound = ""
        if iin:
            bound = iin_hash(parse_iin(iin).number)
        elif level > VerificationLevel.EMAIL:
            bound = (profile.iin_hash or "") if profile else ""
        if level > VerificationLevel.EMAIL and bound and profile is not None and bound == profile.iin_hash:
            _claim_verified_iin(actor=actor, user=user, digest=bound)
        existing = IdentityVerification.objects.filter(
            user=user, method=method, level=level, iin_hash=bound, revoked_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        item = IdentityVerification.objects.create(
            user=user, method=method, level=level, reference=reference, iin_hash=bound
        )
        record_event(
            actor=actor,
            action="accounts.identity.verified",
            obj=item,
            payload={"user_id": user.pk, "method": method, "level": level},
        )
    return item


def _lock_holders(user: User, digest: str) -> list[CitizenProfile]:
    """The profiles that hold `digest` and the person's own, locked in one order (primary key), so that
    two people verifying the same IIN at once wait for each other instead of deadlocking."""
    return list(CitizenProfile.objects.select_for_update().filter(Q(iin_hash=digest) | Q(user=user)).order_by("pk"))


def _claim_verified_iin(*, actor: Any, user: User, digest: str) -> CitizenProfile:
    """Make `user` the verified holder of the IIN `digest` (issue 10.19): a verified identity wins over an
    unverified claim. Inside the caller's transaction; the partial unique index `uniq_verified_iin` has
    the last word when two claims race past these checks."""
    holders = _lock_holders(user, digest)
    own = next((p for p in holders if p.user_id == user.pk), None)
    if own is None or own.iin_hash != digest:  # taken meanwhile by a verified claimant
        raise IinRequiredForVerification
    others = [p for p in holders if p.user_id != user.pk and p.iin_hash == digest]
    if any(p.iin_verified_at is not None for p in others):
        raise IinAlreadyRegistered
    for lost in others:
        lost.iin_hash, lost.iin_encrypted = None, ""
        lost.save(update_fields=["iin_hash", "iin_encrypted", "updated_at"])
        record_event(
            actor=actor,
            action="accounts.iin.released",
            obj=lost,
            payload={"profile_id": lost.pk, "from_user": lost.user_id, "to_user": user.pk},
        )
        _send_iin_released(lost.user)
    if own.iin_verified_at is None:
        own.iin_verified_at = timezone.now()
        try:
            with transaction.atomic():
                own.save(update_fields=["iin_verified_at"])
        except IntegrityError:  # another account became the verified holder a moment ago
            raise IinAlreadyRegistered from None
    return own


def _send_iin_released(user: User) -> None:
    with translation.override(user.preferred_language):
        profile_path = reverse("accounts:profile")
    notify(
        to=user,
        template="accounts/email/iin_released",
        context={"user": user, "profile_url": settings.SITE_URL + profile_path},
    )


def identity_verify(*, actor: User, user: User, method: str, evidence: Mapping[str, str]) -> IdentityVerification:
    """Run a verifier for the person themself. Raises NotConfigured for providers not connected."""
    if actor.pk != user.pk:
        raise PermissionDenied
    verifier = verification.get_verifier(method)
    outcome = verifier.verify(user=user, evidence=evidence)
    if verifier.level > VerificationLevel.EMAIL:
        profile = CitizenProfile.objects.filter(user=user).first()
        if profile is None or not profile.iin_hash:
            raise IinRequiredForVerification
    return identity_verification_record(
        actor=actor,
        user=user,
        method=verifier.method,
        level=verifier.level,
        reference=outcome.reference,
        iin=outcome.iin,
    )
