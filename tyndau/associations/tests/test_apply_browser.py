"""Applying to register an association in Chromium (Playwright), every step through the pages as a person
does it — Kazakh and English without JavaScript, Russian with it: the application form (a mistake is
explained and what was typed is kept), the invitation link a founder opens and confirms from their own
account, the charter written section by section on its page (each save adds one empty section, which is
left untouched when not needed), and submission with its receipt. The services are never called directly
here, so a page that only works in the test client fails."""

from __future__ import annotations

from typing import Any

import pytest

from tyndau.associations import rules
from tyndau.associations.models import Application, CharterVersion, Status
from tyndau.associations.tests.conftest import valid_iin, verify

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_apply_invite_a_founder_write_the_charter_and_submit_in_pages(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, javascript: bool
) -> None:
    applicant = verify(cast.citizen, valid_iin("85031540001"))
    founder = verify(cast.other_citizen, valid_iin("90010130002"))
    url = shared_live_server.url
    own = new_context(user=applicant, base_url=url, java_script_enabled=javascript).new_page()

    own.goto(f"/{lang}/associations/new/")
    assert own.locator("html").get_attribute("lang") == lang
    radio = own.locator("input[name=form][value=local]").get_attribute("id")
    own.locator(f"label[for={radio}]").click()
    own.locator("#id_registering_body").select_option(str(cast.justice.pk))
    own.locator("#id_name_kk").fill("Мұра қоғамдық бірлестігі")
    own.locator("#id_name_ru").fill("")  # forgotten: explained, the rest kept
    own.locator("#id_address").fill("Астана қ., Абай д-лы, 1")
    own.locator("#id_head_name").fill("Head Person")
    own.locator("main form button[type=submit]").click()
    assert own.locator("#id_name_ru[aria-invalid=true], .usa-input--error#id_name_ru").count() == 1
    assert own.locator("#id_name_kk").input_value() == "Мұра қоғамдық бірлестігі"
    assert own.locator("#id_address").input_value() == "Астана қ., Абай д-лы, 1"
    own.locator("#id_name_ru").fill("Общественное объединение «Наследие»")
    own.locator("main form button[type=submit]").click()
    application = Application.objects.get(applicant=applicant)
    assert own.url.endswith(f"/associations/a/{application.number}/")

    invite = own.locator("main code").filter(has_text="/join/").inner_text().strip()
    assert application.invite_token in invite
    other = new_context(user=founder, base_url=url, java_script_enabled=javascript).new_page()
    other.goto(invite.replace("/en/", f"/{lang}/") if invite.startswith("http") else invite)
    other.locator("main form button[type=submit]").click()
    assert other.url.endswith(f"/associations/a/{application.number}/")

    own.goto(f"/{lang}/associations/a/{application.number}/charter/")
    for index, kind in enumerate(rules.REQUIRED_SECTIONS):
        section = f"#id_s-{index}-"
        own.locator(f"{section}kind").select_option(kind)
        own.locator(f"{section}title_kk").fill(f"Бөлім {index + 1}")
        own.locator(f"{section}title_ru").fill(f"Раздел {index + 1}")
        own.locator(f"{section}text_kk").fill(f"Бірінші тармақ {index + 1}.\n\nЕкінші тармақ {index + 1}.")
        own.locator(f"{section}text_ru").fill(f"Первый пункт {index + 1}.\n\nВторой пункт {index + 1}.")
        own.locator("main form button[type=submit]").click()
        assert own.locator(".usa-alert--error, .usa-error-message").count() == 0, own.locator("main").inner_text()
        own.goto(f"/{lang}/associations/a/{application.number}/charter/")
    draft = CharterVersion.objects.get(application=application)
    assert [s["kind"] for s in draft.content["sections"]] == list(rules.REQUIRED_SECTIONS)

    own.goto(f"/{lang}/associations/a/{application.number}/")
    own.locator("form[action$='/submit/'] button[type=submit]").click()
    assert own.url.endswith(f"/associations/a/{application.number}/receipt/")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    draft.refresh_from_db()
    assert draft.content_hash and draft.content_hash in own.content()
