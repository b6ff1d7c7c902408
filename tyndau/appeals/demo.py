"""Demo appeals in the Almaty city akimat, in every state, made through the services. Idempotent:
each appeal has a fixed idempotency key, so a second run finds it and changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TextIO

from django.utils import timezone

from tyndau.accounts.models import User
from tyndau.appeals import services
from tyndau.appeals.models import Appeal, Status
from tyndau.authorities.models import Category, LegalGround, PublicBody

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
    stdout.write(f"appeals: {created} demo appeals created\n")


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

    from tyndau.accounts.models import Membership, Role, RoleGrant

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
    RoleGrant.objects.get_or_create(user=user, role=Role.OFFICIAL)
    Membership.objects.get_or_create(user=user, body=higher, defaults={"position": "Complaints officer"})
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
