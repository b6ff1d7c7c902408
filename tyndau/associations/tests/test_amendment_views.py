"""Amendments and signed PDFs in pages (Django's test client) and the public API: the association files an
amendment with its supreme body's decision, the registrar decides from the same forms, the registry shows
the history authored by the association; the PDFs open only for the applicant and the registrar; no page
lets a registrar write an amendment."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.cast import PASSWORD
from tyndau.associations import charter, services
from tyndau.associations.models import Amendment, AmendmentStatus, CharterVersion, Document, Proposal
from tyndau.associations.tests.conftest import full_charter, pdf_upload
from tyndau.associations.tests.test_views import _section_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(email=user.email, password=PASSWORD)
    return client


def _amended_content() -> dict[str, Any]:
    content = full_charter()
    content["sections"][0]["clauses"][0] = {"text_kk": "Жаңа атауы.", "text_ru": "Новое наименование."}
    return content


def test_the_association_amends_its_charter_in_pages(registered: Any, applicant: Any, cast: Any) -> None:
    client = _client(applicant)
    detail = reverse("associations:detail", args=[registered.number])
    assert "Start an amendment" in client.get(detail).content.decode()
    amend = reverse("associations:amend", args=[registered.number])
    assert client.post(amend).status_code == 302
    client.post(amend)  # a double submit opens one amendment
    amendment = Amendment.objects.get(application=registered)
    charter_url = reverse("associations:charter", args=[registered.number])
    data = _section_post(_amended_content())
    data["s-INITIAL_FORMS"] = data["s-TOTAL_FORMS"]  # as the page renders it: the registered sections
    assert client.post(charter_url, data).status_code == 302
    submit = reverse("associations:submit", args=[registered.number])
    response = client.post(submit, follow=True)  # no decision uploaded yet: refused, nothing frozen
    assert "Upload the decision of the supreme body" in response.content.decode()
    assert not CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).exists()
    upload = reverse("associations:document_upload", args=[registered.number])
    response = client.post(upload, {"file": pdf_upload()})
    assert response.status_code == 302, response.content.decode()
    response = client.post(submit, follow=True)
    notes = [str(m) for m in response.context["messages"]]
    assert any("is submitted" in n for n in notes), notes
    client.post(submit)  # a double submit freezes one version
    version = CharterVersion.objects.get(amendment=amendment, submitted_at__isnull=False)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED
    # The registrar finds it in the queue, ordered by its deadline, and registers it by its hash.
    registrar = _client(cast.registrar)
    queue = registrar.get(reverse("associations:queue", args=[cast.justice.pk])).content.decode()
    assert "Amendments of registered charters" in queue and registered.number in queue
    register = reverse("associations:register", args=[registered.number])
    page = registrar.get(register)
    assert page.context["form"].initial["version_hash"] == version.content_hash
    assert "bin" not in page.context["form"].fields  # the BIN stays
    response = registrar.post(register, {"version_hash": version.content_hash, "confirm": "on"})
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.registered_version == version
    # The public registry: the amendment's history, authored by the association.
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("associations:registry_detail", args=[registered.number]))
    text = public.content.decode()
    assert "Amendments" in text and "The association" in text and "an amendment the association submitted" in text
    diff = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("associations:version", args=[registered.number, version.number])
    )
    assert "Новое наименование." in diff.content.decode()
    api = Client().get(f"/api/v1/associations/registry/{registered.number}").json()
    assert api["amendments"][0]["status"] == "registered" and api["amendments"][0]["versions"] == [version.number]
    assert [v["author"] for v in api["versions"]] == ["applicant", "association"]
    assert api["versions"][1]["amendment"] == 1 and api["reviews"][-1]["amendment"] == 1


def test_no_page_lets_a_registrar_write_an_amendment(amended: Any, cast: Any) -> None:
    registered = amended.application
    client = _client(cast.registrar)
    for name in ("charter", "amend", "submit", "document_upload", "withdraw"):
        url = reverse(f"associations:{name}", args=[registered.number])
        assert client.post(url, _section_post(full_charter(clauses=3))).status_code == 404
    assert not CharterVersion.objects.filter(author=cast.registrar).exists()
    services.amendment_submit(actor=registered.applicant, amendment=amended)
    register = reverse("associations:register", args=[registered.number])
    other = charter.content_hash(charter.normalise(full_charter(clauses=3)))
    response = client.post(register, {"version_hash": other, "confirm": "on"})
    assert response.status_code == 200 and response.context["form"].errors
    amended.refresh_from_db()
    assert amended.status == AmendmentStatus.SUBMITTED


def test_proposals_on_an_amendment_in_pages(amended: Any, applicant: Any, cast: Any) -> None:
    registered = amended.application
    services.amendment_submit(actor=applicant, amendment=amended)
    registrar = _client(cast.registrar)
    url = reverse("associations:corrections", args=[registered.number])
    data = {
        "reasons": "",
        "p-TOTAL_FORMS": "1",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "50",
        "p-0-clause": "1.1",
        "p-0-comment": "Shorter",
        "p-0-wording_kk": "Қысқа.",
        "p-0-wording_ru": "Коротко.",
    }
    assert registrar.post(url, data).status_code == 302
    proposal = Proposal.objects.get(review__amendment=amended)
    client = _client(applicant)
    page = client.get(reverse("associations:detail", args=[registered.number])).content.decode()
    assert "Accept this wording" in page
    client.post(
        reverse("associations:proposal_answer", args=[registered.number]), {"proposal": proposal.pk, "answer": "accept"}
    )
    proposal.refresh_from_db()
    assert proposal.response == Proposal.Response.ACCEPTED
    draft = CharterVersion.objects.get(application=registered, submitted_at__isnull=True)
    assert draft.amendment == amended and charter.clause(draft.content, "1.1")["text_ru"] == "Коротко."


def test_signed_pdfs_open_only_for_the_applicant_and_the_registrar(
    amended: Any, applicant: Any, founder: Any, cast: Any
) -> None:
    registered = amended.application
    document = Document.objects.get(amendment=amended)
    url = reverse("associations:document", args=[registered.number, document.pk])
    for user in (applicant, cast.registrar):
        response = _client(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for user in (founder, cast.official_b, cast.organisation):
        assert _client(user).get(url).status_code == 404
    assert Client().get(url).status_code in (302, 403)  # anonymous: to the sign-in page
    public = Client().get(reverse("associations:registry_detail", args=[registered.number])).content.decode()
    assert url not in public and document.sha256 not in public
    api = Client().get(f"/api/v1/associations/registry/{registered.number}").content.decode()
    assert document.sha256 not in api and "decision.pdf" not in api


def test_a_bad_upload_is_refused_with_a_message(create: Any, applicant: Any) -> None:
    application = create()
    client = _client(applicant)
    upload = reverse("associations:document_upload", args=[application.number])
    response = client.post(upload, {"file": pdf_upload("fake.pdf", b"%PDF-1.4\nnot really a pdf")})
    assert response.status_code == 200
    assert "not a readable PDF" in response.content.decode()
    assert not Document.objects.exists()
    response = client.post(upload, {})
    assert response.status_code == 200 and "Choose a PDF file" in response.content.decode()
    assert client.post(upload, {"file": pdf_upload("signed.pdf")}).status_code == 302
    page = client.get(reverse("associations:detail", args=[application.number])).content.decode()
    assert "Signed application" in page


def test_document_route_refuses_a_huge_id(amended: Any, applicant: Any) -> None:
    url = f"/en/associations/a/{amended.application.number}/documents/{'9' * 30}/"
    assert _client(applicant).get(url).status_code == 404


@pytest.mark.parametrize(
    ("lang", "start", "upload"),
    [("kk", "Өзгерісті бастау", "PDF жүктеу"), ("ru", "Начать изменения", "Загрузить PDF")],
)
def test_amendment_pages_in_kazakh_and_russian(
    registered: Any, applicant: Any, lang: str, start: str, upload: str
) -> None:
    client = _client(applicant)
    with translation.override(lang):
        detail = reverse("associations:detail", args=[registered.number])
        assert start in client.get(detail).content.decode()
        client.post(reverse("associations:amend", args=[registered.number]))
        page = client.get(detail).content.decode()
    assert upload in page and "Upload" not in page
