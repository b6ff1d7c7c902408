"""Personal-data leak scan: no IIN, phone, e-mail, surname, full name or address of
a citizen appears in anything a stranger can fetch — every page, export, Open311
document and API response, as anonymous and as another citizen.

The strings come from the database (tests/harness/site.py `personal_data`): the
cast, the demo data and a canary citizen with a known IIN, phone and address.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.harness.discovery import iter_api_operations, iter_routes, samples_for
from tests.harness.site import CANARY

pytestmark = [pytest.mark.harness, pytest.mark.django_db]

STRANGERS = ("anonymous", "other_citizen")
NOT_FETCHED = {"accounts:logout", "set_language"}


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", errors="replace")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):  # JSON escapes non-ASCII (\u0421…): search the decoded form too
            text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _variants(value: str) -> list[str]:
    out = [value]
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 10 and len(digits) != len(value):  # a phone written another way
        out.append(digits[-10:])
    return out


def _urls(harness_site: Any) -> list[tuple[str, str]]:
    urls = []
    for route in iter_routes():
        if route.name in NOT_FETCHED or route.name.startswith("admin"):
            continue
        for sample in samples_for(route):
            urls.append((route.name, route.url("en", **sample.kwargs)))
    for op in iter_api_operations():
        if op.method == "get" and "{" not in op.path:
            urls.append((str(op), op.path))
    from tests.harness.test_access_matrix import _api_urls

    for op in iter_api_operations():
        if op.method == "get" and "{" in op.path:
            urls += [(str(op), url) for url in _api_urls(op)]
    return list(dict.fromkeys(urls))


def test_canary_is_seeded(harness_site: Any, db: Any) -> None:
    """The scan is only as good as its seed: the canary's data is really in the database."""
    from tests.harness.site import personal_data

    pii = personal_data()
    assert CANARY["email"] in pii
    assert CANARY["last_name"] in pii
    assert harness_site.site.canary_iin in pii or not _profile_has_iin(), "the canary IIN is not readable"


def _profile_has_iin() -> bool:
    from django.apps import apps

    try:
        model = apps.get_model("accounts", "CitizenProfile")
    except LookupError:
        return False
    return any(f.name.startswith("iin") for f in model._meta.get_fields())


def test_no_personal_data_reaches_a_stranger(harness_site: Any, db: Any) -> None:
    from tests.harness.site import personal_data

    roles = harness_site.cast.roles()
    leaks: list[str] = []
    fetched = 0
    for stranger in STRANGERS:
        user = roles[stranger]
        client = Client()
        if user is not None:
            client.force_login(user)
        secrets = {v: origin for value, origin in personal_data(exclude_user=user).items() for v in _variants(value)}
        for name, url in _urls(harness_site):
            response = client.get(url)
            if response.status_code >= 400 or response.status_code in (301, 302):
                continue
            fetched += 1
            text = _text(response)
            for secret, origin in secrets.items():
                if secret in text:
                    leaks.append(f"{url} ({name}) as {stranger}: shows {origin} {secret!r}")
    assert fetched, "the scan fetched nothing"
    assert not leaks, "personal data visible to a stranger:\n" + "\n".join(sorted(set(leaks)))
