"""Translation coverage: complete kk/ru catalogues that match the code, and no
user-facing text in a template outside {% translate %} / {% blocktranslate %}."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.template.base import Lexer, TokenType

pytestmark = pytest.mark.harness

ROOT = Path(__file__).absolute().parents[2]
# Text that may stay unmarked in a template, with the reason. Keep it tiny.
ALLOWED_TEXT = {
    "CSV",  # file format names, the same in every language
    "JSON",
}
MACHINE_TEXT_TAGS = ("script", "style", "code", "kbd", "samp")  # code and data, not prose
USER_FACING_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "content"}
_LETTER = re.compile(r"[^\W\d_]")
_MARK = "\x00"


def test_catalogues_are_complete_and_current() -> None:
    args = ["--makemessages"] if shutil.which("xgettext") else []
    if not args and os.environ.get("CI"):
        pytest.fail("GNU gettext is missing: the stale-catalogue check cannot run in CI", pytrace=False)
    try:
        call_command("check_translations", *args)
    except CommandError as error:
        pytest.fail(f"{error} — run `make check-translations` to see them", pytrace=False)


def test_the_checker_finds_each_kind_of_problem(tmp_path: Path) -> None:
    from tyndau.core.management.commands.check_translations import check_catalogue

    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Бұлыңғыр"\n\n'
        'msgid "Copied"\nmsgstr "Copied"\n\n'
        'msgid "Good"\nmsgstr "Жақсы"\n\n'
        'msgid "%(n)s"\nmsgstr "%(n)s"\n',
        encoding="utf-8",
    )
    problems = check_catalogue(po)
    assert len(problems) == 3, problems
    assert any("not translated" in p for p in problems)
    assert any("fuzzy" in p for p in problems)
    assert any("English text" in p for p in problems)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in MACHINE_TEXT_TAGS:
            self._skip += 1
        for name, value in attrs:
            if (
                name in USER_FACING_ATTRIBUTES
                and value
                and not (tag == "meta" and name == "content" and dict(attrs).get("name") != "description")
            ):
                self._check(value, f"{tag}[{name}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in MACHINE_TEXT_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._check(data, "text")

    def _check(self, value: str, where: str) -> None:
        text = " ".join(value.replace(_MARK, " ").split())
        if _LETTER.search(text) and text not in ALLOWED_TEXT:
            self.found.append(f"{where}: {text[:80]!r}")


def unmarked_text(source: str) -> list[str]:
    """Text a visitor would read that is not inside a translation tag. Django tags and
    variables become a neutral mark, so the HTML around them still parses."""
    pieces: list[str] = []
    skipping: str | None = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0] if token.contents else ""
            if skipping:
                if name == skipping:
                    skipping = None
                pieces.append(_MARK)
                continue
            if name in ("blocktranslate", "blocktrans"):
                skipping = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                skipping = "endcomment"
            elif name == "verbatim":
                skipping = "endverbatim"
            pieces.append(_MARK)
        elif token.token_type == TokenType.TEXT:
            pieces.append(_MARK if skipping else token.contents)
        else:  # variables and {# comments #}
            pieces.append(_MARK)
    parser = _TextCollector()
    parser.feed("".join(pieces))
    parser.close()
    return parser.found


def _templates() -> list[Path]:
    paths = []
    for path in sorted((ROOT / "tyndau").glob("*/templates/**/*")):
        if path.suffix in (".html", ".txt") and path.is_file():
            paths.append(path)
    return paths


def test_templates_have_no_unmarked_text() -> None:
    problems = []
    for path in _templates():
        if path.suffix == ".txt":
            source = "<pre>" + path.read_text(encoding="utf-8") + "</pre>"
        else:
            source = path.read_text(encoding="utf-8")
        for found in unmarked_text(source):
            problems.append(f"{path.relative_to(ROOT)}: {found}")
    assert not problems, "user-facing text outside {% translate %}/{% blocktranslate %}:\n" + "\n".join(problems)


def test_the_template_scan_catches_plain_text() -> None:
    assert unmarked_text("<p>Hello</p>") == ["text: 'Hello'"]
    assert unmarked_text('<img alt="Logo" src="x">') == ["img[alt]: 'Logo'"]
    assert unmarked_text("{% load i18n %}<p>{% translate 'Hello' %}</p><p>{{ name }}</p>") == []
    assert unmarked_text("{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}") == []
    assert unmarked_text("<p>{{ a }} — 42</p>") == []
