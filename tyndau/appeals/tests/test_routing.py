"""Routing suggestions (issue 15): the model learns the planted signal, import and evaluation on a CSV,
the suggestion on the filing form (no JS, HTMX, API), the official's view, the fallback, the figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, HistoricalAppeal, RoutingSuggestion
from tyndau.appeals.routing import model, store, synthetic
from tyndau.appeals.routing.suggest import suggest
from tyndau.appeals.tests.test_views import _form as views_form
from tyndau.audit.models import Event

HEADER = ["id", "text", "category", "region", "district", "latitude", "longitude", "date", "author", "body"]


@pytest.fixture(autouse=True)
def model_file(settings: Any, tmp_path: Path) -> Path:
    path = tmp_path / "routing" / "model.joblib"
    settings.ROUTING_MODEL_PATH = path
    store.forget()
    yield path
    store.forget()


def _history_csv(cast: Any, category: Any, n: int = 120, extra: list[list[str]] | None = None) -> io.StringIO:
    """Same topic, same place: 'pothole' appeals were answered by body B, the rest by body A."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(n):
        pothole = i % 3 == 0
        text = f"{'deep pothole on the road' if pothole else 'streetlight broken at night'} near house {i}"
        body = cast.body_b.slug if pothole else cast.body_a.slug
        writer.writerow(
            [f"h{i}", text, category.slug, cast.region.iso_code, "", "", "", f"2025-{1 + i % 12:02d}-10", f"p{i}", body]
        )
    for row in extra or []:
        writer.writerow(row)
    out.seek(0)
    return out


# --- the model ------------------------------------------------------------------------------------


def test_the_model_learns_what_the_place_baseline_cannot_see() -> None:
    """The planted text signal: a model that did not learn from the text would score like the baseline."""
    result = model.evaluate(list(synthetic.examples(6000, seed=3)))
    assert result["train"] == 4800 and result["test"] == 1200
    assert result["model"]["top1"] > result["baseline_category_place"]["top1"] + 0.1
    assert result["model"]["macro_f1"] > result["baseline_category_place"]["macro_f1"]
    assert result["baseline_category_place"]["top1"] > result["baseline_most_common"]["top1"]


def test_time_split_tests_on_the_latest_fifth() -> None:
    examples = list(synthetic.examples(100))
    train, test = model.time_split(list(reversed(examples)))
    assert len(train) == 80 and len(test) == 20
    assert max(e.date for e in train) <= min(e.date for e in test)


# --- import and evaluation commands -------------------------------------------------------------------


def test_evaluate_routing_on_a_generated_csv(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    with path.open("w", newline="") as handle:
        synthetic.write_csv(handle, 3000, seed=5)
    out = io.StringIO()
    call_command("evaluate_routing", "--csv", str(path), stdout=out)
    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["test"] == 600
    assert result["model"]["top1"] > result["baseline_category_place"]["top1"]
    assert result["model"]["top3"] >= result["model"]["top1"]
    assert any(line.startswith("baseline_most_common") for line in lines)


def test_import_is_idempotent_reports_bad_rows_and_keeps_no_author(cast: Any, category: Any) -> None:
    bad = [
        ["b1", "text", category.slug, cast.region.iso_code, "", "", "", "2025-01-01", "", "no-such-body"],
        ["b2", "text", category.slug, cast.region.iso_code, "", "", "", "0001-01-01", "", cast.body_a.slug],
        ["b3", "text", category.slug, cast.region.iso_code, "", "99", "1e400", "2025-01-01", "", cast.body_a.slug],
        ["b4", "", category.slug, cast.region.iso_code, "", "", "", "2025-01-01", "", cast.body_a.slug],
        ["b5", "text\x00\x07", category.slug, "KZ-XX", "", "", "", "2025-01-01", "", cast.body_a.slug],
    ]
    result = services.history_import(handle=_history_csv(cast, category, 30, bad), source="old-system")
    assert (result.created, result.updated) == (30, 0)
    assert sorted(line for line, _reason in result.skipped) == [32, 33, 34, 35, 36]
    again = services.history_import(handle=_history_csv(cast, category, 30), source="old-system")
    assert (again.created, again.updated) == (0, 30)
    assert HistoricalAppeal.objects.count() == 30
    row = HistoricalAppeal.objects.get(external_id="h1")
    assert row.author_key and "p1" not in row.author_key
    assert Event.objects.filter(action="appeals.history.imported").count() == 2


def test_import_command_refuses_a_file_without_the_columns(tmp_path: Path, db: Any) -> None:
    from django.core.management.base import CommandError

    path = tmp_path / "x.csv"
    path.write_text("text,category\nhello,roads\n")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_appeals_csv", str(path))


# --- training and the suggestion ---------------------------------------------------------------------


def _trained(cast: Any, category: Any) -> None:
    services.history_import(handle=_history_csv(cast, category), source="old")
    out = io.StringIO()
    call_command("train_routing", stdout=out)
    assert "examples=120" in out.getvalue()


def test_train_then_suggest_reads_the_text(cast: Any, category: Any, model_file: Path) -> None:
    _trained(cast, category)
    assert model_file.exists()
    pothole = suggest(category=category, region=cast.region, text="A deep pothole on the road")
    light = suggest(category=category, region=cast.region, text="The streetlight is broken at night")
    assert pothole.source == light.source == "model"
    assert pothole.body == cast.body_b and light.body == cast.body_a
    with translation.override("en"):
        texts = " ".join(light.reason_texts())
    assert "Body A" in texts and "80 of 120" in texts
    assert Event.objects.filter(action="appeals.routing.trained").exists()


def test_without_a_model_the_competence_table_answers(cast: Any, category: Any) -> None:
    from tyndau.authorities.models import Competence

    Competence.objects.create(category=category, region=cast.region, body=cast.body_b)
    found = suggest(category=category, region=cast.region, text="anything at all")
    assert found.source == "fallback" and found.body == cast.body_b
    with translation.override("en"):
        assert "competence table" in found.reason_texts()[0]


def test_a_broken_model_file_never_breaks_filing(cast: Any, file_appeal: Any, model_file: Path) -> None:
    model_file.parent.mkdir(parents=True)
    model_file.write_bytes(b"not a model")
    appeal = file_appeal()
    assert appeal.pk and RoutingSuggestion.objects.get(appeal=appeal).source == "fallback"


# --- the filing form, HTMX, the official, the API ------------------------------------------------------


def _form(cast: Any, category: Any, **extra: Any) -> dict[str, Any]:
    """The filing form of test_views with the body left to the suggestion, about a pothole."""
    fields = {"body": "", "subject": "Pothole", "text": "A deep pothole on the road near our school, cars break."}
    return views_form(cast, category, needs=["disability", "large_family"], **{**fields, **extra})


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Suggested for your appeal"), ("ru", "Предложение для вашего обращения"), ("kk", "Өтінішіңізге ұсыныс")],
)
def test_suggest_step_without_javascript(client: Any, cast: Any, category: Any, lang: str, heading: str) -> None:
    _trained(cast, category)
    client.force_login(cast.citizen)
    data = _form(cast, category, suggest="1")
    html = client.post(f"/{lang}/appeals/new/", data).content.decode()
    assert heading in html
    assert f'<option value="{cast.body_b.pk}" selected>' in html  # pre-selected, the citizen may change it
    assert "A deep pothole on the road near our school" in html  # what was typed is kept
    assert 'value="large_family" checked' in html
    assert Appeal.objects.count() == 0
    # Filing with the body changed by the citizen: the choice is theirs, the suggestion is kept.
    client.post(f"/{lang}/appeals/new/", _form(cast, category, body=cast.body_a.pk))
    appeal = Appeal.objects.get()
    assert appeal.body == cast.body_a
    assert RoutingSuggestion.objects.get(appeal=appeal).body == cast.body_b


def test_htmx_suggestion_box(client: Any, cast: Any, category: Any) -> None:
    _trained(cast, category)
    assert client.post(reverse("appeals:suggest"), {}).status_code == 302  # signed out: to the login
    client.force_login(cast.citizen)
    html = client.post("/en/appeals/new/suggest/", _form(cast, category), HTTP_HX_REQUEST="true").content.decode()
    assert html.startswith('<div id="routing-suggestion"') and "Body B" in html
    junk = {"category": "9" * 40, "region": "x", "text": "\x00" * 10 + "é" * 100_000}
    assert client.post(reverse("appeals:suggest"), junk).status_code == 200
    assert client.get(reverse("appeals:suggest")).status_code == 302


def test_the_official_sees_the_suggestion_and_the_applicant_does_not(
    client: Any, cast: Any, category: Any, file_appeal: Any
) -> None:
    _trained(cast, category)
    appeal = file_appeal(text="A deep pothole on the road by the bus stop.")
    client.force_login(cast.official_a)
    html = client.get(f"/ru/appeals/a/{appeal.number}/").content.decode()
    assert "Предложение маршрутизации при подаче" in html and "Орган Б" in html
    client.force_login(cast.citizen)
    assert "Routing suggestion when filed" not in client.get(f"/en/appeals/a/{appeal.number}/").content.decode()


def test_api_suggestion(client: Any, cast: Any, category: Any) -> None:
    _trained(cast, category)
    url = "/api/v1/appeals/routing/suggest"
    params = {"category": category.slug, "region": cast.region.iso_code, "text": "deep pothole"}
    assert client.get(url, params).status_code == 401
    client.force_login(cast.citizen)
    body = client.get(url, params).json()
    assert body["body"]["slug"] == cast.body_b.slug and body["source"] == "model"
    assert body["reasons"] and "email" not in json.dumps(body)
    assert client.get(url, {**params, "text": "x" * 5000}).status_code == 422
    unknown = client.get(url, {"category": "nope", "region": "KZ-00", "text": "hello"})
    assert unknown.status_code == 200


# --- figures ------------------------------------------------------------------------------------------


def test_forwarding_counts_and_accuracy_on_the_body_figures(
    client: Any, cast: Any, category: Any, file_appeal: Any
) -> None:
    from tyndau.authorities.models import Competence

    Competence.objects.create(category=category, region=cast.region, body=cast.body_b)
    appeal = file_appeal()  # filed to A; the fallback suggested B
    services.appeal_forward(actor=cast.official_a, appeal=appeal, to_body=cast.body_b, reason="Not ours: roads")
    services.appeal_answer(
        actor=cast.official_b, appeal=appeal, outcome="satisfied", text="Repaired the road as asked, thank you."
    )
    a = dict(_figures(cast.body_a))
    b = dict(_figures(cast.body_b))
    assert a["Appeals received that were not its to answer (forwarded on)"] == "1"
    assert a["of them forwarded within 3 working days (APPK art. 64(4))"] == "1"
    assert b["Appeals other bodies forwarded to it"] == "1"
    assert b["Routing suggestion named the body that answered"].startswith("100")
    html = client.get("/en/transparency/").content.decode()
    assert "Routing suggestions" in html


def _figures(body: Any) -> Any:
    from django.core.cache import cache

    from tyndau.transparency.selectors import body_figures

    cache.clear()
    with translation.override("en"):
        return [(str(label), value) for label, value in body_figures(body=body)]


# --- in the browser -------------------------------------------------------------------------------------


def _fill(page: Any, cast: Any, category: Any) -> None:
    page.locator("#id_region").select_option(str(cast.region.pk))
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_subject").fill("Яма")
    page.locator("#id_text").fill("A deep pothole on the road by our school, cars break.")


@pytest.mark.browser
def test_browser_suggest_step_without_javascript_then_file(
    new_context: Any, shared_live_server: Any, cast: Any, category: Any
) -> None:
    _trained(cast, category)
    context = new_context(user=cast.citizen, base_url=shared_live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/ru/appeals/new/")
    page.locator("label", has_text="Заявление").click()
    _fill(page, cast, category)
    page.get_by_role("button", name="Подсказать орган и тему").click()
    assert page.get_by_role("heading", name="Предложение для вашего обращения").is_visible()
    assert page.locator("#id_body").input_value() == str(cast.body_b.pk)
    assert page.locator("#id_text").input_value().startswith("A deep pothole")
    page.locator("label", has_text="Заявление").click()
    page.get_by_role("button", name="Отправить обращение").click()
    appeal = Appeal.objects.get()
    assert appeal.body == cast.body_b
    assert page.url.endswith(f"/appeals/a/{appeal.number}/receipt/")


@pytest.mark.browser
def test_browser_live_suggestion_with_javascript(
    new_context: Any, shared_live_server: Any, cast: Any, category: Any
) -> None:
    _trained(cast, category)
    context = new_context(user=cast.citizen, base_url=shared_live_server.url, java_script_enabled=True)
    page = context.new_page()
    page.goto("/kk/appeals/new/")
    _fill(page, cast, category)
    page.get_by_role("button", name="Орган мен тақырыпты ұсыну").click()
    page.get_by_role("heading", name="Өтінішіңізге ұсыныс").wait_for()
    assert page.url.endswith("/kk/appeals/new/")
    assert "Б органы" in page.locator("#routing-suggestion").inner_text()
    assert Appeal.objects.count() == 0
