"""A body's figures are defined once (issues 10.22, 11.9): the body's page, its figures page and the
open-data export agree, show their period, and the default period counts what people sent this weekend."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path
from typing import Any

import time_machine
from django.utils import formats, translation

from tyndau.core.calendar import KZ_TZ, registration_date
from tyndau.transparency import exports, selectors

SATURDAY = dt.datetime(2026, 12, 5, 11, 0, tzinfo=KZ_TZ)
SUNDAY = dt.datetime(2026, 12, 6, 12, 0, tzinfo=KZ_TZ)


def _file(cast: Any, **extra: Any) -> Any:
    from tyndau.appeals import services
    from tyndau.authorities.models import Category

    category, _ = Category.objects.get_or_create(
        slug="test-roads", defaults={"name_kk": "Жолдар", "name_ru": "Дороги", "name_en": "Roads"}
    )
    return services.appeal_file(
        actor=cast.citizen,
        idempotency_key=uuid.uuid4(),
        kind="application",
        region=cast.region,
        category=category,
        body=cast.body_a,
        subject="Pothole",
        text="A deep pothole on the road to the school, for a month now.",
        **extra,
    )


def _figures(rows: Any) -> dict[str, str]:
    return {str(label): str(value) for label, value in rows}


def test_an_appeal_sent_on_saturday_counts_in_the_default_period_on_sunday(cast: Any) -> None:
    with time_machine.travel(SATURDAY, tick=False):
        appeal = _file(cast)
    assert appeal.registered_on == dt.date(2026, 12, 7) == registration_date(SATURDAY)  # Monday
    with time_machine.travel(SUNDAY, tick=False), translation.override("en"):
        period = selectors.default_period()
        assert period.date_to == dt.date(2026, 12, 6)  # the period shown ends today
        figures = _figures(selectors.body_figures(body=cast.body_a))
    assert figures["Appeals received"] == "1"


def test_body_page_figures_page_and_export_agree_and_show_the_period(client: Any, cast: Any) -> None:
    with time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=KZ_TZ), tick=False):
        _file(cast)  # eighteen months ago: outside the default period
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 0, tzinfo=KZ_TZ), tick=False):
        _file(cast)
    with time_machine.travel(SUNDAY, tick=False):
        with translation.override("en"):
            rows = _figures(selectors.body_figures(body=cast.body_a))
        body_page = client.get(f"/en/authorities/{cast.body_a.slug}/").content.decode()
        figures_page = client.get(f"/en/transparency/bodies/{cast.body_a.slug}/")
        old_address = client.get(f"/en/appeals/bodies/{cast.body_a.slug}/figures/")
        export = {row["body"]: row for row in exports.body_rows(selectors.default_period())}
    assert rows["Appeals received"] == "1"
    assert export[cast.body_a.slug]["appeals_received"] == 1
    assert figures_page.status_code == 200
    assert old_address.status_code == 301 and old_address["Location"].endswith(
        f"/transparency/bodies/{cast.body_a.slug}/"
    )
    html = figures_page.content.decode()
    for page in (body_page, html):
        cells = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', page))
        assert cells.get("Appeals received") == "1", cells
        assert (
            cells.get("Period (appeals received, petitions submitted)")
            == rows["Period (appeals received, petitions submitted)"]
        )
    # The period ends today (Sunday 6 Dec 2026), written in the language's own short date format.
    with translation.override("en"):
        today_shown = formats.date_format(SUNDAY.date(), "SHORT_DATE_FORMAT")
    assert rows["Period (appeals received, petitions submitted)"].endswith(today_shown)


def test_reference_data_app_does_not_import_transparency() -> None:
    root = Path(__file__).resolve().parents[2] / "authorities"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "tyndau.transparency" in path.read_text()
    ]
    assert offenders == []
