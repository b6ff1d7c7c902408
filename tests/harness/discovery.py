"""Discover every route of the portal from the URLconf and the Ninja schema.

Nothing here lists pages by hand: a new `path()` in any app's urls.py shows up in
the access matrix, the accessibility run, the HTML check, the page-weight check
and the leak scan the next time the harness runs.

URL kwargs (`<int:pk>`, `<slug:slug>`, `<uuid:public_id>`…) are filled from the
rows that `make_cast()` and `manage.py seed_demo` create: the harness guesses the
model from the view's app, the kwarg name and the route text, and tries a few
rows until a reader gets an answer. When the guess is wrong, add an entry to
`tests/harness/samples.py` (see docs/quality-harness.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from tyndau.core.access import get_policy

LANGUAGES = ("kk", "ru", "en")

# Routes the harness does not open in a browser or validator, with the reason.
# The access matrix still walks them (except the admin, which has its own check).
NON_HTML_ROUTES: dict[str, str] = {
    "healthz": "JSON liveness probe, not a page",
    "set_language": "POST-only language switch that redirects",
    "accounts:logout": "POST-only sign-out that redirects",
    "api:openapi-json": "JSON schema (fuzzed by schemathesis instead)",
    "api:openapi-view": "Ninja's Swagger UI page: third-party markup, not our templates",
}
# URL name prefixes that are not our pages at all.
SKIPPED_NAMESPACES: dict[str, str] = {
    "admin": "Django admin: staff-only, Django's own markup (access checked separately)",
    "api": "JSON API: covered by the API matrix and schemathesis, not by page checks",
    "open311": "Open311 XML/JSON: covered by the API checks, not by page checks",
}

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened: its route text with a `{lang}` placeholder for
    i18n patterns, its name (namespaced), its view and the converters of its kwargs."""

    template: str
    name: str
    callback: Callable[..., Any]
    converters: tuple[tuple[str, Any], ...] = ()
    i18n: bool = False
    regex: bool = False
    namespaces: tuple[str, ...] = field(default_factory=tuple)
    # re_path groups that are a literal alternation, e.g. fmt → ("json", "xml")
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def kwargs(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.converters)

    @property
    def policy(self) -> str | None:
        policy = get_policy(self.callback)
        if policy is None and self.is_ninja_view:
            # Ninja's own schema and docs views: deliberately public (login_not_required in config/urls.py).
            return "public"
        return policy

    @property
    def is_api_operation(self) -> bool:
        """A Ninja operation view: its policy is its auth, checked by test_api_access_matrix."""
        return "api" in self.namespaces and "PathView" in getattr(self.callback, "__qualname__", "")

    @property
    def is_ninja_view(self) -> bool:
        func = getattr(self.callback, "func", self.callback)
        return "api" in self.namespaces and getattr(func, "__module__", "").startswith("ninja.")

    @property
    def namespace(self) -> str:
        return self.namespaces[0] if self.namespaces else ""

    @property
    def app_label(self) -> str | None:
        module = getattr(self.callback, "__module__", "") or ""
        view_class = getattr(self.callback, "view_class", None)
        if view_class is not None and "django.contrib" in module:
            module = view_class.__module__
        parts = module.split(".")
        if len(parts) >= 2 and parts[0] == "tyndau":
            return parts[1]
        if self.namespace and self.namespace in {c.label for c in apps.get_app_configs()}:
            return self.namespace
        return None

    @property
    def view_name(self) -> str:
        return getattr(self.callback, "__name__", "") or getattr(
            getattr(self.callback, "view_class", None), "__name__", ""
        )

    def url(self, lang: str = "en", **kwargs: Any) -> str:
        text = self.template.replace("{lang}", lang)
        converters = dict(self.converters)

        def substitute(match: re.Match[str]) -> str:
            name = match.group("parameter")
            value = kwargs[name]
            converter = converters.get(name)
            return str(converter.to_url(value) if converter is not None else value)

        return "/" + _ROUTE_PARAM.sub(substitute, text)

    @property
    def skip_reason(self) -> str | None:
        """Why page checks (axe, vnu, weight) skip this route, or None."""
        if self.name in NON_HTML_ROUTES:
            return NON_HTML_ROUTES[self.name]
        for namespace in self.namespaces:
            if namespace in SKIPPED_NAMESPACES:
                return SKIPPED_NAMESPACES[namespace]
        return None

    def __str__(self) -> str:
        return f"{self.name} (/{self.template})"


def iter_routes(include_api_operations: bool = True) -> list[Route]:
    """Every URL pattern of ROOT_URLCONF except the inside of the Django admin
    (one `admin` entry stands for it)."""
    routes = list(_walk(get_resolver().url_patterns, "", (), (), False))
    return [r for r in routes if include_api_operations or not r.is_api_operation]


def _walk(
    patterns: list[Any],
    prefix: str,
    namespaces: tuple[str, ...],
    converters: tuple[tuple[str, Any], ...],
    i18n: bool,
    choices: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Iterator[Route]:
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            text, is_i18n, regex = "{lang}/", True, False
        elif isinstance(pattern, RoutePattern):
            text, is_i18n, regex = str(pattern), i18n, False
        elif isinstance(pattern, RegexPattern):
            text, is_i18n, regex = regex_to_template(str(pattern)), i18n, True
        else:  # pragma: no cover - a custom pattern class would need handling here
            text, is_i18n, regex = str(pattern), i18n, True
        own_converters = tuple(getattr(pattern, "converters", {}).items())
        own_choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if regex:
            groups = regex_group_choices(str(pattern))
            own_converters = tuple((name, None) for name in groups)
            own_choices = tuple((name, tuple(opts)) for name, opts in groups.items() if opts)
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            if entry.namespace == "admin":
                yield Route(
                    template=prefix + text,
                    name="admin:index",
                    callback=lambda request: None,
                    i18n=is_i18n,
                    namespaces=ns,
                )
                continue
            yield from _walk(
                entry.url_patterns, prefix + text, ns, converters + own_converters, is_i18n, choices + own_choices
            )
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else f"<unnamed {prefix + text}>"
            yield Route(
                template=prefix + text,
                name=name,
                callback=entry.callback,
                converters=converters + own_converters,
                i18n=is_i18n,
                regex=regex,
                namespaces=namespaces,
                choices=choices + own_choices,
            )


def _named_groups(regex: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, body) of each top-level `(?P<name>body)` group."""
    i = 0
    while True:
        start = regex.find("(?P<", i)
        if start < 0:
            return
        name_end = regex.index(">", start)
        depth, j = 0, start
        while j < len(regex):
            char = regex[j]
            if char == "\\":
                j += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        yield start, j + 1, regex[start + 4 : name_end], regex[name_end + 1 : j]
        i = j + 1


def regex_group_choices(regex: str) -> dict[str, list[str] | None]:
    """Named groups of a re_path and, for `(?P<fmt>json|xml)`, their literal choices."""
    result: dict[str, list[str] | None] = {}
    for _start, _end, name, body in _named_groups(regex):
        options = body.split("|")
        result[name] = options if all(re.fullmatch(r"[\w-]+", o) for o in options) else None
    return result


def regex_to_template(regex: str) -> str:
    """`^requests/(?P<id>[\\w-]+)\\.(?P<fmt>json|xml)$` → `requests/<id>.<fmt>`."""
    out, last = [], 0
    for start, end, name, _body in _named_groups(regex):
        out.append(regex[last:start])
        out.append(f"<{name}>")
        last = end
    out.append(regex[last:])
    text = "".join(out).lstrip("^").replace("\\Z", "").rstrip("$")
    return re.sub(r"\\(.)", r"\1", text)


# ---------------------------------------------------------------- kwargs -----

_FIELD_KWARGS = {"slug", "uuid", "public_id", "number", "token", "code", "reference", "iso_code", "kato_code"}


def _model_for(route: Route, kwarg: str) -> type[models.Model] | None:
    """Guess which model a kwarg points at: `appeal_pk` → Appeal; `pk` in the
    appeals app with a view called `appeal_detail` → Appeal."""
    hint = None
    for suffix in ("_pk", "_id", "_slug", "_uuid", "_number", "_public_id"):
        if kwarg.endswith(suffix) and kwarg != "public_id":
            hint = kwarg[: -len(suffix)].replace("_", "")
            break
    all_models = [m for m in apps.get_models() if m.__module__.startswith("tyndau.")]
    if hint:
        for model in all_models:
            if model._meta.model_name == hint:
                return model
        for model in all_models:  # body_id → PublicBody
            if (model._meta.model_name or "").endswith(hint):
                return model
    view_class = getattr(route.callback, "view_class", None)
    model = getattr(view_class, "model", None)
    if model is not None:
        return model  # type: ignore[no-any-return]
    app_label = route.app_label
    field_name = _field_name(kwarg)

    def has(model: type[models.Model]) -> bool:
        return field_name == "pk" or any(f.name == field_name for f in model._meta.get_fields())

    candidates = [m for m in all_models if m._meta.app_label == app_label and has(m)] or [
        m for m in all_models if has(m)
    ]
    haystack = f"{route.template} {route.name} {route.view_name}".lower().replace("_", "").replace("-", "")

    def score(model: type[models.Model]) -> tuple[int, int, int]:
        name = model._meta.model_name or ""
        has_field = field_name == "pk" or any(f.name == field_name for f in model._meta.get_fields())
        in_text = name in haystack
        plural = (model._meta.verbose_name_plural or "").__str__().lower().replace(" ", "")
        return (int(has_field), int(in_text) * len(name), int(plural in haystack))

    candidates.sort(key=score, reverse=True)
    if not candidates or score(candidates[0])[0] == 0:
        return None
    return candidates[0]


def _field_name(kwarg: str) -> str:
    if kwarg in ("pk", "id") or (kwarg.endswith(("_pk", "_id")) and kwarg != "public_id"):
        return "pk"
    if kwarg in _FIELD_KWARGS:
        return kwarg
    for suffix in ("_slug", "_uuid", "_number", "_public_id"):
        if kwarg.endswith(suffix):
            return suffix[1:]
    return kwarg


@dataclass
class Sample:
    """One way to fill a route's kwargs, with the rows used (for ownership checks).
    A phantom sample points at no row (placeholder values): it still shows who is
    refused before the view looks anything up."""

    kwargs: dict[str, Any]
    objects: list[models.Model]
    phantom: bool = False


def phantom_sample(route: Route) -> Sample:
    from django.urls import converters as conv

    fixed = dict(route.choices)
    kwargs: dict[str, Any] = {}
    for name, converter in route.converters:
        if name in fixed:
            kwargs[name] = fixed[name][0]
        elif isinstance(converter, conv.IntConverter):
            kwargs[name] = 999999
        elif isinstance(converter, conv.UUIDConverter):
            import uuid

            kwargs[name] = uuid.UUID(int=0)
        elif isinstance(converter, conv.SlugConverter):
            kwargs[name] = "no-such-row"
        else:
            kwargs[name] = "NO-SUCH-ROW"
    return Sample(kwargs, [], phantom=True)


def why_unfillable(route: Route) -> str:
    fixed = dict(route.choices)
    for kwarg in route.kwargs:
        if kwarg in fixed:
            continue
        model = _model_for(route, kwarg)
        if model is None:
            return f"cannot tell which model the kwarg `{kwarg}` refers to"
        if not model._default_manager.exists():
            return (
                f"no {model._meta.label} rows in the seeded data (seed some in tyndau/{model._meta.app_label}/demo.py)"
            )
    return "no seeded row fits all kwargs together"


def samples_for(route: Route, limit: int = 6) -> list[Sample]:
    """Candidate kwargs for `route`, best first. Empty when the route takes no
    kwargs is represented by one empty sample; an unfillable route gives []."""
    from tests.harness import samples as overrides

    if not route.kwargs:
        return [Sample({}, [])]
    fixed = dict(route.choices)
    model_kwargs = [k for k in route.kwargs if k not in fixed]
    variants = [dict(zip(fixed, values, strict=True)) for values in itertools.product(*fixed.values())]
    override = overrides.URL_SAMPLES.get(route.name)
    if override is not None:
        phantom = route.name in overrides.NOT_FOUND_BY_DESIGN
        rows = [Sample(kwargs, objs, phantom=phantom) for kwargs, objs in override()][:limit]
    elif not model_kwargs:
        return [Sample(v, []) for v in variants][:limit]
    else:
        rows = _model_samples(route, model_kwargs, limit)
    return [Sample({**row.kwargs, **v}, row.objects, phantom=row.phantom) for row in rows for v in variants][
        : max(limit, len(variants))
    ]


def _model_samples(route: Route, kwargs_wanted: list[str], limit: int) -> list[Sample]:
    chosen: list[tuple[str, type[models.Model], str]] = []
    for kwarg in kwargs_wanted:
        model = _model_for(route, kwarg)
        if model is None:
            return []
        chosen.append((kwarg, model, _field_name(kwarg)))
    first_kwarg, first_model, first_field = chosen[0]
    results: list[Sample] = []
    for obj in first_model._default_manager.order_by("pk")[: limit * 20]:
        kwargs = {first_kwarg: _value(obj, first_field)}
        objs = [obj]
        ok = True
        for kwarg, model, field_name in chosen[1:]:
            related = _related_row(model, objs)
            if related is None:
                ok = False
                break
            kwargs[kwarg] = _value(related, field_name)
            objs.append(related)
        if ok and all(v not in (None, "") for v in kwargs.values()):
            results.append(Sample(kwargs, objs))
        if len(results) >= limit:
            break
    return _spread(results, limit)


def _spread(results: list[Sample], limit: int) -> list[Sample]:
    """Prefer variety (different statuses) over the first N rows."""
    seen: set[Any] = set()
    varied, rest = [], []
    for sample in results:
        status = getattr(sample.objects[0], "status", None)
        (rest if status in seen else varied).append(sample)
        seen.add(status)
    return (varied + rest)[:limit]


def _value(obj: models.Model, field_name: str) -> Any:
    return obj.pk if field_name == "pk" else getattr(obj, field_name, None)


def _related_row(model: type[models.Model], parents: list[models.Model]) -> models.Model | None:
    """A row of `model` that belongs to the parents already chosen (files/<pk> of
    appeal <number>); None when the parent has no such row."""
    related = False
    for parent in parents:
        for f in model._meta.get_fields():
            if isinstance(f, models.ForeignKey) and isinstance(parent, f.related_model):
                related = True
                row = model._default_manager.filter(**{f.name: parent}).order_by("pk").first()
                if row is not None:
                    return row
    return None if related else model._default_manager.order_by("pk").first()


# ------------------------------------------------------- object ownership ----


def owners_of(objects: list[models.Model]) -> list[Any]:
    """Users a row belongs to (author, applicant, signer…): FKs to the user model."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = []
    for obj in objects:
        for f in obj._meta.get_fields():
            if isinstance(f, models.ForeignKey) and f.related_model is user_model:
                user = getattr(obj, f.name, None)
                if user is not None and user not in found:
                    found.append(user)
    return found


def bodies_of(objects: list[models.Model]) -> list[Any]:
    """Public bodies a row is addressed to / handled by (FKs to PublicBody)."""
    from tyndau.authorities.models import PublicBody

    found = []
    for obj in objects:
        if isinstance(obj, PublicBody):
            found.append(obj)
        for f in obj._meta.get_fields():
            if isinstance(f, models.ForeignKey) and f.related_model is PublicBody:
                body = getattr(obj, f.name, None)
                if body is not None and body not in found:
                    found.append(body)
    return found


# ------------------------------------------------------------------ API ------


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str  # as in the OpenAPI schema, with {param}
    operation_id: str
    secured: bool

    @property
    def policy(self) -> str:
        return "signed_in" if self.secured else "public"

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def iter_api_operations() -> list[ApiOperation]:
    """Every operation of the Ninja API, from its OpenAPI schema. An operation with
    a `security` entry requires authentication; one without is public."""
    from config.api import api

    schema = api.get_openapi_schema()
    operations = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            operations.append(
                ApiOperation(method, path, op.get("operationId", f"{method} {path}"), bool(op.get("security")))
            )
    return operations
