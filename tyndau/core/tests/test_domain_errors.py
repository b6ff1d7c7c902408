"""Every domain error a person can meet has its own class and its own message, translated (issue 11.4).

Imports every app's `errors` module, walks `DomainError.__subclasses__()` recursively and checks each
class: a message of its own, non-empty in English, and in Kazakh and Russian a real translation (not
empty, not the English). And no code raises a domain error with only a code — a person would then read
the generic sentence of its base class."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from tyndau.core.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]


def _project_error_classes() -> list[type[DomainError]]:
    for config in apps.get_app_configs():
        if config.name.startswith("tyndau.") and importlib.util.find_spec(f"{config.name}.errors"):
            importlib.import_module(f"{config.name}.errors")
    found: set[type[DomainError]] = set()
    todo = [DomainError]
    while todo:
        cls = todo.pop()
        if cls not in found:  # a class with two error bases is reached twice
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return sorted(
        (c for c in found if c.__module__.startswith("tyndau.") and ".tests." not in c.__module__),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


CLASSES = _project_error_classes()


def test_every_app_with_errors_is_walked() -> None:
    modules = {c.__module__ for c in CLASSES}
    assert {
        "tyndau.core.errors",
        "tyndau.appeals.errors",
        "tyndau.petitions.errors",
        "tyndau.accounts.errors",
    } <= modules
    assert len(CLASSES) > 40


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__name__}")
def test_error_has_its_own_translated_message(cls: type[DomainError]) -> None:
    assert "default_message" in vars(cls), f"{cls.__name__} has no message of its own"
    assert "code" in vars(cls), f"{cls.__name__} has no code of its own"
    with translation.override("en"):
        english = str(cls.default_message)
        assert english.strip()
        assert str(cls()) == english
    for lang in ("kk", "ru"):
        with translation.override(lang):
            text = str(cls.default_message)
        assert text.strip(), (lang, cls.__name__)
        assert text != english, f"{cls.__name__} is not translated into {lang}"


def test_codes_are_unique() -> None:
    codes = [c.code for c in CLASSES]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)


def test_no_domain_error_is_raised_with_only_a_code() -> None:
    """`raise AppealError(code="same_body")` is what made people read "This action is not allowed"."""
    pattern = re.compile(r"\b[A-Z]\w*(Error|Denied|Transition)\(\s*code\s*=")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "tyndau").rglob("*.py")
        if "/tests/" not in str(path)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
