"""The link-preview image (Open Graph / Twitter `summary_large_image`): a title and one line of figures.

Drawn with Pillow in the site's own font, Source Sans 3, from the woff2 files the asset build ships
(scripts/build_assets.py, under static/vendor): no system font and nothing downloaded. The font comes
in unicode-range subsets (latin, latin-ext, cyrillic, cyrillic-ext — Kazakh letters are in the
last), so each run of characters is drawn with the subset whose range holds it; the ranges are read
from the @font-face rules the build wrote at the top of the compiled stylesheet.

Callers pass only public text (a petition's title, a published appeal's number and body) and cache
the PNG: rendering takes some tens of milliseconds (docs/search.md).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter's large card expect (1.91:1)
MARGIN = 72
BLUE = "#003e5c"
GOLD = "#ffc61e"
INK = "#1b1b1b"
MUTED = "#565c65"
MAX_TITLE_LINES = 4

VENDOR = Path(__file__).resolve().parent / "static" / "vendor" / "uswds"
STYLESHEET = VENDOR / "css" / "uswds.min.css"
_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")


@dataclass(frozen=True)
class _Subset:
    path: Path
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        code = ord(char)
        return any(low <= code <= high for low, high in self.ranges)


def _ranges(value: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in value.split(","):
        part = part.strip().upper().removeprefix("U+")
        low, _, high = part.partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return tuple(out)


@lru_cache(maxsize=4)
def _subsets(weight: int) -> tuple[_Subset, ...]:
    """The normal-style faces of one weight, in the stylesheet's order (latin last)."""
    found = []
    for rule in _FACE.findall(STYLESHEET.read_text(encoding="utf-8")):
        if f"font-weight: {weight};" not in rule or "font-style: normal" not in rule:
            continue
        src = re.search(r"url\(\.\./fonts/([^)]+)\)", rule)
        ranges = re.search(r"unicode-range:\s*([^;]+);", rule)
        if src and ranges:
            found.append(_Subset(VENDOR / "fonts" / src.group(1), _ranges(ranges.group(1))))
    if not found:
        raise FileNotFoundError(f"no Source Sans 3 faces of weight {weight} in {STYLESHEET} (run build_assets)")
    return tuple(found)


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


class _Writer:
    """Text in one weight and size, each character drawn with the subset that holds it."""

    def __init__(self, weight: int, size: int) -> None:
        self.subsets = _subsets(weight)
        self.size = size
        self.fallback = next((s for s in self.subsets if s.covers("A")), self.subsets[-1])

    def runs(self, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        runs: list[tuple[ImageFont.FreeTypeFont, str]] = []
        for char in text:
            subset = next((s for s in self.subsets if s.covers(char)), self.fallback)
            font = _font(subset.path, self.size)
            if runs and runs[-1][0] is font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def width(self, text: str) -> float:
        return sum(font.getlength(run) for font, run in self.runs(text))

    def draw(self, canvas: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: str) -> None:
        x, y = xy
        for font, run in self.runs(text):
            canvas.text((x, y), run, font=font, fill=fill)
            x += font.getlength(run)

    def wrap(self, text: str, max_width: int, max_lines: int) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            while self.width(word) > max_width:  # a word longer than a line is cut where it must be
                cut = max(1, len(word) * max_width // int(self.width(word) + 1))
                lines.append(word[:cut])
                word = word[cut:]
            if lines and self.width(f"{lines[-1]} {word}") <= max_width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            last = lines[-1]
            while last and self.width(last + "…") > max_width:
                last = last[:-1]
            lines[-1] = last.rstrip() + "…"
        return lines


def render_card(*, title: str, figure: str, site: str, kicker: str = "") -> bytes:
    """A 1200×630 PNG: the site's name, a kicker ("E-petition"), the title (at most four lines) and
    one line of figures ("1,240 signatures of 50,000"), in the brand's colours."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, WIDTH, 16), fill=GOLD)
    canvas.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=BLUE)
    _Writer(700, 40).draw(canvas, (MARGIN, 48), site, BLUE)
    if kicker:
        _Writer(400, 34).draw(canvas, (MARGIN, 104), kicker, MUTED)
    size = 64 if len(title) <= 90 else 52
    writer = _Writer(700, size)
    y = 170.0
    for line in writer.wrap(" ".join(title.split()), WIDTH - 2 * MARGIN, MAX_TITLE_LINES):
        writer.draw(canvas, (MARGIN, y), line, INK)
        y += size * 1.2
    _Writer(700, 44).draw(canvas, (MARGIN, HEIGHT - 84), figure, "white")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


CACHE_SECONDS = 24 * 3600  # a rendered image, by its key (which names everything drawn on it)


def count_bucket(count: int) -> int:
    """The count drawn on an image: exact below 100, else rounded down to two significant digits
    (1,240 -> 1,200), so a busy petition's image is drawn again a few dozen times, not per signature."""
    if count < 100:
        return count
    step = 10 ** (len(str(count)) - 2)
    return count - count % step


def png_response(request: HttpRequest, *, key: str, draw: Callable[[], bytes], max_age: int) -> HttpResponse:
    """The image for `key` from the cache (drawn on a miss), public for `max_age` seconds, with an
    ETag so a crawler that asks again gets 304. The key must change whenever the picture would."""
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        png = cache.get(key)
        if png is None:
            png = draw()
            cache.set(key, png, CACHE_SECONDS)
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    return response
