"""The law on appeals as data: every term with its source and how sure we are.

Terms marked ``confirmed=False`` await confirmation against the law text and can
be overridden in settings (``APPEAL_RULES = {"complaint_decision_wd": 30}``);
confirmed terms can be overridden too (a court's reading may differ), but the
default is what the article says. Nothing in the app uses a bare number for a
statutory term: it asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    unit: str  # "working_days" | "months"
    source: str
    confirmed: bool
    note: str = ""
    label: str | Promise = ""  # what the term is, for people (the terms table on the appeals page)


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "answer_wd",
            15,
            "working_days",
            "APPK art. 76(1)",
            True,
            "term to consider an appeal",
            label=_("Term to answer an appeal"),
        ),
        Rule(
            "forward_wd",
            3,
            "working_days",
            "APPK art. 64(4)",
            True,
            "forward to the competent body",
            label=_("Term to forward an appeal to the competent body"),
        ),
        Rule(
            "extension_cap_months",
            2,
            "months",
            "APPK art. 76(2)",
            True,
            "total extension at most",
            label=_("Longest total extension of the term"),
        ),
        Rule(
            "extension_notice_wd",
            3,
            "working_days",
            "APPK art. 76(2)",
            True,
            "tell the applicant",
            label=_("Term to tell the applicant of an extension"),
        ),
        Rule(
            "complaint_window_months",
            3,
            "months",
            "APPK art. 91(3)",
            True,
            "from learning of the act",
            label=_("Term to complain, from learning of the answer or the silence"),
        ),
        Rule(
            "complaint_pass_wd",
            3,
            "working_days",
            "APPK art. 92(3)",
            True,
            "pass to the higher body",
            label=_("Term for the body to pass a complaint to the higher body"),
        ),
        Rule(
            "complaint_decision_wd",
            20,
            "working_days",
            "APPK art. 100",
            False,
            "decision term for a complaint — unconfirmed",
            label=_("Term for the higher body to decide a complaint"),
        ),
    )
}

# Anonymous appeals are not considered except reports of a crime or of a threat to
# state or public security, forwarded at once to the prosecutor's office
# (2007 law definition; APPK believed to keep it — unconfirmed).
ANONYMOUS_RULE_SOURCE = "Law 221-III (2007) art. 8; APPK art. 63"
ANONYMOUS_RULE_CONFIRMED = False
# A legal entity appeals through its representative; the appeal names the entity and its BIN instead of an
# IIN (domain-rules "Appeals": "name, IIN (BIN for a legal entity)"). On Tyndau the representative is the
# person the registering body registered as the association's head (issue 13); the answer goes to them.
# That a representative files in the entity's name without a separate power of attorney is our reading of
# the head's statutory authority (Civil Code art. 48) — unconfirmed.
LEGAL_ENTITY_APPLICANT_SOURCE = "APPK art. 63 (name, BIN of a legal entity); Civil Code art. 48 (its head acts for it)"
LEGAL_ENTITY_APPLICANT_CONFIRMED = False
# A missed deadline counts as a refusal from the day after it expired.
DEEMED_REFUSAL_SOURCE = "APPK art. 91(2)"
# Refusing to accept an appeal is prohibited; each gets a receipt.
RECEIPT_SOURCE = "APPK art. 64"


# Systemic issues (issue 15). No statute sets these: they are the platform's own parameters, chosen so
# that one place's one problem in one season groups together, and all await confirmation by the
# operator (`confirmed=False`); each is overridable like the terms above (`APPEAL_RULES`).
SYSTEMIC_SOURCE = "Tyndau parameter (issue 15); no statutory source"
SYSTEMIC: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "systemic_distance_m",
            300,
            "metres",
            SYSTEMIC_SOURCE,
            False,
            "two map points at most this far apart are the same place",
            label=_("Distance within which two appeals concern the same place"),
        ),
        Rule(
            "systemic_window_days",
            60,
            "days",
            SYSTEMIC_SOURCE,
            False,
            "sliding window: an appeal joins an issue whose last appeal is this recent",
            label=_("Time window within which appeals concern the same period"),
        ),
        Rule(
            "systemic_text_percent",
            20,
            "percent",
            SYSTEMIC_SOURCE,
            False,
            "word overlap that counts as a similar text, where the place also matches",
            label=_("Text similarity that counts as the same problem at the same place"),
        ),
        Rule(
            "systemic_text_only_percent",
            60,
            "percent",
            SYSTEMIC_SOURCE,
            False,
            "word overlap needed when neither appeal names a point or an address",
            label=_("Text similarity needed when no point or address is given"),
        ),
        Rule(
            "systemic_candidates",
            200,
            "appeals",
            SYSTEMIC_SOURCE,
            False,
            "most recent appeals of the region and category compared with a new one",
            label=_("Recent appeals compared with a new one"),
        ),
        Rule(
            "systemic_answer_wd",
            15,
            "working_days",
            "by analogy with APPK art. 76(1)",
            False,
            "term of the public answer once it is owed",
            label=_("Term for the public answer to a systemic issue"),
        ),
        # Distinct citizens from whom a public answer is owed, per level of the competent body.
        *(
            Rule(
                f"systemic_citizens_{level}",
                10,
                "citizens",
                SYSTEMIC_SOURCE,
                False,
                f"threshold for a {level} body",
                label=label,
            )
            for level, label in (
                ("national", _("Distinct citizens after which a national body owes a public answer")),
                ("regional", _("Distinct citizens after which a regional body owes a public answer")),
                ("district", _("Distinct citizens after which a district body owes a public answer")),
            )
        ),
    )
}

# Categories close enough that one problem is often filed under either (slugs of the reference data).
RELATED_CATEGORIES: tuple[frozenset[str], ...] = (
    frozenset({"housing", "utilities"}),
    frozenset({"roads", "public-transport"}),
    frozenset({"roads", "landscaping"}),
    frozenset({"environment", "landscaping"}),
    frozenset({"social-benefits", "large-families", "disability"}),
)


def related_categories(slug: str) -> set[str]:
    """The category itself and those related to it."""
    found = {slug}
    for group in RELATED_CATEGORIES:
        if slug in group:
            found |= group
    return found


# "Was it fixed?" (platform policy, not law; FixMyStreet asks after four weeks): the applicant of an
# appeal answered as satisfied is asked this many days after the answer whether the problem was
# solved. Unconfirmed and configurable: `APPEAL_RULES = {"fix_questionnaire_days": 21}`.
FIX_QUESTIONNAIRE = Rule(
    "fix_questionnaire_days",
    28,
    "days",
    "Platform policy (FixMyStreet's questionnaire after four weeks)",
    False,
    "ask the applicant whether the problem was solved",
    label=_("Days after a satisfied answer before the applicant is asked whether the problem was solved"),
)
# The applicant's optional comment, at most this many characters.
FIX_COMMENT_MAX = 1000


def fix_questionnaire_days() -> int:
    overrides: dict[str, int] = getattr(settings, "APPEAL_RULES", {}) or {}
    return int(overrides.get(FIX_QUESTIONNAIRE.key, FIX_QUESTIONNAIRE.value))


def term(key: str) -> int:
    """The value of a term, with a settings override (`APPEAL_RULES`) if one is set."""
    overrides: dict[str, int] = getattr(settings, "APPEAL_RULES", {}) or {}
    if key in overrides:
        return int(overrides[key])
    return (RULES[key] if key in RULES else SYSTEMIC[key]).value


def citizens_threshold(level: str) -> int:
    """Distinct citizens after which a body of `level` owes a public answer (default 10, unconfirmed)."""
    return term(f"systemic_citizens_{level}") if f"systemic_citizens_{level}" in SYSTEMIC else 10


def describe(table: dict[str, Rule] | None = None) -> list[dict[str, object]]:
    """All terms (or the systemic parameters: `describe(SYSTEMIC)`) with their effective values."""
    return [
        {
            "key": r.key,
            "value": term(r.key),
            "default": r.value,
            "unit": r.unit,
            "source": r.source,
            "confirmed": r.confirmed,
            "note": r.note,
            "label": r.label,
        }
        for r in (RULES if table is None else table).values()
    ]
