"""Amending a registered charter in Chromium (Playwright): Kazakh and English without JavaScript, Russian
with it. The association's representative starts an amendment from the registered text and rewords
clause 1.1; submitting before the supreme body's decision is uploaded is refused with a message; a file
that only claims to be a PDF is refused by its content; the real decision is uploaded and the amendment
submitted. The registrar proposes another wording; the association rejects it and submits its own text
again; the registrar registers that text by its hash (prefilled). The public registry then shows the
amendment, authored by the association, and the version page shows the new wording — the registrar's
wording appears nowhere."""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.browser import labels_in
from tyndau.associations.models import Amendment, AmendmentStatus, CharterVersion, Proposal
from tyndau.associations.tests.conftest import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OURS = "Жаңа атауы бірлестіктің өзі жазған."
THEIRS = "Формулировка, предложенная регистратором."


def _reword_first_clause(page: Any, lang: str, number: str) -> None:
    page.goto(f"/{lang}/associations/a/{number}/charter/")
    box = page.locator("#id_s-0-text_kk")
    clauses = box.input_value().split("\n\n")
    box.fill("\n\n".join([OURS, *clauses[1:]]))
    page.locator("main form button[type=submit]").click()
    assert page.locator(".usa-alert--error").count() == 0, page.locator("main").inner_text()


def _submit(page: Any, lang: str, number: str) -> None:
    page.goto(f"/{lang}/associations/a/{number}/")
    page.locator("form[action$='/submit/'] button[type=submit]").click()


@pytest.mark.parametrize(("lang", "javascript"), [("kk", False), ("ru", True), ("en", False)])
def test_the_association_amends_its_charter_and_the_registrar_only_proposes(
    new_context: Any, shared_live_server: Any, cast: Any, registered: Any, applicant: Any, lang: str, javascript: bool
) -> None:
    text = labels_in(
        lang,
        {
            "no_decision": "Upload the decision of the supreme body (a PDF) before submitting the amendment.",
            "not_pdf": "“%(name)s” is not a readable PDF file (checked by its content, not its name).",
            "association": "The association",
        },
    )
    number, url = registered.number, shared_live_server.url
    own = new_context(user=applicant, base_url=url, java_script_enabled=javascript).new_page()
    registrar = new_context(user=cast.registrar, base_url=url, java_script_enabled=javascript).new_page()

    own.goto(f"/{lang}/associations/a/{number}/")
    assert own.locator("html").get_attribute("lang") == lang
    own.locator("form[action$='/amend/'] button[type=submit]").click()
    amendment = Amendment.objects.get(application=registered)
    _reword_first_clause(own, lang, number)

    _submit(own, lang, number)  # no decision yet: refused, nothing frozen
    assert own.get_by_text(text["no_decision"]).first.is_visible()
    assert not CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).exists()

    upload = own.locator("form[action$='/documents/']")
    upload.locator("input[type=file]").set_input_files(
        {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\nnot really a pdf"}
    )
    upload.locator("button[type=submit]").click()
    assert own.get_by_text(text["not_pdf"] % {"name": "decision.pdf"}).first.is_visible()
    upload = own.locator("form[action$='/documents/']")
    upload.locator("input[type=file]").set_input_files(
        {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    upload.locator("button[type=submit]").click()
    _submit(own, lang, number)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED

    registrar.goto(f"/{lang}/associations/a/{number}/corrections/")
    registrar.locator("#id_p-0-clause").select_option("1.1")
    registrar.locator("#id_p-0-comment").fill("Another wording")
    registrar.locator("#id_p-0-wording_ru").fill(THEIRS)
    registrar.locator("main form button[type=submit]").click()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.CORRECTIONS_REQUESTED

    own.goto(f"/{lang}/associations/a/{number}/")
    own.locator("button[name=answer][value=reject]").click()
    assert Proposal.objects.get(review__amendment=amendment).response == Proposal.Response.REJECTED
    _submit(own, lang, number)  # the association's own text again
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED
    version = CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).latest("number")

    registrar.goto(f"/{lang}/associations/a/{number}/register/")
    assert registrar.locator("#id_version_hash").input_value() == version.content_hash
    registrar.locator("label[for=id_confirm]").click()
    registrar.locator("main form button[type=submit]").click()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.REGISTERED
    registered.refresh_from_db()
    assert registered.registered_version == version and version.author == applicant

    public = new_context(base_url=url, java_script_enabled=javascript).new_page()
    public.goto(f"/{lang}/associations/registry/{number}/")
    assert public.get_by_text(text["association"]).first.is_visible()
    public.goto(f"/{lang}/associations/registry/{number}/v/{version.number}/")
    page = public.content()
    assert OURS in page and THEIRS not in page
