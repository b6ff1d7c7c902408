"""The figures on the constructed dataset, computed by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from tyndau.core.calendar import working_days_between
from tyndau.transparency import selectors
from tyndau.transparency.selectors import Period, ScorecardFilter
from tyndau.transparency.selectors.period import weighted_median

pytestmark = pytest.mark.django_db

MARCH = Period(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))


def test_weighted_median_matches_statistics() -> None:
    import statistics
    from collections import Counter

    for values in ([1], [1, 2], [3, 1, 2], [5, 5, 1, 9], [0, 0, 0, 7, 8, 100]):
        assert weighted_median(Counter(values)) == statistics.median(values)
    assert weighted_median(Counter()) is None


def test_default_period_is_the_last_twelve_months(dataset: Any) -> None:
    period = selectors.default_period()
    assert period == Period(date_from=dt.date(2025, 4, 16), date_to=dt.date(2026, 4, 15))


def test_appeal_totals(dataset: Any) -> None:
    total = selectors.dashboard(period=MARCH)["appeals"]["total"]
    assert total["received"] == 6
    assert total["answered"] == 4
    assert total["answered_on_time"] == 3
    assert total["on_time_rate"] == 75.0
    assert total["overdue"] == 1  # a4: open, deadline passed
    assert total["deemed_refusals"] == 1  # a5 (APPK art. 91(2))
    assert (total["refused"], total["partly"]) == (1, 1)
    late = working_days_between(dt.date(2026, 3, 2), dt.date(2026, 4, 1))
    assert late > 4
    assert total["median_working_days"] == 3.5  # 2, 3, 4, late
    assert total["median_calendar_days"] == 3.5  # 2, 3, 4, 30


def test_appeals_by_kind_and_region(dataset: Any) -> None:
    figures = selectors.dashboard(period=MARCH)["appeals"]
    by_kind = {row["kind"]: row for row in figures["by_kind"]}
    assert set(by_kind) == {"application", "report", "feedback", "proposal", "request"}
    assert (by_kind["application"]["received"], by_kind["application"]["on_time_rate"]) == (5, 100.0)
    assert by_kind["application"]["median_working_days"] == 3  # 2, 3, 4
    assert (by_kind["proposal"]["received"], by_kind["proposal"]["on_time_rate"]) == (1, 0.0)
    assert by_kind["report"]["received"] == 0 and by_kind["report"]["on_time_rate"] is None
    by_region = {row["iso_code"]: row for row in figures["by_region"]}
    assert by_region["KZ-71"]["received"] == 6
    assert by_region["KZ-71"]["bar"] == 100


def test_a_period_without_the_appeals_is_empty(dataset: Any) -> None:
    total = selectors.dashboard(period=Period(dt.date(2026, 1, 1), dt.date(2026, 2, 28)))["appeals"]["total"]
    assert total["received"] == 0 and total["median_working_days"] is None


def test_petition_figures(dataset: Any) -> None:
    petitions = selectors.dashboard(period=MARCH)["petitions"]
    total = petitions["total"]
    assert total["submitted"] == 5  # the draft is never counted
    assert total["signatures"] == 2600 + 2700 + 2800
    assert total["reached_threshold"] == 3
    assert (total["responded"], total["responded_on_time"], total["on_time_rate"]) == (2, 1, 50.0)
    assert total["overdue_responses"] == 1
    assert total["rejected"] == 1
    by_state = {row["state"]: row["count"] for row in petitions["by_state"]}
    assert by_state == {"moderation": 0, "rejected": 1, "open": 1, "forwarded": 1, "responded": 2, "closed": 0}


def test_scorecards_per_body_sorted_and_filtered(dataset: Any) -> None:
    cast = dataset.cast
    rows = selectors.scorecards_filtered(period=MARCH, filters=ScorecardFilter(sort="on_time"))
    assert [row["slug"] for row in rows] == [cast.body_b.slug, cast.body_a.slug]  # 0 % before 100 %
    a = next(row for row in rows if row["slug"] == cast.body_a.slug)
    assert (a["appeals"]["received"], a["appeals"]["overdue"], a["appeals"]["deemed_refusals"]) == (5, 1, 1)
    assert a["petitions"]["submitted"] == 5 and a["petitions"]["overdue_responses"] == 1
    assert a["refusals_citing_grounds"] == 3 + 1  # g1 twice, g2 once, the petition response once
    overdue_first = selectors.scorecards_filtered(period=MARCH, filters=ScorecardFilter(sort="overdue"))
    assert overdue_first[0]["slug"] == cast.body_a.slug
    assert selectors.scorecards_filtered(period=MARCH, filters=ScorecardFilter(region="KZ-11")) == []
    assert selectors.scorecards_filtered(period=MARCH, filters=ScorecardFilter(kind="ministry")) == []
    assert len(selectors.scorecards_filtered(period=MARCH, filters=ScorecardFilter(kind="akimat"))) == 2


def test_refusals_per_body_and_ground(dataset: Any) -> None:
    tables = selectors.refusal_tables(period=MARCH)
    by_body = {(row["body"]["slug"], row["ground"]["code"]): row for row in tables["by_body"]}
    a, g1, g2 = dataset.cast.body_a.slug, dataset.g1.code, dataset.g2.code
    assert (by_body[(a, g1)]["appeal_refused"], by_body[(a, g1)]["appeal_partly"], by_body[(a, g1)]["total"]) == (
        1,
        1,
        2,
    )
    assert by_body[(a, g2)]["total"] == 1
    assert by_body[(a, dataset.petition_ground.code)]["petition_refused"] == 1
    by_ground = {row["ground"]["code"]: row for row in tables["by_ground"]}
    # The moderation rejection counts per ground, without a body.
    assert by_ground[dataset.petition_ground.code]["petition_rejected"] == 1
    assert by_ground[dataset.petition_ground.code]["total"] == 2
    totals = [row["total"] for row in tables["by_ground"]]
    assert totals == sorted(totals, reverse=True) == [2, 2, 1]  # the most cited first


def test_months(dataset: Any) -> None:
    rows = selectors.months(period=Period(dt.date(2026, 2, 10), dt.date(2026, 4, 15)))
    assert [row["month"] for row in rows] == ["2026-02", "2026-03", "2026-04"]
    march = rows[1]
    assert (march["appeals_received"], march["appeals_answered"], march["appeals_deemed_refusals"]) == (6, 4, 1)
    assert march["petitions_submitted"] == 5
    assert rows[0]["appeals_received"] == 0


def test_body_page_figures(dataset: Any, client: Any) -> None:
    with translation.override("en"):
        figures = {str(label): value for label, value in selectors.body_figures(body=dataset.cast.body_a)}
    assert figures["Appeals received"] == "5"
    assert figures["Overdue now"] == "1"
    assert figures["Answered on time"] == "100.0 %"
    response = client.get(f"/en/authorities/{dataset.cast.body_a.slug}/")
    assert response.status_code == 200
    assert b"Deemed refusals" in response.content


def test_figures_are_cached(dataset: Any, django_assert_num_queries: Any) -> None:
    selectors.dashboard(period=MARCH)
    with django_assert_num_queries(1):  # only the region names; the aggregates come from the cache
        selectors.dashboard(period=MARCH)
