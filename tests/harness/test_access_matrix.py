"""The access matrix: every URL pattern and every API operation × every actor of
the cast (+ anonymous, + the owner of the object, + officials of the object's
own and of another body) answers as its declared policy says.

Policies (tyndau/core/access.py):
  public      anonymous gets the page (2xx, a redirect that is not the login page, or 405 for POST-only)
  signed_in   anonymous is sent to the login page; no signed-in actor gets 403
  role:a|b    anonymous is sent to the login page; holders of a or b are not refused (403);
              everyone else gets 403 or 404
  staff       the Django admin: anonymous and non-staff are sent to the admin login
Object URLs: the owner of the row and an official of the row's body (holding the
role) get through; an official of another body gets 403 or 404.
No actor may ever get a 5xx. A view without a declared policy fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.harness.discovery import (
    ApiOperation,
    Route,
    Sample,
    bodies_of,
    iter_api_operations,
    iter_routes,
    owners_of,
    phantom_sample,
    samples_for,
)

pytestmark = [pytest.mark.harness, pytest.mark.django_db]


def _collect_routes() -> list[Any]:
    try:
        # Ninja operations are checked per operation by test_api_access_matrix below.
        return [pytest.param(route, id=route.name) for route in iter_routes(include_api_operations=False)]
    except Exception as exc:  # an app's urls.py does not import: report it as one failing case
        return [pytest.param(exc, id="urlconf-import-error")]


def _collect_api() -> list[Any]:
    try:
        return [pytest.param(op, id=str(op)) for op in iter_api_operations()]
    except Exception as exc:
        return [pytest.param(exc, id="api-schema-error")]


@dataclass
class Answer:
    actor: str
    status: int
    location: str

    def __str__(self) -> str:
        return f"{self.actor}={self.status}" + (f"→{self.location}" if self.location else "")


def _ok(status: int) -> bool:
    """Got through: a page, a redirect (PRG, language) or 'use POST'."""
    return 200 <= status < 400 or status == 405


def _to_login(answer: Answer, lang: str = "en") -> bool:
    """Refused by LoginRequiredMiddleware: a redirect to the login page carrying ?next=
    (a view may send a visitor to the login page on purpose, without next)."""
    login = reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL
    login_paths = {login, re.sub(r"^/[a-z]{2}/", f"/{lang}/", login)}
    path, _, query = answer.location.partition("?")
    return answer.status == 302 and path in login_paths and "next=" in query


def _actors(harness_site: Any, sample: Sample) -> dict[str, Any]:
    actors: dict[str, Any] = dict(harness_site.cast.roles())
    for owner in owners_of(sample.objects):
        actors.setdefault(f"owner:user#{owner.pk}", owner)
    return actors


def _body_officials(sample: Sample, roles: list[str]) -> tuple[list[Any], Any | None]:
    """(members of the row's bodies holding one of `roles`, an official of an unrelated body)."""
    from tyndau.accounts.models import Membership

    bodies = bodies_of(sample.objects)
    if not bodies:
        return [], None
    own: list[Any] = []
    other = None
    for membership in Membership.objects.filter(is_active=True).select_related("user", "body").order_by("pk"):
        if not membership.user.has_any_role(*roles):
            continue
        if membership.body in bodies:
            if membership.user not in own:
                own.append(membership.user)
        elif other is None and not membership.user.memberships.filter(body__in=bodies).exists():
            other = membership.user
    return own[:6], other


def _get(client_cache: dict[str, Client], actor: str, user: Any, url: str) -> Answer:
    if actor not in client_cache:
        client = Client()
        if user is not None:
            client.force_login(user)
        client_cache[actor] = client
    response = client_cache[actor].get(url)
    return Answer(actor, response.status_code, response.get("Location", ""))


@pytest.mark.parametrize("route", _collect_routes())
def test_access_matrix(route: Route, harness_site: Any, db: Any) -> None:
    if isinstance(route, Exception):
        raise route
    clients: dict[str, Client] = {}
    if route.name == "admin:index":
        _check_admin(harness_site)
        return
    if route.name == "healthz":  # the site's task worker and periodic runner are alive (tyndau.core.heartbeat)
        from tyndau.core import heartbeat

        for process in heartbeat.PROCESSES:
            heartbeat.beat(process)
    policy = route.policy
    assert policy is not None, (
        f"{route}: the view {route.callback!r} declares no access policy — decorate it with "
        "@public, @signed_in or @role_required(...) from tyndau.core.access"
    )
    # Without a seeded row the URL points at nothing: who is refused before the
    # view looks anything up is still checked (test_every_route_is_reached fails).
    samples = samples_for(route) or [phantom_sample(route)]

    # Pick the sample whose answers exercise the policy: for public routes one that
    # anonymous can open; otherwise one that some actor can open.
    chosen: tuple[Sample, list[Answer]] | None = None
    for sample in samples[:4]:
        url = route.url("en", **sample.kwargs)
        answers = [_get(clients, name, user, url) for name, user in _actors(harness_site, sample).items()]
        good = answers[0] if policy == "public" else next((a for a in answers if _ok(a.status)), None)
        if chosen is None or (good is not None and _ok(good.status)):
            chosen = (sample, answers)
        if good is not None and _ok(good.status):
            break
    assert chosen is not None
    sample, answers = chosen
    url = route.url("en", **sample.kwargs)
    users = _actors(harness_site, sample)
    problems = [f"{a} (server error)" for a in answers if a.status >= 500]
    extra: list[Answer] = []
    anonymous = answers[0]
    assert anonymous.actor == "anonymous"

    if policy == "public":
        if sample.phantom and anonymous.status in (400, 404, 410):  # no such row / bad token
            pass
        elif not _ok(anonymous.status) or _to_login(anonymous):
            problems.append(f"public, but anonymous got {anonymous}")
    else:
        if not _to_login(anonymous):
            problems.append(f"{policy}, but anonymous was not sent to the login page: {anonymous}")
        if anonymous.status == 200:
            problems.append("anonymous got 200 on a non-public page")

    if policy == "signed_in":
        problems += [f"signed_in, but {a} was refused" for a in answers[1:] if a.status == 403]
    elif policy.startswith("role:"):
        roles = policy.split(":", 1)[1].split("|")
        for answer in answers[1:]:
            user = users[answer.actor]
            if user.has_any_role(*roles):
                if answer.status == 403:
                    problems.append(f"{policy}: {answer} holds the role but was refused")
            elif answer.status not in (403, 404):
                problems.append(f"{policy}: {answer} lacks the role but was not refused (403/404)")
        if sample.objects:
            own, other = _body_officials(sample, roles) if not sample.phantom else ([], None)
            own_answers = [_get(clients, f"own-body:user#{user.pk}", user, url) for user in own]
            extra += own_answers
            if own_answers and not any(_ok(a.status) for a in own_answers):
                problems.append(
                    f"{policy}: no official of the row's bodies "
                    f"({', '.join(str(b.pk) for b in bodies_of(sample.objects))})"
                    " could open it (if only one of those bodies may, seed an official there): "
                    + ", ".join(map(str, own_answers))
                )
            if other is not None:
                a = _get(clients, f"other-body:user#{other.pk}", other, url)
                extra.append(a)
                if a.status not in (403, 404):
                    problems.append(f"{policy}: an official of another body got {a} (expected 403/404)")
    elif policy not in ("public", "signed_in"):
        problems.append(f"unknown policy {policy!r}")

    if sample.objects and policy == "signed_in":
        for owner in owners_of(sample.objects):
            a = next(x for x in answers if x.actor == f"owner:user#{owner.pk}")
            if not _ok(a.status):
                problems.append(f"the owner of the row could not open it: {a}")
    reached = [a for a in answers if _ok(a.status)] + [a for a in extra if _ok(a.status)]
    if not reached and not sample.phantom:
        problems.append("nobody in the cast can open this URL (is the sample row wrong? see samples.py)")
    assert not problems, (
        f"{url} [{policy}]\n  " + "\n  ".join(problems) + "\n  answers: " + ", ".join(map(str, answers + extra))
    )


def _check_admin(harness_site: Any) -> None:
    """The admin is Django's (is_staff): anonymous and non-staff go to its login."""
    for lang in ("en", "kk"):
        url = f"/{lang}/admin/"
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"], anonymous
        citizen = Client()
        citizen.force_login(harness_site.cast.citizen)
        response = citizen.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], response
        admin = Client()
        admin.force_login(harness_site.cast.admin)
        assert admin.get(url).status_code == 200


# ------------------------------------------------------------------- API ----


def _api_session_auth(op: ApiOperation) -> bool:
    from config.api import api

    schema = api.get_openapi_schema()
    schemes = schema.get("components", {}).get("securitySchemes", {})
    operation = schema["paths"][op.path][op.method]
    for requirement in operation.get("security", []):
        for name in requirement:
            scheme = schemes.get(name, {})
            if scheme.get("in") == "cookie" and scheme.get("name") == settings.SESSION_COOKIE_NAME:
                return True
    return False


def _api_urls(op: ApiOperation) -> list[str]:
    params = re.findall(r"{([^}]+)}", op.path)
    if not params:
        return [op.path]
    app = op.path.split("/api/v1/", 1)[-1].split("/", 1)[0]

    def fake_view() -> None:  # lets discovery guess the model from the app
        return None

    fake_view.__module__ = f"tyndau.{app}.api"
    template = re.sub(r"{([^}]+)}", r"<\1>", op.path.lstrip("/"))
    route = Route(
        template=template,
        name=f"api:{op.operation_id}",
        callback=fake_view,
        converters=tuple((p, None) for p in params),
        namespaces=("api",),
    )
    return [route.url(**s.kwargs) for s in samples_for(route, limit=2)] or [re.sub(r"{[^}]+}", "1", op.path)]


@pytest.mark.parametrize("op", _collect_api())
def test_api_access_matrix(op: ApiOperation, harness_site: Any, db: Any) -> None:
    if isinstance(op, Exception):
        raise op
    problems = []
    for url in _api_urls(op):
        call = getattr(Client(), op.method)
        kwargs = {} if op.method == "get" else {"data": {}, "content_type": "application/json"}
        anonymous = call(url, **kwargs)
        if anonymous.status_code >= 500:
            problems.append(f"{op.method.upper()} {url}: anonymous got a server error {anonymous.status_code}")
        if op.secured and anonymous.status_code not in (401, 403):
            problems.append(f"{op.method.upper()} {url}: needs auth but anonymous got {anonymous.status_code}")
        if op.secured and anonymous.status_code == 200:
            problems.append(f"{op.method.upper()} {url}: anonymous got 200")
        if not op.secured and anonymous.status_code in (401, 403):
            problems.append(f"{op.method.upper()} {url}: public (auth=None) but anonymous got {anonymous.status_code}")
        for name, user in harness_site.cast.roles().items():
            if user is None:
                continue
            client = Client(enforce_csrf_checks=False)
            client.force_login(user)
            response = getattr(client, op.method)(url, **kwargs)
            if response.status_code >= 500:
                problems.append(f"{op.method.upper()} {url}: {name} got a server error {response.status_code}")
            if op.secured and _api_session_auth(op) and response.status_code == 401:
                problems.append(f"{op.method.upper()} {url}: session auth, but signed-in {name} got 401")
    assert not problems, "\n".join(problems)
