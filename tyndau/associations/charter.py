"""A structured charter: normalising, numbering, hashing, checking the required sections, diffing.

A charter is `{"sections": [{"number", "kind", "title_kk", "title_ru", "clauses": [{"number",
"text_kk", "text_ru"}]}]}`. Sections are numbered 1, 2, …; clauses 1.1, 1.2, … in order, so a citation
names a clause the way a lawyer would. The hash is SHA-256 of the canonical JSON (sorted keys, no
spaces, UTF-8): anyone can recompute it from the published text.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from tyndau.associations import rules
from tyndau.core.bounds import clean_text


class CharterInvalid(ValueError):
    """The structure is malformed (a client program's mistake; forms never produce it)."""


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise CharterInvalid("text expected")
    value = clean_text(value).strip()
    if len(value) > limit:
        raise CharterInvalid("text too long")
    return value


def normalise(content: Any) -> dict[str, Any]:
    """The charter with clean texts and fresh numbers; raises CharterInvalid for a malformed one."""
    sections = content.get("sections") if isinstance(content, dict) else None
    if not isinstance(sections, list) or len(sections) > rules.MAX_SECTIONS:
        raise CharterInvalid("sections")
    out: list[dict[str, Any]] = []
    total = 0
    kinds = {*rules.REQUIRED_SECTIONS, rules.OTHER_SECTION}
    for s_index, section in enumerate(sections, start=1):
        if not isinstance(section, dict) or section.get("kind") not in kinds:
            raise CharterInvalid("section kind")
        clauses = section.get("clauses")
        if not isinstance(clauses, list):
            raise CharterInvalid("clauses")
        total += len(clauses)
        if total > rules.MAX_CLAUSES:
            raise CharterInvalid("too many clauses")
        numbered = []
        for c_index, clause in enumerate(clauses, start=1):
            if not isinstance(clause, dict):
                raise CharterInvalid("clause")
            numbered.append(
                {
                    "number": f"{s_index}.{c_index}",
                    "text_kk": _text(clause.get("text_kk", ""), rules.MAX_CLAUSE_CHARS),
                    "text_ru": _text(clause.get("text_ru", ""), rules.MAX_CLAUSE_CHARS),
                }
            )
        out.append(
            {
                "number": str(s_index),
                "kind": section["kind"],
                "title_kk": _text(section.get("title_kk", ""), rules.MAX_TITLE_CHARS),
                "title_ru": _text(section.get("title_ru", ""), rules.MAX_TITLE_CHARS),
                "clauses": numbered,
            }
        )
    return {"sections": out}


def empty() -> dict[str, Any]:
    return {"sections": []}


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def missing_sections(content: dict[str, Any]) -> list[str]:
    """The required sections (rules.REQUIRED_SECTIONS keys) no section with clauses answers."""
    present = {s["kind"] for s in content.get("sections", []) if s.get("clauses")}
    return [kind for kind in rules.REQUIRED_SECTIONS if kind not in present]


def untranslated_clauses(content: dict[str, Any]) -> list[str]:
    """Clauses missing their Kazakh or Russian text (both languages are required)."""
    return [c["number"] for c in clauses(content) if not c["text_kk"] or not c["text_ru"]]


def clauses(content: dict[str, Any]) -> list[dict[str, str]]:
    return [c for s in content.get("sections", []) for c in s.get("clauses", [])]


def clause_numbers(content: dict[str, Any]) -> set[str]:
    return {c["number"] for c in clauses(content)}


def clause(content: dict[str, Any], number: str) -> dict[str, str] | None:
    for c in clauses(content):
        if c["number"] == number:
            return c
    return None


def with_wording(content: dict[str, Any], number: str, *, text_kk: str, text_ru: str) -> dict[str, Any]:
    """A copy of the charter with clause `number` reworded (an empty language keeps its text)."""
    copy = json.loads(json.dumps(content))
    for c in clauses(copy):
        if c["number"] == number:
            c["text_kk"] = text_kk or c["text_kk"]
            c["text_ru"] = text_ru or c["text_ru"]
    return copy


@dataclass(frozen=True)
class ClauseChange:
    number: str
    kind: str  # "added" | "removed" | "changed" | "same"
    old_kk: str
    new_kk: str
    old_ru: str
    new_ru: str


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[ClauseChange]:
    """Clause by clause: what was added, removed or changed between two versions.

    Sections are paired by number; within a section the clauses are aligned by their texts (difflib), so
    a clause inserted at 3.2 shows as one addition, not as every later clause "changed" because the
    numbers moved. A changed clause is reported under its new number; a removed one under its old."""
    old_sections = old.get("sections", [])
    new_sections = new.get("sections", [])
    changes: list[ClauseChange] = []
    for index in range(max(len(old_sections), len(new_sections))):
        a = old_sections[index]["clauses"] if index < len(old_sections) else []
        b = new_sections[index]["clauses"] if index < len(new_sections) else []
        keys_a = [(c["text_kk"], c["text_ru"]) for c in a]
        keys_b = [(c["text_kk"], c["text_ru"]) for c in b]
        matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                changes.extend(
                    ClauseChange(c["number"], "same", c["text_kk"], c["text_kk"], c["text_ru"], c["text_ru"])
                    for c in b[j1:j2]
                )
                continue
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for x, y in zip(a[i1 : i1 + pairs], b[j1 : j1 + pairs], strict=True):
                changes.append(
                    ClauseChange(y["number"], "changed", x["text_kk"], y["text_kk"], x["text_ru"], y["text_ru"])
                )
            changes.extend(
                ClauseChange(c["number"], "removed", c["text_kk"], "", c["text_ru"], "") for c in a[i1 + pairs : i2]
            )
            changes.extend(
                ClauseChange(c["number"], "added", "", c["text_kk"], "", c["text_ru"]) for c in b[j1 + pairs : j2]
            )
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Words of a changed clause as (op, text): op is "=", "-" or "+" (difflib on words)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def from_paragraphs(kind: str, title_kk: str, title_ru: str, text_kk: str, text_ru: str) -> dict[str, Any]:
    """A section from the editor form: clauses are paragraphs separated by a blank line."""

    def split(text: str) -> list[str]:
        parts = [" ".join(p.split()) for p in clean_text(text).replace("\r\n", "\n").split("\n\n")]
        return [p for p in parts if p]

    kk, ru = split(text_kk), split(text_ru)
    size = max(len(kk), len(ru))
    kk += [""] * (size - len(kk))
    ru += [""] * (size - len(ru))
    return {
        "kind": kind,
        "title_kk": title_kk,
        "title_ru": title_ru,
        "clauses": [{"text_kk": k, "text_ru": r} for k, r in zip(kk, ru, strict=True)],
    }


def to_paragraphs(section: dict[str, Any], lang: str) -> str:
    return "\n\n".join(c[f"text_{lang}"] for c in section.get("clauses", []))
