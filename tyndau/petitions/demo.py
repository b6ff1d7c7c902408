"""Demo petitions in every state, made through the services (the audit chain stays intact).

Idempotent: a petition is found by its title. Signatures are bulk-inserted (demo data only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from tyndau.accounts.models import User
from tyndau.accounts.selectors import bodies_acted_for
from tyndau.authorities.models import LegalGround, PublicBody, Region
from tyndau.core.pii import iin_hash
from tyndau.petitions import services
from tyndau.petitions.models import Petition, Signature, SignatureStatus, Status

FIRST_NAMES = ["Айгерім", "Нұрлан", "Дина", "Ерлан", "Мадина", "Асқар", "Зарина", "Бауыржан", "Анна", "Сергей"]
SURNAMES = ["Сейітова", "Ахметов", "Омарова", "Қасымов", "Исаева", "Беков", "Иванова", "Ким", "Петров", "Нұров"]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _signatures(petition: Petition, count: int, regions: list[Region], *, seed: int) -> None:
    """Bulk-insert `count` confirmed signatures spread over regions (a few shown by name)."""
    existing = Signature.objects.filter(petition=petition).count()
    if existing >= count:
        return
    now = timezone.now()
    rows = []
    for i in range(existing, count):
        n = seed * 1_000_000 + i
        weight = i % (len(regions) + 3)
        region = regions[0] if weight >= len(regions) else regions[weight]  # the home region leads
        shown = i % 7 == 0
        rows.append(
            Signature(
                petition=petition,
                iin_hash=iin_hash(f"demo-{n}"),
                status=SignatureStatus.CONFIRMED,
                confirmed_at=now - dt.timedelta(minutes=count - i),
                created_at=now - dt.timedelta(minutes=count - i),
                region=region,
                email_domain="demo.tyndau.kz",
                public_name=f"{FIRST_NAMES[i % 10]} {SURNAMES[(i // 10) % 10][0]}." if shown else "",
            )
        )
    Signature.objects.bulk_create(rows, batch_size=2000)


def _draft(title: str, creator: User, body: PublicBody, request_text: str, background: str) -> Petition:
    petition = Petition.objects.filter(title=title).first()
    if petition is None:
        petition = services.petition_create_draft(
            actor=creator, title=title, request_text=request_text, background=background, addressee=body
        )
    return petition


def _open(petition: Petition, creator: User, moderator: User) -> Petition:
    if petition.status == Status.DRAFT:
        services.petition_submit(actor=creator, petition=petition)
        petition.refresh_from_db()
    if petition.status == Status.MODERATION:
        services.petition_approve(actor=moderator, petition=petition)
        petition.refresh_from_db()
    return petition


def seed(stdout: TextIO) -> None:
    citizen = _user("citizen@demo.tyndau.kz")
    moderator = _user("moderator@demo.tyndau.kz")
    official = _user("official@demo.tyndau.kz")
    if citizen is None or moderator is None:
        stdout.write("petitions: demo accounts missing, run the accounts seed first\n")
        return
    organisation = _user("organisation@demo.tyndau.kz") or citizen
    government = PublicBody.objects.filter(kind=PublicBody.Kind.GOVERNMENT).first()
    official_body = bodies_acted_for(official).order_by("slug").first() if official else None
    regional = official_body or (
        PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, level=PublicBody.Level.REGIONAL).first()
    )
    town = (
        PublicBody.objects.filter(kind=PublicBody.Kind.AKIMAT, level=PublicBody.Level.DISTRICT, population__gte=50_000)
        .order_by("slug")
        .first()
    )
    if government is None or regional is None or town is None:
        stdout.write("petitions: reference bodies missing, run the authorities seed first\n")
        return
    regions = list(Region.objects.order_by("iso_code"))
    if regional.region_id:
        regions.sort(key=lambda r: r.pk != regional.region_id)
    grounds = {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.PETITIONS)}

    with transaction.atomic():
        # Open and listed, to the Government.
        listed = _open(
            _draft(
                "Бастауыш сыныптарда тегін ыстық тамақ беру",
                citizen,
                government,
                "Барлық мемлекеттік мектептерде 1–4 сынып оқушыларына тегін ыстық тамақ беруді енгізу.",
                "Қазір тегін тамақ тек кейбір санаттарға беріледі; ата-аналардың шығыны өсуде.",
            ),
            citizen,
            moderator,
        )
        _signatures(listed, 1_240, regions, seed=1)

        # Open, reachable by direct link only (fewer than 50 signatures).
        unlisted = _open(
            _draft(
                "Аулаларда балалар алаңдарын жөндеу",
                organisation,
                town,
                "Қаланың ескі аулаларындағы балалар алаңдарын 2027 жылы жөндеу.",
                "",
            ),
            organisation,
            moderator,
        )
        _signatures(unlisted, 12, regions, seed=2)

        # Reached its threshold: forwarded, awaiting the response (40 working days).
        forwarded = _open(
            _draft(
                "Установить светофор у школы № 45",
                citizen,
                regional,
                "Установить регулируемый пешеходный переход у школы № 45 до начала учебного года.",
                "Дети переходят шестиполосную дорогу без светофора; за год произошло три наезда.",
            ),
            citizen,
            moderator,
        )
        _signatures(forwarded, forwarded.threshold or 0, regions, seed=3)

        # Reached its threshold and answered by the body.
        answered = _open(
            _draft(
                "Продлить работу общественного транспорта до полуночи",
                organisation,
                regional,
                "Продлить работу основных автобусных маршрутов до 00:00.",
                "После 22:00 жители окраин не могут добраться домой после смены.",
            ),
            organisation,
            moderator,
        )
        _signatures(answered, answered.threshold or 0, regions, seed=4)

    # Counting (and the forwarding it triggers) runs as the periodic job would.
    services.recount_signatures(full=True)
    answered.refresh_from_db()
    if answered.status == Status.FORWARDED and official is not None:
        services.petition_respond(
            actor=official,
            petition=answered,
            outcome="partly",
            text=(
                "Маршруты № 2, 19 и 32 будут работать до 00:00 с 1 сентября. Для остальных маршрутов "
                "пассажиропоток после 22:00 не покрывает затрат; перевозчик обязан предоставить данные "
                "за полгода, после чего вопрос будет рассмотрен повторно."
            ),
            ground=grounds.get("petitions.not-competent"),
        )

    # Rejected: a banned topic (public with its ground), and a duplicate linking the original.
    banned = _draft(
        "Мемлекеттік тілді өзгерту туралы", citizen, government, "Мемлекеттік тіл туралы заңды өзгерту.", ""
    )
    if banned.status == Status.DRAFT:
        services.petition_submit(actor=citizen, petition=banned)
        ground = next((g for c, g in grounds.items() if c.startswith("petitions.banned.")), None)
        if ground is not None:
            services.petition_reject(
                actor=moderator,
                petition=banned,
                ground=ground,
                note="Бұл мәселе бойынша электрондық петиция берілмейді.",
            )
    duplicate = _draft(
        "Мектептерде тегін тамақ", organisation, government, "Бастауыш сынып оқушыларына тегін тамақ беру.", ""
    )
    if duplicate.status == Status.DRAFT and "petitions.duplicate" in grounds:
        services.petition_submit(actor=organisation, petition=duplicate)
        services.petition_reject(
            actor=moderator, petition=duplicate, ground=grounds["petitions.duplicate"], duplicate_of=listed
        )

    # In moderation, and a draft.
    waiting = _draft(
        "Велосипед жолдарын салу", citizen, town, "Орталық көшелерде бөлінген велосипед жолдарын салу.", ""
    )
    if waiting.status == Status.DRAFT:
        services.petition_submit(actor=citizen, petition=waiting)
    _draft("Саябақтағы жарықты жақсарту", citizen, town, "Саябақ жолдарына кешкі жарық орнату.", "")

    _seed_closed(citizen, moderator, town, regions)
    services.recount_signatures(full=True)
    stdout.write(f"petitions: {Petition.objects.count()} demo petitions in every state\n")


def _seed_closed(citizen: User, moderator: User, town: PublicBody, regions: list[Region]) -> None:
    """A petition whose collection period ended without the threshold (approved 7 months ago)."""
    title = "Қалалық бассейнді қайта ашу"
    if Petition.objects.filter(title=title).exists():
        return
    try:
        import time_machine
    except ImportError:  # production installs without dev tools: skip this one
        return
    past: Any = timezone.now() - dt.timedelta(days=215)
    with time_machine.travel(past, tick=True):
        petition = _open(
            _draft(title, citizen, town, "Жабылған қалалық бассейнді жөндеп, қайта ашу.", ""), citizen, moderator
        )
    _signatures(petition, 140, regions, seed=5)
    services.close_expired_petitions()
