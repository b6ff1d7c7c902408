"""Constant `{% translate %}` texts are kept per language (tyndau.core.cached_translate, issue 10.28):
the kept text must be the one Django would give in every language, escaping mode and form of the tag."""

from __future__ import annotations

from django.template import engines
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils import translation

from tyndau.core.cached_translate import ConstantTranslateNode

SOURCE = (
    '{% load i18n %}{% translate "Sign in" %}|{% translate "Receipt" context "audit log" as r %}{{ r }}|'
    '{% translate v %}|{% trans "Sign in" %}|{% translate "Sign in"|upper %}|{% translate "Sign in" noop %}'
)
EXPECTED = {
    "kk": "Кіру|Түбіртек|Кіру|Кіру|КІРУ|Sign in",
    "ru": "Войти|Квитанция|Войти|Войти|ВОЙТИ|Sign in",
    "en": "Sign in|Receipt|Sign in|Sign in|SIGN IN|Sign in",
}


def test_constant_texts_are_kept_and_everything_else_is_djangos_own() -> None:
    template = engines["django"].from_string(SOURCE)
    kinds = [type(node) for node in template.template.nodelist if isinstance(node, TranslateNode)]
    # The variable, the filtered and the noop ones are Django's own node.
    assert (
        kinds
        == [ConstantTranslateNode, ConstantTranslateNode, TranslateNode, ConstantTranslateNode] + [TranslateNode] * 2
    )
    for _ in range(2):  # the second round is served from what the first kept
        for language in ("kk", "ru", "en", "kk"):
            with translation.override(language):
                assert template.render({"v": "Sign in"}) == EXPECTED[language], language


def test_escaping_mode_is_part_of_what_is_kept() -> None:
    source = '{% load i18n %}{% translate "Tyndau — home" %}'
    on = engines["django"].from_string(source)
    off = engines["django"].from_string("{% autoescape off %}" + source + "{% endautoescape %}")
    with translation.override("en"):
        assert on.render({}) == off.render({}) == "Tyndau — home"


def test_a_changed_translation_setting_drops_what_was_kept() -> None:
    template = engines["django"].from_string('{% load i18n %}{% translate "Sign in" %}')
    from tyndau.core import cached_translate

    with translation.override("ru"):
        assert template.render({}) == "Войти"
    before = cached_translate._generation[0]
    with override_settings(LOCALE_PATHS=[]), translation.override("ru"):  # a catalogue setting changed
        assert cached_translate._generation[0] == before + 1
        assert template.render({}) == "Войти"
