"""Writes about people: registration, e-mail confirmation, passwords, identity verification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tyndau.accounts import verification
from tyndau.accounts.errors import (
    EmailAlreadyRegistered,
    VerificationLinkInvalid,
)
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
# One confirmation e-mail per address per minute, whatever the sender asks.
RESEND_INTERVAL_SECONDS = 60


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
) -> User:
    """A new person with the citizen role, their recorded consent, and a confirmation e-mail."""
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise EmailAlreadyRegistered
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
        except IntegrityError:
            raise EmailAlreadyRegistered from None
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
    """Store a successful check. Binds it to the IIN the provider vouched for, else to the profile's."""
    with transaction.atomic():
        bound = ""
        if iin:
            bound = iin_hash(parse_iin(iin).number)
        elif level > VerificationLevel.EMAIL:
            profile = CitizenProfile.objects.filter(user=user).first()
            bound = (profile.iin_hash or "") if profile else ""
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


def identity_verify(*, actor: User, user: User, method: str, evidence: Mapping[str, str]) -> IdentityVerification:
    """Run a verifier for the person themself. Raises NotConfigured for providers not connected."""
    if actor.pk != user.pk:
        raise PermissionDenied
    verifier = verification.get_verifier(method)
    outcome = verifier.verify(user=user, evidence=evidence)
    if verifier.level > VerificationLevel.EMAIL:
        profile = CitizenProfile.objects.filter(user=user).first()
        if profile is None or not profile.iin_hash:
            from tyndau.accounts.errors import AccountsError

            raise AccountsError(_("Add your IIN to your profile before confirming your identity."))
    return identity_verification_record(
        actor=actor,
        user=user,
        method=verifier.method,
        level=verifier.level,
        reference=outcome.reference,
        iin=outcome.iin,
    )
