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


def test_post_requires_key_and_creates(client: Any, cast: Any, category: Any, api_key: str) -> None:
    from tyndau.authorities.models import Competence

    Competence.objects.get_or_create(category=category, region=cast.region, defaults={"body": cast.body_a})
    form = {
        "service_code": category.slug,
        "lat": "51.128",
        "long": "71.430",
        "email": cast.citizen.email,
        "description": "Pothole near the school entrance",
        "attribute[region]": cast.region.iso_code,
    }
    response = client.post("/open311/v2/requests.json", form)
    assert response.status_code == 403 and response.json()[0]["code"] == 403
    response = client.post("/open311/v2/requests.json", {**form, "api_key": api_key})
    assert response.status_code == 201, response.content
    created = response.json()[0]
    appeal = Appeal.objects.get(number=created["service_request_id"])
    assert appeal.applicant == cast.citizen and appeal.body == cast.body_a and appeal.source == "open311"
    token = client.get(f"/open311/v2/tokens/{created['token']}.json").json()
    assert token[0]["service_request_id"] == appeal.number
    again = client.post("/open311/v2/requests.xml", {**form, "api_key": api_key})
    assert ET.fromstring(again.content).find("request/service_request_id").text == appeal.number  # idempotent  # noqa: S314
    anonymous = client.post("/open311/v2/requests.json", {**form, "api_key": api_key, "email": "nobody@x.kz"})
    assert anonymous.status_code == 400


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
