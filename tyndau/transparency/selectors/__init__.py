"""Reads of the transparency app: aggregates only, never a row about a person.

Split by concept: `period` (the date range, cache, statistics), `appeals`, `petitions`,
`refusals` (per body and legal ground), `bodies` (scorecards and the body page), `dashboard`.
"""

from tyndau.transparency.selectors.bodies import (
    SORTS,
    ScorecardFilter,
    body_figures,
    region_rows,
    scorecards,
    scorecards_filtered,
)
from tyndau.transparency.selectors.dashboard import dashboard, months
from tyndau.transparency.selectors.period import MAX_RANGE_DAYS, Period, default_period, local_today
from tyndau.transparency.selectors.refusals import refusal_tables, refusals

__all__ = [
    "MAX_RANGE_DAYS",
    "SORTS",
    "Period",
    "ScorecardFilter",
    "body_figures",
    "dashboard",
    "default_period",
    "local_today",
    "months",
    "refusal_tables",
    "refusals",
    "region_rows",
    "scorecards",
    "scorecards_filtered",
]
