"""E-petition law as data: every number with its source and how sure we are.

Law of the Republic of Kazakhstan "On public control" (2 Oct 2023) and APPK arts. 90-4, 90-5
(see ../shared/design/domain-rules.md, "E-petitions"). Values marked unconfirmed await
confirmation against the law text; operators override any value with the setting
`TYNDAU_PETITION_RULES = {"<name>": value}` without a code change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Rule:
    value: Any
    source: str
    confirmed: bool


RULES: dict[str, Rule] = {
    "government_threshold": Rule(50_000, "APPK art. 90-4: petitions to the Government", True),
    "region_akimat_share": Rule(0.01, "APPK art. 90-4: 1% of the population of the region / city", True),
    "region_maslikhat_share": Rule(0.02, "APPK art. 90-4: 2% of the population of the region / city", True),
    "district_town_min_population": Rule(50_000, "APPK art. 90-4: district towns over 50,000 people", False),
    "district_akimat_threshold": Rule(2_500, "APPK art. 90-4: district towns over 50,000 people (akimat)", False),
    "district_maslikhat_threshold": Rule(5_000, "APPK art. 90-4: district towns over 50,000 people (maslikhat)", False),
    "listing_threshold": Rule(50, "Law on public control: reachable by direct link only until 50 signatures", True),
    "moderation_working_days": Rule(20, "APPK art. 90-5: moderation by the authorized body within 20 WD", True),
    "collection_months": Rule(6, "APPK art. 90-4: collection period of 6 months", False),
    "response_working_days": Rule(40, "APPK art. 90-5: response within 40 WD of registration with the body", True),
    "minimum_signer_age": Rule(18, "Law on public control: only (adult) citizens sign", True),
    # Platform policy, not law: anti-fraud and delivery parameters.
    # An e-mail signature holds its IIN on the petition until it is confirmed or lapses. Anyone can
    # type another person's IIN on the e-mail path; 48 hours is long enough to open a letter (a weekend
    # included) and short enough that such a signature cannot block the IIN's owner for long. A verified
    # citizen's own signature replaces it at once; the periodic runner deletes it after this period.
    "confirmation_hours": Rule(
        48, "Platform policy: an unconfirmed e-mail signature lapses (and its link expires) after 48 hours", True
    ),
    "rate_limit_per_ip_per_hour": Rule(200, "Platform policy: signatures per IP address per hour", True),
    "rate_limit_per_domain_per_hour": Rule(300, "Platform policy: signatures per small e-mail domain per hour", True),
    "signatures_per_email_per_petition": Rule(
        3, "Platform policy: a shared family address signs at most 3 times", True
    ),
    "count_interval_seconds": Rule(5, "Platform policy: signatures are counted every few seconds", True),
}

# Large public providers are not rate-limited per domain (their users are many and real).
LARGE_EMAIL_PROVIDERS = frozenset(
    {
        "gmail.com",
        "mail.ru",
        "inbox.ru",
        "list.ru",
        "bk.ru",
        "yandex.ru",
        "yandex.kz",
        "ya.ru",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "yahoo.com",
        "rambler.ru",
        "proton.me",
    }
)


def value(name: str) -> Any:
    overrides: dict[str, Any] = getattr(settings, "TYNDAU_PETITION_RULES", {}) or {}
    return overrides.get(name, RULES[name].value)


def threshold_for(body: Any) -> int | None:
    """Signatures the petition needs to reach `body`, or None if the body takes no petitions."""
    from tyndau.authorities.models import PublicBody

    if body.kind == PublicBody.Kind.GOVERNMENT:
        return int(value("government_threshold"))
    if body.kind not in (PublicBody.Kind.AKIMAT, PublicBody.Kind.MASLIHAT):
        return None
    is_akimat = body.kind == PublicBody.Kind.AKIMAT
    if body.level == PublicBody.Level.REGIONAL:
        population = body.region.population if body.region_id else 0
        if not population:
            return None
        share = value("region_akimat_share" if is_akimat else "region_maslikhat_share")
        return max(1, math.ceil(population * share))
    if body.level == PublicBody.Level.DISTRICT:
        if (body.population or 0) < value("district_town_min_population"):
            return None
        return int(value("district_akimat_threshold" if is_akimat else "district_maslikhat_threshold"))
    return None


def rules_table() -> list[dict[str, Any]]:
    """For docs and the public rules page: name, value in force, source, confirmed."""
    return [
        {"name": name, "value": value(name), "source": rule.source, "confirmed": rule.confirmed}
        for name, rule in RULES.items()
    ]
