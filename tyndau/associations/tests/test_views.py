"""Pages in the browser's way (Django's test client): apply, the charter editor, submit, the registrar's
forms, the public registry and a version's diff; and no path — view, admin, API — by which a registrar
changes a charter or registers a version the applicant did not submit."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.cast import PASSWORD
from tyndau.associations import charter, services
from tyndau.associations.models import Application, CharterVersion, Proposal, Status
from tyndau.associations.tests.conftest import full_charter, valid_bin

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def _section_post(content: dict[str, Any]) -> dict[str, Any]:
    sections = content["sections"]
    data: dict[str, Any] = {
        "s-TOTAL_FORMS": str(len(sections)),
        "s-INITIAL_FORMS": "0",
        "s-MIN_NUM_FORMS": "0",
        "s-MAX_NUM_FORMS": "60",
    }
    for i, s in enumerate(sections):
        data[f"s-{i}-kind"] = s["kind"]
        data[f"s-{i}-title_kk"] = s["title_kk"]
        data[f"s-{i}-title_ru"] = s["title_ru"]
        data[f"s-{i}-text_kk"] = "\n\n".join(c["text_kk"] for c in s["clauses"])
        data[f"s-{i}-text_ru"] = "\n\n".join(c["text_ru"] for c in s["clauses"])
    return data


def test_apply_edit_the_charter_and_submit_in_pages(applicant: Any, founder: Any, justice: Any) -> None:
    client = _client(applicant)
    page = client.get(reverse("associations:new"))
    assert page.status_code == 200
    key = page.context["form"].initial["idempotency_key"]
    data = {
        "form": "local",
        "registering_body": justice.pk,
        "name_kk": "Таза ауа",
        "name_ru": "Чистый воздух",
        "address": "Astana",
        "head_name": "Head Person",
        "idempotency_key": key,
    }
    response = client.post(reverse("associations:new"), data)
    application = Application.objects.get()
    assert response.status_code == 302
    client.post(reverse("associations:new"), data)  # a double submit creates one application
    assert Application.objects.count() == 1
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    url = reverse("associations:charter", args=[application.number])
    bad = _section_post(full_charter())
    bad["s-0-text_ru"] = ""
    response = client.post(url, bad)
    assert response.status_code == 200 and "Таза ауа" not in response.content.decode()  # kept on the form
    assert response.context["formset"].forms[0].errors
    assert client.post(url, _section_post(full_charter())).status_code == 302
    response = client.post(reverse("associations:submit", args=[application.number]))
    assert response.status_code == 302
    client.post(reverse("associations:submit", args=[application.number]))  # double submit
    assert CharterVersion.objects.filter(application=application, submitted_at__isnull=False).count() == 1
    receipt = client.get(reverse("associations:receipt", args=[application.number])).content.decode()
    assert CharterVersion.objects.get(application=application).content_hash in receipt


def _as_a_browser_posts(page: str) -> dict[str, str]:
    """Every field of the charter form with the value a browser submits untouched: inputs and textareas
    as rendered, a select's selected option or else its first."""
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input type="(?:hidden|text|number)" name="([^"]+)"(?: value="([^"]*)")?', page):
        data[name] = html.unescape(value)
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(body).removeprefix("\n")
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        chosen = selected or re.search(r'<option value="([^"]*)"', options)
        data[name] = html.unescape(chosen.group(1)) if chosen else ""
    return data


def test_saving_the_charter_page_as_rendered_ignores_the_empty_extra_section(create: Any, applicant: Any) -> None:
    """Found in Chromium: the extra section's select submitted its first requirement, so the untouched
    section counted as started and the page demanded its title and clauses."""
    draft = create()
    services.charter_save(actor=applicant, application=draft, content=full_charter())
    saved = CharterVersion.objects.get(application=draft).content
    client = _client(applicant)
    url = reverse("associations:charter", args=[draft.number])
    data = _as_a_browser_posts(client.get(url).content.decode())
    assert data["s-TOTAL_FORMS"] == str(len(saved["sections"]) + 1)  # one empty section to add
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    assert CharterVersion.objects.get(application=draft).content == saved


def test_registrar_queue_is_ordered_by_deadline_and_only_for_their_body(submitted: Any, cast: Any) -> None:
    client = _client(cast.registrar)
    response = client.get(reverse("associations:queue_home"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert [a.number for a in page.context["rows"]] == [submitted.number]
    assert client.get(reverse("associations:queue", args=[cast.body_a.pk])).status_code == 404
    assert _client(cast.official_a).get(reverse("associations:queue_home")).status_code == 403


def test_refusal_form_needs_clauses_for_a_charter_ground(submitted: Any, cast: Any, grounds: Any) -> None:
    client = _client(cast.registrar)
    url = reverse("associations:refuse", args=[submitted.number])
    ground = grounds["associations.charter-contradicts-law"]
    base = {"c-TOTAL_FORMS": "3", "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "0", "c-MAX_NUM_FORMS": "10"}
    response = client.post(url, {**base, "legal_grounds": [ground.pk], "reasons": "The charter in general"})
    assert response.status_code == 200
    assert "specific clause" in response.content.decode() or response.context["form"].errors
    cited = {**base, "legal_grounds": [ground.pk], "reasons": "See 2.1", "c-0-ground": ground.pk}
    cited.update({"c-0-clause": "2.1", "c-0-reason": "Contradicts the law"})
    assert client.post(url, cited).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED
    public = Client().get(reverse("associations:registry_detail", args=[submitted.number])).content.decode()
    assert "2.1" in public and "Contradicts the law" in public
    assert "Head Person" not in public and "Astana, Abay" not in public  # no personal data


def test_corrections_then_proposal_answers_in_pages(submitted: Any, cast: Any, applicant: Any) -> None:
    client = _client(cast.registrar)
    url = reverse("associations:corrections", args=[submitted.number])
    data = {"p-TOTAL_FORMS": "3", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "0", "p-MAX_NUM_FORMS": "10"}
    data.update({"p-0-clause": "2.1", "p-0-comment": "Be precise", "p-0-wording_ru": "Точная цель."})
    data.update({"p-1-clause": "3.1", "p-1-comment": "Another wording", "p-1-wording_kk": "Басқа мәтін."})
    assert client.post(url, data).status_code == 302
    first, second = Proposal.objects.order_by("pk")
    own = _client(applicant)
    answer = reverse("associations:proposal_answer", args=[submitted.number])
    own.post(answer, {"proposal": first.pk, "answer": "accept"})
    own.post(answer, {"proposal": second.pk, "answer": "reject"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.response, second.response) == (Proposal.Response.ACCEPTED, Proposal.Response.REJECTED)
    # The registrar cannot answer for the applicant.
    client.post(answer, {"proposal": second.pk, "answer": "accept"})
    second.refresh_from_db()
    assert second.response == Proposal.Response.REJECTED


def test_no_view_lets_a_registrar_change_a_charter(submitted: Any, cast: Any) -> None:
    client = _client(cast.registrar)
    url = reverse("associations:charter", args=[submitted.number])
    assert client.get(url).status_code == 404
    assert client.post(url, _section_post(full_charter(clauses=3))).status_code == 404
    assert client.post(reverse("associations:submit", args=[submitted.number])).status_code == 404
    assert not CharterVersion.objects.filter(author=cast.registrar).exists()


def test_no_view_registers_a_version_the_applicant_did_not_submit(submitted: Any, cast: Any) -> None:
    client = _client(cast.registrar)
    url = reverse("associations:register", args=[submitted.number])
    other = charter.content_hash(charter.normalise(full_charter(clauses=3)))
    response = client.post(url, {"version_hash": other, "bin": valid_bin(), "confirm": "on"})
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    version = CharterVersion.objects.get(application=submitted)
    assert (
        client.post(url, {"version_hash": version.content_hash, "bin": valid_bin(), "confirm": "on"}).status_code == 302
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.REGISTERED and submitted.registered_version == version


def test_no_admin_path_to_the_associations_models() -> None:
    """The admin registers none of this app's models: nobody edits a charter, a review or a founder there."""
    assert not [m for m in admin.site._registry if m._meta.app_label == "associations"]


def test_no_api_operation_writes(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    methods = {
        method for path, ops in schema["paths"].items() if path.startswith("/api/v1/associations/") for method in ops
    }
    assert methods == {"get"}


def test_public_registry_api_and_open_data(submitted: Any, cast: Any, grounds: Any, client: Client) -> None:
    ground = grounds["associations.charter-contradicts-law"]
    services.application_refuse(
        actor=cast.registrar,
        application=submitted,
        grounds=[ground],
        citations=[services.ClauseCitation(ground, "2.1", "Contradicts the law")],
        reasons="See clause 2.1",
    )
    rows = client.get("/api/v1/associations/registry").json()
    assert [r["number"] for r in rows] == [submitted.number]
    detail = client.get(f"/api/v1/associations/registry/{submitted.number}").json()
    assert detail["reviews"][0]["citations"] == [
        {"ground": ground.code, "clause": "2.1", "reason": "Contradicts the law"}
    ]
    csv = client.get("/api/v1/associations/registry.csv")
    assert csv["Content-Type"].startswith("text/csv") and submitted.number in csv.content.decode()
    for body in (str(rows), str(detail), csv.content.decode()):
        assert "Head Person" not in body and "head_name" not in body


def test_version_page_shows_a_clause_by_clause_diff(submitted: Any, cast: Any, applicant: Any, grounds: Any) -> None:
    services.application_refuse(
        actor=cast.registrar, application=submitted, grounds=[grounds["associations.name-taken"]], reasons="Taken"
    )
    content = charter.with_wording(
        charter.normalise(full_charter()), "2.1", text_kk="Жаңа мәтін.", text_ru="Новый текст пункта."
    )
    services.charter_save(actor=applicant, application=submitted, content=content)
    services.application_submit(actor=applicant, application=submitted)
    page = Client().get(reverse("associations:version", args=[submitted.number, 2])).content.decode()
    assert "<ins>Новый текст пункта.</ins>" in page or "<ins>Новый</ins>" in page
    assert "<del>" in page
    api = Client().get(f"/api/v1/associations/registry/{submitted.number}/versions/2").json()
    assert [c["clause"] for c in api["changes"]] == ["2.1"]


def test_figures_count_refusals_by_ground_and_rounds_before_registration(
    submitted: Any, cast: Any, applicant: Any, grounds: Any
) -> None:
    from tyndau.associations import selectors

    ground = grounds["associations.name-taken"]
    services.application_refuse(actor=cast.registrar, application=submitted, grounds=[ground], reasons="Taken")
    version = services.application_submit(actor=applicant, application=submitted)
    services.application_register(
        actor=cast.registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    [row] = selectors.registrar_figures()
    assert (row["reviews"], row["refused"], row["registered"], row["median_rounds"]) == (2, 1, 1, 2)
    assert [(g["code"], g["refusals"]) for g in selectors.refusals_by_ground()] == [(ground.code, 1)]
    page = Client().get(reverse("associations:figures"))
    assert page.status_code == 200 and ground.text_kk in page.content.decode()


def test_figures_are_open_data(submitted: Any, cast: Any, grounds: Any, client: Client) -> None:
    ground = grounds["associations.name-taken"]
    services.application_refuse(actor=cast.registrar, application=submitted, grounds=[ground], reasons="Taken")
    data = client.get("/api/v1/associations/figures").json()
    assert data["bodies"][0]["refused"] == 1
    assert data["refusals_by_ground"][0]["code"] == ground.code
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/associations/figures.csv").content.decode())))
    assert rows[0][:3] == ["body_id", "body", "applications"] and rows[1][5] == "1"  # refused
    grounds_csv = list(
        csv.reader(io.StringIO(client.get("/api/v1/associations/refusals_by_ground.csv").content.decode()))
    )
    assert grounds_csv[1][1:] == [ground.code, ground.citation, "1"]
    page = client.get(reverse("associations:figures")).content.decode()
    assert "/api/v1/associations/figures.csv" in page
    assert '<progress max="1" value="1"' in page  # one decision, a refusal: the share beside the table


def test_the_applicant_sees_the_founders_by_name_not_by_e_mail(submitted: Any, applicant: Any, founder: Any) -> None:
    page = _client(applicant).get(reverse("associations:detail", args=[submitted.number])).content.decode()
    assert founder.full_name and founder.full_name in page  # the template asked the user for a method it lacks
    assert founder.email not in page
