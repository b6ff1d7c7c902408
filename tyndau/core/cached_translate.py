"""Django's `i18n` template library, with `{% translate "constant" %}` looked up once per language.

Every page runs 50-60 `{% translate %}` tags with a constant text (the layout's header and footer, the
labels of a form). Each one asks the translation machinery afresh — the active language from a
context-local, the catalogue, a lazy string cast back — which measured about a fifth of an appeals
page's template time (issue 10.28, docs/performance.md). A constant text in a given language and
escaping mode always gives the same string, so this node keeps it. `install()` (from CoreConfig.ready)
puts this tag in Django's own `i18n` library in place of its `translate`/`trans`, so templates keep
`{% load i18n %}` and the message extractor sees the same tags. (Registering a second library named
`i18n` in TEMPLATES would do the same but trips Django's check for two libraries with one name.)

A tag with a variable, a filter or a variable context is Django's own node, untouched. The kept strings
are dropped whenever a setting that changes translations is changed (tests override them).
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags import i18n as django_i18n
from django.utils.translation import get_language

_TRANSLATION_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS", "USE_I18N"}
_generation = [0]


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting in _TRANSLATION_SETTINGS:
        _generation[0] += 1


class ConstantTranslateNode(django_i18n.TranslateNode):
    def render(self, context: Any) -> str:
        key = (get_language(), context.autoescape, _generation[0])
        kept = self.__dict__.setdefault("_kept", {})
        value = kept.get(key)
        if value is None:
            asvar, self.asvar = self.asvar, None
            try:
                value = kept[key] = super().render(context)
            finally:
                self.asvar = asvar
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value  # type: ignore[no-any-return]


def _is_constant(node: django_i18n.TranslateNode) -> bool:
    expression = node.filter_expression
    if expression.filters or getattr(expression.var, "literal", None) is None:
        return False
    context = node.message_context
    return context is None or (isinstance(context.var, str) and not context.filters)


_django_do_translate = django_i18n.do_translate


def do_translate(parser: Any, token: Any) -> Any:
    node = _django_do_translate(parser, token)
    if isinstance(node, django_i18n.TranslateNode) and _is_constant(node) and not node.noop:
        node.__class__ = ConstantTranslateNode
    return node


def install() -> None:
    """Compile `{% translate %}` / `{% trans %}` with `do_translate` from now on (templates already
    compiled keep their nodes; this runs at start-up, before any template is loaded)."""
    django_i18n.register.tags["translate"] = do_translate
    django_i18n.register.tags["trans"] = do_translate
