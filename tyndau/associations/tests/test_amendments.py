"""After registration: the association amends its charter with its supreme body's decision (a PDF checked
by content), the registrar reviews the amendment under the same rules, and no path lets the registrar
write a version. Also: the signed PDF of the founding application, and the head acting for the
association elsewhere (the organisation role granted at registration)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.utils import translation

from tyndau.accounts.models import Role
from tyndau.associations import charter, errors, rules, services
from tyndau.associations.models import (
    AMENDMENT_TRANSITIONS,
    Amendment,
    AmendmentStatus,
    Author,
    CharterVersion,
    Document,
    Proposal,
    Review,
    Status,
)
from tyndau.associations.tests.conftest import full_charter, pdf_bytes, pdf_upload, valid_bin
from tyndau.associations.tests.test_flow import _events
from tyndau.audit.models import Event
from tyndau.core.calendar import working_days_after
from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _submitted_version(amendment: Amendment) -> CharterVersion:
    return CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).order_by("-number").first()


def test_registration_makes_the_head_the_associations_representative(registered: Any, applicant: Any) -> None:
    applicant.refresh_from_db()
    assert applicant.has_any_role(Role.ORGANISATION)
    assert services.is_representative(applicant, registered)
    grant = Event.objects.get(action="accounts.role.granted", object_id=str(applicant.pk))
    assert grant.payload == {"role": Role.ORGANISATION.value, "bin": valid_bin()}


def test_only_a_registered_associations_representative_starts_an_amendment(
    submitted: Any, applicant: Any, founder: Any, registrar: Any
) -> None:
    with pytest.raises(errors.NotRegistered):
        services.amendment_start(actor=applicant, application=submitted)
    version = CharterVersion.objects.get(application=submitted, round=1)
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    for outsider in (founder, registrar):
        with pytest.raises(errors.PermissionDenied):
            services.amendment_start(actor=outsider, application=submitted)
    amendment = services.amendment_start(actor=applicant, application=submitted)
    assert services.amendment_start(actor=applicant, application=submitted).pk == amendment.pk  # a double submit
    draft = CharterVersion.objects.get(application=submitted, submitted_at__isnull=True)
    assert draft.amendment == amendment and draft.author_role == Author.ASSOCIATION
    assert draft.content == version.content  # starts from the registered charter
    assert "associations.amendment.started" in _events(submitted)


def test_a_suspended_association_does_not_amend(registered: Any, applicant: Any, registrar: Any) -> None:
    services.application_suspend(actor=registrar, application=registered, note="Court decision No. 5")
    with pytest.raises(errors.NotRegistered):
        services.amendment_start(actor=applicant, application=registered)


def test_no_amendment_is_registered_while_the_association_is_suspended(
    amended: Any, applicant: Any, registrar: Any
) -> None:
    version = services.amendment_submit(actor=applicant, amendment=amended)
    services.application_suspend(actor=registrar, application=amended.application, note="Court decision No. 6")
    with pytest.raises(errors.NotRegistered):
        services.amendment_register(actor=registrar, amendment=amended, version_hash=version.content_hash)
    amended.refresh_from_db()
    assert amended.status == AmendmentStatus.SUBMITTED


def test_submit_needs_the_decision_a_change_and_freezes_the_version(
    registered: Any, applicant: Any, at_wednesday: Any
) -> None:
    amendment = services.amendment_start(actor=applicant, application=registered)
    services.document_upload(actor=applicant, application=registered, upload=pdf_upload())
    with pytest.raises(errors.CharterUnchanged):
        services.amendment_submit(actor=applicant, amendment=amendment)
    content = full_charter()
    content["sections"][1]["clauses"].append({"text_kk": "Жаңа мақсат.", "text_ru": "Новая цель."})
    services.charter_save(actor=applicant, application=registered, content=content)
    Document.objects.filter(amendment=amendment).delete()
    with pytest.raises(errors.DecisionRequired):
        services.amendment_submit(actor=applicant, amendment=amendment)
    services.document_upload(actor=applicant, application=registered, upload=pdf_upload())
    version = services.amendment_submit(actor=applicant, amendment=amendment)
    amendment.refresh_from_db()
    registered.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED
    assert registered.status == Status.REGISTERED and registered.round == 2
    assert version.round == 2 and version.content_hash == charter.content_hash(version.content)
    assert version.author_role == Author.ASSOCIATION and version.author == applicant
    assert amendment.review_due == working_days_after(dt.date(2026, 3, 4), rules.term("amendment_review_wd"))
    event = Event.objects.get(action="associations.amendment.submitted")
    assert event.payload["content_hash"] == version.content_hash and event.payload["amendment"] == 1
    assert OutgoingEmail.objects.filter(to_address=applicant.email, body__contains=version.content_hash).exists()
    # The registered charter stays current until the registrar registers the amendment.
    assert registered.registered_version.round == 1
    with pytest.raises(errors.InvalidTransition):
        services.amendment_submit(actor=applicant, amendment=amendment)  # a double submit: one version
    assert CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).count() == 1


def test_amendment_review_term_is_data(registered: Any, applicant: Any, settings: Any, at_wednesday: Any) -> None:
    settings.ASSOCIATION_RULES = {"min_founders_local": 2, "amendment_review_wd": 3}
    assert rules.RULES["amendment_review_wd"].confirmed is False
    amendment = services.amendment_start(actor=applicant, application=registered)
    content = full_charter(clauses=3)
    services.charter_save(actor=applicant, application=registered, content=content)
    services.document_upload(actor=applicant, application=registered, upload=pdf_upload())
    services.amendment_submit(actor=applicant, amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.review_due == working_days_after(dt.date(2026, 3, 4), 3)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a" + b"\0" * 300, "decision.pdf"),  # not a PDF whatever its name
        (b"%PDF-1.7\n" + b"garbage " * 100, "decision.pdf"),  # PDF magic bytes, but it does not parse
        (b"", "empty.pdf"),
    ],
)
def test_the_decision_is_checked_by_content(amended: Any, applicant: Any, content: bytes, name: str) -> None:
    with pytest.raises(errors.DocumentInvalid):
        services.document_upload(actor=applicant, application=amended.application, upload=pdf_upload(name, content))


def test_the_decision_is_bounded_in_size(amended: Any, applicant: Any, settings: Any) -> None:
    settings.ASSOCIATION_DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(errors.DocumentInvalid, match="larger than"):
        services.document_upload(
            actor=applicant, application=amended.application, upload=pdf_upload(content=pdf_bytes(pages=20))
        )


def test_register_only_the_submitted_amendment_by_its_hash(amended: Any, applicant: Any, registrar: Any) -> None:
    application = amended.application
    registered_before = application.registered_version
    version = services.amendment_submit(actor=applicant, amendment=amended)
    for wrong in ("0" * 64, registered_before.content_hash, ""):
        with pytest.raises(errors.VersionNotSubmitted):
            services.amendment_register(actor=registrar, amendment=amended, version_hash=wrong)
    services.amendment_register(actor=registrar, amendment=amended, version_hash=version.content_hash)
    amended.refresh_from_db()
    application.refresh_from_db()
    assert amended.status == AmendmentStatus.REGISTERED
    assert application.registered_version == version and application.status == Status.REGISTERED
    review = Review.objects.get(amendment=amended)
    assert review.version_hash == version.content_hash and review.outcome == Review.Outcome.REGISTERED
    assert "associations.amendment.registered" in _events(application)
    # The next amendment starts from the newly registered text.
    second = services.amendment_start(actor=applicant, application=application)
    draft = CharterVersion.objects.get(amendment=second, submitted_at__isnull=True)
    assert draft.content == version.content


def test_refuse_an_amendment_citing_clauses_then_resubmit(
    amended: Any, applicant: Any, registrar: Any, grounds: Any
) -> None:
    application = amended.application
    before = application.registered_version_id
    services.amendment_submit(actor=applicant, amendment=amended)
    mails = OutgoingEmail.objects.filter(to_address=applicant.email).count()
    ground = grounds["associations.charter-contradicts-law"]
    with pytest.raises(errors.ClauseCitationRequired):
        services.amendment_refuse(actor=registrar, amendment=amended, grounds=[ground], citations=[], reasons="Bad")
    with pytest.raises(errors.UnknownClause):
        services.amendment_refuse(
            actor=registrar,
            amendment=amended,
            grounds=[ground],
            citations=[services.ClauseCitation(ground, "99.9", "No such clause")],
            reasons="Bad",
        )
    services.amendment_refuse(
        actor=registrar,
        amendment=amended,
        grounds=[ground],
        citations=[services.ClauseCitation(ground, "1.1", "The name contradicts art. 7")],
        reasons="The new name contradicts the law",
    )
    amended.refresh_from_db()
    application.refresh_from_db()
    assert amended.status == AmendmentStatus.REFUSED
    assert application.registered_version_id == before  # the registered charter stays in force
    assert Review.objects.get(amendment=amended).citations.get().clause == "1.1"
    # The association corrects and resubmits: a new round of the same application.
    content = full_charter()
    content["sections"][0]["clauses"][0] = {"text_kk": "Тағы жаңа атауы.", "text_ru": "Ещё одно наименование."}
    services.charter_save(actor=applicant, application=application, content=content)
    version = services.amendment_submit(actor=applicant, amendment=amended)
    application.refresh_from_db()
    assert version.round == application.round == 3
    assert OutgoingEmail.objects.filter(to_address=applicant.email).count() == mails + 2  # refused, resubmitted


def test_proposals_on_an_amendment_are_answered_by_the_association(
    amended: Any, applicant: Any, registrar: Any
) -> None:
    application = amended.application
    services.amendment_submit(actor=applicant, amendment=amended)
    services.amendment_request_corrections(
        actor=registrar,
        amendment=amended,
        comments=[
            services.ClauseComment("1.1", "Shorter", wording_kk="Қысқа атауы.", wording_ru="Короткое название."),
            services.ClauseComment("2.1", "Vague", wording_kk="Нақты.", wording_ru="Конкретно."),
        ],
    )
    first, second = Proposal.objects.filter(review__amendment=amended).order_by("pk")
    with pytest.raises(errors.PermissionDenied):
        services.proposal_accept(actor=registrar, proposal=first)  # the registrar cannot answer for it
    draft = services.proposal_accept(actor=applicant, proposal=first)
    services.proposal_reject(actor=applicant, proposal=second)
    assert draft.author_role == Author.ASSOCIATION and draft.amendment == amended
    assert charter.clause(draft.content, "1.1")["text_ru"] == "Короткое название."
    assert charter.clause(draft.content, "2.1")["text_ru"] == "Текст пункта 2.1."
    actions = _events(application)
    assert "associations.amendment_proposal.accepted" in actions
    assert "associations.amendment_proposal.rejected" in actions
    version = services.amendment_submit(actor=applicant, amendment=amended)
    services.amendment_register(actor=registrar, amendment=amended, version_hash=version.content_hash)
    application.refresh_from_db()
    assert application.registered_version == version


def test_the_registrar_has_no_path_to_write_an_amendment(amended: Any, applicant: Any, registrar: Any) -> None:
    application = amended.application
    with pytest.raises(errors.PermissionDenied):
        services.charter_save(actor=registrar, application=application, content=full_charter(clauses=3))
    with pytest.raises(errors.PermissionDenied):
        services.amendment_submit(actor=registrar, amendment=amended)
    with pytest.raises(errors.PermissionDenied):
        services.document_upload(actor=registrar, application=application, upload=pdf_upload())
    version = services.amendment_submit(actor=applicant, amendment=amended)
    # A registrar of another body decides nothing.
    for outsider in (applicant,):
        with pytest.raises(errors.PermissionDenied):
            services.amendment_register(actor=outsider, amendment=amended, version_hash=version.content_hash)
    assert not CharterVersion.objects.filter(author=registrar).exists()


def test_a_submitted_amendment_is_immutable_in_the_database(amended: Any, applicant: Any) -> None:
    version = services.amendment_submit(actor=applicant, amendment=amended)
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        CharterVersion.objects.filter(pk=version.pk).update(content={"sections": []})
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        CharterVersion.objects.filter(pk=version.pk).delete()


def test_withdraw_drops_the_draft_and_a_new_amendment_can_start(amended: Any, applicant: Any) -> None:
    application = amended.application
    services.amendment_withdraw(actor=applicant, amendment=amended)
    assert not CharterVersion.objects.filter(application=application, submitted_at__isnull=True).exists()
    second = services.amendment_start(actor=applicant, application=application)
    assert second.number == 2


def _amendment_to(status: str, amendment: Amendment, who: dict[str, Any]) -> None:
    applicant, registrar, grounds = who["applicant"], who["registrar"], who["grounds"]
    if status == AmendmentStatus.DRAFT:
        return
    if status == AmendmentStatus.WITHDRAWN:
        services.amendment_withdraw(actor=applicant, amendment=amendment)
        return
    version = services.amendment_submit(actor=applicant, amendment=amendment)
    if status == AmendmentStatus.REGISTERED:
        services.amendment_register(actor=registrar, amendment=amendment, version_hash=version.content_hash)
    elif status == AmendmentStatus.REFUSED:
        services.amendment_refuse(
            actor=registrar,
            amendment=amendment,
            grounds=[grounds["associations.name-taken"]],
            citations=[],
            reasons="Taken",
        )
    elif status == AmendmentStatus.CORRECTIONS_REQUESTED:
        services.amendment_request_corrections(
            actor=registrar, amendment=amendment, comments=[services.ClauseComment("1.1", "Fix")]
        )


def _amendment_move(target: str, amendment: Amendment, who: dict[str, Any]) -> None:
    applicant, registrar, grounds = who["applicant"], who["registrar"], who["grounds"]
    version = _submitted_version(amendment)
    if target == AmendmentStatus.DRAFT:
        raise errors.InvalidTransition()  # nothing returns an amendment to a draft
    calls = {
        AmendmentStatus.SUBMITTED: lambda: services.amendment_submit(actor=applicant, amendment=amendment),
        AmendmentStatus.REGISTERED: lambda: services.amendment_register(
            actor=registrar, amendment=amendment, version_hash=version.content_hash if version else "0" * 64
        ),
        AmendmentStatus.REFUSED: lambda: services.amendment_refuse(
            actor=registrar,
            amendment=amendment,
            grounds=[grounds["associations.name-taken"]],
            citations=[],
            reasons="X",
        ),
        AmendmentStatus.CORRECTIONS_REQUESTED: lambda: services.amendment_request_corrections(
            actor=registrar, amendment=amendment, comments=[services.ClauseComment("1.1", "Fix")]
        ),
        AmendmentStatus.WITHDRAWN: lambda: services.amendment_withdraw(actor=applicant, amendment=amendment),
    }
    calls[target]()


AMENDMENT_PAIRS = [(a, b) for a in AmendmentStatus.values for b in AmendmentStatus.values if a != b]


@pytest.mark.parametrize(("start", "target"), AMENDMENT_PAIRS)
def test_amendment_transition_pair(
    start: str, target: str, amended: Any, applicant: Any, registrar: Any, grounds: Any
) -> None:
    who = {"applicant": applicant, "registrar": registrar, "grounds": grounds}
    _amendment_to(start, amended, who)
    amended.refresh_from_db()
    assert amended.status == start
    if target in AMENDMENT_TRANSITIONS[start]:
        _amendment_move(target, amended, who)
        amended.refresh_from_db()
        assert amended.status == target
    else:
        with pytest.raises(errors.InvalidTransition):
            _amendment_move(target, amended, who)
        amended.refresh_from_db()
        assert amended.status == start


def test_the_signed_founding_application_pdf(create: Any, applicant: Any, founder: Any, registrar: Any) -> None:
    application = create()
    document = services.document_upload(actor=applicant, application=application, upload=pdf_upload("signed.pdf"))
    assert document.kind == Document.Kind.SIGNED_APPLICATION and document.amendment is None
    assert document.original_name == "signed.pdf" and "signed" not in document.file.name
    assert "associations.document.uploaded" in _events(application)
    with pytest.raises(errors.PermissionDenied):
        services.document_upload(actor=founder, application=application, upload=pdf_upload())
    with pytest.raises(errors.DocumentInvalid):
        services.document_upload(
            actor=applicant, application=application, upload=pdf_upload("x.pdf", b"MZ" + b"\0" * 400)
        )


def test_the_representative_notifies_an_assembly_for_the_association(
    submitted: Any, applicant: Any, registrar: Any, cast: Any
) -> None:
    """Acting for the association elsewhere: after registration its head files an assembly notification as
    the legal entity, with the association's BIN (assemblies' existing path for an organisation); before
    registration the same person acts only for themselves."""
    import uuid

    import time_machine

    from tyndau.assemblies.services import assembly_notify
    from tyndau.assemblies.tests.conftest import EVENT_DAY, WEDNESDAY, at

    def notify() -> Any:
        with time_machine.travel(WEDNESDAY, tick=False):
            return assembly_notify(
                actor=applicant,
                idempotency_key=uuid.uuid4(),
                form="rally",
                akimat=cast.body_a,
                purpose="For clean air in the city",
                place_description="Central square",
                starts_at=at(EVENT_DAY, 11),
                ends_at=at(EVENT_DAY, 13),
                expected_participants=200,
                steward_name="Steward Person",
                steward_phone="+77017654321",
                organisation_name=submitted.name_ru,
                organisation_bin=valid_bin(),
            )

    before = notify()
    assert before.organisation_name == "" and before.organisation_bin == ""  # not yet the representative
    version = CharterVersion.objects.get(application=submitted, round=1)
    services.application_register(
        actor=registrar, application=submitted, version_hash=version.content_hash, bin=valid_bin()
    )
    applicant.__dict__.pop("_role_codes", None)  # a new request reads the roles afresh
    after = notify()
    assert after.organisation_name == submitted.name_ru and after.organisation_bin == valid_bin()
