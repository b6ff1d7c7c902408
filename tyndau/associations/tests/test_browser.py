"""The story of issue 13 in Chromium (Playwright), without JavaScript, in Kazakh, Russian and English:
the applicant submits; the registrar refuses three times citing clauses (the applicant resubmits each time:
a new round); the registrar asks for a correction with a proposed wording and the applicant rejects it;
an attempt to register a version the applicant never submitted is refused; the association is registered
on the applicant's own text; the public registry shows every round with the cited clauses."""

from __future__ import annotations

from typing import Any

import pytest

from tyndau.associations import charter, services
from tyndau.associations.models import Application, CharterVersion, Proposal, Status
from tyndau.associations.tests.conftest import full_charter, valid_bin, valid_iin, verify
from tyndau.authorities.models import LegalGround

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WRONG_HASH = {
    "kk": "Тек өтініш беруші осы кезеңде берген жарғы нұсқасын тіркеуге болады",
    "ru": "Зарегистрировать можно только версию устава, поданную заявителем в этом раунде",
    "en": "Only the version of the charter the applicant submitted in this round can be registered",
}


def _submit(page: Any, lang: str, number: str) -> None:
    page.goto(f"/{lang}/associations/a/{number}/")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    assert page.url.endswith(f"/associations/a/{number}/receipt/")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_three_refusals_a_rejected_proposal_and_registration_of_the_applicants_text(
    new_context: Any, shared_live_server: Any, cast: Any, lang: str, settings: Any
) -> None:
    settings.ASSOCIATION_RULES = {"min_founders_local": 2}
    applicant = verify(cast.citizen, valid_iin("85031540001"))
    founder = verify(cast.other_citizen, valid_iin("90010130002"))
    application = services.application_create(
        actor=applicant,
        idempotency_key="7d6f3f0e-0000-4000-8000-00000000000" + str(["kk", "ru", "en"].index(lang)),
        form="local",
        name_kk="Мұра қоғамдық бірлестігі",
        name_ru="Общественное объединение «Наследие»",
        address="Astana",
        head_name="Head Person",
        registering_body=cast.justice,
    )
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    services.charter_save(actor=applicant, application=application, content=full_charter())
    number = application.number
    ground = LegalGround.objects.get(code="associations.charter-contradicts-law")
    url = shared_live_server.url
    own = new_context(user=applicant, base_url=url, java_script_enabled=False).new_page()
    registrar = new_context(user=cast.registrar, base_url=url, java_script_enabled=False).new_page()
    assert own.goto(f"/{lang}/associations/a/{number}/").status == 200
    assert own.locator("html").get_attribute("lang") == lang

    for clause in ("2.1", "3.2", "5.1"):
        _submit(own, lang, number)
        registrar.goto(f"/{lang}/associations/queue/")
        registrar.get_by_role("link", name=number).click()
        registrar.goto(f"/{lang}/associations/a/{number}/refuse/")
        box = registrar.locator(f"input[name=legal_grounds][value='{ground.pk}']").get_attribute("id")
        registrar.locator(f"label[for={box}]").click()
        registrar.locator("#id_reasons").fill(f"Clause {clause} is inconsistent with the law")
        registrar.locator("#id_c-0-ground").select_option(str(ground.pk))
        registrar.locator("#id_c-0-clause").select_option(clause)
        registrar.locator("#id_c-0-reason").fill("Contradicts art. 5 of the law")
        registrar.locator("main form button[type=submit]").click()
        assert registrar.url.endswith(f"/associations/a/{number}/")
        application.refresh_from_db()
        assert application.status == Status.REFUSED

    _submit(own, lang, number)  # round 4
    registrar.goto(f"/{lang}/associations/a/{number}/corrections/")
    registrar.locator("#id_p-0-clause").select_option("2.1")
    registrar.locator("#id_p-0-comment").fill("We propose another wording")
    registrar.locator("#id_p-0-wording_ru").fill("Текст, написанный министерством.")
    registrar.locator("main form button[type=submit]").click()
    own.goto(f"/{lang}/associations/a/{number}/")
    own.locator("button[name=answer][value=reject]").click()
    assert Proposal.objects.get().response == Proposal.Response.REJECTED

    _submit(own, lang, number)  # round 5: the applicant's own text again
    application.refresh_from_db()
    submitted = CharterVersion.objects.get(application=application, round=application.round)
    # A version the applicant never submitted: the ministry's wording.
    foreign = charter.with_wording(submitted.content, "2.1", text_kk="", text_ru="Текст, написанный министерством.")
    registrar.goto(f"/{lang}/associations/a/{number}/register/")
    registrar.locator("#id_version_hash").fill(charter.content_hash(foreign))
    registrar.locator("#id_bin").fill(valid_bin())
    registrar.locator("label[for=id_confirm]").click()
    registrar.locator("main form button[type=submit]").click()
    assert registrar.get_by_text(WRONG_HASH[lang]).first.is_visible()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    registrar.locator("#id_version_hash").fill(submitted.content_hash)
    assert registrar.locator("#id_confirm").is_checked()  # what was typed is kept on error
    registrar.locator("main form button[type=submit]").click()
    application = Application.objects.get(pk=application.pk)
    assert application.status == Status.REGISTERED
    assert application.registered_version == submitted and submitted.author == applicant
    assert charter.clause(submitted.content, "2.1")["text_ru"] == "Текст пункта 2.1."

    public = new_context(base_url=url, java_script_enabled=False).new_page()
    public.goto(f"/{lang}/associations/registry/{number}/")
    html = public.content()
    for clause in ("2.1", "3.2", "5.1"):
        assert f"{clause} (" in html
    assert submitted.content_hash in html
    assert "Head Person" not in html
