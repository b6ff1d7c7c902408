"""Court decisions recorded by the registrar through the pages in Chromium (Playwright) — Kazakh and
English without JavaScript, Russian with it: a suspension without its court reference is explained, then
recorded; the public registry shows the suspension; the association is reinstated and then liquidated,
each with its reference on the public record."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import labels_in
from tyndau.associations.models import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _record(page: Any, lang: str, number: str, to: str, note: str) -> None:
    page.goto(f"/{lang}/associations/a/{number}/")
    page.locator(f"main a[href$='/associations/a/{number}/court/']").click()
    page.locator("#id_note").fill(note)
    page.locator(f"button[name=to][value={to}]").click()
    page.wait_for_url(f"**/associations/a/{number}/")


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_suspend_reinstate_and_liquidate_by_court_decision(
    new_context: Any, shared_live_server: Any, cast: Any, registered: Any, lang: str, javascript: bool
) -> None:
    text = labels_in(lang, {}, suspended=Status.SUSPENDED, liquidated=Status.LIQUIDATED)
    number, url = registered.number, shared_live_server.url
    page = new_context(user=cast.registrar, base_url=url, java_script_enabled=javascript).new_page()

    page.goto(f"/{lang}/associations/a/{number}/court/")
    page.locator("button[name=to][value=suspended]").click()  # no court reference: explained
    assert page.locator(".usa-error-message").count() >= 1
    registered.refresh_from_db()
    assert registered.status == Status.REGISTERED

    _record(page, lang, number, "suspended", "Decision of the Astana court of 1 March 2026, case No. 7")
    registered.refresh_from_db()
    assert registered.status == Status.SUSPENDED
    public = new_context(base_url=url, java_script_enabled=javascript).new_page()
    public.goto(f"/{lang}/associations/registry/{number}/")
    assert public.get_by_text(text["suspended"]).first.is_visible()

    _record(page, lang, number, "registered", "Decision of the appeal court of 1 April 2026, case No. 9")
    registered.refresh_from_db()
    assert registered.status == Status.REGISTERED
    _record(page, lang, number, "liquidated", "Decision of the Astana court of 1 June 2026, case No. 12")
    registered.refresh_from_db()
    assert registered.status == Status.LIQUIDATED
    public.goto(f"/{lang}/associations/registry/{number}/")
    assert public.get_by_text(text["liquidated"]).first.is_visible()
    assert "case No. 12" in public.content()
