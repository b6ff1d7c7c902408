"""Issue 5, keyboard only: filing an appeal, signing a petition (one step and by e-mail) and an
official answering an appeal from the work queue, each with JavaScript on and off.

Only the keyboard drives the page (Tab, Shift+Tab, Space, Enter, arrow keys and typing): no
clicks, no fill(), no select_option(). Every focus stop must show a visible focus indicator
(assert_visible_focus), and each flow ends with a check of the database. Served in-process
(browser.in_process_context), like test_keyboard.py, so the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core.cache import cache

from tests.harness.browser import assert_visible_focus, focused, in_process_context, settle

pytestmark = [pytest.mark.harness, pytest.mark.browser, pytest.mark.django_db]

JS = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]


@pytest.fixture
def cast(harness_site: Any, db: Any) -> Any:
    """The harness package seeds the cast once for all its tests (harness_site); a second
    make_cast() inside that package-wide transaction would collide on the same e-mails."""
    return harness_site.cast


_FOCUS = """formSelector => {
  const el = document.activeElement;
  const form = formSelector ? document.querySelector(formSelector) : null;
  const type = (el.getAttribute('type') || '').toLowerCase();
  return {
    inForm: !!(form && form.contains(el)), tag: el.tagName.toLowerCase(), type, id: el.id,
    name: el.getAttribute('name') || '', value: el.value || '', checked: !!el.checked,
    href: el.getAttribute('href') || '', text: (el.innerText || el.value || '').trim(),
    isSubmit: (el.tagName === 'BUTTON' && (type === '' || type === 'submit'))
      || (el.tagName === 'INPUT' && type === 'submit'),
  };
}"""


def _state(page: Any, form_selector: str | None = None) -> dict[str, Any]:
    return page.evaluate(_FOCUS, form_selector)  # type: ignore[no-any-return]


def _tab(page: Any) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    if focused(page) is None:
        return None
    assert_visible_focus(page)
    return _state(page)


def keyboard_follow_link(page: Any, href_pattern: str, max_presses: int = 150) -> None:
    """Tab to the first link whose href matches `href_pattern` and follow it with Enter."""
    pattern = re.compile(href_pattern)
    for _ in range(max_presses):
        info = _tab(page)
        if info and info["tag"] == "a" and pattern.search(info["href"]):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            settle(page)
            return
    raise AssertionError(f"no link matching {href_pattern!r} is reachable by Tab on {page.url}")


def _choose(page: Any, key: str, want: str, max_presses: int = 200) -> None:
    """Move a select or a radio group with the arrow keys until its value is `want`."""
    for _ in range(max_presses):
        info = _state(page)
        if info["value"] == want:
            if info["type"] == "radio" and not info["checked"]:
                page.keyboard.press("Space")
            assert_visible_focus(page)
            return
        page.keyboard.press(key)
    raise AssertionError(f"the arrow keys never reached {want!r} on {page.url}")


def keyboard_form(page: Any, form_selector: str, values: dict[str, str], max_presses: int = 200) -> None:
    """Complete the form with the keyboard alone: Tab through it; type into text fields,
    move selects and radio groups with the arrow keys to the wanted value, tick checkboxes
    (value "on") with Space; then press Enter on the submit button. Each stop shows focus."""
    pending = dict(values)
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if focused(page) is None:
            continue
        assert_visible_focus(page)
        info = _state(page, form_selector)
        if not info["inForm"]:
            continue
        if info["isSubmit"] and not info["name"]:
            assert not pending, f"fields never reached by Tab on {page.url}: {sorted(pending)}"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            settle(page)
            return
        name = info["name"]
        if name not in pending:
            continue
        want = pending.pop(name)
        if info["tag"] == "select":
            # Up first (to the empty choice), then down: a select moves only one way to its value.
            _choose(page, "ArrowUp", page.evaluate("() => document.activeElement.options[0].value"))
            _choose(page, "ArrowDown", want)
        elif info["type"] == "radio":
            _choose(page, "ArrowDown", want)
        elif info["type"] == "checkbox":
            if info["checked"] != (want == "on"):
                page.keyboard.press("Space")
        else:
            page.keyboard.press("Control+A")
            page.keyboard.type(want)
    raise AssertionError(f"keyboard focus never reached the submit button of {form_selector} on {page.url}")


def _errors(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".usa-error-message, .usa-alert--error").all_inner_texts() if t.strip()]


# ------------------------------------------------------------------ appeals --


def _category() -> Any:
    from tyndau.authorities.models import Category

    category, _ = Category.objects.get_or_create(
        slug="test-roads", defaults={"name_kk": "Жолдар", "name_ru": "Дороги", "name_en": "Roads"}
    )
    return category


@pytest.mark.parametrize("javascript", JS)
def test_citizen_files_an_appeal_with_keyboard_only(javascript: bool, new_context: Any, cast: Any) -> None:
    from tyndau.appeals.models import Appeal

    category = _category()
    page = in_process_context(new_context, cast.citizen, java_script_enabled=javascript).new_page()
    page.goto("/ru/appeals/new/")
    keyboard_form(
        page,
        "main form[method='post']",
        {
            "kind": "application",
            "region": str(cast.region.pk),
            "category": str(category.pk),
            "body": str(cast.body_a.pk),
            "subject": "Не работает фонарь",
            "text": "Фонарь во дворе не горит уже месяц, темно и опасно.",
        },
    )
    appeal = Appeal.objects.filter(applicant=cast.citizen).order_by("-pk").first()
    assert appeal is not None, f"no appeal was filed: {_errors(page)}"
    assert appeal.subject == "Не работает фонарь" and appeal.body_id == cast.body_a.pk
    assert page.url.endswith(f"/appeals/a/{appeal.number}/receipt/"), page.url
    assert page.get_by_text(appeal.number).first.is_visible()


@pytest.mark.parametrize("javascript", JS)
def test_official_answers_from_the_queue_with_keyboard_only(javascript: bool, new_context: Any, cast: Any) -> None:
    from tyndau.appeals.models import Status
    from tyndau.appeals.services import appeal_file

    appeal = appeal_file(
        actor=cast.citizen,
        idempotency_key=uuid.uuid4(),
        kind="application",
        region=cast.region,
        category=_category(),
        body=cast.body_a,
        subject="Яма на дороге",
        text="На дороге у дома 5 большая яма, машины ломаются.",
    )
    page = in_process_context(new_context, cast.official_a, java_script_enabled=javascript).new_page()
    page.goto(f"/ru/appeals/queue/{cast.body_a.pk}/")
    keyboard_follow_link(page, rf"/appeals/a/{re.escape(appeal.number)}/$")
    keyboard_follow_link(page, rf"/appeals/a/{re.escape(appeal.number)}/answer/$")
    keyboard_form(
        page,
        "main form[method='post']",
        {"outcome": "explained", "text": "Ремонт дороги включён в план на май; подрядчик определён."},
    )
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED, f"not answered: {_errors(page)}"
    assert page.get_by_text("Ответ направлен заявителю.").is_visible()


# ---------------------------------------------------------------- petitions --


def _open_petition(cast: Any) -> Any:
    from tyndau.petitions.tests.conftest import make_petition

    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    cache.clear()
    return make_petition(cast, status="open")


@pytest.mark.parametrize("javascript", JS)
def test_verified_citizen_signs_in_one_step_with_keyboard_only(javascript: bool, new_context: Any, cast: Any) -> None:
    from tyndau.petitions.models import Signature
    from tyndau.petitions.tests.conftest import make_iin, verify_citizen

    petition = _open_petition(cast)
    verify_citizen(cast.other_citizen, make_iin(11), cast.region)
    page = in_process_context(new_context, cast.other_citizen, java_script_enabled=javascript).new_page()
    page.goto(f"/kk/petitions/{petition.pk}/")
    keyboard_follow_link(page, rf"/petitions/{petition.pk}/sign/$")
    keyboard_form(page, "main form[method='post']", {"show_name": "on"})
    assert page.url.rstrip("/").endswith(f"/petitions/{petition.pk}"), f"{page.url}: {_errors(page)}"
    signature = Signature.objects.get(petition=petition)
    assert signature.status == "confirmed" and signature.user_id == cast.other_citizen.pk
    assert signature.public_name, "the ticked show-name box was not sent"
    cache.clear()


@pytest.mark.parametrize("javascript", JS)
def test_signing_by_email_with_keyboard_only(javascript: bool, new_context: Any, cast: Any) -> None:
    from tyndau.petitions.models import Signature
    from tyndau.petitions.tests.conftest import make_iin

    petition = _open_petition(cast)
    page = in_process_context(new_context, java_script_enabled=javascript).new_page()
    page.goto(f"/kk/petitions/{petition.pk}/")
    keyboard_follow_link(page, rf"/petitions/{petition.pk}/sign/$")
    keyboard_form(
        page,
        "main form[method='post']",
        {
            "first_name": "Айгүл",
            "last_name": "Серікова",
            "iin": make_iin(7),
            "email": "aigul.keyboard@example.kz",
            "region": str(cast.region.pk),
            "show_name": "on",
        },
    )
    assert page.url.endswith(f"/petitions/{petition.pk}/sign/sent/"), f"{page.url}: {_errors(page)}"
    signature = Signature.objects.get(petition=petition)
    assert signature.status == "pending" and signature.region_id == cast.region.pk
    assert signature.public_name, "the ticked show-name box was not sent"
    cache.clear()
