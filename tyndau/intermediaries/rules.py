"""Help from accredited intermediaries as data: every limit with its source (issue 16).

Law No. 94-V of 21 May 2013 "On personal data and their protection", art. 7–8: processing needs the
subject's consent, given in writing or electronically, and the operator must be able to prove it. No law
sets the length of a one-time code's life or the number of tries; those values are this project's
choice, marked unconfirmed, and an installation overrides them in settings
(``INTERMEDIARY_RULES = {"code_ttl_minutes": 5}``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

LAW_PD = "Law No. 94-V of 21 May 2013, arts. 7-8"


@dataclass(frozen=True)
class Rule:
    key: str
    value: int
    source: str
    confirmed: bool
    note: str = ""


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule("code_digits", 6, "project choice (NIST SP 800-63B 5.1.3: at least 6 digits)", True),
        Rule("code_ttl_minutes", 10, "project choice", False, "a present citizen reads the code at once"),
        Rule("code_max_attempts", 5, "project choice", False, "after this, a new code must be sent"),
        Rule("act_window_hours", 24, "project choice", False, "how long a consent lets the intermediary file"),
        Rule("double_submit_seconds", 30, "project choice", True, "a repeated start within this returns the first"),
        Rule("scan_max_bytes", 5 * 1024 * 1024, "project choice (same as appeal attachments)", True),
    )
}

# Where consent must be provable (the consent row and its audit event are the proof).
CONSENT_SOURCE = LAW_PD
# Mail-limit kind for consent codes (tyndau.notifications.limits): per intermediary and per citizen.
CODE_LIMIT_KIND = "intermediary_consent_code"


def value(key: str) -> int:
    overrides = getattr(settings, "INTERMEDIARY_RULES", {}) or {}
    return int(overrides.get(key, RULES[key].value))


def describe() -> list[dict[str, object]]:
    return [
        {"key": r.key, "value": value(r.key), "source": r.source, "confirmed": r.confirmed, "note": r.note}
        for r in RULES.values()
    ]
