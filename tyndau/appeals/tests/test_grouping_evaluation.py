"""The grouping-evaluation command on a generated labelled CSV (issue 15): pairwise precision and
recall against the problem key, beside baselines in the same run, ending with one JSON line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

STOCK = ["Нет горячей воды", "Яма на дороге, помогите", "Не вывозят мусор"]
CATEGORY = {"Нет горячей воды": "utilities", "Яма на дороге, помогите": "roads", "Не вывозят мусор": "landscaping"}


def generate(rows: Path, seed: int = 7) -> None:
    """Twelve problems (a building + a stock complaint + a month), each raised by several people, one
    of whom writes many times; the same stock texts repeat across buildings of the same city."""
    rng = random.Random(seed)
    with rows.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "category", "region", "district", "latitude", "longitude", "address",
                         "date", "author", "body", "problem_key"])  # fmt: skip
        line = 0
        for problem in range(12):
            text = STOCK[problem % 3]
            lat, lon = 43.20 + problem * 0.01, 76.90  # about 1.1 km between buildings
            start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(20))
            for person in range(6):
                for _ in range(4 if person == 0 else 1):  # the loud writer
                    line += 1
                    with_point = rng.random() < 0.7
                    writer.writerow([
                        line, f"{text}. Дом {problem}.", CATEGORY[text], "KZ-75", "Алмалинский",
                        f"{lat + rng.random() * 0.0005:.6f}" if with_point else "",
                        f"{lon:.6f}" if with_point else "", f"ул. Абая, {problem + 1}",
                        (start + dt.timedelta(days=rng.randrange(10))).isoformat(), f"a{problem}-{person}",
                        "almaty-akimat", f"building-{problem}/{CATEGORY[text]}",
                    ])  # fmt: skip


@pytest.mark.django_db
def test_grouping_beats_text_alone_and_ends_with_json(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    generate(path)
    out = io.StringIO()
    call_command("evaluate_grouping", str(path), stdout=out)
    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["rows"] == 12 * 9 and result["labelled"] == result["rows"]
    ours, text_only = result["grouping"], result["text_only"]
    assert ours["precision"] >= 0.95 and ours["recall"] >= 0.9
    # Stock texts repeat across buildings: text alone puts different buildings together.
    assert text_only["precision"] < 0.5
    assert "precision" in lines[1] and "grouping" in lines[1]


@pytest.mark.django_db
def test_bad_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,category\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("evaluate_grouping", str(path))
    with pytest.raises(CommandError, match="no such file"):
        call_command("evaluate_grouping", str(tmp_path / "none.csv"))
    path.write_text("text,category,date,problem_key\nx,roads,not-a-date,k\ny,roads,2026-01-01,k\n", encoding="utf-8")
    err: Any = io.StringIO()
    out = io.StringIO()
    call_command("evaluate_grouping", str(path), stdout=out, stderr=err)
    assert "line 2 skipped" in err.getvalue()
    assert json.loads(out.getvalue().strip().splitlines()[-1])["rows"] == 1
