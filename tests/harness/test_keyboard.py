"""Sign-up and sign-in with the keyboard alone, with visible focus at every stop,
with JavaScript on and off. Debian Chromium served in-process (browser.in_process_context): pytest-django's
live_server needs transactional_db, whose closing flush the append-only audit
table refuses (DELETE on audit_event is blocked by a trigger).
The appeals and petitions flows reuse `keyboard_complete_form` / `assert_visible_focus`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import (
    assert_no_axe_violations,
    assert_visible_focus,
    in_process_context,
    keyboard_complete_form,
)

pytestmark = [pytest.mark.harness, pytest.mark.browser, pytest.mark.django_db]

JS = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]


def _error_texts(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".usa-error-message, .usa-alert--error").all_inner_texts() if t.strip()]


@pytest.mark.parametrize("javascript", JS)
def test_sign_in_with_keyboard_only(javascript: bool, new_context: Any, harness_site: Any, db: Any) -> None:
    from tests.cast import PASSWORD

    cast = harness_site.cast
    page = in_process_context(new_context, java_script_enabled=javascript).new_page()
    page.goto("/en/accounts/login/")
    keyboard_complete_form(page, {"username": cast.citizen.email, "email": cast.citizen.email, "password": PASSWORD})
    assert "/accounts/login/" not in page.url, f"still on the sign-in page: {_error_texts(page)}"
    assert page.get_by_role("button", name="Sign out").count() >= 1, "not signed in after submitting"


@pytest.mark.parametrize("javascript", JS)
def test_sign_up_with_keyboard_only(javascript: bool, new_context: Any, harness_site: Any, db: Any) -> None:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override("en"):
        try:
            url = reverse("accounts:signup")
        except NoReverseMatch:
            pytest.fail("there is no accounts:signup page", pytrace=False)
    page = in_process_context(new_context, java_script_enabled=javascript).new_page()
    page.goto(url)
    email = f"keyboard.{'js' if javascript else 'nojs'}@example.kz"
    keyboard_complete_form(
        page,
        {
            "email": email,
            "first_name": "Dana",
            "last_name": "Klaviaturova",
            "password1": "Keyboard-only-2026!",
            "password2": "Keyboard-only-2026!",
            "consent": "yes",
        },
    )
    assert page.url.rstrip("/").split("?")[0] != ("http://testserver" + url).rstrip("/"), (
        f"sign-up did not complete: {_error_texts(page)}"
    )
    assert not _error_texts(page), _error_texts(page)
    from tyndau.accounts.models import User

    assert User.objects.filter(email=email).exists()


def test_sign_in_error_is_announced_and_accessible(new_context: Any, harness_site: Any, db: Any) -> None:
    """A wrong password re-renders the form with an error that passes axe."""
    cast = harness_site.cast
    page = in_process_context(new_context).new_page()
    page.goto("/en/accounts/login/")
    keyboard_complete_form(page, {"username": cast.citizen.email, "email": cast.citizen.email, "password": "wrong"})
    assert "/accounts/login/" in page.url
    assert _error_texts(page), "no error shown for a wrong password"
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", JS)
def test_skip_link_is_first_and_moves_focus_to_main(
    javascript: bool, new_context: Any, harness_site: Any, db: Any
) -> None:
    page = in_process_context(new_context, java_script_enabled=javascript).new_page()
    page.goto("/kk/")
    page.keyboard.press("Tab")
    info = assert_visible_focus(page)
    assert info["tag"] == "a" and page.evaluate("document.activeElement.getAttribute('href')") == "#main-content", info
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content" or page.url.endswith("#main-content")
