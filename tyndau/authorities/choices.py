"""Reference data as form choices, rendered once per language and cached.

A select of the 119 public bodies (and of regions and topics) used to cost every request one query,
119 model instances and 119 runs of Django's option template — most of a search page's time
(docs/performance.md). The choices are read once per language and kept in the cache; any save or
delete of a body, region or topic clears them (now and again when its transaction commits), and
`ReferenceSelect` writes the `<select>` without the template engine (`tyndau.core.widgets.FastSelect`).
What the form validates is unchanged: a submitted value is still looked up in the field's queryset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language

from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.core.widgets import FastSelect, options_html

CACHE_VERSION = 1
CACHE_SECONDS = 6 * 60 * 60  # a safety net only: every change through the ORM clears the lists at once
# name -> the queryset whose rows are the choices (registered by ReferenceChoiceField)
_SOURCES: dict[str, Callable[[], QuerySet[Any]]] = {}


def _key(name: str, language: str) -> str:
    return f"authorities:choices:v{CACHE_VERSION}:{name}:{language}"


def options(name: str) -> str:
    """The `<option>` elements of the list `name` in the active language, escaped, none selected."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    key = _key(name, language)
    found: str | None = cache.get(key)
    if found is None:
        found = options_html((obj.pk, str(obj)) for obj in _SOURCES[name]())
        cache.set(key, found, CACHE_SECONDS)
    return found


def body_names(ids: Iterable[int]) -> dict[int, str]:
    """The names of these public bodies (active or not) in the active language, from the same cache: a
    page that names bodies (the audit timeline's actors) reads them once per language, not per request."""
    wanted = list(ids)
    if not wanted:
        return {}
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    key = _key(BODY_NAMES, language)
    found: dict[int, str] | None = cache.get(key)
    if found is None:
        found = {body.pk: body.name for body in PublicBody.objects.only("id", "name_kk", "name_ru", "name_en")}
        cache.set(key, found, CACHE_SECONDS)
    return {pk: found[pk] for pk in wanted if pk in found}


BODY_NAMES = "body_names"


def clear() -> None:
    """Forget every cached list (all names, all languages)."""
    names = [*_SOURCES, BODY_NAMES]
    cache.delete_many([_key(name, code) for name in names for code, _ in settings.LANGUAGES])


def _changed(sender: type[Model], **kwargs: Any) -> None:
    clear()
    transaction.on_commit(clear)  # a page rendered inside the writing transaction may have cached it


for _model in (PublicBody, Region, Category):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"authorities-choices-save-{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"authorities-choices-delete-{_model.__name__}")


class ReferenceSelect(FastSelect):
    """A FastSelect whose options are the cached list `name` (after the empty label)."""

    def __init__(self, name: str, empty_label: Any, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.list_name = name
        self.empty_label = empty_label

    def options_html(self) -> str:
        empty = "" if self.empty_label is None else options_html([("", self.empty_label)])
        return empty + options(self.list_name)


class _CachedChoices(BaseChoiceIterator):
    """What the widget iterates if something asks for the choices themselves (e.g. a test)."""

    def __init__(self, field: ReferenceChoiceField) -> None:
        self.field = field

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from ((obj.pk, self.field.label_from_instance(obj)) for obj in _SOURCES[self.field.list_name]())


class ReferenceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ModelChoiceField over reference data whose options come from the per-language cache.

    `name` identifies the list (one per queryset); the queryset must be the same every time.
    """

    def __init__(self, name: str, queryset: QuerySet[Any], **kwargs: Any) -> None:
        self.list_name = name
        _SOURCES.setdefault(name, queryset.all)
        super().__init__(queryset=queryset, **kwargs)
        self.widget = ReferenceSelect(name, self.empty_label, attrs=self.widget.attrs)
        self.widget.is_required = self.required
        self.widget.choices = self.choices  # Select.use_required_attribute looks at the first one

    def _get_choices(self) -> Any:
        return _CachedChoices(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]
