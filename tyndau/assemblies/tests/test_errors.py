"""Every domain error of assemblies has its own code and message, translated into Kazakh and Russian
(the rule tyndau/core/tests/test_domain_errors.py holds on h/appeals-flow for every app)."""

from __future__ import annotations

import pytest
from django.utils import translation

from tyndau.assemblies import errors
from tyndau.core.errors import DomainError

CLASSES = [
    c
    for c in vars(errors).values()
    if isinstance(c, type) and issubclass(c, DomainError) and c.__module__ == errors.__name__
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_error_has_its_own_translated_message(cls: type[DomainError]) -> None:
    assert "default_message" in vars(cls) and "code" in vars(cls)
    assert cls.code.startswith("assembly_")
    with translation.override("en"):
        english = str(cls.default_message)
        assert english.strip() and str(cls()) == english
    for lang in ("kk", "ru"):
        with translation.override(lang):
            assert str(cls.default_message) not in ("", english), (lang, cls.__name__)


def test_codes_are_unique() -> None:
    codes = [c.code for c in CLASSES]
    assert len(CLASSES) > 15 and len(codes) == len(set(codes))
