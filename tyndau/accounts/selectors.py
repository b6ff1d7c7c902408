"""Reads about people: roles, citizenship verification, officials' bodies.

Other apps use these instead of querying accounts models directly:
`is_verified_citizen(user)` (petition signing), `bodies_of(user)`,
`is_member(user, body)`, `is_supervisor_of(user, body)` (officials' object checks).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tyndau.accounts.models import CitizenProfile, IdentityVerification, Membership, User, VerificationLevel
from tyndau.authorities.models import PublicBody


def _is_person(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def citizen_profile_of(user: Any) -> CitizenProfile | None:
    if not _is_person(user):
        return None
    return CitizenProfile.objects.select_related("region").filter(user=user).first()


def verification_level_of(user: Any) -> int:
    """The highest level of an unrevoked verification that still matches the profile's IIN (0 if none).

    EMAIL-level verifications concern the mailbox, not the IIN, so they always count."""
    if not _is_person(user):
        return 0
    profile = CitizenProfile.objects.filter(user=user).only("iin_hash").first()
    iin_hash = profile.iin_hash if profile else None
    levels = IdentityVerification.objects.filter(user=user, revoked_at__isnull=True).values_list("level", "iin_hash")
    best = 0
    for level, bound_hash in levels:
        if level <= VerificationLevel.EMAIL or (iin_hash and bound_hash == iin_hash):
            best = max(best, level)
    return best


def is_verified_citizen(user: Any) -> bool:
    """A valid IIN on the profile and an identity verification of level >= DEMO bound to it.

    Petitions use this for one-step signing: only verified citizens sign, once each."""
    if not _is_person(user):
        return False
    profile = CitizenProfile.objects.filter(user=user).only("iin_hash").first()
    if profile is None or not profile.iin_hash:
        return False
    return IdentityVerification.objects.filter(
        user=user, revoked_at__isnull=True, level__gte=VerificationLevel.DEMO, iin_hash=profile.iin_hash
    ).exists()


def bodies_of(user: Any) -> QuerySet[PublicBody]:
    """The active public bodies in which `user` holds an active membership."""
    if not _is_person(user):
        return PublicBody.objects.none()
    return PublicBody.objects.filter(is_active=True, memberships__user=user, memberships__is_active=True).distinct()


def is_member(user: Any, body: PublicBody | int) -> bool:
    if not _is_person(user):
        return False
    body_id = body if isinstance(body, int) else body.pk
    return Membership.objects.filter(user=user, body_id=body_id, is_active=True, body__is_active=True).exists()


def is_supervisor_of(user: Any, body: PublicBody | int) -> bool:
    """Head or deputy of `body` (may extend deadlines, APPK art. 76)."""
    if not _is_person(user):
        return False
    body_id = body if isinstance(body, int) else body.pk
    return Membership.objects.filter(
        user=user, body_id=body_id, is_active=True, is_supervisor=True, body__is_active=True
    ).exists()


def memberships_of(user: Any) -> QuerySet[Membership]:
    if not _is_person(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True).select_related("body").order_by("body__slug")


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()
