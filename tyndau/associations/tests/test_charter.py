from __future__ import annotations

import pytest

from tyndau.associations import charter
from tyndau.associations.tests.conftest import full_charter


def test_numbering_hash_and_checklist() -> None:
    content = charter.normalise(full_charter(sections=3))
    assert [c["number"] for c in charter.clauses(content)] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"]
    assert charter.content_hash(content) == charter.content_hash(charter.normalise(full_charter(sections=3)))
    assert len(charter.content_hash(content)) == 64
    assert charter.missing_sections(content) == ["structure", "bodies", "property", "amendment", "liquidation"]


def test_a_malformed_charter_is_refused() -> None:
    for bad in (None, {"sections": "x"}, {"sections": [{"kind": "nope", "clauses": []}]}):
        with pytest.raises(charter.CharterInvalid):
            charter.normalise(bad)


def test_an_inserted_clause_is_one_addition_not_a_cascade_of_changes() -> None:
    old = charter.normalise(full_charter(sections=2, clauses=4))
    raw = full_charter(sections=2, clauses=4)
    raw["sections"][0]["clauses"].insert(1, {"text_kk": "Жаңа тармақ.", "text_ru": "Новый пункт."})
    raw["sections"][1]["clauses"][2]["text_ru"] = "Изменённый текст."
    del raw["sections"][1]["clauses"][3]
    new = charter.normalise(raw)
    changes = [(c.number, c.kind) for c in charter.diff(old, new) if c.kind != "same"]
    assert changes == [("1.2", "added"), ("2.3", "changed"), ("2.4", "removed")]


def test_word_diff_marks_only_the_changed_words() -> None:
    assert charter.word_diff("a b c d", "a x c d") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c d")]
