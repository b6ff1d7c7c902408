"""Demo appeals in the Almaty city akimat, in every state, made through the services. Idempotent:
each appeal has a fixed idempotency key, so a second run finds it and changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from decimal import Decimal
from typing import Any, TextIO

from django.utils import timezone

from tyndau.accounts.models import User
from tyndau.appeals import selectors, services
from tyndau.appeals.models import Appeal, HistoricalAppeal, Status
from tyndau.authorities.models import Category, LegalGround, PublicBody
from tyndau.authorities.selectors import competent_body
from tyndau.core.calendar import local_today

NAMESPACE = uuid.UUID("6f1d8a3e-4a57-4b8e-9a7e-0c2d7d0a1b11")

DEMO = [
    # key, kind, category, subject, text, days ago, public, needs, then
    (
        "pothole",
        "application",
        "roads",
        "Яма на дороге у школы № 12",
        "На улице Жандосова у школы № 12 уже месяц глубокая яма, дети обходят её по проезжей части.",
        1,
        True,
        [],
        None,
    ),
    (
        "ramp",
        "application",
        "disability",
        "Пандус в поликлинику",
        "В поликлинике нашего района нет пандуса, на коляске попасть внутрь невозможно.",
        3,
        True,
        ["disability"],
        "assign",
    ),
    (
        "lights",
        "report",
        "landscaping",
        "Не горят фонари во дворе",
        "Во дворе дома по улице Абая фонари не горят с начала зимы, вечером темно и опасно.",
        12,
        True,
        [],
        "answer_satisfied",
    ),
    (
        "housing",
        "application",
        "housing",
        "Очередь на жильё для многодетной семьи",
        "Мы многодетная семья, стоим в очереди на жильё шесть лет. Просим сообщить номер в очереди.",
        14,
        True,
        ["large_family"],
        "answer_refused",
    ),
    (
        "bus",
        "proposal",
        "public-transport",
        "Продлить маршрут автобуса 92",
        "Предлагаю продлить маршрут 92 до нового микрорайона: жители ходят пешком два километра.",
        30,
        True,
        [],
        None,
    ),
    (
        "water",
        "application",
        "utilities",
        "Нет горячей воды третью неделю",
        "В нашем доме нет горячей воды уже третью неделю, управляющая компания не отвечает.",
        45,
        True,
        [],
        "deem_and_complain",
    ),
    (
        "school",
        "request",
        "education",
        "Запрос о наборе в первый класс",
        "Прошу сообщить, сколько мест в первых классах школы № 54 на следующий учебный год.",
        5,
        False,
        [],
        "forward",
    ),
    (
        "benefit",
        "application",
        "social-benefits",
        "Пособие по уходу",
        "Прошу пересчитать пособие по уходу за ребёнком с инвалидностью.",
        6,
        False,
        ["disability"],
        "request_info",
    ),
    (
        "park",
        "feedback",
        "environment",
        "Вырубка деревьев в сквере",
        "В сквере на улице Толе би вырубают здоровые деревья. Просим проверить разрешение.",
        10,
        True,
        [],
        "extend",
    ),
]


# Points in Almaty for the demo appeals that concern a place (the map, the register, "nearby").
POINTS = {
    "pothole": ("43.238293", "76.945465"),
    "ramp": ("43.256670", "76.928610"),
    "lights": ("43.229500", "76.906800"),
    "bus": ("43.261900", "76.953300"),
    "water": ("43.215600", "76.851200"),
    "school": ("43.246000", "76.879000"),
    "park": ("43.240400", "76.917500"),
}


def seed(stdout: TextIO) -> None:
    citizen = User.objects.filter(email="citizen@demo.tyndau.kz").first()
    official = User.objects.filter(email="official@demo.tyndau.kz").first()
    supervisor = User.objects.filter(email="supervisor@demo.tyndau.kz").first()
    akimat = PublicBody.objects.filter(slug="almaty-akimat").first()
    if not (citizen and official and supervisor and akimat):
        stdout.write("appeals: demo accounts or the Almaty akimat are missing; skipped\n")
        return
    _higher_body_official(akimat)
    created = 0
    for key, kind, category_slug, subject, text, days_ago, public, needs, then in DEMO:
        category = Category.objects.filter(slug=category_slug).first()
        if category is None or akimat.region is None:
            continue
        idem = uuid.uuid5(NAMESPACE, key)
        if Appeal.objects.filter(idempotency_key=idem).exists():
            continue
        received = timezone.now() - dt.timedelta(days=days_ago)
        extra: dict[str, Any] = {}
        if key == "lights":
            extra["files"] = [_photo()]
        if key in POINTS:
            extra["latitude"], extra["longitude"] = (Decimal(v) for v in POINTS[key])
        if key == "park":
            extra["cosigner_emails"] = ["neighbour1@demo.tyndau.kz", "neighbour2@demo.tyndau.kz"]
        appeal = services.appeal_file(
            actor=citizen,
            idempotency_key=idem,
            kind=kind,
            region=akimat.region,
            category=category,
            body=akimat,
            subject=subject,
            text=text,
            publish_consent=public,
            needs=needs,
            language="ru",
            address="г. Алматы, ул. Абая, 10",
            received_at=received,
            **extra,
            need_note="",
        )
        _then(then, appeal, citizen=citizen, official=official, supervisor=supervisor)
        created += 1
    _anonymous(citizen, akimat)
    _open311_request(citizen, akimat)
    created += _on_behalf_of_entity(citizen, akimat)
    _was_it_fixed(citizen)
    stdout.write(f"appeals: {created} demo appeals created\n")
    stdout.write(f"appeals: {_systemic(akimat)} demo appeals in systemic issues\n")
    _routing_history(stdout, akimat)


# Systemic issues (issue 15): eleven neighbours about the same flooded crossing (over the threshold of
# ten distinct citizens: a public answer is owed), and three about hot water in one building.
SYSTEMIC_DEMO = (
    ("flood", "roads", 11, "Подтопление перекрёстка", "После дождя перекрёсток Абая и Байтурсынова "
     "затапливает, ливнёвка забита, пешеходы не могут перейти дорогу.", (43.2389, 76.9286)),
    ("water", "utilities", 3, "Нет горячей воды", "В доме уже неделю нет горячей воды, "
     "управляющая компания не отвечает.", None),
)  # fmt: skip


def _systemic(akimat: PublicBody) -> int:
    from decimal import Decimal

    from tyndau.appeals.systemic.services import group_appeal

    filed = 0
    for key, category_slug, people, subject, text, point in SYSTEMIC_DEMO:
        category = Category.objects.filter(slug=category_slug).first()
        if category is None or akimat.region is None:
            continue
        for i in range(people):
            idem = uuid.uuid5(NAMESPACE, f"systemic-{key}-{i}")
            appeal = Appeal.objects.filter(idempotency_key=idem).first()
            if appeal is None:
                resident, _ = User.objects.get_or_create(
                    email=f"resident{i + 1}@demo.tyndau.kz", defaults={"first_name": "Житель", "last_name": str(i + 1)}
                )
                where: dict[str, Any] = {"address": "г. Алматы, ул. Жандосова, 58"}
                if point is not None:
                    # A few metres apart, as neighbours drop the pin.
                    where = {"latitude": Decimal(str(point[0] + i * 0.0002)), "longitude": Decimal(str(point[1]))}
                appeal = services.appeal_file(
                    actor=resident,
                    idempotency_key=idem,
                    kind="report",
                    region=akimat.region,
                    category=category,
                    body=akimat,
                    subject=subject,
                    text=text,
                    publish_consent=i % 3 == 0,
                    language="ru",
                    received_at=timezone.now() - dt.timedelta(days=people - i),
                    **where,
                )
                filed += 1
            group_appeal(appeal=appeal)
    return filed


def _routing_history(stdout: TextIO, akimat: PublicBody) -> None:
    """A made-up answered history for Almaty (each topic answered by its competent body, a tenth by the
    akimat) and a trained routing model, so that the filing form suggests a body with its reasons."""
    if akimat.region is None or HistoricalAppeal.objects.filter(source="demo").exists():
        return
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "category", "region", "date", "body"])
    today = local_today()
    for category in Category.objects.filter(is_active=True).order_by("slug"):
        body = competent_body(category=category, region=akimat.region)
        if body is None:
            continue
        words = f"{category.name_ru} {category.keywords}".replace(",", " ")
        for i in range(12):
            answered_by = akimat if i % 10 == 9 else body
            day = today - dt.timedelta(days=30 + 17 * i)
            writer.writerow(
                [
                    f"{category.slug}-{i}",
                    f"{words} {i}",
                    category.slug,
                    akimat.region.iso_code,
                    day.isoformat(),
                    answered_by.slug,
                ]
            )
    out.seek(0)
    imported = services.history_import(handle=out, source="demo")
    trained = services.routing_train()
    stdout.write(
        f"appeals: {imported.created} historical appeals imported, routing model trained on {trained.examples}\n"
    )


def _was_it_fixed(citizen: Any) -> None:
    """The demo citizen's satisfied appeals asked "was it fixed?" (as if the weeks had passed) and
    answered "partly", so the akimat's figures show the share fixed beside "answered on time"."""
    from tyndau.appeals import rules
    from tyndau.appeals.models import FixReport
    from tyndau.appeals.services.fixed import fix_questionnaires_send, fix_report_answer, fix_token

    fix_questionnaires_send(now=timezone.now() + dt.timedelta(days=rules.fix_questionnaire_days()))
    for report_id in FixReport.objects.filter(answered_at__isnull=True, appeal__applicant=citizen).values_list(
        "pk", flat=True
    ):
        fix_report_answer(token=fix_token(report_id), answer="partly")


def _then(step: str | None, appeal: Appeal, *, citizen: Any, official: Any, supervisor: Any) -> None:
    ground = LegalGround.objects.filter(domain="appeals", code__startswith="appeals.refusal").first()
    if step == "assign":
        services.appeal_assign(actor=official, appeal=appeal, assignee=official)
    elif step == "answer_satisfied":
        services.appeal_answer(
            actor=official,
            appeal=appeal,
            outcome="satisfied",
            text="Фонари заменены 12-го числа бригадой ТОО «Алматы Жарық». Спасибо за сообщение. "
            "Если не согласны, вы можете подать жалобу в течение трёх месяцев.",
        )
        services.appeal_rate(actor=citizen, appeal=appeal, rating=5)
    elif step == "answer_refused" and ground is not None:
        services.appeal_answer(
            actor=official,
            appeal=appeal,
            outcome="refused",
            legal_grounds=[ground],
            text="Номер в очереди сообщается через портал электронного правительства; "
            "предоставление жилья вне очереди законом не предусмотрено. "
            "Решение можно обжаловать в вышестоящий орган в течение трёх месяцев.",
        )
    elif step == "deem_and_complain":
        services.appeal_deem_refused(appeal=appeal)
        appeal.refresh_from_db()
        if appeal.status == Status.DEEMED_REFUSED:
            complaint = services.complaint_file(
                actor=citizen,
                appeal=appeal,
                idempotency_key=uuid.uuid5(NAMESPACE, "complaint"),
                text="Акимат не ответил в срок. Прошу обязать обеспечить подачу горячей воды.",
            )
            services.complaint_pass(actor=official, complaint=complaint)
    elif step == "forward":
        target = PublicBody.objects.filter(slug="almaty-maslikhat").first()
        if target is not None:
            services.appeal_forward(
                actor=official,
                appeal=appeal,
                to_body=target,
                reason="Вопрос относится к компетенции управления образования.",
            )
    elif step == "request_info":
        services.appeal_request_info(
            actor=official, appeal=appeal, question="Пожалуйста, укажите номер решения о назначении пособия."
        )
    elif step == "extend":
        services.appeal_extend(
            actor=supervisor,
            appeal=appeal,
            new_deadline=appeal.deadline + dt.timedelta(days=21),
            reason="Запрошено заключение управления природных ресурсов.",
        )


def _photo() -> Any:
    """A real 2×2 PNG, small enough to ship as code (demo attachments go through the same checks)."""
    import struct
    import zlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\xc6\x1e" * 2 for _ in range(2))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("streetlight.png", png, content_type="image/png")


def _higher_body_official(akimat: PublicBody) -> User | None:
    """An official of the akimat's higher body, who decides complaints against the akimat (APPK art. 92)."""
    from django.conf import settings

    from tyndau.accounts.services import membership_add

    higher = akimat.higher_body
    if higher is None:
        return None
    user = User.objects.filter(email="higher.official@demo.tyndau.kz").first()
    if user is None:
        user = User.objects.create_user(
            "higher.official@demo.tyndau.kz",
            settings.DEMO_PASSWORD,
            first_name="Серік",
            last_name="Ахметов",
            email_verified_at=timezone.now(),
        )
    membership_add(actor=None, user=user, body=higher, position="Complaints officer")
    return user


def _anonymous(citizen: Any, akimat: PublicBody) -> None:
    category = Category.objects.filter(slug="public-order").first()
    if category is None or akimat.region is None:
        return
    services.appeal_file(
        actor=citizen,
        idempotency_key=uuid.uuid5(NAMESPACE, "anonymous"),
        kind="report",
        anonymous=True,
        region=akimat.region,
        category=category,
        subject="Сообщение о готовящемся преступлении",
        text="Во дворе дома на улице Сатпаева по ночам собираются люди и обсуждают поджог склада.",
        language="ru",
    )


def _open311_request(citizen: Any, akimat: PublicBody) -> None:
    """A city app's request in the demo citizen's name, waiting for them to confirm it."""
    from tyndau.appeals.admin import issue_api_key
    from tyndau.appeals.models import ClientApplication
    from tyndau.appeals.services.open311 import Request, open311_submit

    category = Category.objects.filter(slug="roads").first()
    if category is None:
        return
    client = ClientApplication.objects.filter(name="Demo city app").first()
    if client is None:
        client = ClientApplication(name="Demo city app")
        issue_api_key(client)  # the key itself is not kept: the demo client never POSTs
        client.save()
    open311_submit(
        Request(
            client=client,
            email=citizen.email,
            category=category,
            region=akimat.region,
            kind="application",
            description="Светофор на перекрёстке Абая и Сейфуллина не работает с утра.",
            address="г. Алматы, пр. Абая",
            device_id="demo",
        )
    )


def _on_behalf_of_entity(citizen: Any, akimat: PublicBody) -> int:
    """Issue 13: the demo citizen heads a registered demo association and files one published appeal on its
    behalf (it shows on the appeal, in the register and on the association's page). 0 when none is registered."""
    entities = selectors.entities_of(citizen)
    category = Category.objects.filter(slug="environment").first() or Category.objects.filter(is_active=True).first()
    idem = uuid.uuid5(NAMESPACE, "on-behalf-of-entity")
    if (
        not entities
        or category is None
        or akimat.region is None
        or Appeal.objects.filter(idempotency_key=idem).exists()
    ):
        return 0
    services.appeal_file(
        actor=citizen,
        idempotency_key=idem,
        kind="proposal",
        region=akimat.region,
        category=category,
        body=akimat,
        subject="Общественные слушания о вырубке деревьев",
        text="Просим провести общественные слушания до любой вырубки деревьев в сквере на улице Абая.",
        publish_consent=True,
        language="ru",
        entity_bin=entities[0].bin,
    )
    return 1
