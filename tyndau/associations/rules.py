"""The law on registering public associations as data: forms, founders, the review term, the charter.

Law No. 3-I of 31 May 1996 "On public associations", Law No. 2198 of 17 April 1995 "On state registration
of legal entities", Law No. 142-II of 16 January 2001 "On non-commercial organisations"
(domain-rules.md, "Public associations"). Values marked ``confirmed=False`` await a check against the law
text and can be overridden in settings (``ASSOCIATION_RULES = {"review_wd": 10, "min_founders_local": 10}``).
Nothing in the app uses a bare number for a statutory value: it asks this module.

The registering body never changes a charter (art. 12: only the supreme body of the association adopts
or amends it): it registers the version the applicant submitted, refuses with a ground and the clause,
or asks for corrections the applicant accepts or rejects.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ASSOCIATIONS_LAW = 'Law No. 3-I of 31 May 1996 "On public associations"'
REGISTRATION_LAW = 'Law No. 2198 of 17 April 1995 "On state registration of legal entities"'
NCO_LAW = 'Law No. 142-II of 16 January 2001 "On non-commercial organisations"'


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    unit: str  # "working_days" | "persons"
    source: str
    confirmed: bool
    note: str = ""


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "review_wd",
            10,
            "working_days",
            f"{REGISTRATION_LAW}, art. 6 (believed)",
            False,
            "the registering body's term to register, refuse or ask for corrections — unconfirmed",
        ),
        Rule(
            "amendment_review_wd",
            10,
            "working_days",
            f"{REGISTRATION_LAW}, art. 14 (believed: registration of amendments to the charter)",
            False,
            "the registering body's term to register an amendment of the charter, refuse it or ask for "
            "corrections; the law's figure is not in domain-rules.md, the founding term is assumed — unconfirmed",
        ),
        Rule(
            "min_founders_republican",
            10,
            "persons",
            f"{ASSOCIATIONS_LAW}, art. 10 (believed)",
            False,
            "founders of a republican public association — unconfirmed",
        ),
        Rule(
            "min_founders_regional",
            10,
            "persons",
            f"{ASSOCIATIONS_LAW}, art. 10 (believed)",
            False,
            "founders of a regional public association — unconfirmed",
        ),
        Rule(
            "min_founders_local",
            10,
            "persons",
            f"{ASSOCIATIONS_LAW}, art. 10 (believed)",
            False,
            "founders of a local public association — unconfirmed",
        ),
        Rule(
            "min_founders_foundation",
            1,
            "persons",
            f"{NCO_LAW}, art. 12 (believed)",
            False,
            "founders of a public foundation — unconfirmed",
        ),
    )
}


class Territory:
    REPUBLICAN = "republican"
    REGIONAL = "regional"
    LOCAL = "local"


@dataclass(frozen=True)
class FormRule:
    territory: str
    min_founders_key: str
    source: str
    # The registering body: the Ministry of Justice for a republican association, a regional justice
    # department otherwise (domain-rules.md; which body is data, PublicBody.Kind).
    ministry: bool


FORMS: dict[str, FormRule] = {
    "republican": FormRule(
        Territory.REPUBLICAN, "min_founders_republican", f"{ASSOCIATIONS_LAW}, arts. 3, 10", ministry=True
    ),
    "regional": FormRule(
        Territory.REGIONAL, "min_founders_regional", f"{ASSOCIATIONS_LAW}, arts. 3, 10", ministry=False
    ),
    "local": FormRule(Territory.LOCAL, "min_founders_local", f"{ASSOCIATIONS_LAW}, arts. 3, 10", ministry=False),
    "foundation": FormRule(Territory.LOCAL, "min_founders_foundation", f"{NCO_LAW}, art. 12", ministry=False),
}

# The sections a charter must contain (art. 12 of the law on public associations, confirmed in
# domain-rules.md). The applicant marks which section answers which requirement; a missing one is
# flagged before submission and blocks it.
CHARTER_SOURCE = f"{ASSOCIATIONS_LAW}, art. 12"
REQUIRED_SECTIONS: dict[str, Promise] = {
    "name": _("Name"),
    "aims": _("Subject and aims of activity"),
    "membership": _("Membership: joining and leaving"),
    "structure": _("Structure and branches"),
    "bodies": _("Governing bodies and their competence"),
    "property": _("Sources of property"),
    "amendment": _("How the charter is amended"),
    "liquidation": _("Reorganisation and liquidation"),
}
OTHER_SECTION = "other"

# Refusal grounds that concern the charter: each must cite at least one clause and a reason.
CHARTER_GROUNDS = ("associations.charter-contradicts-law",)

# Bounds of a structured charter (a long real charter has 100–300 clauses).
MAX_SECTIONS = 60
MAX_CLAUSES = 1_000
MAX_CLAUSE_CHARS = 4_000
MAX_TITLE_CHARS = 200


def term(key: str) -> int:
    """The value of a rule, with a settings override (`ASSOCIATION_RULES`) if one is set."""
    overrides: dict[str, int] = getattr(settings, "ASSOCIATION_RULES", {}) or {}
    if key in overrides:
        return int(overrides[key])
    return RULES[key].value


def form_rule(form: str) -> FormRule:
    return FORMS[form]


def min_founders(form: str) -> int:
    return term(FORMS[form].min_founders_key)


def describe() -> list[dict[str, object]]:
    """All values with their effective numbers, for docs and the public index page."""
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


# The Ministry of Justice registers republican associations; a regional justice department the others.
MINISTRY_OF_JUSTICE_SLUG = "ministry-of-justice"
