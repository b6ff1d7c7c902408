"""A seeded portal and a crawl of every page each actor can reach.

`seed_site()` loads the cast, the demo data (`manage.py seed_demo` when the
command exists) and a "canary" citizen whose personal data is known, so that the
leak scan can look for it. `crawl()` opens every discovered route as every
representative actor with Django's test client and keeps the pages that answer
200, one per distinct content (the same page seen by eight roles is checked once).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command, get_commands
from django.db import models
from django.test import Client

from tests.harness.discovery import (
    LANGUAGES,
    Route,
    Sample,
    bodies_of,
    iter_routes,
    owners_of,
    samples_for,
    why_unfillable,
)

CANARY = {
    "email": "canary.leak-scan@example.kz",
    "first_name": "Сыналқұс",
    "last_name": "Канареечкина",
    "patronymic": "Тестовна",
    "phone": "+77019990042",
    "address": "Канареечная көшесі, 42-үй",
}


def _valid_iin() -> str:
    """A syntactically valid IIN (born 1 January 1990, male) for the canary."""
    from tyndau.core.identity import check_digit

    for serial in range(4242, 9999):
        first = f"9001013{serial:04d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise AssertionError("no valid IIN found")  # pragma: no cover


@dataclass
class SeededSite:
    cast: Any
    canary: Any
    canary_iin: str
    demo_seeded: bool


def seed_site() -> SeededSite:
    from tests.cast import make_cast, make_user

    cast = make_cast()
    demo_seeded = False
    if "seed_demo" in get_commands():
        out = io.StringIO()
        try:
            call_command("seed_demo", "--force", stdout=out, stderr=out)
        except TypeError:  # the command takes no --force
            call_command("seed_demo", stdout=out, stderr=out)
        demo_seeded = True
    canary = make_user(
        CANARY["email"],
        "citizen",
        first_name=CANARY["first_name"],
        last_name=CANARY["last_name"],
        **({"patronymic": CANARY["patronymic"]} if _has_field("accounts.User", "patronymic") else {}),
    )
    iin = _valid_iin()
    _give_profile(canary, iin)
    return SeededSite(cast=cast, canary=canary, canary_iin=iin, demo_seeded=demo_seeded)


def _has_field(model_label: str, name: str) -> bool:
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except LookupError:
        return False
    return any(f.name == name for f in model._meta.get_fields())


def _give_profile(user: Any, iin: str) -> None:
    """Attach IIN, phone and address if the accounts app has a citizen profile."""
    from django.apps import apps

    try:
        profile_model = apps.get_model("accounts", "CitizenProfile")
    except LookupError:
        return
    from tyndau.core.pii import encrypt, iin_hash

    values: dict[str, Any] = {}
    names = {f.name for f in profile_model._meta.get_fields()}
    if "iin_hash" in names:
        values["iin_hash"] = iin_hash(iin)
    if "iin_encrypted" in names:
        values["iin_encrypted"] = encrypt(iin)
    for key in ("phone", "address"):
        if key in names:
            values[key] = CANARY[key]
    profile_model._default_manager.update_or_create(user=user, defaults=values)


# ------------------------------------------------------------ personal data --

_PII_FIELD = re.compile(r"(^|_)(email|phone|address|iin|last_name|patronymic|surname|mobile)($|_)")


def personal_data(exclude_user: Any | None = None) -> dict[str, str]:
    """Every personal-data string in the database that a stranger must never see,
    mapped to where it came from. Officials' names are excluded (they act in a
    public capacity); strings shorter than 6 characters are ignored (too common)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from tyndau.core.pii import decrypt

    user_model = get_user_model()
    found: dict[str, str] = {}

    def add(value: Any, origin: str) -> None:
        if isinstance(value, str) and len(value.strip()) >= 6:
            found.setdefault(value.strip(), origin)

    for user in user_model._default_manager.all():
        if exclude_user is not None and user.pk == exclude_user.pk:
            continue
        if user.is_staff or user.memberships.exists():  # officials and staff act publicly
            add(user.email, f"user #{user.pk} email")
            continue
        add(user.email, f"user #{user.pk} email")
        add(user.last_name, f"user #{user.pk} surname")
        if user.first_name and user.last_name:
            add(f"{user.first_name} {user.last_name}", f"user #{user.pk} full name")
    for model in apps.get_models():
        if not model.__module__.startswith("tyndau.") or model is user_model:
            continue
        pii_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.EmailField)
            and not isinstance(f, models.GenericIPAddressField)
            and (_PII_FIELD.search(f.name) or f.name.endswith("_encrypted"))
            and not f.name.endswith("_hash")
            and not f.name.startswith("public_")  # published on purpose (e.g. the location of an issue)
        ]
        if not pii_fields:
            continue
        user_fk = next(
            (f.name for f in model._meta.concrete_fields if getattr(f, "related_model", None) is user_model), None
        )
        for obj in model._default_manager.all()[:500]:
            if exclude_user is not None and user_fk and getattr(obj, f"{user_fk}_id", None) == exclude_user.pk:
                continue
            for f in pii_fields:
                value = getattr(obj, f.name, "")
                if f.name.endswith("_encrypted") and value:
                    try:
                        value = decrypt(value)
                    except Exception:  # noqa: S112 - not one of our tokens: nothing to decrypt
                        continue
                add(value, f"{model._meta.label}#{obj.pk}.{f.name}")
    return found


# ------------------------------------------------------------------ crawl ----

# One representative of each kind of reader; other_citizen and official_b are
# used by the access matrix and the leak scan instead.
PAGE_ACTORS = (
    "anonymous",
    "citizen",
    "organisation",
    "official_a",
    "supervisor_a",
    "moderator",
    "registrar",
    "auditor",
    "admin",
)


@dataclass
class Page:
    route: Route
    sample: Sample
    actor: str
    url: str  # in English; `url_in(lang)` for the others
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def url_in(self, lang: str) -> str:
        return self.route.url(lang, **self.sample.kwargs)

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass
class Crawl:
    pages: list[Page]
    unfillable: dict[Route, str]
    skipped: dict[str, str]
    clients: dict[str, Client]
    users: dict[str, Any]


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


_HIDDEN = re.compile(rb"<input[^>]*type=\"hidden\"[^>]*>")
_MAIN = re.compile(rb"<main[^>]*>(.*)</main>", re.S)


def _fingerprint(body: bytes) -> str:
    match = _MAIN.search(body)
    main = match.group(1) if match else body
    return hashlib.sha256(_HIDDEN.sub(b"", main)).hexdigest()


def _route_actors(route: Route, samples: list[Sample], users: dict[str, Any]) -> list[str]:
    """Who to open a route as: enough readers to see each variant of the page,
    chosen from its declared policy (the access matrix checks everyone else)."""
    policy = route.policy or ""
    if policy == "public":
        names = ["anonymous", "citizen"]
    elif policy == "signed_in":
        names = ["citizen", "official_a", "admin"]
    elif policy.startswith("role:"):
        roles = policy.split(":", 1)[1].split("|")
        names = [
            n
            for n, u in users.items()
            if u is not None and not n.startswith(("owner:", "body:")) and u.has_any_role(*roles)
        ]
    else:
        names = [n for n in users if not n.startswith(("owner:", "body:"))]
    extra: list[Any] = []
    for sample in samples[:3]:
        extra += owners_of(sample.objects)
        if policy.startswith("role:"):
            extra += _members_of(sample.objects)
    for user in extra:
        prefix = "owner" if user in owners_of([o for s in samples[:3] for o in s.objects]) else "body"
        name = f"{prefix}:user#{user.pk}"
        users.setdefault(name, user)
        if name not in names:
            names.append(name)
    return names


def _members_of(objects: list[models.Model]) -> list[Any]:
    from tyndau.accounts.models import Membership

    bodies = bodies_of(objects)
    if not bodies:
        return []
    rows = Membership.objects.filter(body__in=bodies, is_active=True).select_related("user").order_by("pk")[:3]
    return [m.user for m in rows]


def crawl(site: SeededSite, actors: Iterable[str] = PAGE_ACTORS, lang: str = "en") -> Crawl:
    """Open every route as the actors its policy lets in (and as the owner of the
    sample row, and an official of its body) and keep the pages that answer 200,
    one per distinct <main> content per route."""
    roles = site.cast.roles()
    users: dict[str, Any] = {name: roles[name] for name in actors}
    clients: dict[str, Client] = {}

    def get_client(name: str) -> Client:
        if name not in clients:
            clients[name] = client_for(users[name])
        return clients[name]

    pages: list[Page] = []
    unfillable: dict[Route, str] = {}
    skipped: dict[str, str] = {}
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.ERROR)  # 403/404 while probing are expected, not news
    try:
        for route in iter_routes():
            reason = route.skip_reason
            if reason:
                skipped[route.name] = reason
                continue
            samples = samples_for(route)
            if not samples:
                unfillable[route] = why_unfillable(route)
                continue
            seen: set[str] = set()
            for actor in _route_actors(route, samples, users):
                for sample in samples[:3]:
                    url = route.url(lang, **sample.kwargs)
                    response = get_client(actor).get(url)
                    if response.status_code != 200:
                        continue
                    content_type = response.get("Content-Type", "")
                    body = b"".join(response) if getattr(response, "streaming", False) else response.content
                    key = _fingerprint(body) if content_type.startswith("text/html") else content_type + url
                    if key not in seen:
                        seen.add(key)
                        pages.append(
                            Page(route, sample, actor, url, 200, content_type, body, dict(response.headers.items()))
                        )
                    break
    finally:
        request_logger.setLevel(level)
    return Crawl(pages=pages, unfillable=unfillable, skipped=skipped, clients=clients, users=users)


def render(crawl_result: Crawl, page: Page, lang: str) -> Any:
    """The page in another language, as the same actor."""
    client = crawl_result.clients.get(page.actor) or client_for(crawl_result.users[page.actor])
    return client.get(page.url_in(lang))


__all__ = ["CANARY", "LANGUAGES", "Crawl", "Page", "SeededSite", "crawl", "personal_data", "render", "seed_site"]
