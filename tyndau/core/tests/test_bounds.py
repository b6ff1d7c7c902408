"""Input bounds across the project (issue 10, items 7, 11 and 16): every free-text field has a
length limit, every numeric and date parameter a range, and out-of-range input gets a 4xx."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
from django import forms
from django.utils import translation

from tyndau.core import bounds

APPS = ("accounts", "appeals", "audit", "authorities", "core", "notifications", "petitions", "transparency")
# Forms whose constructor needs an argument, and what to give it.
# Base classes that are never shown themselves: their subclasses (AnswerForm, ComplaintDecisionForm) are walked.
BASES = {"GroundsForm"}
FORM_KWARGS: dict[str, dict[str, Any]] = {
    "AssignForm": {"body": 0},
    "ScorecardForm": {"regions": []},
    "SetPasswordForm": {"user": None},
    "PasswordChangeForm": {"user": None},
    "Open311ConfirmForm": {"client_name": "City app"},
}


def _forms() -> list[type[forms.BaseForm]]:
    found = []
    for app in APPS:
        try:
            module = importlib.import_module(f"tyndau.{app}.forms")
        except ModuleNotFoundError:
            continue
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__ and cls.__name__ not in BASES
        ]
    return found


def test_the_walk_finds_the_forms() -> None:
    names = {cls.__name__ for cls in _forms()}
    assert {"AppealForm", "AnswerForm", "InfoReplyForm", "PetitionDraftForm", "LoginForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _forms(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_of_every_form_is_bounded(form_class: type[forms.BaseForm]) -> None:
    form = form_class(**FORM_KWARGS.get(form_class.__name__, {}))
    unbounded = [
        name
        for name, field in form.fields.items()
        # A UUID is parsed, not stored as typed; every other text a person sends has a limit.
        if isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField) and field.max_length is None
    ]
    assert not unbounded, f"{form_class.__name__}: {unbounded} have no max_length"


def _openapi() -> dict[str, Any]:
    from config.api import api

    return api.get_openapi_schema()


def _parameters() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path, operations in _openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                found.append((f"{method.upper()} {path} {parameter['name']}", parameter))
    return found


def _types(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return schema.get("anyOf", [schema])


def test_the_api_has_parameters() -> None:
    assert len(_parameters()) > 10


@pytest.mark.parametrize(("name", "parameter"), _parameters(), ids=[n for n, _ in _parameters()])
def test_every_api_parameter_is_bounded(name: str, parameter: dict[str, Any]) -> None:
    schemas = _openapi()["components"]["schemas"]
    for schema in _types(parameter["schema"]):
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        kind = schema.get("type")
        if kind == "integer":
            assert "minimum" in schema and "maximum" in schema, f"{name}: an integer without bounds"
        elif kind == "string" and "enum" not in schema and schema.get("format") not in ("date", "date-time"):
            assert "maxLength" in schema, f"{name}: a string without maxLength"


# --- Out-of-range numbers and dates: a 4xx, never a 500 ---------------------------------------------

HUGE = "9223372036854775808"  # 2**63: one past the largest 64-bit integer


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/appeals/queue/{HUGE}",
        f"/api/v1/appeals/queue/1?page={HUGE}",
        "/api/v1/appeals/queue/1?page=0",
        f"/api/v1/appeals/mine?before={HUGE}",
        f"/api/v1/petitions/?offset={HUGE}",
        f"/api/v1/petitions/?limit={HUGE}",
        "/api/v1/petitions/?offset=-1",
        f"/api/v1/petitions/{HUGE}",
        f"/api/v1/petitions/{HUGE}/csv",
        "/api/v1/transparency/summary?date_from=0001-01-01",
        "/api/v1/transparency/bodies.csv?date_from=0001-01-01&date_to=0001-02-01",
        "/api/v1/transparency/months?date_to=9999-12-31",
        "/api/v1/transparency/grounds?date_from=nan",
    ],
)
def test_api_refuses_out_of_range_with_a_4xx(url: str, cast: Any, client: Any) -> None:
    client.raise_request_exception = False
    client.force_login(cast.official_a)
    response = client.get(url)
    assert response.status_code in (404, 422), (url, response.status_code)
    assert response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/transparency/?date_from=0001-01-01&date_to=0001-02-01",
        "/en/transparency/bodies/?date_from=0001-01-01&date_to=0001-02-01",
        "/en/transparency/?date_from=9999-01-01&date_to=9999-12-31",
        f"/en/appeals/register/?before={HUGE}",
        "/en/appeals/register/?date_from=0001-01-01",
        f"/en/appeals/queue/{HUGE}/",
        f"/en/appeals/complaints/{HUGE}/pass/",
        f"/en/petitions/{HUGE}/",
        f"/en/petitions/?page={HUGE}",
    ],
)
def test_pages_refuse_out_of_range_without_a_500(url: str, cast: Any, client: Any) -> None:
    client.raise_request_exception = False
    client.force_login(cast.official_a)
    assert client.get(url).status_code < 500, url


def test_dates_out_of_range_are_refused_in_every_language() -> None:
    from tyndau.petitions.forms import FraudSearchForm
    from tyndau.transparency.forms import PeriodForm

    for language in ("kk", "ru", "en"):
        with translation.override(language):
            form = PeriodForm({"date_from": "0001-01-01", "date_to": "2025-01-01"})
            assert not form.is_valid()
            assert "2000-01-01" in form.errors["date_from"][0]
            fraud = FraudSearchForm({"since": "0001-01-01T00:00"})
            assert not fraud.is_valid() and "since" in fraud.errors


# --- Free text: the limit, in the person's language ------------------------------------------------


def test_a_too_long_answer_is_refused_with_a_translated_message() -> None:
    from tyndau.appeals.forms import InfoReplyForm

    for language, word in (("kk", "таңба"), ("ru", "символ"), ("en", "characters")):
        with translation.override(language):
            form = InfoReplyForm({"reply": "я" * (bounds.TEXT_LONG + 1)})
            assert not form.is_valid()
            message = form.errors["reply"][0]
            assert word in message and f"{bounds.TEXT_LONG}" in message.replace(" ", "").replace("\xa0", "")


def test_free_text_drops_control_characters() -> None:
    from tyndau.appeals.forms import InfoRequestForm

    form = InfoRequestForm({"question": "Пришлите\x00 фото\x0b ямы\x1b.\nСпасибо"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["question"] == "Пришлите фото ямы.\nСпасибо"


@pytest.mark.django_db
def test_the_database_refuses_a_megabyte_of_text(cast: Any) -> None:
    from django.db import IntegrityError, transaction

    from tyndau.petitions.models import Petition

    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.create(title="t", request_text="x" * 3001, addressee=cast.body_a, creator=cast.citizen)


# --- Coordinates: Kazakhstan's box wherever a point enters ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lat", "lon"),
    [("500", "71.4"), ("-91", "71.4"), ("1e10", "71.4"), ("NaN", "71.4"), ("51.1", "Infinity"), ("40.4", "71.4"),
     ("51.1", "46.3"), ("51.1", "87.5"), ("55.6", "71.4"), ("51.1", ""), ("", "71.4")],
)  # fmt: skip
def test_the_appeal_form_refuses_points_outside_kazakhstan(lat: str, lon: str) -> None:
    from tyndau.appeals.forms import AppealForm

    form = AppealForm({"latitude": lat, "longitude": lon})
    form.is_valid()
    assert "latitude" in form.errors or "longitude" in form.errors


@pytest.mark.django_db
def test_the_appeal_form_takes_a_point_in_kazakhstan() -> None:
    from tyndau.appeals.forms import AppealForm

    form = AppealForm({"latitude": "51.128", "longitude": "71.43"})
    form.is_valid()
    assert "latitude" not in form.errors and "longitude" not in form.errors


def test_csv_cells_never_start_a_formula() -> None:
    from tyndau.transparency.exports import COLUMNS, to_csv

    dataset = next(iter(COLUMNS))
    columns = COLUMNS[dataset]
    row = dict.fromkeys(columns, "")
    for value, column in zip(("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"), columns, strict=False):
        row[column] = value
    body = to_csv(dataset, [row])
    for cell in body.splitlines()[1].split(","):
        assert not cell.lstrip('"').startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert bounds.csv_cell(-5) == -5  # a number stays a number


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["9000000000000000000", "460000000000000000", "-5", "0"])
def test_the_official_queue_page_is_bounded(page: str, cast: Any, client: Any) -> None:
    client.raise_request_exception = False
    client.force_login(cast.official_a)
    assert client.get(f"/en/appeals/queue/{cast.body_a.pk}/?page={page}").status_code == 200
