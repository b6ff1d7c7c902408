"""Open data: JSON and CSV of aggregates only, documented in the OpenAPI schema, never personal data."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.harness.site import personal_data
from tyndau.transparency.exports import COLUMNS
from tyndau.transparency.tests.conftest import SUBJECT, TEXT

pytestmark = pytest.mark.django_db

API = "/api/v1/transparency"
DATASETS = ("bodies", "regions", "grounds", "months")
# With the assembly datasets (their figures: test_assembly_figures.py).
ALL_DATASETS = (*DATASETS, "assemblies", "assembly_grounds", "per_capita")
MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


def _forbidden(dataset: Any) -> dict[str, str]:
    """Every personal string of the cast and of the appeals (names, e-mails, IINs, phones, addresses, texts)."""
    found = personal_data()
    cast = dataset.cast
    for user in cast.roles().values():
        if user is not None:
            found[user.email] = "e-mail"
            for name in (user.first_name, user.last_name):
                if name:
                    found[name] = "name"
    found.update({SUBJECT: "appeal subject", TEXT: "appeal text", "+77011234567": "phone", "Abai avenue": "address"})
    for appeal in dataset.appeals.values():
        found[appeal.number] = "appeal number"  # a case number is not an aggregate
    return found


def test_summary_json(dataset: Any, client: Any) -> None:
    data = client.get(f"{API}/summary", MARCH).json()
    assert data["period"] == {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    assert data["appeals"]["total"]["received"] == 6
    assert data["appeals"]["by_region"] == [
        {"region": "KZ-71", **{k: v for k, v in data["appeals"]["by_region"][0].items() if k != "region"}}
    ]
    assert data["petitions"]["total"]["overdue_responses"] == 1


@pytest.mark.parametrize("name", DATASETS)
def test_json_and_csv_agree(dataset: Any, client: Any, name: str) -> None:
    records = client.get(f"{API}/{name}", MARCH).json()
    response = client.get(f"{API}/{name}.csv", MARCH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS[name] if rows else True
    assert len(rows) == len(records)
    assert {tuple(r) for r in records} == {COLUMNS[name]}


def test_bodies_dataset_figures(dataset: Any, client: Any) -> None:
    records = {r["body"]: r for r in client.get(f"{API}/bodies", MARCH).json()}
    a = records[dataset.cast.body_a.slug]
    assert (a["appeals_received"], a["appeals_overdue"], a["appeals_deemed_refusals"]) == (5, 1, 1)
    assert a["petitions_overdue_responses"] == 1
    grounds = {(r["body"], r["ground"]): r["total"] for r in client.get(f"{API}/grounds", MARCH).json()}
    assert grounds[(dataset.cast.body_a.slug, dataset.g1.code)] == 2
    assert grounds[("", dataset.petition_ground.code)] == 1  # rejected at moderation: no body


def test_csv_header_without_rows(db: Any, client: Any) -> None:
    text = client.get(f"{API}/bodies.csv").content.decode()
    assert text.strip() == ",".join(COLUMNS["bodies"])


def test_invalid_period_is_a_422(db: Any, client: Any) -> None:
    assert client.get(f"{API}/bodies", {"date_from": "2026-04-01", "date_to": "2026-03-01"}).status_code == 422
    assert client.get(f"{API}/bodies.csv", {"date_from": "not-a-date"}).status_code == 422


def test_exports_contain_no_personal_data(dataset: Any, client: Any) -> None:
    forbidden = _forbidden(dataset)
    bodies = [client.get(f"{API}/summary", MARCH).content.decode()]
    for name in DATASETS:
        bodies.append(client.get(f"{API}/{name}", MARCH).content.decode())
        bodies.append(client.get(f"{API}/{name}.csv", MARCH).content.decode())
    for lang in ("kk", "ru", "en"):
        for page in ("", "bodies/", "refusals/", "data/"):
            bodies.append(client.get(f"/{lang}/transparency/{page}", MARCH).content.decode())
    for body in bodies:
        for value, origin in forbidden.items():
            assert value not in body, f"{origin} leaked"


def test_operations_are_public_and_documented(db: Any, client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p.startswith(f"{API}/")}
    expected = {f"{API}/summary", *(f"{API}/{n}" for n in ALL_DATASETS), *(f"{API}/{n}.csv" for n in ALL_DATASETS)}
    assert set(paths) == expected
    for ops in paths.values():
        assert "security" not in ops["get"]
    assert "text/csv" in paths[f"{API}/bodies.csv"]["get"]["responses"]["200"]["content"]


def test_export_query_counts_are_bounded(dataset: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    for name in (*DATASETS, "per_capita"):
        # 11: the bodies' scorecard also reads the public answers owed on systemic issues (one query).
        with django_assert_max_num_queries(11):
            client.get(f"{API}/{name}.csv", MARCH)
