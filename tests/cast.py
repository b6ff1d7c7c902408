"""Test helpers shared by every app: the cast of actors and the bodies they serve.

Test code, so it lives under tests/ (the root conftest.py's `cast` fixture, every app's tests and the
quality harness use the same people); the product package `tyndau.core` depends on no domain app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tyndau.accounts.models import Membership, Role, RoleGrant, User
from tyndau.authorities.models import PublicBody, Region

PASSWORD = "correct-horse-battery-staple"  # the test cast's shared password, never a real one


@dataclass
class Cast:
    citizen: User
    other_citizen: User
    organisation: User
    official_a: User
    official_b: User
    supervisor_a: User
    moderator: User
    registrar: User
    auditor: User
    admin: User
    body_a: PublicBody
    body_b: PublicBody
    higher_body: PublicBody
    region: Region
    # The registering body of public associations (a justice department) the registrar acts for.
    justice: PublicBody
    # Not in `roles()` (the access matrix): the harness derives its expectations from each view's policy.
    observer: User | None = None

    def roles(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "citizen": self.citizen,
            "other_citizen": self.other_citizen,
            "organisation": self.organisation,
            "official_a": self.official_a,
            "official_b": self.official_b,
            "supervisor_a": self.supervisor_a,
            "moderator": self.moderator,
            "registrar": self.registrar,
            "auditor": self.auditor,
            "admin": self.admin,
        }


def make_user(email: str, *roles: str, **extra: Any) -> User:
    from django.utils import timezone

    user = User.objects.create_user(email, PASSWORD, email_verified_at=timezone.now(), **extra)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


def _body(slug: str, level: str, region: Region, higher: PublicBody | None, *names: str) -> PublicBody:
    name_kk, name_ru, name_en = names
    body, _ = PublicBody.objects.get_or_create(
        slug=slug,
        defaults={
            "kind": PublicBody.Kind.AKIMAT,
            "level": level,
            "region": region,
            "higher_body": higher,
            "name_kk": name_kk,
            "name_ru": name_ru,
            "name_en": name_en,
        },
    )
    return body


def make_cast() -> Cast:
    region, _ = Region.objects.get_or_create(
        iso_code="KZ-71",
        defaults={
            "kato_code": "710000000",
            "kind": Region.Kind.CITY,
            "name_kk": "Астана қаласы",
            "name_ru": "г. Астана",
            "name_en": "Astana",
            "population": 1_500_000,
        },
    )
    level = PublicBody.Level
    higher = _body("test-higher", level.REGIONAL, region, None, "Жоғары орган", "Вышестоящий орган", "Higher body")
    body_a = _body("test-body-a", level.DISTRICT, region, higher, "А органы", "Орган А", "Body A")
    body_b = _body("test-body-b", level.DISTRICT, region, higher, "Б органы", "Орган Б", "Body B")
    official_a = make_user("official.a@example.kz", Role.OFFICIAL, first_name="Асан", last_name="Официалов")
    Membership.objects.create(user=official_a, body=body_a, position="Specialist")
    supervisor_a = make_user("head.a@example.kz", Role.OFFICIAL, Role.SUPERVISOR)
    Membership.objects.create(user=supervisor_a, body=body_a, position="Head", is_supervisor=True)
    official_b = make_user("official.b@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=official_b, body=body_b, position="Specialist")
    admin = make_user("admin@example.kz", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    justice, _ = PublicBody.objects.get_or_create(
        slug="test-justice",
        defaults={
            "kind": PublicBody.Kind.JUSTICE,
            "level": level.REGIONAL,
            "region": region,
            "name_kk": "Әділет департаменті",
            "name_ru": "Департамент юстиции",
            "name_en": "Department of Justice",
        },
    )
    cast = Cast(
        citizen=make_user("citizen@example.kz", Role.CITIZEN, first_name="Айгүл", last_name="Серікова"),
        other_citizen=make_user("other@example.kz", Role.CITIZEN, first_name="Болат", last_name="Нұров"),
        organisation=make_user("org@example.kz", Role.ORGANISATION, Role.CITIZEN),
        official_a=official_a,
        official_b=official_b,
        supervisor_a=supervisor_a,
        moderator=make_user("moderator@example.kz", Role.MODERATOR),
        registrar=make_user("registrar@example.kz", Role.REGISTRAR),
        auditor=make_user("auditor@example.kz", Role.AUDITOR),
        admin=admin,
        body_a=body_a,
        body_b=body_b,
        higher_body=higher,
        region=region,
        justice=justice,
        observer=make_user("observer@example.kz", Role.OBSERVER, first_name="Дана", last_name="Бақылаушы"),
    )
    Membership.objects.create(user=cast.registrar, body=justice, position="Registrar")
    return cast
