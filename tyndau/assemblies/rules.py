"""The law on peaceful assemblies as data: every form, term and limit with its source.

Law No. 333-VI of 25 May 2020 "On the procedure for organising and holding peaceful assemblies"
(domain-rules.md, "Peaceful assemblies"). Terms marked ``confirmed=False`` await a check against the
law text; every term can be overridden in settings (``ASSEMBLY_RULES = {"reply_wd_notification": 3}``).
Nothing in the app uses a bare number for a statutory term: it asks this module.

Where the law leaves room, the reading follows the OSCE/ODIHR–Venice Commission Guidelines on Freedom
of Peaceful Assembly (presumption in favour of holding the assembly): "no later than 5 working days
before" is read so that an event on the 5th working day after the registration day is on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tyndau.core.bounds import KZ_BOUNDS

LAW = "Law No. 333-VI of 25 May 2020"


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    unit: str  # "working_days" | "hour"
    source: str
    confirmed: bool
    note: str = ""


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule("lead_wd_notification", 5, "working_days", f"{LAW}, art. 10", True, "notify at least this early"),
        Rule("lead_wd_application", 10, "working_days", f"{LAW}, art. 12", True, "apply at least this early"),
        Rule("reply_wd_notification", 3, "working_days", f"{LAW}, art. 11(1)", True, "akimat's reply term"),
        Rule("reply_wd_application", 7, "working_days", f"{LAW}, art. 13(1)", True, "akimat's reply term"),
        Rule(
            "reply_wd_after_decline",
            3,
            "working_days",
            f"{LAW}, art. 11(1) (by analogy)",
            False,
            "the akimat's new term after the organiser declines an alternative — unconfirmed",
        ),
        # The challenge route is APPK's complaint route (art. 91 ff.), the same terms as appeals' complaints
        # (tyndau/appeals/rules.py; a test keeps the two equal). Guidelines: decided before the event.
        Rule(
            "challenge_decision_wd",
            20,
            "working_days",
            "APPK art. 100",
            False,
            "the higher body's term for a complaint (as appeals' complaint_decision_wd) — unconfirmed",
        ),
        Rule("hours_from", 9, "hour", f"{LAW} (believed)", False, "earliest permitted start — unconfirmed"),
        Rule("hours_until", 20, "hour", f"{LAW} (believed)", False, "latest permitted end — unconfirmed"),
    )
}


class Procedure:
    NOTIFICATION = "notification"
    APPLICATION = "application"


@dataclass(frozen=True)
class FormRule:
    procedure: str
    lead_key: str
    reply_key: str
    source: str


# Meeting, rally, picket: notification (art. 10); demonstration, march: application for approval (art. 12).
FORMS: dict[str, FormRule] = {
    "meeting": FormRule(Procedure.NOTIFICATION, "lead_wd_notification", "reply_wd_notification", f"{LAW}, art. 10"),
    "rally": FormRule(Procedure.NOTIFICATION, "lead_wd_notification", "reply_wd_notification", f"{LAW}, art. 10"),
    "picket": FormRule(Procedure.NOTIFICATION, "lead_wd_notification", "reply_wd_notification", f"{LAW}, art. 10"),
    "demonstration": FormRule(Procedure.APPLICATION, "lead_wd_application", "reply_wd_application", f"{LAW}, art. 12"),
    "march": FormRule(Procedure.APPLICATION, "lead_wd_application", "reply_wd_application", f"{LAW}, art. 12"),
}

# Silence (art. 11(1), last part, confirmed): a notification not answered in time is held as notified.
# For an application the law text at hand does not settle it: the software records "no reply in time"
# and says that the consequence is unconfirmed.
SILENCE_NOTIFICATION_SOURCE = f"{LAW}, art. 11(1)"
SILENCE_APPLICATION_SOURCE = f"{LAW}, art. 13(1) (consequence of silence unconfirmed)"
SILENCE_APPLICATION_CONFIRMED = False

# Conditions an akimat may attach (art. 11(1) for notifications, art. 13(1) for applications).
CONDITIONS: dict[str, tuple[object, str]] = {
    "no_structures": (_("Without yurts, tents or other structures"), f"{LAW}, art. 11(1)"),
    "no_sound": (_("Without sound amplification"), f"{LAW}, arts. 11(1), 13(1)"),
    "no_vehicles": (_("Without vehicles"), f"{LAW}, art. 13(1)"),
}

# Constitutional Court Normative Resolution No. 61-НП of 20 January 2025: before refusing on
# art. 14(1)(10) the akimat must first propose another place and/or time. Which catalogue ground is
# art. 14(1)(10) is our reading (the place and time taken by another event) — unconfirmed.
PROPOSAL_FIRST_GROUNDS = ("assemblies.place-already-taken",)
PROPOSAL_FIRST_SOURCE = "Constitutional Court Normative Resolution No. 61-НП of 20 January 2025; art. 14(1)(10)"
# Art. 18: an event may be stopped on a ground of the law (e.g. occupancy exceeded with a real threat).
STOP_SOURCE = f"{LAW}, art. 18"

# Kazakhstan's bounding box (WGS 84), for map points: the one box every app uses (tyndau.core.bounds).
KZ_LAT = (Decimal(str(KZ_BOUNDS.lat_min)), Decimal(str(KZ_BOUNDS.lat_max)))
KZ_LON = (Decimal(str(KZ_BOUNDS.lon_min)), Decimal(str(KZ_BOUNDS.lon_max)))


def term(key: str) -> int:
    """The value of a term, with a settings override (`ASSEMBLY_RULES`) if one is set."""
    overrides: dict[str, int] = getattr(settings, "ASSEMBLY_RULES", {}) or {}
    if key in overrides:
        return int(overrides[key])
    return RULES[key].value


def form_rule(form: str) -> FormRule:
    return FORMS[form]


def permitted_hours() -> tuple[dt.time, dt.time]:
    return dt.time(term("hours_from"), 0), dt.time(term("hours_until"), 0)


def in_kazakhstan(latitude: Decimal, longitude: Decimal) -> bool:
    return KZ_LAT[0] <= latitude <= KZ_LAT[1] and KZ_LON[0] <= longitude <= KZ_LON[1]


def describe() -> list[dict[str, object]]:
    """All terms with their effective values, for docs and the public index page."""
    return [
        {
            "key": r.key,
            "value": term(r.key),
            "default": r.value,
            "unit": r.unit,
            "source": r.source,
            "confirmed": r.confirmed,
            "note": r.note,
        }
        for r in RULES.values()
    ]


# --- The maslikhat's register of specialised places (art. 8(2); 61-НП) -------------------------------
# Art. 8(2) (confirmed): the maslikhat sets the specialised places, how they are used, their maximum
# occupancy norms and the boundaries of adjacent territories where picketing is prohibited — each with
# its decision. The register keeps every version: a place removed or shrunk stays visible with the
# decision that did it.
PLACES_SOURCE = f"{LAW}, art. 8(2)"


@dataclass(frozen=True)
class OccupancyRule:
    """What the software does with a place's capacity, each part with its source."""

    capacity_source: str
    # Expected participants above the capacity: a warning the organiser confirms past, shown to the
    # akimat. The law makes exceeded occupancy a ground to *stop* an event only together with a real
    # threat (art. 18), not a ground to refuse a notification — so the software never blocks on it.
    over_capacity_effect: str
    over_capacity_source: str
    over_capacity_confirmed: bool
    # 61-НП: the published occupancy of the specialised places shows at least these fields.
    published_fields: tuple[str, ...]
    published_source: str


OCCUPANCY = OccupancyRule(
    capacity_source=PLACES_SOURCE,
    over_capacity_effect="warning",
    over_capacity_source=f"{STOP_SOURCE} (stopping needs a real threat); art. 14 has no capacity ground",
    over_capacity_confirmed=False,
    published_fields=("place", "date", "starts_at", "ends_at", "expected_participants"),
    published_source="Constitutional Court Normative Resolution No. 61-НП of 20 January 2025",
)

# A route: ordered map points, each in Kazakhstan (bounded so a form cannot carry a novel).
ROUTE_MIN_POINTS = 2
ROUTE_MAX_POINTS = 50

# Who may organise (art. 2; domain-rules "Organiser: an adult citizen, a group of adult citizens, or a
# legal entity registered in Kazakhstan"). Adulthood is checked on the event's date from the birth date
# in the IIN (majority at 18, Civil Code art. 17 — believed, unconfirmed).
ADULT_AGE = 18
ADULT_SOURCE = f"{LAW}, art. 2; Civil Code art. 17 (majority at 18, unconfirmed)"
# A legal entity acts through its representative and is named by its BIN (checksum-checked). A joint
# individual entrepreneur (BIN type 6) is not a legal entity: our reading, unconfirmed.
ORGANISER_BIN_TYPES = ("resident", "non_resident")
ORGANISER_BIN_SOURCE = f"{LAW}, art. 2 (a legal entity registered in Kazakhstan); our reading of BIN types"
# Co-organisers (a group of citizens): each named by IIN or e-mail confirms from their own account
# before the request can be submitted; at most this many on one request.
CO_ORGANISERS_MAX = 20
CO_ORGANISERS_SOURCE = f"{LAW}, art. 2 (a group of adult citizens may organise)"


def occupancy() -> dict[str, object]:
    o = OCCUPANCY
    return {
        "capacity_source": o.capacity_source,
        "over_capacity_effect": o.over_capacity_effect,
        "over_capacity_source": o.over_capacity_source,
        "over_capacity_confirmed": o.over_capacity_confirmed,
        "published_fields": list(o.published_fields),
        "published_source": o.published_source,
    }
