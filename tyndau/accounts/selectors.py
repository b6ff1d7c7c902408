"""Reads about people: roles, citizenship verification, officials' bodies.

Other apps use these instead of querying accounts models directly:
`is_verified_citizen(user)` (petition signing), and the one predicate for officials:
`acts_for_body(user, body, supervisor=False)`, with `bodies_acted_for(user)` and `officials_of(body)` the
same rule as querysets. Nothing outside this module queries memberships (tests/test_architecture.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tyndau.accounts.models import CitizenProfile, IdentityVerification, Membership, User, VerificationLevel
from tyndau.authorities.models import PublicBody
from tyndau.core.compiled import ID_MARKERS, CompiledExists, CompiledLookup


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


def _body_ids(body: PublicBody | int | Iterable[PublicBody | int]) -> list[int]:
    if isinstance(body, (PublicBody, int)):
        body = [body]
    return [b if isinstance(b, int) else b.pk for b in body if b is not None]


def _acting_memberships(*, supervisor: bool) -> QuerySet[Membership]:
    """The memberships that let a person act: active, in an active body (and the head's or a deputy's)."""
    qs = Membership.objects.filter(is_active=True, body__is_active=True)
    return qs.filter(is_supervisor=True) if supervisor else qs


def acts_for_body(user: Any, body: PublicBody | int | Iterable[PublicBody | int], *, supervisor: bool = False) -> bool:
    """THE rule for who may act for a public body; every app asks this and nothing else.

    True when `user` is a signed-in, active person holding an active membership in `body` (or in any of
    several bodies), and that body is itself active: an abolished body acts for no one, and its cases
    are forwarded by the body that takes them over. `supervisor=True` also requires the head or a deputy
    (APPK art. 76: only they may extend a deadline)."""
    if not _is_person(user):
        return False
    ids = _body_ids(body)
    if not ids:
        return False
    if len(ids) == 1:  # the usual question, asked on most pages: its SQL is compiled once per process
        return (_acts_for_one_as_supervisor if supervisor else _acts_for_one)(user.pk, ids[0])
    return _acting_memberships(supervisor=supervisor).filter(user=user, body_id__in=ids).exists()


_acts_for_one = CompiledExists(
    Membership,
    lambda user_id, body_id: _acting_memberships(supervisor=False).filter(user_id=user_id, body_id=body_id),
    markers=ID_MARKERS,
)
_acts_for_one_as_supervisor = CompiledExists(
    Membership,
    lambda user_id, body_id: _acting_memberships(supervisor=True).filter(user_id=user_id, body_id=body_id),
    markers=ID_MARKERS,
)


def bodies_acted_for(user: Any, *, supervisor: bool = False) -> QuerySet[PublicBody]:
    """The bodies for which `acts_for_body(user, body)` holds (the same rule, as a queryset)."""
    if not _is_person(user):
        return PublicBody.objects.none()
    return PublicBody.objects.filter(
        pk__in=_acting_memberships(supervisor=supervisor).filter(user=user).values("body_id")
    )


def acting_bodies_list(user: Any) -> list[PublicBody]:
    """`bodies_acted_for(user)` as a list, by a statement compiled once per process (every official page)."""
    return _acting_bodies(user.pk) if _is_person(user) else []


_acting_bodies = CompiledLookup(
    PublicBody,
    lambda user_id: PublicBody.objects.filter(
        pk__in=_acting_memberships(supervisor=False).filter(user_id=user_id).values("body_id")
    ),
    markers=ID_MARKERS[:1],
)


def officials_of(body: PublicBody | int, *, supervisor: bool = False) -> QuerySet[User]:
    """The people for whom `acts_for_body(person, body)` holds (the same rule, as a queryset of users)."""
    members = _acting_memberships(supervisor=supervisor).filter(body_id__in=_body_ids(body))
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by("pk")


def memberships_of(user: Any) -> QuerySet[Membership]:
    if not _is_person(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True).select_related("body").order_by("body__slug")


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def verified_holder_of_iin(iin_hash: str) -> User | None:
    """The account whose verified identity holds this IIN (at most one: `uniq_verified_iin`), if any."""
    if not iin_hash:
        return None
    return User.objects.filter(
        citizen_profile__iin_hash=iin_hash, citizen_profile__iin_verified_at__isnull=False
    ).first()
