"""A newcomer's first steps in Chromium (Playwright) — Kazakh and English without JavaScript, Russian with
it: sign up (passwords that differ and a missing consent are explained, and everything else typed is
kept), confirm the e-mail address from the letter, sign in, fill in the profile (an IIN with a wrong
check digit is explained), verify the identity (the demo method) and reach the appeal form as a verified
citizen. Nothing is set up through the services."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tyndau.accounts.models import User
from tyndau.accounts.selectors import is_verified_citizen
from tyndau.core.identity import check_digit
from tyndau.notifications.models import OutgoingEmail

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "kiyal-zhol-2026-tau"


def _iin(prefix: str) -> str:
    """A valid IIN from its first 11 digits (the check digit per the two-pass rule)."""
    check = check_digit(prefix)
    assert check is not None
    return prefix + str(check)


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_sign_up_confirm_sign_in_fill_the_profile_and_verify(
    new_context: Any, shared_live_server: Any, settings: Any, lang: str, javascript: bool
) -> None:
    email = f"newcomer.{lang}@example.kz"
    url = shared_live_server.url
    page = new_context(base_url=url, java_script_enabled=javascript).new_page()

    page.goto(f"/{lang}/accounts/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_first_name").fill("Айдана")
    page.locator("#id_last_name").fill("Қасымова")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "x")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".usa-error-message").count() >= 2  # the passwords and the consent
    assert page.locator("#id_first_name").input_value() == "Айдана"
    assert page.locator("#id_email").input_value() == email
    assert not User.objects.filter(email=email).exists()
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("label[for=id_consent]").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/signup/done/")

    letter = OutgoingEmail.objects.filter(to_address=email).latest("pk")
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/verify/\S+/)", letter.body)
    assert link, letter.body
    page.goto(re.sub(r"^/[a-z]{2}/", f"/{lang}/", link.group(1)))
    page.goto(f"/{lang}/accounts/login/")
    page.locator("main input[type=email], main input[name=username]").first.fill(email)
    page.locator("main input[type=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{lang}/accounts/$"))

    page.goto(f"/{lang}/accounts/profile/")
    good = _iin(f"{85 + ['kk', 'ru', 'en'].index(lang)}031540001")
    page.locator("#id_iin").fill(good[:-1] + str((int(good[-1]) + 1) % 10))  # a wrong check digit
    page.locator("#id_phone").fill("+7 701 234 56 78")
    page.locator("label[for=id_consent]").click()
    page.locator("main form button[type=submit]").click()
    assert page.locator("#id_iin").input_value() != ""  # kept, with the check-digit message
    assert page.locator(".usa-error-message").count() >= 1
    page.locator("#id_iin").fill(good)
    if not page.locator("#id_consent").is_checked():
        page.locator("label[for=id_consent]").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{lang}/accounts/$"))
    user = User.objects.get(email=email)
    assert user.citizen_profile.iin_masked.endswith(good[-4:])

    settings.DEBUG = True  # the demo verifier exists only on a development or demo installation
    page.goto(f"/{lang}/accounts/")
    page.locator("form[action$='/accounts/identity/demo/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{lang}/accounts/$"))
    assert is_verified_citizen(user)
    page.goto(f"/{lang}/appeals/new/")
    assert page.locator("#id_subject").count() == 1


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_forgotten_password_reset_from_the_letter(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, javascript: bool
) -> None:
    """The sign-in page → "forgot" → the letter's link → a new password (a common one is refused) → sign
    in with it; the link works once."""
    page = new_context(base_url=shared_live_server.url, java_script_enabled=javascript).new_page()
    page.goto(f"/{lang}/accounts/login/")
    page.locator(f"main a[href='/{lang}/accounts/password/reset/']").click()
    page.locator("#id_email").fill(cast.citizen.email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/password/reset/sent/")
    letter = OutgoingEmail.objects.filter(to_address=cast.citizen.email).latest("pk")
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/password/reset/\S+/\S+/)", letter.body)
    assert link, letter.body
    reset = re.sub(r"^/[a-z]{2}/", f"/{lang}/", link.group(1))
    page.goto(reset)
    page.locator("#id_new_password1").fill("password123")
    page.locator("#id_new_password2").fill("password123")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".usa-error-message").count() >= 1  # too common: explained
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"/{lang}/accounts/login/")
    page.locator("main input[type=email], main input[name=username]").first.fill(cast.citizen.email)
    page.locator("main input[type=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{lang}/accounts/$"))
    again = new_context(base_url=shared_live_server.url, java_script_enabled=javascript).new_page()
    again.goto(reset)
    assert again.locator("#id_new_password1").count() == 0  # used once: no form any more
