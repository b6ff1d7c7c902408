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


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    unit: str  # "working_days" | "months"
    source: str
    confirmed: bool
    note: str = ""


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule("answer_wd", 15, "working_days", "APPK art. 76(1)", True, "term to consider an appeal"),
        Rule("forward_wd", 3, "working_days", "APPK art. 64(4)", True, "forward to the competent body"),
        Rule("extension_cap_months", 2, "months", "APPK art. 76(2)", True, "total extension at most"),
        Rule("extension_notice_wd", 3, "working_days", "APPK art. 76(2)", True, "tell the applicant"),
        Rule("complaint_window_months", 3, "months", "APPK art. 91(3)", True, "from learning of the act"),
        Rule("complaint_pass_wd", 3, "working_days", "APPK art. 92(3)", True, "pass to the higher body"),
        Rule(
            "complaint_decision_wd",
            20,
            "working_days",
            "APPK art. 100 (believed)",
            False,
            "decision term for a complaint — unconfirmed",
        ),
    )
}

# Anonymous appeals are not considered except reports of a crime or of a threat to
# state or public security, forwarded at once to the prosecutor's office
# (2007 law definition; APPK believed to keep it — unconfirmed).
ANONYMOUS_RULE_SOURCE = "Law 221-III (2007) art. 8; APPK art. 63 (believed)"
ANONYMOUS_RULE_CONFIRMED = False
# A missed deadline counts as a refusal from the day after it expired.
DEEMED_REFUSAL_SOURCE = "APPK art. 91(2)"
# Refusing to accept an appeal is prohibited; each gets a receipt.
RECEIPT_SOURCE = "APPK art. 64"


def term(key: str) -> int:
    """The value of a term, with a settings override (`APPEAL_RULES`) if one is set."""
    overrides: dict[str, int] = getattr(settings, "APPEAL_RULES", {}) or {}
    if key in overrides:
        return int(overrides[key])
    return RULES[key].value


def describe() -> list[dict[str, object]]:
    """All terms with their effective values, for docs and the admin."""
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
