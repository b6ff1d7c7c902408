from __future__ import annotations

import pytest

from tyndau.authorities import figures

pytestmark = pytest.mark.django_db

LANGS = ["kk", "ru", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_body_list_is_public_in_every_language(client, lang):
    response = client.get(f"/{lang}/authorities/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f'href="/{lang}/authorities/astana-akimat/"' in html


def test_body_list_filters_by_region(client):
    html = client.get("/en/authorities/?region=KZ-55").content.decode()
    assert "Akimat of Pavlodar Region" in html
    assert "Akimat of Astana" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_body_detail_in_every_language(client, lang):
    response = client.get(f"/{lang}/authorities/ekibastuz-akimat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f"/{lang}/authorities/pavlodar-akimat/" in html  # complaint route
    assert f"/{lang}/authorities/government/" in html


def test_body_detail_names_follow_the_language(client):
    assert "Акимат города Экибастуза" in client.get("/ru/authorities/ekibastuz-akimat/").content.decode()
    assert "Екібастұз қаласының әкімдігі" in client.get("/kk/authorities/ekibastuz-akimat/").content.decode()


def test_unknown_body_is_404(client):
    assert client.get("/en/authorities/no-such-body/").status_code == 404


def test_body_figures_hook(client, monkeypatch):
    monkeypatch.setattr(figures, "_providers", [])
    assert "body-figures-heading" not in client.get("/en/authorities/astana-akimat/").content.decode()
    figures.register(lambda *, body: [("Appeals answered on time", "97%")])
    html = client.get("/en/authorities/astana-akimat/").content.decode()
    assert "body-figures-heading" in html and "Appeals answered on time" in html and "97%" in html


def test_api_regions(client):
    data = client.get("/api/v1/authorities/regions").json()
    assert len(data) == 20
    assert {"iso_code": "KZ-71", "kato_code": "710000000"}.items() <= data[-3].items()


def test_api_bodies(client):
    data = client.get("/api/v1/authorities/bodies?region=KZ-55&kind=akimat").json()
    assert {b["slug"] for b in data} == {"pavlodar-akimat", "ekibastuz-akimat"}
    body = client.get("/api/v1/authorities/bodies/ekibastuz-akimat").json()
    assert body["higher_body"] == "pavlodar-akimat" and body["region"] == "KZ-55"
    assert client.get("/api/v1/authorities/bodies/nope").status_code == 404


def test_api_categories_and_competence(client):
    assert len(client.get("/api/v1/authorities/categories").json()) >= 16
    ok = client.get("/api/v1/authorities/competent-body?category=housing&region=KZ-71")
    assert ok.status_code == 200 and ok.json()["slug"] == "astana-akimat"
    national = client.get("/api/v1/authorities/competent-body?category=public-order")
    assert national.json()["slug"] == "ministry-of-internal-affairs"
    assert client.get("/api/v1/authorities/competent-body?category=nope").status_code == 404
    assert client.get("/api/v1/authorities/competent-body?category=housing&region=KZ-00").status_code == 404


def test_api_legal_grounds(client):
    data = client.get("/api/v1/authorities/legal-grounds?domain=assemblies").json()
    assert {g["domain"] for g in data} == {"assemblies"}
    assert len(client.get("/api/v1/authorities/legal-grounds").json()) >= 50


@pytest.mark.parametrize(
    "url",
    [
        "/en/admin/authorities/region/",
        "/en/admin/authorities/publicbody/?q=Экибастуз",
        "/en/admin/authorities/category/",
        "/en/admin/authorities/competence/?q=Astana",
        "/en/admin/authorities/legalground/?q=91",
        "/en/admin/authorities/publicbody/add/",
    ],
)
def test_admin_pages(client, cast, url):
    client.force_login(cast.admin)
    assert client.get(url).status_code == 200


def test_admin_change_and_autocomplete(client, cast):
    from tyndau.authorities.models import PublicBody

    client.force_login(cast.admin)
    body = PublicBody.objects.get(slug="pavlodar-akimat")
    assert client.get(f"/en/admin/authorities/publicbody/{body.pk}/change/").status_code == 200
    response = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "authorities", "model_name": "publicbody", "field_name": "higher_body", "term": "Павлодар"},
    )
    assert response.status_code == 200 and response.json()["results"]


@pytest.mark.parametrize(("lang", "heading"), [("kk", "Мемлекеттік органдар"), ("ru", "Государственные органы")])
def test_body_list_is_translated(client, lang, heading):
    assert f"<h1>{heading}</h1>" in client.get(f"/{lang}/authorities/").content.decode()


def test_body_figures_come_from_the_registered_provider():
    from tyndau.authorities.models import PublicBody

    rows = figures.body_figures(body=PublicBody.objects.get(slug="astana-akimat"))
    assert rows and all(len(row) == 2 for row in rows)  # transparency registers itself when Django starts


def test_pages_have_a_small_query_budget(client, monkeypatch, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/en/authorities/").status_code == 200
    monkeypatch.setattr(figures, "_providers", [])
    with django_assert_max_num_queries(6):  # body, subordinates, competences, the complaint route
        assert client.get("/en/authorities/ekibastuz-akimat/").status_code == 200
