"""Demo data of the maslikhats' register of specialised places (Almaty, Astana, Shymkent), each entered
through the services by a demo editor, with versions: one place shrunk, one enlarged, two removed.
Decision numbers are marked "демо": they are not real decisions. Idempotent (fixed keys)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, TextIO

from django.conf import settings

from tyndau.accounts import services as accounts
from tyndau.accounts.models import ConsentSource, Role
from tyndau.accounts.selectors import user_by_email
from tyndau.assemblies import services
from tyndau.assemblies.models import PlaceVersion, SpecialisedPlace
from tyndau.authorities.models import PublicBody

NAMESPACE = uuid.UUID("7d1c4e0a-5b2f-4f8e-9a61-0c3d2e4f5a6b")
EDITOR_EMAIL = "places@demo.tyndau.kz"
MASLIKHATS = ("almaty-maslikhat", "astana-maslikhat", "shymkent-maslikhat")

T = dt.time

# key, maslikhat, kk, ru, address, lat, lon, capacity, hours, decision (number, date), then: list of later
# decisions (kind "shrink"/"enlarge" with the new capacity, or "remove").
PLACES: list[tuple[str, str, str, str, str, str, str, int, tuple[dt.time, dt.time], tuple[str, dt.date], list[Any]]] = [
    (
        "almaty-republic",
        "almaty-maslikhat",
        "Республика сарайы алдындағы алаң",
        "Площадь у Дворца Республики",
        "Алматы, проспект Достык, 56",
        "43.233700",
        "76.956600",
        500,
        (T(10), T(20)),
        ("демо-12/45-VII", dt.date(2024, 3, 15)),
        [("shrink", 300, "демо-18/102-VIII", dt.date(2025, 6, 10))],
    ),
    (
        "almaty-park",
        "almaty-maslikhat",
        "Тұңғыш Президент паркі, арнайы алаң",
        "Парк Первого Президента, специализированная площадка",
        "Алматы, проспект Аль-Фараби, парк Первого Президента",
        "43.187000",
        "76.883000",
        1000,
        (T(9), T(20)),
        ("демо-12/45-VII", dt.date(2024, 3, 15)),
        [],
    ),
    (
        "almaty-stadium",
        "almaty-maslikhat",
        "Орталық стадион жанындағы сквер",
        "Сквер у Центрального стадиона",
        "Алматы, улица Сатпаева, 29/3",
        "43.236200",
        "76.925700",
        200,
        (T(10), T(19)),
        ("демо-12/45-VII", dt.date(2024, 3, 15)),
        [("remove", 0, "демо-21/140-VIII", dt.date(2025, 11, 20))],
    ),
    (
        "astana-zhetysu",
        "astana-maslikhat",
        "«Жетісу» паркі, арнайы алаң",
        "Парк «Жетысу», специализированная площадка",
        "Астана, улица Кенесары, парк «Жетысу»",
        "51.165000",
        "71.437000",
        300,
        (T(9), T(20)),
        ("демо-5/31-VIII", dt.date(2024, 5, 30)),
        [],
    ),
    (
        "astana-congress",
        "astana-maslikhat",
        "Конгресс-холл жанындағы сквер",
        "Сквер у Конгресс-холла",
        "Астана, проспект Республики, сквер у Конгресс-холла",
        "51.134000",
        "71.404000",
        200,
        (T(10), T(18)),
        ("демо-5/31-VIII", dt.date(2024, 5, 30)),
        [("remove", 0, "демо-9/77-VIII", dt.date(2025, 9, 12))],
    ),
    (
        "shymkent-independence",
        "shymkent-maslikhat",
        "Тәуелсіздік паркі, арнайы алаң",
        "Парк Независимости, специализированная площадка",
        "Шымкент, проспект Тауке хана, парк Независимости",
        "42.320000",
        "69.590000",
        400,
        (T(9), T(20)),
        ("демо-14/88-VII", dt.date(2024, 4, 25)),
        [("enlarge", 600, "демо-30/210-VIII", dt.date(2025, 10, 2))],
    ),
]


def _editor(bodies: list[PublicBody]) -> Any:
    user = user_by_email(EDITOR_EMAIL)
    if user is None:
        user = accounts.user_create(
            actor=None,
            email=EDITOR_EMAIL,
            password=settings.DEMO_PASSWORD,
            first_name="Сәуле",
            last_name="Тұрсынова",
            email_verified=True,
            consent_source=ConsentSource.DEMO_SEED,
        )
    accounts.role_grant(actor=None, user=user, role=Role.PLACES_EDITOR)
    for body in bodies:
        accounts.membership_add(actor=None, user=user, body=body, position="Маслихат аппаратының маманы")
    return user


def seed(stdout: TextIO) -> dict[str, SpecialisedPlace]:
    bodies = {b.slug: b for b in PublicBody.objects.filter(slug__in=MASLIKHATS, kind=PublicBody.Kind.MASLIHAT)}
    if not bodies:
        stdout.write("assemblies: no maslikhats in the reference data; demo places skipped\n")
        return {}
    editor = _editor(list(bodies.values()))
    made: dict[str, SpecialisedPlace] = {}
    created = 0
    for key, slug, kk, ru, address, lat, lon, capacity, hours, decision, later in PLACES:
        body = bodies.get(slug)
        if body is None:
            continue
        place_key = uuid.uuid5(NAMESPACE, key)
        existing = SpecialisedPlace.objects.filter(key=place_key).first()
        if existing is not None:
            made[key] = existing
            continue
        data = services.PlaceData(
            name_kk=kk,
            name_ru=ru,
            public_address=address,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            capacity=capacity,
            hours_from=hours[0],
            hours_until=hours[1],
        )
        place = services.place_create(
            actor=editor,
            maslikhat=body,
            data=data,
            decision=services.DecisionRef(number=decision[0], date=decision[1]),
            key=place_key,
        )
        created += 1
        for kind, new_capacity, number, day in later:
            ref = services.DecisionRef(number=number, date=day)
            if kind == "remove":
                services.place_remove(actor=editor, place=place, decision=ref)
            else:
                changed = services.PlaceData(**{**data.__dict__, "capacity": new_capacity})
                services.place_change(actor=editor, place=place, data=changed, decision=ref)
        made[key] = place
    versions = PlaceVersion.objects.count()
    stdout.write(f"assemblies: {created} demo specialised place(s) created ({versions} version(s) in all)\n")
    return made
