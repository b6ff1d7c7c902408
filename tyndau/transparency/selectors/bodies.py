"""Per-body scorecards, the figures on a body's own page, and the region list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.routing import figures as routing_figures
from tyndau.authorities.models import PublicBody, Region
from tyndau.transparency.selectors import appeals as appeal_figures
from tyndau.transparency.selectors import petitions as petition_figures
from tyndau.transparency.selectors.period import DayCounts, Period, cached, default_period, localized
from tyndau.transparency.selectors.refusals import refusals
from tyndau.transparency.selectors.systemic import EMPTY as NO_PUBLIC_ANSWERS
from tyndau.transparency.selectors.systemic import public_answer_counts

BODY_FIELDS = ("id", "slug", "kind", "level", "region_id", "region__iso_code", "name_kk", "name_ru", "name_en")

SORTS = ("overdue", "on_time", "deemed_refusals", "received", "name")


def region_rows() -> list[dict[str, Any]]:
    """Every region with its public identifiers and names, one query."""
    fields = ("id", "iso_code", "kind", "name_kk", "name_ru", "name_en")
    return [dict(row) for row in Region.objects.order_by("iso_code").values(*fields)]


def scorecards(*, period: Period) -> list[dict[str, Any]]:
    """One row per body that received an appeal or a petition in `period`. Cached."""

    def compute() -> list[dict[str, Any]]:
        appeals = appeal_figures.appeals_by_body(period=period)
        petitions = petition_figures.petitions_by_body(period=period)
        refused: dict[int, int] = {}
        for row in refusals(period=period)["by_body"]:
            refused[row["body_id"]] = refused.get(row["body_id"], 0) + row["total"]
        public_answers = public_answer_counts()
        ids = set(appeals) | set(petitions) | {b for b, c in public_answers.items() if c["overdue"] or c["late"]}
        bodies = PublicBody.objects.filter(pk__in=ids).values(*BODY_FIELDS)
        no_appeals = appeal_figures.figures({}, None)
        no_petitions = petition_figures.figures([])
        rows = []
        for body in bodies:
            row = dict(body)
            row["region_iso"] = row.pop("region__iso_code") or ""
            row["appeals"] = appeals.get(body["id"], no_appeals)
            row["petitions"] = petitions.get(body["id"], no_petitions)
            row["refusals_citing_grounds"] = refused.get(body["id"], 0)
            row["public_answers"] = public_answers.get(body["id"], NO_PUBLIC_ANSWERS)
            rows.append(row)
        return rows

    return cached("scorecards", period, compute)


@dataclass(frozen=True)
class ScorecardFilter:
    region: str = ""  # ISO 3166-2 code
    kind: str = ""  # PublicBody.Kind
    sort: str = "overdue"


def _sort_key(sort: str) -> Any:
    if sort == "on_time":  # the worst first; bodies that answered nothing last
        return lambda r: (r["appeals"]["on_time_rate"] is None, r["appeals"]["on_time_rate"] or 0, r["name"])
    if sort == "deemed_refusals":
        return lambda r: (-r["appeals"]["deemed_refusals"], r["name"])
    if sort == "received":
        return lambda r: (-r["appeals"]["received"], -r["petitions"]["submitted"], r["name"])
    if sort == "name":
        return lambda r: r["name"]
    overdue = ("appeals", "overdue"), ("petitions", "overdue_responses"), ("public_answers", "overdue")
    return lambda r: (-sum(r[group][key] for group, key in overdue), r["name"])


def scorecards_filtered(*, period: Period, filters: ScorecardFilter) -> list[dict[str, Any]]:
    """The scorecards in the active language, filtered by region and kind of body, sorted."""
    rows = localized(scorecards(period=period), "name")
    if filters.region:
        rows = [r for r in rows if r["region_iso"] == filters.region]
    if filters.kind:
        rows = [r for r in rows if r["kind"] == filters.kind]
    return sorted(rows, key=_sort_key(filters.sort if filters.sort in SORTS else "overdue"))


def body_card(*, period: Period, body_id: int) -> dict[str, Any]:
    """The appeal and petition figures of one body: the same definitions (and the same numbers) as
    its row of `scorecards` and of the open-data export. Cached."""

    def compute() -> dict[str, Any]:
        counts = appeal_figures.appeal_counts(period=period, by=("body_id",), body_id=body_id)
        days = appeal_figures.answer_days(period=period, by="body_id", body_id=body_id)
        return {
            "appeals": appeal_figures.figures(counts[0] if counts else {}, days.get(body_id, DayCounts.empty())),
            "petitions": petition_figures.figures(petition_figures.petition_counts(period=period, body_id=body_id)),
            "public_answers": public_answer_counts(body_id=body_id).get(body_id, NO_PUBLIC_ANSWERS),
            "forwarding": routing_figures.forwarding_counts(body_id=body_id, start=period.start, end=period.end),
            "routing": routing_figures.suggestion_accuracy(start=period.start, end=period.end, body_id=body_id),
            "fixed": appeal_figures.fix_figures(period=period, body_id=body_id),
        }

    return cached(f"body-{body_id}", period, compute)


def _number(value: float | int | None) -> str:
    return "—" if value is None else number_format(value, force_grouping=True)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, decimal_pos=1)} %"


def _fixed(figures: dict[str, Any]) -> str:
    if not figures["answered"]:
        return "—"
    return _("%(share)s (%(fixed)s of %(answered)s)") % {
        "share": _percent(figures["fixed_rate"]),
        "fixed": _number(figures["fixed"]),
        "answered": _number(figures["answered"]),
    }


def period_span(period: Period) -> str:
    """ "1 Jan 2026 – 6 Dec 2026" in the active language's short date format."""
    return f"{date_format(period.date_from, 'SHORT_DATE_FORMAT')} – {date_format(period.date_to, 'SHORT_DATE_FORMAT')}"


def body_figures(*, body: PublicBody, period: Period | None = None) -> list[tuple[Any, str]]:
    """THE figures of a body, as (label, value) rows, the period first (the last 12 months unless
    `period`): the body's own page (through `tyndau.authorities.figures`) and its figures page show these."""
    period = period or default_period()
    card = body_card(period=period, body_id=body.pk)
    appeals, petitions, forwarding = card["appeals"], card["petitions"], card["forwarding"]
    return [
        (_("Period (appeals received, petitions submitted)"), period_span(period)),
        (_("Appeals received"), _number(appeals["received"])),
        (_("Appeals answered"), _number(appeals["answered"])),
        (_("Answered on time"), _percent(appeals["on_time_rate"])),
        (
            _("Fixed, in the applicants' own words (share of “was it fixed?” answers)"),
            _fixed(card["fixed"]),
        ),
        (_("Overdue now"), _number(appeals["overdue"])),
        (_("Deemed refusals (silence past the deadline, APPK art. 91(2))"), _number(appeals["deemed_refusals"])),
        (_("Median working days to answer"), _number(appeals["median_working_days"])),
        (_("Appeals received that were not its to answer (forwarded on)"), _number(forwarding["not_its"])),
        (_("of them forwarded within 3 working days (APPK art. 64(4))"), _number(forwarding["within_term"])),
        (_("Appeals other bodies forwarded to it"), _number(forwarding["forwarded_to_it"])),
        (_("Routing suggestion named the body that answered"), _percent(card["routing"]["rate"])),
        (_("Petitions addressed to the body"), _number(petitions["submitted"])),
        (_("Petition responses overdue"), _number(petitions["overdue_responses"])),
        (_("Public answers owed now to systemic issues"), _number(card["public_answers"]["owed"])),
        (_("Public answers to systemic issues overdue now (silence)"), _number(card["public_answers"]["overdue"])),
        (_("Public answers to systemic issues given late"), _number(card["public_answers"]["late"])),
    ]
