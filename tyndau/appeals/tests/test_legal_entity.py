"""Issue 13: a registered association's representative files an appeal on its behalf."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from tyndau.appeals.errors import EntityNotAnonymous, NotRepresentative
from tyndau.appeals.models import Appeal
from tyndau.associations.models import Application, Status
from tyndau.associations.tests.conftest import valid_bin
from tyndau.audit.models import Event

BIN = valid_bin("15074000123")
OTHER_BIN = valid_bin("16084000456")


def _association(applicant: Any, body: Any, *, bin: str = BIN, status: str = Status.REGISTERED, n: int = 1) -> Any:
    return Application.objects.create(
        number=f"OA-TEST-{n}",
        idempotency_key=uuid.uuid4(),
        invite_token=uuid.uuid4().hex,
        form="local",
        name_kk="«Жасыл қала» ҚБ",
        name_ru="ОО «Зелёный город»",
        address="Астана, ул. Абая 1",
        head_name="Head Person",
        applicant=applicant,
        registering_body=body,
        status=status,
        created_at=timezone.now(),
        bin=bin,
    )


@pytest.fixture
def association(cast: Any) -> Any:
    return _association(cast.organisation, cast.justice)


def _post(cast: Any, category: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "kind": "application",
        "region": cast.region.pk,
        "category": category.pk,
        "body": cast.body_a.pk,
        "subject": "Trees in the park",
        "text": "The old trees in the city park are being cut without any public hearing.",
        "publish_consent": "on",
    }
    data.update(extra)
    return data


def test_service_records_entity_and_bin_in_audit(cast: Any, association: Any, file_appeal: Any) -> None:
    appeal = file_appeal(cast.organisation, entity_bin=BIN, publish_consent=True)
    assert (appeal.entity_bin, appeal.entity_name, appeal.applicant) == (BIN, "«Жасыл қала» ҚБ", cast.organisation)
    event = Event.objects.get(action="appeals.appeal.filed", object_id=str(appeal.pk))
    assert event.payload["entity_bin"] == BIN
    assert "Head Person" not in str(event.payload)


def test_service_refuses_non_representative_and_other_entity(cast: Any, association: Any, file_appeal: Any) -> None:
    with pytest.raises(NotRepresentative):
        file_appeal(cast.citizen, entity_bin=BIN)
    with pytest.raises(NotRepresentative):
        file_appeal(cast.organisation, entity_bin=OTHER_BIN)
    with pytest.raises(EntityNotAnonymous):
        file_appeal(cast.organisation, entity_bin=BIN, anonymous=True, kind="report")
    assert not Appeal.objects.exists()


def test_name_in_the_language_of_the_appeal(cast: Any, association: Any, file_appeal: Any) -> None:
    assert file_appeal(cast.organisation, entity_bin=BIN, language="ru").entity_name == "ОО «Зелёный город»"
    assert file_appeal(cast.organisation, entity_bin=BIN, language="kk").entity_name == "«Жасыл қала» ҚБ"


def test_suspended_association_acts_for_nobody(cast: Any, file_appeal: Any) -> None:
    _association(cast.organisation, cast.justice, status=Status.SUSPENDED)
    with pytest.raises(NotRepresentative):
        file_appeal(cast.organisation, entity_bin=BIN)


@pytest.mark.parametrize(
    ("lang", "phrase"), [("en", "Filed on behalf of"), ("ru", "Подано от имени"), ("kk", "атынан")]
)
def test_form_receipt_page_official_register(
    cast: Any, association: Any, category: Any, lang: str, phrase: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(cast.organisation)
    page = client.get(f"/{lang}/appeals/new/").content.decode()
    assert BIN in page and 'name="entity"' in page and "<select" in page
    data = _post(cast, category, entity=BIN)
    response = client.post(f"/{lang}/appeals/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.post(f"/{lang}/appeals/new/", data)  # double submit: one record
    appeal = Appeal.objects.get()
    assert appeal.entity_bin == BIN and appeal.applicant == cast.organisation
    for url in (f"/{lang}/appeals/a/{appeal.number}/receipt/", f"/{lang}/appeals/a/{appeal.number}/"):
        body = client.get(url).content.decode()
        assert phrase in body and BIN in body
    official = Client(HTTP_ACCEPT_LANGUAGE=lang)
    official.force_login(cast.official_a)
    assert BIN in official.get(f"/{lang}/appeals/a/{appeal.number}/").content.decode()
    public = Client(HTTP_ACCEPT_LANGUAGE=lang)
    register = public.get(f"/{lang}/appeals/register/").content.decode()
    detail = public.get(f"/{lang}/appeals/register/{appeal.number}/").content.decode()
    for body in (register, detail):
        assert phrase in body and BIN in body
        assert "Head Person" not in body and cast.organisation.email not in body
    mine = client.get(f"/api/v1/appeals/mine/{appeal.number}").json()
    assert (mine["entity_bin"], mine["entity_name"]) == (BIN, appeal.entity_name)


def test_no_choice_for_a_citizen_and_forged_post_refused(cast: Any, association: Any, category: Any) -> None:
    lang = "en"
    client = Client()
    client.force_login(cast.citizen)
    page = client.get(f"/{lang}/appeals/new/").content.decode()
    assert "<select" not in page.split('name="entity"')[0][-200:] and BIN not in page
    response = client.post(f"/{lang}/appeals/new/", _post(cast, category, entity=BIN))
    body = response.content.decode()
    assert response.status_code == 200
    assert "representative of a registered association" in body
    assert "Trees in the park" in body  # nothing typed is lost
    assert not Appeal.objects.exists()


def test_representative_cannot_choose_another_association(cast: Any, association: Any, category: Any) -> None:
    _association(cast.citizen, cast.justice, bin=OTHER_BIN, n=2)
    lang = "ru"
    client = Client()
    client.force_login(cast.organisation)
    assert OTHER_BIN not in client.get(f"/{lang}/appeals/new/").content.decode()
    response = client.post(f"/{lang}/appeals/new/", _post(cast, category, entity=OTHER_BIN))
    assert response.status_code == 200
    with translation.override("ru"):
        assert str(NotRepresentative.default_message)[:40] in response.content.decode()
    assert not Appeal.objects.exists()


def test_association_page_counts_public_activity(cast: Any, association: Any, file_appeal: Any) -> None:
    file_appeal(cast.organisation, entity_bin=BIN, publish_consent=True)
    file_appeal(cast.organisation, entity_bin=BIN, publish_consent=False)  # not published: not counted
    file_appeal(cast.organisation, publish_consent=True)  # in the person's own name: not counted
    body = Client().get(f"/en/associations/registry/{association.number}/").content.decode()
    assert "Published appeals filed on its behalf" in body and "Assembly notifications" in body
    section = body.split("Published appeals filed on its behalf")[1][:80]
    assert "<dd>1</dd>" in section
    assert "Head Person" not in body


@pytest.mark.parametrize("value", ["9" * 5000, "1507\x004000123", " ", "<script>"])
def test_attacker_values_in_entity_field(cast: Any, association: Any, category: Any, value: str) -> None:
    client = Client()
    client.force_login(cast.organisation)
    response = client.post("/en/appeals/new/", _post(cast, category, entity=value))
    assert response.status_code in (200, 302)
    if value.strip():
        assert response.status_code == 200 and not Appeal.objects.exists()
        assert "Trees in the park" in response.content.decode()
    else:
        assert Appeal.objects.get().entity_bin == ""


def test_own_name_for_a_representative(cast: Any, association: Any, category: Any) -> None:
    client = Client()
    client.force_login(cast.organisation)
    assert client.post("/en/appeals/new/", _post(cast, category, entity="")).status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.entity_bin, appeal.entity_name) == ("", "")
    assert "Filed on behalf of" not in client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
