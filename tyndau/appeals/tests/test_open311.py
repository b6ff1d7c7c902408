"""Open311 GeoReport v2 contract: both formats, spec field names, spec errors, and a third-party client."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tyndau.appeals.admin import issue_api_key
from tyndau.appeals.models import Appeal, ClientApplication

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def published(file_appeal: Any) -> Appeal:
    return file_appeal(
        publish_consent=True,
        address="г. Астана, ул. Абая, 15, кв. 7",
        text="Call me at +7 701 123 45 67, IIN 061211600012, the light is broken.",
    )


@pytest.fixture
def api_key(cast: Any) -> str:
    client = ClientApplication(name="City app")
    key = issue_api_key(client)
    client.save()
    return key


def test_discovery_both_formats(client: Any) -> None:
    data = client.get("/open311/v2/discovery.json").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    response = client.get("/open311/v2/discovery.xml")
    assert response["Content-Type"].startswith("text/xml")
    assert ET.fromstring(response.content).tag == "discovery"  # noqa: S314


def test_services_and_definition(client: Any, category: Any) -> None:
    services = client.get("/open311/v2/services.json").json()
    row = next(s for s in services if s["service_code"] == category.slug)
    assert set(row) >= {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
    root = ET.fromstring(client.get("/open311/v2/services.xml").content)  # noqa: S314
    assert root.tag == "services" and root.find("service/service_code") is not None
    definition = client.get(f"/open311/v2/services/{category.slug}.json").json()
    assert definition["service_code"] == category.slug and definition["attributes"][0]["code"] == "kind"
    assert ET.fromstring(client.get(f"/open311/v2/services/{category.slug}.xml").content).tag == "service_definition"  # noqa: S314


def test_unknown_service_is_spec_error(client: Any) -> None:
    response = client.get("/open311/v2/services/nope.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404 and response.json()[0]["description"]
    response = client.get("/open311/v2/services/nope.xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_requests_list_redacted_and_filtered(client: Any, published: Appeal, file_appeal: Any) -> None:
    private = file_appeal()
    rows = client.get("/open311/v2/requests.json").json()
    numbers = [r["service_request_id"] for r in rows]
    assert published.number in numbers and private.number not in numbers
    row = rows[numbers.index(published.number)]
    assert set(row) >= REQUEST_FIELDS
    assert row["status"] == "open"
    assert "061211600012" not in row["description"] and "701" not in row["description"]
    assert "15" not in row["address"]
    assert row["expected_datetime"].endswith("Z")
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    assert client.get("/open311/v2/requests.json?status=bogus").status_code == 400
    one = client.get(f"/open311/v2/requests/{published.number}.json").json()
    assert len(one) == 1 and one[0]["service_request_id"] == published.number
    root = ET.fromstring(client.get(f"/open311/v2/requests/{published.number}.xml").content)  # noqa: S314
    assert root.tag == "service_requests" and root.find("request/service_request_id").text == published.number
    assert client.get(f"/open311/v2/requests/{private.number}.json").status_code == 404


@pytest.fixture
def post_form(cast: Any, category: Any) -> dict[str, str]:
    from tyndau.authorities.models import Competence

    Competence.objects.get_or_create(category=category, region=cast.region, defaults={"body": cast.body_a})
    return {
        "service_code": category.slug,
        "lat": "51.128",
        "long": "71.430",
        "email": cast.citizen.email,
        "description": "Pothole near the school entrance",
        "attribute[region]": cast.region.iso_code,
    }


def test_post_requires_a_key(client: Any, post_form: dict[str, str]) -> None:
    response = client.post("/open311/v2/requests.json", post_form)
    assert response.status_code == 403 and response.json()[0]["code"] == 403


def test_post_for_a_person_waits_for_their_confirmation_and_consent(
    client: Any, cast: Any, api_key: str, post_form: dict[str, str], django_capture_on_commit_callbacks: Any
) -> None:
    """Issue 10 item 13: a client may not file for any account it names, nor publish for it."""
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key})
    assert response.status_code == 201, response.content
    created = response.json()[0]
    # GeoReport v2: a token, and no service_request_id, until the request is accepted.
    assert created["token"] and "service_request_id" not in created
    assert not Appeal.objects.exists()  # nothing filed, nothing published
    letter = next(m for m in mail.outbox if m.to == [cast.citizen.email])
    link = next(word for word in letter.body.split() if "/open311/" in word)
    path = link[link.index("/", 8) :]
    token = client.get(f"/open311/v2/tokens/{created['token']}.json").json()[0]
    assert token["service_request_id"] is None
    # The client's token is not the key in the letter.
    assert created["token"] not in path
    # Someone else cannot use the link.
    client.force_login(cast.other_citizen)
    assert client.get(path).status_code == 404
    client.force_login(cast.citizen)
    page = client.get(path)
    assert page.status_code == 200 and "Pothole near the school entrance" in page.content.decode()
    assert b'name="publish_consent"' in page.content and b"checked" not in page.content
    response = client.post(path, {})  # consent not ticked
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.applicant == cast.citizen and appeal.source == "open311"
    assert appeal.publish_consent is False and appeal.public_text == ""
    token = client.get(f"/open311/v2/tokens/{created['token']}.json").json()[0]
    assert token["service_request_id"] == appeal.number
    # The same POST again is the same request (idempotent).
    again = client.post("/open311/v2/requests.xml", {**post_form, "api_key": api_key})
    assert ET.fromstring(again.content).find("request/token").text == created["token"]  # noqa: S314


def test_a_person_may_authorise_a_client_to_file_directly(
    client: Any, cast: Any, api_key: str, post_form: dict[str, str]
) -> None:
    from django.core import mail

    from tyndau.appeals.models import ClientGrant, Open311Submission

    client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key})
    key = Open311Submission.objects.get().confirm_key
    client.force_login(cast.citizen)
    client.post(f"/en/appeals/open311/{key}/", {"publish_consent": "on", "authorise": "on"})
    assert ClientGrant.objects.get().publish_consent is True
    mail.outbox.clear()
    second = {**post_form, "description": "The traffic light at the crossing is dark", "api_key": api_key}
    response = client.post("/open311/v2/requests.json", second)
    row = response.json()[0]
    assert response.status_code == 201 and "token" not in row
    appeal = Appeal.objects.get(number=row["service_request_id"])
    assert appeal.publish_consent is True and appeal.applicant == cast.citizen


def test_a_post_for_an_unknown_address_answers_the_same(client: Any, api_key: str, post_form: dict[str, str]) -> None:
    known = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key})
    unknown = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key, "email": "nobody@x.kz"})
    assert known.status_code == unknown.status_code == 201
    assert set(known.json()[0]) == set(unknown.json()[0])
    assert known.json()[0]["service_notice"] == unknown.json()[0]["service_notice"]
    assert not Appeal.objects.exists()


def test_post_unknown_service_code_is_404(client: Any, api_key: str, post_form: dict[str, str]) -> None:
    response = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key, "service_code": "nope"})
    assert response.status_code == 404 and response.json()[0]["code"] == 404
    response = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key, "service_code": ""})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("lat", "long"),
    [("500", "71.4"), ("-91", "71.4"), ("1e10", "71.4"), ("NaN", "71.4"), ("inf", "71.4"), ("51.1", "-inf"),
     ("40.0", "71.4"), ("51.1", "100"), ("51.1", ""), ("", "71.4"), ("51,1", "71.4"), ("1e999999", "71.4")],
)  # fmt: skip
def test_post_coordinates_outside_kazakhstan_are_refused(
    client: Any, api_key: str, post_form: dict[str, str], lat: str, long: str
) -> None:
    response = client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key, "lat": lat, "long": long})
    assert response.status_code == 400, response.content
    assert "lat" in response.json()[0]["description"].lower()
    assert client.get("/open311/v2/requests.json").status_code == 200


def test_post_description_is_limited_to_the_spec_4000_characters(
    client: Any, api_key: str, post_form: dict[str, str]
) -> None:
    long = {**post_form, "api_key": api_key, "description": "я" * 4001}
    response = client.post("/open311/v2/requests.json", long)
    assert response.status_code == 400 and "4000" in response.json()[0]["description"]


def test_control_characters_never_break_the_xml(client: Any, published: Appeal) -> None:
    Appeal.objects.filter(pk=published.pk).update(public_text="Broken\x01 light\x0b\x1b here\ufffe")
    response = client.get("/open311/v2/requests.xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.find("request/description").text == "Broken light here"


def test_a_complained_appeal_is_open(client: Any, published: Appeal) -> None:
    Appeal.objects.filter(pk=published.pk).update(status="complained")
    row = client.get(f"/open311/v2/requests/{published.number}.json").json()[0]
    assert row["status"] == "open"
    assert published.number in [
        r["service_request_id"] for r in client.get("/open311/v2/requests.json?status=open").json()
    ]


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("/open311/v2/nope.xml", "xml"), ("/open311/v2/requests/a%20b.json", "json"), ("/open311/", "json"),
     ("/open311/v3/services.xml", "xml"), ("/open311/v2/requests/x.html", "json")],
)  # fmt: skip
def test_every_error_under_open311_is_a_spec_error(client: Any, path: str, fmt: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if fmt == "xml":
        assert ET.fromstring(response.content).find("error/code").text == "404"  # noqa: S314
    else:
        assert response.json()[0]["code"] == 404


def test_an_unexpected_failure_is_a_spec_error(client: Any, monkeypatch: Any) -> None:
    from tyndau.appeals.open311 import views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "published_requests", broken)
    client.raise_request_exception = False
    response = client.get("/open311/v2/requests.xml")
    assert response.status_code == 500
    assert ET.fromstring(response.content).find("error/code").text == "500"  # noqa: S314


def test_discovery_url_has_no_trailing_slash(client: Any) -> None:
    url = client.get("/open311/v2/discovery.json").json()["endpoints"][0]["url"]
    assert url.endswith("/open311/v2") and not url.endswith("/")


def test_keywords_are_comma_separated(client: Any, category: Any) -> None:
    category.keywords = "road pothole  asphalt"
    category.save()
    row = next(s for s in client.get("/open311/v2/services.json").json() if s["service_code"] == category.slug)
    assert row["keywords"] == "road, pothole, asphalt"


def test_service_notice_speaks_the_language_asked_for(client: Any, published: Appeal) -> None:
    english = client.get("/open311/v2/requests.json?locale=en").json()[0]["service_notice"]
    russian = client.get("/open311/v2/requests.json?locale=ru").json()[0]["service_notice"]
    kazakh = client.get("/open311/v2/requests.json", HTTP_ACCEPT_LANGUAGE="kk").json()[0]["service_notice"]
    assert "working days" in english and "рабочих дней" in russian and "жұмыс күні" in kazakh


def test_extensions_add_extended_attributes(client: Any, published: Appeal) -> None:
    plain = client.get("/open311/v2/requests.json").json()[0]
    extended = client.get("/open311/v2/requests.json?extensions=true").json()[0]
    assert "extended_attributes" not in plain
    assert extended["extended_attributes"]["status"] == published.status
    assert extended["extended_attributes"]["deadline"] == published.deadline.isoformat()


def test_an_open311_description_is_published_once(cast: Any, api_key: str, post_form: dict[str, str]) -> None:
    from django.test import Client

    from tyndau.appeals.models import Open311Submission
    from tyndau.appeals.services.open311 import open311_confirm

    client = Client()
    client.post("/open311/v2/requests.json", {**post_form, "api_key": api_key})
    key = Open311Submission.objects.get().confirm_key
    appeal = open311_confirm(actor=cast.citizen, confirm_key=key, publish_consent=True, authorise=False)
    assert appeal.public_text.count("Pothole near the school entrance") == 1


def test_third_party_georeport_client(shared_live_server: Any, cast: Any, category: Any, file_appeal: Any) -> None:
    georeport = pytest.importorskip("georeport")
    appeal = file_appeal(publish_consent=True)
    for fmt in ("json", "xml"):
        client = georeport.GeoReport(f"{shared_live_server.url}/open311/v2", output_format=fmt)
        services = client.get_service_list()
        services = services if isinstance(services, list) else [services]
        assert any(s["service_code"] == category.slug for s in services)
        assert client.get_service_definition(category.slug)["service_code"] == category.slug
        requests = client.get_service_requests(status="open")
        requests = requests if isinstance(requests, list) else [requests]
        assert appeal.number in [r["service_request_id"] for r in requests]
        assert client.get_service_request(appeal.number)["service_request_id"] == appeal.number


def test_the_database_refuses_a_point_outside_kazakhstan(published: Appeal) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.filter(pk=published.pk).update(latitude=-91, longitude=71.4)
