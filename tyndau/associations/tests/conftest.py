from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine

from tyndau.associations import rules
from tyndau.authorities.models import LegalGround, PublicBody
from tyndau.core.calendar import KZ_TZ

# Wednesday 4 March 2026, 10:00 in Astana.
WEDNESDAY = dt.datetime(2026, 3, 4, 10, 0, tzinfo=KZ_TZ)


def valid_iin(prefix: str) -> str:
    """A made-up IIN with a valid checksum (domain-rules.md, "Identity numbers")."""
    digits = [int(c) for c in prefix]
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return prefix + str(check)
    raise ValueError(prefix)


def valid_bin(prefix: str = "15074000123") -> str:
    return valid_iin(prefix)


def verify(user: Any, iin: str) -> Any:
    from tyndau.accounts.models import ConsentSource, VerificationLevel, VerificationMethod
    from tyndau.accounts.services import identity_verification_record, profile_update

    profile_update(
        actor=user, user=user, iin=iin, phone="", address="", region=None, consent_source=ConsentSource.PROFILE_FORM
    )
    identity_verification_record(
        actor=None, user=user, method=VerificationMethod.DEMO, level=VerificationLevel.DEMO, reference="test"
    )
    return user


def full_charter(sections: int = 8, clauses: int = 2) -> dict[str, Any]:
    kinds = list(rules.REQUIRED_SECTIONS)
    return {
        "sections": [
            {
                "kind": kinds[i] if i < len(kinds) else "other",
                "title_kk": f"Бөлім {i + 1}",
                "title_ru": f"Раздел {i + 1}",
                "clauses": [
                    {"text_kk": f"Тармақ {i + 1}.{j + 1} мәтіні.", "text_ru": f"Текст пункта {i + 1}.{j + 1}."}
                    for j in range(clauses)
                ],
            }
            for i in range(sections)
        ]
    }


@pytest.fixture
def applicant(cast: Any) -> Any:
    return verify(cast.citizen, valid_iin("85031540001"))


@pytest.fixture
def justice(cast: Any) -> PublicBody:
    return cast.justice


@pytest.fixture
def registrar(cast: Any) -> Any:
    return cast.registrar


@pytest.fixture
def at_wednesday() -> Any:
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _two_founders(settings: Any) -> None:
    """Tests confirm two founders for a local association (the statutory default of 10 is data)."""
    settings.ASSOCIATION_RULES = {"min_founders_local": 2}


@pytest.fixture
def founder(cast: Any) -> Any:
    return verify(cast.other_citizen, valid_iin("90010130002"))


@pytest.fixture
def create(applicant: Any, justice: PublicBody) -> Any:
    def _create(**extra: Any) -> Any:
        from tyndau.associations.services import application_create

        fields: dict[str, Any] = {
            "actor": applicant,
            "idempotency_key": uuid.uuid4(),
            "form": "local",
            "name_kk": "Таза ауа қоғамдық бірлестігі",
            "name_ru": "Общественное объединение «Чистый воздух»",
            "address": "Astana, Abay avenue 1",
            "head_name": "Head Person",
            "registering_body": justice,
        }
        fields.update(extra)
        return application_create(**fields)

    return _create


@pytest.fixture
def submitted(create: Any, applicant: Any, founder: Any) -> Any:
    """An application in round 1, submitted with a full charter and two founders."""
    from tyndau.associations import services

    application = create()
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    services.charter_save(actor=applicant, application=application, content=full_charter())
    services.application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    return application


@pytest.fixture
def grounds(db: Any) -> dict[str, LegalGround]:
    return {g.code: g for g in LegalGround.objects.filter(domain=LegalGround.Domain.ASSOCIATIONS)}


def pdf_bytes(pages: int = 1) -> bytes:
    """A small real PDF (it parses, with `pages` blank pages)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "decision.pdf", content: bytes | None = None) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type="application/pdf")


@pytest.fixture
def registered(submitted: Any, registrar: Any) -> Any:
    """The submitted application registered on its round-1 version (the head is now its representative)."""
    from tyndau.associations import services
    from tyndau.associations.models import CharterVersion

    version = CharterVersion.objects.get(application=submitted, round=1)
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def amended(registered: Any, applicant: Any) -> Any:
    """A started amendment with a changed clause 1.1 and the decision uploaded, ready to submit."""
    from tyndau.associations import services

    amendment = services.amendment_start(actor=applicant, application=registered)
    content = full_charter()
    content["sections"][0]["clauses"][0] = {"text_kk": "Жаңа атауы.", "text_ru": "Новое наименование."}
    services.charter_save(actor=applicant, application=registered, content=content)
    services.document_upload(actor=applicant, application=registered, upload=pdf_upload())
    return amendment
