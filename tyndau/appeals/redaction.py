"""Personal data removed from text before it is published (register, Open311, open data).

Redaction is deliberately greedy: a false positive hides a harmless number, a false
negative publishes someone's IIN. Names of the applicant (and co-signers) are
removed by value; IIN/BIN, phones, e-mails, card-like numbers and house/flat
numbers in addresses by pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[…]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 12-digit IIN/BIN, possibly spaced; any run of 9+ digits (accounts, documents).
_LONG_NUMBER = re.compile(r"(?<!\w)(?:\d[\s-]?){9,}\d(?!\w)")
# Phones: +7 / 8 followed by 10 digits with separators.
_PHONE = re.compile(r"(?:\+7|(?<!\d)8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
# House, building and flat numbers: "д. 5", "дом 12", "кв. 7", "үй 3", "пәтер 4", "house 5", "apt 3".
_HOUSE = re.compile(
    r"(?i)\b(д\.|дом|кв\.?|квартира|корп\.?|корпус|үй|пәтер|house|apt\.?|flat|building)\s*№?\s*\d+[\w/-]*",
)
# "ул. Абая, 15" / "Абай көшесі 15" — a street followed by a number keeps the street only.
_STREET_NUMBER = re.compile(
    r"(?i)((?:ул\.|улица|көшесі|даңғылы|пр\.|проспект|мкр\.?|ықшамаудан|street|st\.|avenue)\s*[^\d,\n]{0,40}?)"
    r",?\s*\d+[\w/-]*"
)


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    out = _EMAIL.sub(REDACTED, text)
    out = _PHONE.sub(REDACTED, out)
    out = _LONG_NUMBER.sub(REDACTED, out)
    out = _HOUSE.sub(REDACTED, out)
    out = _STREET_NUMBER.sub(lambda m: m.group(1).rstrip(" ,") + " " + REDACTED, out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = re.sub(rf"(?i)(?<!\w){re.escape(name)}\w{{0,4}}", REDACTED, out)
    return out


def street_level(address: str) -> str:
    """An address cut to street level: no house, building or flat number."""
    out = _HOUSE.sub("", address)
    out = re.sub(r"\s*,?\s*\d+[\w/-]*\s*$", "", out)  # trailing house number
    out = re.sub(r"(?<=\D),\s*\d+[\w/-]*", "", out)
    out = _EMAIL.sub("", out)
    out = _PHONE.sub("", out)
    return re.sub(r"[\s,]+$", "", re.sub(r"\s{2,}", " ", out)).strip()
