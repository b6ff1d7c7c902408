"""Demo accounts, one per role (password: settings.DEMO_PASSWORD). Idempotent.

Called by `manage.py seed_demo` after the authorities' reference data; the
official and the supervisor join the Almaty city akimat when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from django.conf import settings

from tyndau.accounts import selectors, services
from tyndau.accounts.models import ConsentSource, Role, User, VerificationLevel, VerificationMethod
from tyndau.authorities.models import PublicBody, Region

# A made-up IIN with a valid checksum (born 15 March 1985): demo data only.
DEMO_CITIZEN_IIN = "850315400015"
DEMO_REGION_ISO = "KZ-75"  # Almaty (city of republican significance)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    body_member: bool = False
    supervisor: bool = False
    staff: bool = False
    extra_roles: tuple[str, ...] = field(default=())


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("citizen@demo.tyndau.kz", Role.CITIZEN, "Айгерім", "Сейітова", (Role.CITIZEN,)),
    DemoAccount(
        "organisation@demo.tyndau.kz", Role.ORGANISATION, "Нұрлан", "Ахметов", (Role.ORGANISATION, Role.CITIZEN)
    ),
    DemoAccount("official@demo.tyndau.kz", Role.OFFICIAL, "Дәурен", "Омаров", (Role.OFFICIAL,), body_member=True),
    DemoAccount(
        "supervisor@demo.tyndau.kz",
        Role.SUPERVISOR,
        "Гүлнара",
        "Жұмабаева",
        (Role.OFFICIAL, Role.SUPERVISOR),
        body_member=True,
        supervisor=True,
    ),
    DemoAccount("moderator@demo.tyndau.kz", Role.MODERATOR, "Ерлан", "Қасымов", (Role.MODERATOR,)),
    DemoAccount("registrar@demo.tyndau.kz", Role.REGISTRAR, "Мадина", "Исаева", (Role.REGISTRAR,)),
    DemoAccount("auditor@demo.tyndau.kz", Role.AUDITOR, "Асқар", "Беков", (Role.AUDITOR,)),
    # The maslikhats' memberships of the places editor are added by the assemblies demo (demo_places.py).
    DemoAccount("places@demo.tyndau.kz", Role.PLACES_EDITOR, "Сәуле", "Тұрсынова", (Role.PLACES_EDITOR,)),
    DemoAccount("observer@demo.tyndau.kz", Role.OBSERVER, "Дана", "Әбенова", (Role.OBSERVER,)),
    DemoAccount("admin@demo.tyndau.kz", Role.ADMINISTRATOR, "Әлия", "Нұрланова", (Role.ADMINISTRATOR,), staff=True),
)


def almaty_akimat() -> PublicBody | None:
    bodies = PublicBody.objects.filter(kind="akimat", region__iso_code=DEMO_REGION_ISO, level="regional")
    return bodies.order_by("pk").first()


def _ensure_user(account: DemoAccount) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=account.email).first()
    if user is not None:
        return user, False
    user = services.user_create(
        actor=None,
        email=account.email,
        password=settings.DEMO_PASSWORD,
        first_name=account.first_name,
        last_name=account.last_name,
        preferred_language="kk",
        is_staff=account.staff,
        is_superuser=account.staff,
        email_verified=True,
        consent_source=ConsentSource.DEMO_SEED,
    )
    return user, True


def _seed_citizen(user: User, stdout: TextIO) -> None:
    region = Region.objects.filter(iso_code=DEMO_REGION_ISO).first()
    if region is None:
        stdout.write(f"accounts: warning — region {DEMO_REGION_ISO} not loaded; demo citizen has no region\n")
    services.profile_update(
        actor=user,
        user=user,
        iin=DEMO_CITIZEN_IIN,
        phone="+77011234567",
        address="Алматы, Абай даңғылы, 1",
        region=region,
        consent_source=ConsentSource.DEMO_SEED,
    )
    if not selectors.is_verified_citizen(user):
        services.identity_verification_record(
            actor=None,
            user=user,
            method=VerificationMethod.DEMO,
            level=VerificationLevel.DEMO,
            reference="seed_demo",
        )


def seed(stdout: TextIO) -> None:
    created = 0
    body = almaty_akimat()
    for account in DEMO_ACCOUNTS:
        user, was_created = _ensure_user(account)
        created += was_created
        for role in account.roles:
            services.role_grant(actor=None, user=user, role=role)
        if account.role == Role.CITIZEN:
            _seed_citizen(user, stdout)
        if account.body_member:
            if body is None:
                stdout.write(
                    f"accounts: warning — no Almaty city akimat ({DEMO_REGION_ISO}); {account.email} has no body. "
                    "Load the authorities' reference data first.\n"
                )
            else:
                services.membership_add(
                    actor=None,
                    user=user,
                    body=body,
                    position="Бас маман" if not account.supervisor else "Басшы",
                    is_supervisor=account.supervisor,
                )
    stdout.write(f"accounts: {created} demo account(s) created, {len(DEMO_ACCOUNTS) - created} already there\n")
