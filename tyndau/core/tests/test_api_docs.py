"""The API docs page (/api/v1/docs): Swagger UI from our own static files, under our own CSP."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.harness.browser import in_process_context

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/docs"


def test_docs_page_uses_local_assets_and_no_inline_script() -> None:
    response = Client().get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "the docs page loads no script"
    for attributes, body in scripts:
        if "application/json" in attributes:
            continue  # data, not script: the CSP does not apply to it
        assert "src=" in attributes and not body.strip(), f"inline script on the docs page: {body[:80]!r}"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))], f"third-party assets: {assets}"
    for asset in (a for a in assets if a.startswith("/static/")):
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file"
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in assets


def test_the_schema_has_no_duplicate_keys() -> None:
    """Swagger UI reads the schema as YAML, which refuses a key that appears twice in one object."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys {sorted({k for k in keys if keys.count(k) > 1})}"
        return dict(pairs)

    json.loads(Client().get("/api/v1/openapi.json").content, object_pairs_hook=no_duplicates)


@pytest.mark.browser
def test_docs_page_shows_the_operations_under_the_csp(new_context: Any) -> None:
    page = in_process_context(new_context).new_page()
    blocked: list[str] = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on("pageerror", lambda error: blocked.append(str(error)))
    page.goto(DOCS)
    page.locator(".opblock-summary").first.wait_for()
    summaries = page.locator(".opblock-summary-description").all_inner_texts()
    assert "API root" in summaries
    assert page.locator(".opblock").count() >= 5
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Tyndau API")
    assert not blocked, blocked
