"""The web font covers Kazakh and Russian: no page mixes it with a fallback font for the letters."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders

from tests.harness.browser import in_process_context

STYLESHEET = "vendor/uswds/css/uswds.min.css"
KAZAKH = "әғқңөұүһі" + "ӘҒҚҢӨҰҮҺІ"
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")


def _ranges(value: str) -> list[tuple[int, int]]:
    ranges = []
    for part in value.split(","):
        start, _, end = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(start, 16), int(end or start, 16)))
    return ranges


def font_faces(css: str) -> list[dict[str, Any]]:
    faces = []
    for body in _FACE.findall(css):
        fields = {
            key.strip().lower(): value.strip()
            for key, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
        }
        faces.append(
            {
                "family": fields.get("font-family", "").strip("'\""),
                "weight": fields.get("font-weight", "400"),
                "style": fields.get("font-style", "normal"),
                "url": re.search(r"url\(([^)]+)\)", fields.get("src", "")).group(1).strip("'\""),  # type: ignore[union-attr]
                "ranges": _ranges(fields["unicode-range"]) if "unicode-range" in fields else [(0, 0x10FFFF)],
            }
        )
    return faces


def test_the_stylesheet_declares_a_cyrillic_and_kazakh_web_font() -> None:
    path = finders.find(STYLESHEET)
    assert path, f"{STYLESHEET} is not built (scripts/build_assets.py)"
    css = Path(path).read_text(encoding="utf-8")
    body = re.search(r"\bbody\s*\{[^}]*font-family:\s*([^;}]+)", css)
    assert body and body.group(1).strip().startswith('"Source Sans 3"'), "body text is not set in the web font"
    faces = [f for f in font_faces(css) if f["family"] == "Source Sans 3" and f["style"] == "normal"]
    for weight in ("400", "700"):
        for letter in KAZAKH + RUSSIAN + "Tyndau 0123456789":
            covering = [
                f for f in faces if f["weight"] == weight and any(a <= ord(letter) <= b for a, b in f["ranges"])
            ]
            assert covering, f"no Source Sans 3 face of weight {weight} covers {letter!r}"
            for face in covering:
                assert face["url"].endswith(".woff2")
                file = finders.find(re.sub(r"^\.\./", "vendor/uswds/", face["url"]))
                assert file, f"{face['url']} (for {letter!r}) is not a static file"
    # Each subset is its own file: a Russian page never downloads the Latin-extended one, and so on.
    assert len({f["url"] for f in faces if f["weight"] == "400"}) >= 4


@pytest.mark.browser
@pytest.mark.django_db
def test_kazakh_text_is_drawn_in_the_web_font(new_context: Any) -> None:
    page = in_process_context(new_context).new_page()
    page.goto("/kk/")
    loaded = page.evaluate(
        """async () => {
          await document.fonts.ready;
          const faces = [];
          document.fonts.forEach(face => faces.push({family: face.family.replace(/["']/g, ''),
            status: face.status, weight: face.weight, range: face.unicodeRange}));
          return {faces, body: getComputedStyle(document.body).fontFamily};
        }"""
    )
    assert loaded["body"].startswith('"Source Sans 3"'), loaded["body"]
    kazakh = [
        f
        for f in loaded["faces"]
        if f["family"] == "Source Sans 3"
        and f["status"] == "loaded"
        and any(a <= ord("қ") <= b for a, b in _ranges(f["range"].replace("u+", "U+")))
    ]
    assert kazakh, f"no web font face was loaded for Kazakh letters: {loaded['faces']}"
