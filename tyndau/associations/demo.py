"""Demo public associations at the Almaty justice department, in every state, several with two or three
rounds, made through the services. Idempotent: each application has a fixed idempotency key, so a
second run finds it and changes nothing.

The demo registrar (registrar@demo.tyndau.kz) is made a member of the Almaty justice department, and
ten demo founders with verified (made-up) IINs are created: the statutory minimum for a local public
association is 10 (rules.py, unconfirmed).
"""

from __future__ import annotations

import uuid
from typing import Any, TextIO

from django.conf import settings

from tyndau.accounts import services as account_services
from tyndau.accounts.models import ConsentSource, Role, VerificationLevel, VerificationMethod
from tyndau.accounts.selectors import acts_for_body, is_verified_citizen, user_by_email
from tyndau.associations import charter, rules, selectors, services
from tyndau.associations.models import Application
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.identity import check_digit

NAMESPACE = uuid.UUID("6f0c3d7a-51b2-4e8e-9a4d-0c2f9b7e1a55")
JUSTICE_SLUG = "almaty-justice"
REGISTRAR_EMAIL = "registrar@demo.tyndau.kz"
APPLICANT_EMAIL = "citizen@demo.tyndau.kz"

SECTIONS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "name",
        "Атауы",
        "Наименование",
        [("Бірлестіктің атауы: «{kk}».", "Наименование объединения: «{ru}».")],
    ),
    (
        "aims",
        "Қызметінің мәні мен мақсаттары",
        "Предмет и цели деятельности",
        [
            ("Бірлестіктің мақсаты — {aim_kk}.", "Цель объединения — {aim_ru}."),
            (
                "Бірлестік мақсаттарына жету үшін заңмен тыйым салынбаған кез келген қызметті жүзеге асырады.",
                "Для достижения целей объединение осуществляет любую не запрещённую законом деятельность.",
            ),
            (
                "Бірлестік мемлекеттік органдарға өтініштер, петициялар жібереді және бейбіт жиналыстар өткізеді.",
                "Объединение направляет обращения и петиции в государственные органы и проводит мирные собрания.",
            ),
        ],
    ),
    (
        "membership",
        "Мүшелік",
        "Членство",
        [
            (
                "Бірлестікке 18 жасқа толған кез келген азамат кіре алады.",
                "Членом объединения может стать любой гражданин, достигший 18 лет.",
            ),
            (
                "Мүше бірлестіктен кез келген уақытта шыға алады.",
                "Член объединения вправе выйти из него в любое время.",
            ),
        ],
    ),
    (
        "structure",
        "Құрылымы",
        "Структура",
        [("Бірлестік филиалдар мен өкілдіктер ашпайды.", "Объединение не открывает филиалов и представительств.")],
    ),
    (
        "bodies",
        "Басқару органдары",
        "Органы управления",
        [
            ("Жоғарғы органы — мүшелердің жалпы жиналысы.", "Высший орган — общее собрание членов."),
            (
                "Атқарушы органы — жалпы жиналыс екі жылға сайлайтын төраға.",
                "Исполнительный орган — председатель, избираемый общим собранием на два года.",
            ),
        ],
    ),
    (
        "property",
        "Мүлкі",
        "Имущество",
        [
            (
                "Мүлік ерікті жарналардан және қайырмалдықтан қалыптасады.",
                "Имущество формируется из добровольных взносов и пожертвований.",
            )
        ],
    ),
    (
        "amendment",
        "Жарғыны өзгерту",
        "Изменение устава",
        [
            (
                "Жарғыны тек жалпы жиналыс дауыстардың үштен екісімен өзгертеді.",
                "Устав изменяется только общим собранием двумя третями голосов.",
            )
        ],
    ),
    (
        "liquidation",
        "Қайта ұйымдастыру және тарату",
        "Реорганизация и ликвидация",
        [
            (
                "Бірлестік жалпы жиналыстың шешімімен немесе сот шешімімен таратылады.",
                "Объединение ликвидируется по решению общего собрания или суда.",
            )
        ],
    ),
]

# key, name kk, name ru, aim kk, aim ru, the story of its rounds
DEMO: list[tuple[str, str, str, str, str, str]] = [
    ("draft", "Таза ауа", "Чистый воздух", "қаладағы ауаның тазалығы", "чистота воздуха в городе", "draft"),
    ("waiting", "Жасыл аула", "Зелёный двор", "аулаларды көгалдандыру", "озеленение дворов", "submitted"),
    ("fixes", "Велоқала", "Велогород", "велосипед жолдары", "велодорожки", "corrections"),
    ("refused", "Ашық бюджет", "Открытый бюджет", "бюджеттің ашықтығы", "открытость бюджета", "refused"),
    ("registered", "Кітап үйі", "Дом книги", "оқуды насихаттау", "поддержка чтения", "registered"),
    ("tworounds", "Мұра", "Наследие", "тарихи ғимараттарды сақтау", "сохранение исторических зданий", "two_rounds"),
    (
        "threerounds",
        "Азаматтық бақылау",
        "Гражданский контроль",
        "қоғамдық бақылау",
        "общественный контроль",
        "three_rounds",
    ),
    ("suspended", "Тау жолы", "Горная тропа", "тау туризмі", "горный туризм", "suspended"),
    ("liquidated", "Ескі достар", "Старые друзья", "ардагерлерді қолдау", "поддержка ветеранов", "liquidated"),
    ("withdrawn", "Көше шамы", "Уличный фонарь", "көше жарығы", "уличное освещение", "withdrawn"),
]


def _charter(name_kk: str, name_ru: str, aim_kk: str, aim_ru: str) -> dict[str, Any]:
    values = {"kk": name_kk, "ru": name_ru, "aim_kk": aim_kk, "aim_ru": aim_ru}
    return {
        "sections": [
            {
                "kind": kind,
                "title_kk": title_kk,
                "title_ru": title_ru,
                "clauses": [{"text_kk": kk.format(**values), "text_ru": ru.format(**values)} for kk, ru in clauses],
            }
            for kind, title_kk, title_ru, clauses in SECTIONS
        ]
    }


def _number(prefix: str, serial: int) -> str:
    """A made-up 12-digit IIN or BIN with a valid check digit: `prefix` (7 digits), a serial, the check."""
    for n in range(serial, serial + 50):
        first = f"{prefix}{n:04d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise ValueError(serial)  # pragma: no cover


def _iin(serial: int) -> str:
    return _number("9205103", serial)


def _bin(serial: int) -> str:
    return _number("2603400", serial)


def _founders() -> list[Any]:
    people = []
    for i in range(1, rules.min_founders("local") + 1):
        email = f"founder{i:02d}@demo.tyndau.kz"
        user = user_by_email(email)
        if user is None:
            user = account_services.user_create(
                actor=None,
                email=email,
                password=settings.DEMO_PASSWORD,
                first_name="Құрылтайшы",
                last_name=f"Демо-{i:02d}",
                preferred_language="kk",
                email_verified=True,
                consent_source=ConsentSource.DEMO_SEED,
            )
            account_services.role_grant(actor=None, user=user, role=Role.CITIZEN)
        if not is_verified_citizen(user):
            account_services.profile_update(
                actor=user,
                user=user,
                iin=_iin(100 * i),
                phone="",
                address="",
                region=None,
                consent_source=ConsentSource.DEMO_SEED,
            )
            account_services.identity_verification_record(
                actor=None,
                user=user,
                method=VerificationMethod.DEMO,
                level=VerificationLevel.DEMO,
                reference="seed_demo",
            )
        people.append(user)
    return people


def seed(stdout: TextIO) -> None:
    justice = PublicBody.objects.filter(slug=JUSTICE_SLUG).first()
    applicant, registrar = user_by_email(APPLICANT_EMAIL), user_by_email(REGISTRAR_EMAIL)
    if justice is None or applicant is None or registrar is None or not is_verified_citizen(applicant):
        stdout.write("associations: no Almaty justice department or demo accounts; skipped\n")
        return
    if not acts_for_body(registrar, justice):
        account_services.membership_add(actor=None, user=registrar, body=justice, position="Тіркеуші")
    founders = _founders()
    grounds = {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.ASSOCIATIONS)}
    created = 0
    for index, (key, name_kk, name_ru, aim_kk, aim_ru, story) in enumerate(DEMO):
        idem = uuid.uuid5(NAMESPACE, key)
        if Application.objects.filter(idempotency_key=idem).exists():
            continue
        application = services.application_create(
            actor=applicant,
            idempotency_key=idem,
            form="local",
            name_kk=f"«{name_kk}» қоғамдық бірлестігі",
            name_ru=f"Общественное объединение «{name_ru}»",
            address="Алматы, Абай даңғылы, 10",
            head_name="Айгерім Сейітова",
            registering_body=justice,
            language="ru",
        )
        for founder in founders[1:]:
            services.founder_confirm(actor=founder, invite_token=application.invite_token)
        services.charter_save(
            actor=applicant, application=application, content=_charter(name_kk, name_ru, aim_kk, aim_ru)
        )
        _play(story, application, applicant, registrar, grounds, _bin(10 * (index + 1)))
        created += 1
    stdout.write(f"associations: {created} demo application(s) created\n")
    amended = _amendments(applicant, registrar, grounds)
    stdout.write(f"associations: {amended} demo amendment(s) created\n")


def _pdf(name: str) -> Any:
    """A one-page blank PDF standing in for a signed document."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def _amend(application: Application, applicant: Any, clause: str, kk: str, ru: str) -> Any:
    """Start an amendment, change one clause, upload the supreme body's decision and submit."""
    amendment = services.amendment_start(actor=applicant, application=application)
    _edit(application, applicant, clause, kk, ru)
    services.document_upload(actor=applicant, application=application, upload=_pdf("decision.pdf"))
    services.amendment_submit(actor=applicant, amendment=amendment)
    return amendment


def _amendments(applicant: Any, registrar: Any, grounds: dict[str, Any]) -> int:
    """After registration: "Кітап үйі" has a registered amendment and a second one awaiting the registrar;
    "Мұра" had one refused citing a clause; the draft "Таза ауа" carries its signed application as PDF."""
    made = 0
    books = Application.objects.filter(idempotency_key=uuid.uuid5(NAMESPACE, "registered")).first()
    if books is not None and not selectors.amendments_of(books) and selectors.open_amendment(books) is None:
        first = _amend(
            books,
            applicant,
            "2.1",
            "Бірлестік оқуды және кітапханаларды қолдайды.",
            "Объединение поддерживает чтение и библиотеки.",
        )
        version = selectors.version_under_review(books, first)
        services.amendment_register(
            actor=registrar, amendment=first, version_hash=version.content_hash if version else ""
        )
        _amend(
            books,
            applicant,
            "1.1",
            "Толық атауы: «Кітап үйі» қоғамдық бірлестігі.",
            "Полное наименование: общественное объединение «Дом книги».",
        )
        made += 2
    heritage = Application.objects.filter(idempotency_key=uuid.uuid5(NAMESPACE, "tworounds")).first()
    if heritage is not None and not selectors.amendments_of(heritage) and selectors.open_amendment(heritage) is None:
        amendment = _amend(
            heritage,
            applicant,
            "2.1",
            "Бірлестік саяси партияларды қолдайды.",
            "Объединение поддерживает политические партии.",
        )
        ground = grounds["associations.charter-contradicts-law"]
        services.amendment_refuse(
            actor=registrar,
            amendment=amendment,
            grounds=[ground],
            citations=[services.ClauseCitation(ground, "2.1", "Общественное объединение не финансирует партии.")],
            reasons="Пункт 2.1 изменений противоречит законодательству.",
        )
        made += 1
    draft = Application.objects.filter(idempotency_key=uuid.uuid5(NAMESPACE, "draft")).first()
    if draft is not None and not selectors.documents_of(draft):
        services.document_upload(actor=applicant, application=draft, upload=_pdf("application.pdf"))
    return made


def _submit(application: Application, applicant: Any) -> Any:
    return services.application_submit(actor=applicant, application=application)


def _refuse(application: Application, registrar: Any, grounds: dict[str, Any], clause: str, reason: str) -> None:
    ground = grounds["associations.charter-contradicts-law"]
    services.application_refuse(
        actor=registrar,
        application=application,
        grounds=[ground],
        citations=[services.ClauseCitation(ground, clause, reason)],
        reasons=f"Пункт {clause} устава противоречит законодательству.",
    )


def _register(application: Application, registrar: Any, version: Any, bin_: str) -> None:
    services.application_register(actor=registrar, application=application, version_hash=version.content_hash, bin=bin_)


def _edit(application: Application, applicant: Any, clause: str, kk: str, ru: str) -> None:
    draft = services.draft_of(application) or services.last_submitted(application)
    content = charter.with_wording(draft.content if draft else charter.empty(), clause, text_kk=kk, text_ru=ru)
    services.charter_save(actor=applicant, application=application, content=content)


def _play(
    story: str, application: Application, applicant: Any, registrar: Any, grounds: dict[str, Any], bin_: str
) -> None:
    if story == "draft":
        return
    if story == "withdrawn":
        services.application_withdraw(actor=applicant, application=application)
        return
    version = _submit(application, applicant)
    if story == "submitted":
        return
    if story == "corrections":
        services.application_request_corrections(
            actor=registrar,
            application=application,
            comments=[
                services.ClauseComment(
                    "2.1",
                    "Уточните цель.",
                    wording_kk="Бірлестіктің мақсаты — қалада велосипед жолдарын дамыту.",
                    wording_ru="Цель объединения — развитие велодорожек в городе.",
                )
            ],
        )
        return
    if story == "refused":
        _refuse(
            application, registrar, grounds, "2.3", "Ссылка на мирные собрания не относится к предмету деятельности."
        )
        return
    if story in ("registered", "suspended", "liquidated"):
        _register(application, registrar, version, bin_)
        if story == "suspended":
            services.application_suspend(
                actor=registrar,
                application=application,
                note="Решение СМАС г. Алматы от 2 февраля 2026 г., дело № 7511-26-00-2/101",
            )
        elif story == "liquidated":
            services.application_liquidate(
                actor=registrar, application=application, note="Решение общего собрания от 10 января 2026 г."
            )
        return
    if story == "two_rounds":
        _refuse(application, registrar, grounds, "3.1", "Несоответствия в уставе.")
        _edit(
            application,
            applicant,
            "3.1",
            "Бірлестікке 18 жасқа толған азаматтар кіре алады.",
            "Членами могут быть граждане с 18 лет.",
        )
        version = _submit(application, applicant)
        _register(application, registrar, version, bin_)
        return
    # three rounds: two refusals citing clauses, a proposal the applicant rejects, registration of the
    # applicant's own text.
    _refuse(application, registrar, grounds, "2.3", "Несоответствия в уставе.")
    _edit(application, applicant, "2.3", "Бірлестік өтініштер жібереді.", "Объединение направляет обращения.")
    _submit(application, applicant)
    _refuse(application, registrar, grounds, "5.2", "Несоответствия в уставе.")
    _submit(application, applicant)
    services.application_request_corrections(
        actor=registrar,
        application=application,
        comments=[
            services.ClauseComment(
                "2.3",
                "Предлагаем исключить обращения.",
                wording_kk="Бірлестік ағартушылық қызметпен айналысады.",
                wording_ru="Объединение занимается просветительской деятельностью.",
            )
        ],
    )
    application.refresh_from_db()
    for proposal in selectors.pending_proposals(application):
        services.proposal_reject(actor=applicant, proposal=proposal)
    version = _submit(application, applicant)
    _register(application, registrar, version, bin_)
