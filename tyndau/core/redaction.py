"""Personal data removed from text before it is published (register, Open311, open data).

Redaction is deliberately greedy: a false positive hides a harmless number, a false
negative publishes someone's IIN. Names of the applicant (and co-signers) are
removed by value, in Cyrillic and in the usual Latin spellings; IIN/BIN, phones,
e-mails, card-like numbers and house/flat numbers in addresses by pattern.

Before matching, the text is normalised (NFC; full-width digits and other one-character
compatibility forms become plain ones; zero-width and other invisible format characters and
control characters are dropped), so an IIN split by zero-width spaces or written in full-width
digits is the same number. The published copy is this normalised text.

Linear time: every pattern here either matches at each starting point in a bounded
number of steps (bounded repetitions, no two adjacent repetitions over the same
characters) or is unambiguous (a run of digit groups), and e-mail addresses are found
from their `@` rather than from every possible start of a local part. A megabyte takes
about ten times as long as 100 KB (tests/test_redaction.py measures it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tyndau.core.identity import check_digit

REDACTED = "[…]"

# --- Normalisation ---------------------------------------------------------------------------


def _normal_form(char: str) -> str | None:
    """What one character becomes: nothing for format and control characters, its compatibility
    form when that is one character (full-width and other digit and letter forms), else itself.
    "№" (NFKC "No") and ligatures stay as written; superscripts and fractions too."""
    category = unicodedata.category(char)
    if category == "Cf" or (category == "Cc" and char not in "\t\n\r"):
        return None
    compatible = unicodedata.normalize("NFKC", char)
    tag = unicodedata.decomposition(char).split(" ", 1)[0]
    if len(compatible) == 1 and tag not in ("<super>", "<sub>", "<fraction>"):
        return compatible
    return char


def normalise(text: str) -> str:
    """Composed (NFC), with compatibility forms of single characters folded (full-width digits
    and letters to plain ones) and without format characters (zero-width spaces and joiners,
    soft hyphens, BOM, bidirectional marks) or control characters; line breaks and tabs are kept."""
    text = unicodedata.normalize("NFC", text)
    table = {ord(c): _normal_form(c) for c in set(text) if not c.isascii() or unicodedata.category(c) == "Cc"}
    return text.translate({k: v for k, v in table.items() if v != chr(k)})


# --- Numbers: IIN/BIN, phones, accounts, cards -----------------------------------------------
# Characters people put between groups of digits: spaces, dots, hyphens and dashes, brackets,
# slashes, underscores. A run is digit groups joined by at most three of them; the pattern is
# unambiguous (separators and digits are disjoint), so each character is looked at once.
_SEP = r"[\s.\-‐‑‒–—―()/_]"
_DIGIT_RUN = re.compile(rf"\+?\d(?:{_SEP}{{0,3}}\d)*")
# Any run with this many digits is treated as an identifier (IIN/BIN 12, phones 10–11, accounts).
_MIN_DIGITS = 9
# Digit groups joined by any punctuation (commas, colons…): redacted when exactly 12 digits form
# a valid IIN/BIN checksum.
_DIGIT_CLUSTER = re.compile(r"\d(?:[^\w\n]{0,3}\d)*")


def _digits(span: str) -> str:
    return "".join(c for c in span if c.isdigit())


def _is_identity_number(digits: str) -> bool:
    if len(digits) != 12 or not digits.isascii():
        return False
    expected = check_digit(digits[:11])
    return expected is not None and expected == int(digits[11])


def _number_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _DIGIT_RUN.finditer(text) if len(_digits(m.group())) >= _MIN_DIGITS]
    spans += [m.span() for m in _DIGIT_CLUSTER.finditer(text) if _is_identity_number(_digits(m.group()))]
    return spans


# --- E-mail addresses --------------------------------------------------------------------------
_LOCAL_CHARS = re.compile(r"[\w.+\-]")
_DOMAIN = re.compile(r"\s?[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8}")
_MAX_LOCAL = 64


def _email_spans(text: str) -> list[tuple[int, int]]:
    """From each "@": the local part before it (at most 64 characters, one space allowed before
    the "@") and a dotted domain after it (one space allowed after the "@")."""
    spans = []
    position = text.find("@")
    while position != -1:
        end_of_local = position - 1 if position > 0 and text[position - 1] == " " else position
        start = end_of_local
        low = max(0, end_of_local - _MAX_LOCAL)
        while start > low and _LOCAL_CHARS.match(text[start - 1]):
            start -= 1
        domain = _DOMAIN.match(text, position + 1)
        if domain and start < end_of_local:
            spans.append((start, domain.end()))
        position = text.find("@", position + 1)
    return spans


# --- Addresses -----------------------------------------------------------------------------------
# House, building and flat numbers: "д. 5", "дом 12", "кв. 7", "үй 3", "пәтер 4", "house 5", "apt 3".
_HOUSE = re.compile(
    r"(?i)\b(?:д\.|дом|кв\.?|квартира|корп\.?|корпус|үй|пәтер|house|apt\.?|flat|building)\s{0,3}№?\s{0,3}\d+[\w/-]*",
)
# "ул. Абая, 15" / "Абай көшесі 15" — a street followed by a number keeps the street only.
_STREET_NUMBER = re.compile(
    r"(?i)(?:ул\.|улица|көшесі|даңғылы|пр\.|проспект|мкр\.?|ықшамаудан|street|st\.|avenue)[^\d,\n]{0,40}?"
    r",?\s{0,3}(\d+[\w/-]*)"
)


def _address_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _HOUSE.finditer(text)] + [m.span(1) for m in _STREET_NUMBER.finditer(text)]


# --- Names, in Cyrillic and Latin ----------------------------------------------------------------
# Text is folded one character to one character (so positions stay put) into a Latin skeleton:
# Cyrillic and Kazakh letters to their usual Latin letter, accents dropped, lower case. A name is
# turned into a pattern over that skeleton which accepts the common spellings of each sound
# ("Жанна": Zhanna, Janna; "Айгүл": Aigul, Aygul, Ajgul, Aıgúl; "Юлия": Yuliya, Iuliia, Julia).
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "o", "э": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "ы": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "'", "ь": "'",
    "ю": "u", "я": "a",
}  # fmt: skip
_LATIN = {"y": "i", "q": "k", "w": "v", "ı": "i", "’": "'", "ʼ": "'", "`": "'"}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lower, latin in _CYRILLIC.items():
        table[ord(lower)] = latin
        if len(lower.upper()) == 1:
            table[ord(lower.upper())] = latin
    for code in range(0x41, 0x250):  # Basic Latin to Latin Extended-B: base letter, lower case
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if char.isalpha() and base.isascii() and base.isalpha():
            table[code] = base
    for char, latin in _LATIN.items():
        table[ord(char)] = latin
        table[ord(char.upper())] = latin if len(char.upper()) == 1 else table.get(ord(char.upper()), latin)
    table[ord("İ")] = "i"
    return table


_FOLD = _fold_table()

# Each sound of a name's skeleton and the spellings of it in folded text.
_SPELLINGS = {
    "j": "(?:j|zh|dj)",
    "h": "(?:h|kh|x)",
    "c": "(?:c|ch|ts|tc|tch|tsh)",
    "s": "(?:s|sh|shch|sch)",
    "i": "(?:i|j)",
    "x": "(?:x|ks)",
}
# Vowels may carry the glide of я, ю, е, ё ("ia", "iu", "ie", "io" in Latin).
_VOWELS = "aeou"
_DIGRAPHS = (("shch", "s"), ("sch", "s"), ("zh", "j"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"))


def _skeleton(name: str) -> str:
    out = normalise(name).translate(_FOLD).replace("'", "")
    for digraph, sound in _DIGRAPHS:
        out = out.replace(digraph, sound)
    return re.sub(r"(.)\1+", r"\1", out)  # doubled letters are one sound


def _name_pattern(name: str) -> str | None:
    skeleton = _skeleton(name)
    if len(skeleton) < 2 or not skeleton.isalpha():
        return re.escape(normalise(name).translate(_FOLD)) if len(name.strip()) >= 2 else None
    parts = []
    for index, sound in enumerate(skeleton):
        following = skeleton[index + 1 : index + 2]
        if sound == "i" and following and following in _VOWELS:
            parts.append("[ij]{0,2}")  # the glide of "ya", "iu", "ie" may be written or not
            continue
        spelling = _SPELLINGS.get(sound, re.escape(sound))
        if sound in _VOWELS:
            spelling = f"[ij]?{spelling}"
        parts.append(f"(?:{spelling}){{1,2}}'?")
    if len(skeleton) >= 4 and skeleton[-1] in _VOWELS + "i":
        parts[-1] = f"(?:{parts[-1]})?"  # an inflected ending replaces it: Серікова, Сериковой
    return "".join(parts)


def _name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    patterns = sorted({p for n in names if n and (p := _name_pattern(n.strip()))}, key=len, reverse=True)
    if not patterns:
        return []
    folded = text.translate(_FOLD)
    regex = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")\w{0,4}")
    return [m.span() for m in regex.finditer(folded)]


# --- Putting it together -------------------------------------------------------------------------


def _replace(text: str, spans: list[tuple[int, int]], replacement: str = REDACTED) -> str:
    """Each stretch covered by one or more (overlapping or touching) spans becomes one replacement."""
    out, end = [], 0
    merged: list[list[int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    for start, stop in merged:
        out += [text[end:start], replacement]
        end = stop
    out.append(text[end:])
    return "".join(out)


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    out = normalise(text)
    spans = _email_spans(out) + _number_spans(out) + _address_spans(out) + _name_spans(out, names)
    return _replace(out, spans)


def street_level(address: str) -> str:
    """An address cut to street level: no house, building or flat number."""
    out = normalise(address)
    out = _replace(out, _email_spans(out) + _number_spans(out), "")
    out = _HOUSE.sub("", out)
    out = re.sub(r"\s{0,3},?\s{0,3}\d+[\w/-]*\s*$", "", out)  # trailing house number
    out = re.sub(r"(?<=\D),\s{0,3}\d+[\w/-]*", "", out)
    out = re.sub(r",(?:\s{0,3},)+", ",", out)  # what a removed number leaves
    return re.sub(r"[\s,]+$", "", re.sub(r"\s{2,}", " ", out)).strip()
