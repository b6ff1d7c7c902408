"""What can be followed: each kind registers how to find a public target and name it.

Petitions and appeals live above this app, so they register their kinds from their
`AppConfig.ready()`:

    register_target(Kind.PETITION, resolve_petition)

A resolver takes the target id (a string from a URL or a form) and returns a `Target` when the
thing exists and is public, else None: nobody can follow what they cannot see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import override

from tyndau.authorities.models import Category, PublicBody, Region
from tyndau.following.models import Kind


@dataclass(frozen=True)
class Target:
    kind: str
    target_id: str
    title: str  # in the active language where the thing has one per language
    path: str  # the public page, in the active language


Resolver = Callable[[str], "Target | None"]
_RESOLVERS: dict[str, Resolver] = {}


def register_target(kind: str, resolver: Resolver) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown kind of target: {kind!r}")
    _RESOLVERS[kind] = resolver


def resolve(kind: str, target_id: str) -> Target | None:
    """The public target, or None (unknown kind, no such thing, or not public)."""
    resolver = _RESOLVERS.get(kind)
    if resolver is None or not target_id or len(target_id) > 40 or not target_id.isprintable():
        return None
    return resolver(target_id)


def unprefixed(path: str) -> str:
    """A path without its language prefix (`/kk/petitions/5/` -> `/petitions/5/`): a change is
    stored once and each follower's e-mail puts their own language in front."""
    parts = path.split("/", 2)
    return "/" + parts[2] if len(parts) == 3 and len(parts[1]) == 2 else path


def language_path(path: str, language: str) -> str:
    return f"/{language}{path}"


def _pk(target_id: str) -> int | None:
    return int(target_id) if target_id.isdigit() and len(target_id) < 12 else None


_MODELS = {"PublicBody": PublicBody, "Category": Category, "Region": Region}


def _reference(kind: str, model_name: str, url: Callable[[object], str]) -> Resolver:
    def resolver(target_id: str) -> Target | None:
        pk = _pk(target_id)
        if pk is None:
            return None
        obj = _MODELS[model_name]._default_manager.filter(pk=pk).first()
        if obj is None:
            return None
        return Target(kind=kind, target_id=str(pk), title=str(obj), path=url(obj))

    return resolver


def _register_url(param: str) -> Callable[[object], str]:
    return lambda obj: f"{reverse('appeals:register')}?{param}={obj.pk}"  # type: ignore[attr-defined]


def register_reference_targets() -> None:
    """Bodies, categories and areas (regions and districts): reference data, always public."""
    register_target(
        Kind.BODY,
        _reference(Kind.BODY, "PublicBody", lambda b: reverse("authorities:body_detail", args=[b.slug])),  # type: ignore[attr-defined]
    )
    register_target(Kind.CATEGORY, _reference(Kind.CATEGORY, "Category", _register_url("category")))
    register_target(Kind.AREA, _reference(Kind.AREA, "Region", _register_url("region")))


def title_in(kind: str, target_id: str, language: str) -> str:
    with override(language):
        target = resolve(kind, target_id)
    return target.title if target else ""
