"""The services end to end: founders, the charter, submission, the registrar's three outcomes,
proposals, rounds, and the rules that keep the registrar from ever writing a charter."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils import translation

from tyndau.associations import charter, errors, services
from tyndau.associations.models import Application, CharterVersion, Founder, Proposal, Review, Status
from tyndau.associations.tests.conftest import full_charter, valid_bin
from tyndau.audit.models import Event
from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _events(application: Application) -> list[str]:
    return list(
        Event.objects.filter(object_type="associations.application", object_id=str(application.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_create_makes_a_draft_with_the_applicant_as_first_founder(create: Any, applicant: Any) -> None:
    application = create()
    assert application.status == Status.DRAFT and application.round == 0
    assert Founder.objects.filter(application=application, user=applicant).exists()
    assert CharterVersion.objects.filter(application=application, submitted_at__isnull=True).count() == 1
    assert _events(application) == ["associations.application.created"]


def test_create_is_idempotent(create: Any) -> None:
    key = uuid.uuid4()
    assert create(idempotency_key=key).pk == create(idempotency_key=key).pk


def test_an_unverified_person_cannot_apply(create: Any, cast: Any) -> None:
    with pytest.raises(errors.ApplicantNotEligible):
        create(actor=cast.other_citizen)


def test_the_registering_body_must_be_a_justice_department(create: Any, cast: Any) -> None:
    with pytest.raises(errors.NotARegisteringBody):
        create(registering_body=cast.body_a)
    with pytest.raises(errors.NotARegisteringBody):
        create(form="republican")  # the Ministry of Justice registers republican associations


def test_submission_waits_for_the_minimum_of_founders(create: Any, applicant: Any, founder: Any) -> None:
    application = create()
    services.charter_save(actor=applicant, application=application, content=full_charter())
    with pytest.raises(errors.TooFewFounders, match="1 of the 2"):
        services.application_submit(actor=applicant, application=application)
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    services.founder_confirm(actor=founder, invite_token=application.invite_token)  # twice changes nothing
    assert services.confirmed_founders(application) == 2
    services.founder_withdraw(actor=founder, application=application)
    with pytest.raises(errors.TooFewFounders):
        services.application_submit(actor=applicant, application=application)
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    version = services.application_submit(actor=applicant, application=application)
    assert version.is_submitted


def test_an_unverified_founder_cannot_confirm(create: Any, cast: Any) -> None:
    application = create()
    with pytest.raises(errors.FounderNotEligible):
        services.founder_confirm(actor=cast.organisation, invite_token=application.invite_token)
    with pytest.raises(errors.PermissionDenied):
        services.founder_confirm(actor=cast.organisation, invite_token="no-such-token")


def test_founders_cannot_withdraw_after_submission(submitted: Any, founder: Any) -> None:
    with pytest.raises(errors.FoundersLocked):
        services.founder_withdraw(actor=founder, application=submitted)


def test_missing_sections_and_translations_block_submission(create: Any, applicant: Any, founder: Any) -> None:
    application = create()
    services.founder_confirm(actor=founder, invite_token=application.invite_token)
    services.charter_save(actor=applicant, application=application, content=full_charter(sections=6))
    with pytest.raises(errors.SectionsMissing, match="How the charter is amended"):
        services.application_submit(actor=applicant, application=application)
    content = full_charter()
    content["sections"][0]["clauses"][1]["text_ru"] = ""
    services.charter_save(actor=applicant, application=application, content=content)
    with pytest.raises(errors.ClausesUntranslated, match=r"1\.2"):
        services.application_submit(actor=applicant, application=application)


def test_submit_freezes_a_version_with_its_hash_in_the_log_and_the_receipt(submitted: Any) -> None:
    version = CharterVersion.objects.get(application=submitted, round=1)
    assert version.content_hash == charter.content_hash(version.content)
    assert submitted.status == Status.SUBMITTED and submitted.review_due is not None
    event = Event.objects.filter(action="associations.application.submitted").get()
    assert event.payload["content_hash"] == version.content_hash
    receipt = OutgoingEmail.objects.filter(body__contains="SHA-256").get()
    assert version.content_hash in receipt.body


def test_double_submit_creates_one_version(submitted: Any, applicant: Any) -> None:
    with pytest.raises(errors.InvalidTransition):
        services.application_submit(actor=applicant, application=submitted)
    assert CharterVersion.objects.filter(application=submitted, submitted_at__isnull=False).count() == 1


def test_register_only_the_submitted_version_by_its_hash(submitted: Any, registrar: Any) -> None:
    version = CharterVersion.objects.get(application=submitted, round=1)
    with pytest.raises(errors.VersionNotSubmitted):
        services.application_register(actor=registrar, application=submitted, version_hash="0" * 64, bin=valid_bin())
    with pytest.raises(errors.InvalidBin):
        services.application_register(
            actor=registrar, application=submitted, version_hash=version.content_hash, bin="123456789012"
        )
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.REGISTERED
    assert submitted.registered_version_id == version.pk and submitted.bin == valid_bin()
    assert Review.objects.get(application=submitted).version_hash == version.content_hash


def test_a_draft_the_applicant_did_not_submit_cannot_be_registered(
    submitted: Any, registrar: Any, applicant: Any
) -> None:
    """Even when the applicant has a newer draft, only the submitted hash registers: the draft's hash
    (a text never submitted) is refused."""
    services.application_request_corrections(
        actor=registrar, application=submitted, comments=[services.ClauseComment("2.1", "Too vague")]
    )
    draft = services.charter_save(actor=applicant, application=submitted, content=full_charter(clauses=3))
    with pytest.raises(errors.InvalidTransition):
        services.application_register(
            actor=registrar,
            application=submitted,
            version_hash=charter.content_hash(draft.content),
            bin=valid_bin(),
        )


def test_only_a_registrar_of_the_registering_body_decides(submitted: Any, cast: Any, applicant: Any) -> None:
    version = CharterVersion.objects.get(application=submitted, round=1)
    for outsider in (cast.official_a, applicant, cast.admin):
        with pytest.raises(errors.PermissionDenied):
            services.application_register(
                actor=outsider, application=submitted, version_hash=version.content_hash, bin=valid_bin()
            )


def test_a_charter_ground_must_cite_clauses(submitted: Any, registrar: Any, grounds: Any) -> None:
    ground = grounds["associations.charter-contradicts-law"]
    with pytest.raises(errors.ClauseCitationRequired):
        services.application_refuse(actor=registrar, application=submitted, grounds=[ground], reasons="Bad")
    with pytest.raises(errors.UnknownClause):
        services.application_refuse(
            actor=registrar,
            application=submitted,
            grounds=[ground],
            citations=[services.ClauseCitation(ground, "99.1", "No such clause")],
            reasons="Bad",
        )
    with pytest.raises(errors.ClauseCitationRequired):
        services.application_refuse(
            actor=registrar,
            application=submitted,
            grounds=[ground],
            citations=[services.ClauseCitation(ground, "2.1", "  ")],
            reasons="Bad",
        )
    services.application_refuse(
        actor=registrar,
        application=submitted,
        grounds=[ground],
        citations=[services.ClauseCitation(ground, "2.1", "Contradicts art. 5 of the law")],
        reasons="Clause 2.1 contradicts the law.",
    )
    review = Review.objects.get(application=submitted)
    assert [(c.clause, c.ground.code) for c in review.citations.all()] == [("2.1", ground.code)]
    assert Event.objects.filter(action="associations.application.refused").get().payload["clauses"] == ["2.1"]


def test_a_ground_not_about_the_charter_needs_no_clause(submitted: Any, registrar: Any, grounds: Any) -> None:
    services.application_refuse(
        actor=registrar, application=submitted, grounds=[grounds["associations.name-taken"]], reasons="Taken"
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED


def test_refusal_needs_a_ground_of_this_domain(submitted: Any, registrar: Any) -> None:
    from tyndau.authorities.models import LegalGround

    with pytest.raises(errors.LegalGroundRequired):
        services.application_refuse(actor=registrar, application=submitted, grounds=[], reasons="x")
    other = LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES).first()
    with pytest.raises(errors.WrongDomainGround):
        services.application_refuse(actor=registrar, application=submitted, grounds=[other], reasons="x")


def test_proposals_accepted_and_rejected_then_a_new_round(submitted: Any, registrar: Any, applicant: Any) -> None:
    services.application_request_corrections(
        actor=registrar,
        application=submitted,
        comments=[
            services.ClauseComment(
                "2.1", "Name the aims precisely", wording_kk="Жаңа мәтін.", wording_ru="Новый текст."
            ),
            services.ClauseComment("3.2", "We would prefer another wording", wording_ru="Иной текст."),
            services.ClauseComment("4.1", "Explain"),
        ],
    )
    first, second, third = Proposal.objects.order_by("pk")
    draft = services.proposal_accept(actor=applicant, proposal=first)
    assert draft.author == applicant and not draft.is_submitted and draft.number == 2
    assert charter.clause(draft.content, "2.1") == {
        "number": "2.1",
        "text_kk": "Жаңа мәтін.",
        "text_ru": "Новый текст.",
    }
    services.proposal_reject(actor=applicant, proposal=second)
    with pytest.raises(errors.ProposalWithoutWording):
        services.proposal_accept(actor=applicant, proposal=third)
    with pytest.raises(errors.ProposalAlreadyAnswered):
        services.proposal_accept(actor=applicant, proposal=first)
    with pytest.raises(errors.PermissionDenied):
        services.proposal_accept(actor=registrar, proposal=second)
    draft = CharterVersion.objects.get(pk=draft.pk)
    assert charter.clause(draft.content, "3.2")["text_ru"] == "Текст пункта 3.2."  # rejected: the text stays
    version = services.application_submit(actor=applicant, application=submitted)
    submitted.refresh_from_db()
    assert submitted.round == 2 and submitted.status == Status.SUBMITTED and version.round == 2
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    submitted.refresh_from_db()
    assert submitted.registered_version == version and version.author == applicant


def test_resubmission_after_refusal_is_a_new_round(
    submitted: Any, registrar: Any, applicant: Any, grounds: Any
) -> None:
    services.application_refuse(
        actor=registrar, application=submitted, grounds=[grounds["associations.name-taken"]], reasons="Taken"
    )
    services.charter_save(actor=applicant, application=submitted, content=full_charter(clauses=3))
    services.application_submit(actor=applicant, application=submitted)
    submitted.refresh_from_db()
    assert submitted.round == 2
    assert list(CharterVersion.objects.filter(application=submitted).values_list("number", "round")) == [
        (1, 1),
        (2, 2),
    ]


def test_the_registrar_has_no_service_that_writes_a_charter(submitted: Any, registrar: Any) -> None:
    with pytest.raises(errors.PermissionDenied):
        services.charter_save(actor=registrar, application=submitted, content=full_charter())
    with pytest.raises(errors.PermissionDenied):
        services.application_submit(actor=registrar, application=submitted)
    assert not CharterVersion.objects.filter(author=registrar).exists()


def test_suspension_and_liquidation_need_a_court_decision(submitted: Any, registrar: Any) -> None:
    version = CharterVersion.objects.get(application=submitted, round=1)
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    with pytest.raises(errors.CourtDecisionRequired):
        services.application_suspend(actor=registrar, application=submitted, note=" ")
    services.application_suspend(actor=registrar, application=submitted, note="Court decision No. 1")
    services.application_reinstate(actor=registrar, application=submitted, note="Court decision No. 2")
    services.application_liquidate(actor=registrar, application=submitted, note="Court decision No. 3")
    submitted.refresh_from_db()
    assert submitted.status == Status.LIQUIDATED
