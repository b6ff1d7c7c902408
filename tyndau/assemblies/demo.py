"""Demo peaceful assemblies at the Almaty, Astana and Shymkent city akimats, in every state, made through
the services. Idempotent: each request has a fixed idempotency key, so a second run finds it and changes
nothing. The Almaty akimat's official is the demo official (accounts.demo); Astana and Shymkent get a demo
official of their own (not a login in the README: they exist so those akimats can reply)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, TextIO

from django.utils import timezone

from tyndau.accounts.demo import almaty_akimat
from tyndau.accounts.selectors import officials_of, user_by_email
from tyndau.assemblies import demo_places, services
from tyndau.assemblies.models import Assembly
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import KZ_TZ, local_today

NAMESPACE = uuid.UUID("2b9f6c1e-8d4a-4c3e-9f57-3a1e6d0c4b22")

# key, organiser e-mail, form, purpose, place, days from today (event), days ago received, then
DEMO: list[tuple[str, str, str, str, str, int, int, str]] = [
    ("air", "citizen", "rally", "За чистый воздух в Алматы", "Площадь у Дворца Республики", 20, 1, ""),
    (
        "trees",
        "citizen",
        "picket",
        "Сохранить деревья на проспекте Абая",
        "Проспект Абая, сквер у КБТУ",
        18,
        2,
        "accept",
    ),
    (
        "bikes",
        "organisation",
        "march",
        "Велодорожки в каждом районе",
        "От площади Астана до парка Горького",
        30,
        3,
        "conditions",
    ),
    ("park", "citizen", "meeting", "Судьба парка «Сайран»", "Берег озера Сайран", 16, 2, "propose"),
    ("park2", "organisation", "rally", "Общественные слушания по застройке", "Старая площадь", 17, 3, "propose_accept"),
    (
        "roads",
        "citizen",
        "picket",
        "Ремонт дорог в микрорайонах",
        "У здания акимата Ауэзовского района",
        19,
        4,
        "propose_decline",
    ),
    ("fees", "citizen", "rally", "Против повышения тарифов", "Площадь Республики", 15, 2, "refuse"),
    (
        "market",
        "organisation",
        "meeting",
        "Права предпринимателей рынка",
        "Парк имени 28 гвардейцев-панфиловцев",
        25,
        3,
        "withdraw",
    ),
    (
        "school",
        "citizen",
        "picket",
        "Новая школа в Алатауском районе",
        "У здания управления образования",
        -2,
        14,
        "silence",
    ),
    ("lake", "citizen", "rally", "Защитим Большое Алматинское озеро", "Площадь у Дворца Республики", -20, 40, "held"),
    ("bus", "citizen", "meeting", "Маршруты автобусов", "Сквер у ЦУМа", -25, 45, "not_held"),
    ("hall", "organisation", "rally", "Против сноса исторических зданий", "Старая площадь", -30, 50, "stopped"),
]


# The same life cycles in two more cities, so that the per-akimat figures compare akimats. {city} is the
# city's name in Russian.
OTHER_CITIES: list[tuple[str, str, str]] = [("KZ-71", "astana", "Астана"), ("KZ-79", "shymkent", "Шымкент")]
CITY_DEMO: list[tuple[str, str, str, str, str, int, int, str]] = [
    ("transport", "citizen", "rally", "Общественный транспорт в {city}", "Центральная площадь", 20, 1, ""),
    ("yards", "citizen", "picket", "Благоустройство дворов", "У здания акимата города", 18, 2, "accept"),
    (
        "cycle",
        "organisation",
        "march",
        "Велосипедный {city}",
        "От центрального парка до набережной",
        30,
        3,
        "conditions",
    ),
    ("square", "citizen", "meeting", "Судьба городского сквера", "Городской сквер", 16, 2, "propose"),
    (
        "hearing",
        "organisation",
        "rally",
        "Общественные слушания по генплану",
        "Площадь у акимата",
        17,
        3,
        "propose_accept",
    ),
    ("lights", "citizen", "picket", "Освещение улиц на окраинах", "У здания акимата района", 19, 4, "propose_decline"),
    ("tariff", "citizen", "rally", "Против повышения тарифов в {city}", "Центральная площадь", 15, 2, "refuse"),
    ("traders", "organisation", "meeting", "Права предпринимателей", "Городской парк", 25, 3, "withdraw"),
    ("clinic", "citizen", "picket", "Новая поликлиника", "У здания управления здравоохранения", -2, 14, "silence"),
    ("river", "citizen", "rally", "Чистая река для {city}", "Набережная", -20, 40, "held"),
    ("buses", "citizen", "meeting", "Новые автобусные маршруты", "Сквер у вокзала", -25, 45, "not_held"),
    ("heritage", "organisation", "rally", "Сохраним исторический центр", "Старая площадь", -30, 50, "stopped"),
]


def _city_official(region_iso: str, key: str) -> tuple[Any, Any]:
    """The city akimat of `region_iso` and a demo official acting for it (made once)."""
    from django.conf import settings

    from tyndau.accounts import services as accounts
    from tyndau.accounts.models import ConsentSource, Role
    from tyndau.authorities.models import PublicBody

    akimat = (
        PublicBody.objects.filter(kind="akimat", region__iso_code=region_iso, level="regional").order_by("pk").first()
    )
    if akimat is None:
        return None, None
    email = f"official.{key}@demo.tyndau.kz"
    official = user_by_email(email)
    if official is None:
        official = accounts.user_create(
            actor=None,
            email=email,
            password=settings.DEMO_PASSWORD,
            first_name="Демо",
            last_name="Специалист",
            email_verified=True,
            consent_source=ConsentSource.DEMO_SEED,
        )
        accounts.role_grant(actor=None, user=official, role=Role.OFFICIAL)
        accounts.membership_add(actor=None, user=official, body=akimat, position="Главный специалист")
    return akimat, official


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=KZ_TZ)


# A made-up BIN with a valid checksum (registered April 2019, resident legal entity): demo data only.
DEMO_BIN = "190440001237"

# At the maslikhat's specialised places and on a route (issue #12): key, form, purpose, place key or
# None for a route, days from today, days ago received, expected participants.
AT_PLACES: list[tuple[str, str, str, str | None, int, int, int]] = [
    ("place-over", "rally", "За доступное жильё", "almaty-republic", 21, 1, 450),
    ("place-park", "meeting", "Встреча жителей о благоустройстве", "almaty-park", 22, 1, 120),
    ("route-march", "march", "Марш за чистые реки", None, 35, 2, 800),
]
ROUTE = [
    (Decimal("43.238900"), Decimal("76.889700")),
    (Decimal("43.240500"), Decimal("76.906000")),
    (Decimal("43.241200"), Decimal("76.921500")),
]


def seed(stdout: TextIO) -> None:
    places = demo_places.seed(stdout)
    akimat = almaty_akimat()
    official = officials_of(akimat).filter(email="official@demo.tyndau.kz").first() if akimat else None
    if akimat is None or official is None:
        stdout.write("assemblies: no Almaty city akimat or its demo official; skipped\n")
        return
    grounds = {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES)}
    created = 0
    today = local_today()
    for key, who, form, purpose, place, in_days, ago, then in DEMO:
        organiser = user_by_email(f"{who}@demo.tyndau.kz")
        if organiser is None:
            continue
        idem = uuid.uuid5(NAMESPACE, key)
        if Assembly.objects.filter(idempotency_key=idem).exists():
            continue
        day = today + dt.timedelta(days=in_days)
        assembly = services.assembly_notify(
            actor=organiser,
            idempotency_key=idem,
            form=form,
            akimat=akimat,
            purpose=purpose,
            place_description=place,
            starts_at=_at(day, 12),
            ends_at=_at(day, 14),
            expected_participants=150,
            means=["sound"] if form == "rally" else [],
            steward_name="Демо Распорядитель",
            steward_phone="+77000000000",
            organisation_name="ОО «Зелёный город»" if who == "organisation" else "",
            organisation_bin=DEMO_BIN if who == "organisation" else "",
            language="ru",
            received_at=timezone.now() - dt.timedelta(days=ago),
        )
        created += 1
        _advance(assembly, then, official, organiser, grounds, day)
    created += _seed_at_places(akimat, places, today)
    for region_iso, city_key, city in OTHER_CITIES:
        city_akimat, city_official = _city_official(region_iso, city_key)
        if city_akimat is not None:
            created += _seed_city(city_akimat, city_official, city_key, city, grounds, today)
    stdout.write(f"assemblies: {created} demo request(s) created\n")


def _seed_city(akimat: Any, official: Any, city_key: str, city: str, grounds: dict[str, Any], today: dt.date) -> int:
    created = 0
    for key, who, form, purpose, place, in_days, ago, then in CITY_DEMO:
        organiser = user_by_email(f"{who}@demo.tyndau.kz")
        idem = uuid.uuid5(NAMESPACE, f"{city_key}-{key}")
        if organiser is None or Assembly.objects.filter(idempotency_key=idem).exists():
            continue
        day = today + dt.timedelta(days=in_days)
        assembly = services.assembly_notify(
            actor=organiser,
            idempotency_key=idem,
            form=form,
            akimat=akimat,
            purpose=purpose.format(city=city),
            place_description=place,
            starts_at=_at(day, 12),
            ends_at=_at(day, 14),
            expected_participants=80,
            means=[],
            steward_name="Демо Распорядитель",
            steward_phone="+77000000000",
            organisation_name="ОО «Зелёный город»" if who == "organisation" else "",
            organisation_bin=DEMO_BIN if who == "organisation" else "",
            language="ru",
            received_at=timezone.now() - dt.timedelta(days=ago),
        )
        created += 1
        _advance(assembly, then, official, organiser, grounds, day)
    return created


def _seed_at_places(akimat: Any, places: dict[str, Any], today: dt.date) -> int:
    organiser = user_by_email("citizen@demo.tyndau.kz")
    if organiser is None:
        return 0
    created = 0
    for key, form, purpose, place_key, in_days, ago, expected in AT_PLACES:
        idem = uuid.uuid5(NAMESPACE, key)
        place = places.get(place_key) if place_key else None
        if Assembly.objects.filter(idempotency_key=idem).exists() or (place_key and place is None):
            continue
        day = today + dt.timedelta(days=in_days)
        services.assembly_notify(
            actor=organiser,
            idempotency_key=idem,
            form=form,
            akimat=akimat,
            purpose=purpose,
            place_description="" if place else "От площади Астана по улице Толе би до площади Республики",
            place=place,
            route=ROUTE if place is None else [],
            over_capacity_confirmed=True,
            starts_at=_at(day, 12),
            ends_at=_at(day, 14),
            expected_participants=expected,
            steward_name="Демо Распорядитель",
            steward_phone="+77000000000",
            language="ru",
            received_at=timezone.now() - dt.timedelta(days=ago),
        )
        created += 1
    return created


def _advance(a: Assembly, then: str, official: Any, organiser: Any, grounds: dict[str, Any], day: dt.date) -> None:
    if then == "accept":
        services.assembly_accept(actor=official, assembly=a)
    elif then == "conditions":
        services.assembly_accept_with_conditions(
            actor=official, assembly=a, conditions=["no_vehicles"], reasons="Маршрут проходит по узким улицам."
        )
    elif then.startswith("propose"):
        services.assembly_propose_alternative(
            actor=official,
            assembly=a,
            place_description="Парк Первого Президента, специализированная площадка",
            starts_at=_at(day, 15),
            ends_at=_at(day, 17),
            reasons="На заявленной площади в это время проводится другое мероприятие.",
        )
        if then == "propose_accept":
            services.alternative_accept(actor=organiser, assembly=a)
        elif then == "propose_decline":
            services.alternative_decline(actor=organiser, assembly=a)
    elif then == "refuse":
        a = services.assembly_refuse(
            actor=official,
            assembly=a,
            grounds=[grounds["assemblies.incomplete-information"]],
            reasons="В уведомлении не указано предполагаемое число участников по каждой точке.",
        )
        # The organiser challenges the refusal before the date (the higher body's queue has one row).
        if services.challenge_obstacle(a) is None:
            services.challenge_file(
                actor=organiser,
                assembly=a,
                text="Число участников указано в разделе «Ожидаемое число участников»; отказ необоснован.",
                idempotency_key=uuid.uuid5(NAMESPACE, f"challenge-{a.idempotency_key}"),
            )
    elif then == "withdraw":
        services.assembly_withdraw(actor=organiser, assembly=a)
    elif then == "silence":
        services.assembly_deem_silent(assembly=a)
    elif then in ("held", "not_held", "stopped"):
        services.assembly_accept(actor=official, assembly=a)
        stopped = then == "stopped"
        services.assembly_record_outcome(
            actor=official if stopped else organiser,
            assembly=a,
            outcome=then,
            note="Число участников превысило предельную заполняемость, возникла реальная угроза." if stopped else "",
            grounds=[grounds["assemblies.occupancy-exceeded"]] if stopped else [],
        )
        _observe(a, then)


def _observe(a: Assembly, then: str) -> None:
    """The demo accredited observer's report beside the official record of a past event."""
    observer = user_by_email("observer@demo.tyndau.kz")
    if observer is None or not services.is_observer(observer):
        return
    services.observer_report_submit(
        actor=observer,
        assembly=a,
        held={"held": "held", "not_held": "not_held", "stopped": "dispersed"}[then],
        interventions=then == "stopped",
        detentions_reported=3 if then == "stopped" else 0,
        notes={
            "held": "Собрание прошло спокойно, вмешательства не было.",
            "not_held": "В назначенное время участники не собрались.",
            "stopped": "Полиция потребовала разойтись через 40 минут после начала; три участника доставлены в отдел.",
        }[then],
    )
