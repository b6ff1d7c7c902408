"""JSON API of the accounts app, mounted at /api/v1/accounts/.

GET /me — the signed-in person's own data (session auth). The IIN is masked;
nothing about any other person is ever returned here.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from tyndau.accounts import selectors
from tyndau.accounts.models import User

router = Router(tags=["accounts"])


class ProfileOut(Schema):
    iin_masked: str
    phone: str
    region: str | None
    is_verified_citizen: bool


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    patronymic: str
    preferred_language: str
    email_verified: bool
    roles: list[str]
    profile: ProfileOut | None


@router.get("/me", response=MeOut, auth=django_auth, summary="The signed-in person's own account")
def me(request: HttpRequest) -> MeOut:
    user: User = request.auth  # type: ignore[attr-defined]
    profile = selectors.citizen_profile_of(user)
    profile_out = None
    if profile is not None:
        profile_out = ProfileOut(
            iin_masked=profile.iin_masked,
            phone=profile.phone,
            region=profile.region.iso_code if profile.region else None,
            is_verified_citizen=selectors.is_verified_citizen(user),
        )
    return MeOut(
        id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        patronymic=user.patronymic,
        preferred_language=user.preferred_language,
        email_verified=user.email_verified_at is not None,
        roles=sorted(user.get_role_codes()),
        profile=profile_out,
    )
