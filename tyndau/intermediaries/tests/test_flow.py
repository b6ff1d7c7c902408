"""Issue 16: an accredited intermediary acts for a present citizen under a consent confirmed by code."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.audit.models import Event
from tyndau.intermediaries import errors, selectors, services
from tyndau.intermediaries.models import ConsentMethod, HelpConsent
from tyndau.intermediaries.tests.conftest import CITIZEN_IIN, code_from_outbox, last_mail_to, valid_iin

pytestmark = pytest.mark.django_db


def _confirmed(helper: Any, *, share: bool = False) -> HelpConsent:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email", share_answers=share)
    return services.consent_confirm(actor=helper, consent=consent, code=code_from_outbox())


def _file(helper: Any, consent: HelpConsent, cast: Any, category: Any, **extra: Any) -> Any:
    fields = {
        "idempotency_key": uuid.uuid4(),
        "kind": "application",
        "region": cast.region,
        "category": category,
        "body": cast.body_a,
        "subject": "Broken streetlight",
        "text": "The streetlight on our street has been broken for a month.",
    }
    fields.update(extra)
    return services.appeal_file_for(actor=helper, consent=consent, **fields)


def test_accreditation_by_the_organisation_grants_the_role_with_an_audit_event(helper: Any, association: Any) -> None:
    accreditation = selectors.accreditation_of(helper)
    assert accreditation is not None and accreditation.association == association
    assert helper.has_any_role(Role.INTERMEDIARY)
    event = Event.objects.get(action="intermediaries.accreditation.granted")
    assert event.payload["user_id"] == helper.pk


def test_only_the_organisation_or_an_admin_accredits(cast: Any, association: Any) -> None:
    with pytest.raises(errors.NotAnOrganisationManager):
        services.accreditation_grant(actor=cast.other_citizen, user=cast.citizen, association=association)
    services.accreditation_grant(actor=cast.admin, user=cast.other_citizen, association=association)
    assert selectors.accreditation_of(cast.other_citizen) is not None


def test_a_service_centre_head_accredits_an_operator(cast: Any) -> None:
    services.accreditation_grant(actor=cast.supervisor_a, user=cast.other_citizen, service_centre=cast.body_a)
    assert selectors.accreditation_of(cast.other_citizen).service_centre == cast.body_a
    with pytest.raises(errors.NotAnOrganisationManager):
        services.accreditation_grant(actor=cast.official_a, user=cast.moderator, service_centre=cast.body_a)


def test_the_code_goes_to_the_citizens_own_contact_and_is_hashed(helper: Any, citizen: Any) -> None:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    code = code_from_outbox()
    assert last_mail_to("citizen@example.kz") is not None
    consent.refresh_from_db()
    assert consent.citizen == citizen and code not in consent.code_hash and len(consent.code_hash) == 64
    assert services.masked_contact(consent) == "c***@e***"


def test_the_code_by_sms_goes_to_the_profile_phone(helper: Any, citizen: Any) -> None:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="phone")
    assert code_from_outbox("77011234567@sms.invalid")
    assert consent.method == ConsentMethod.CODE_PHONE
    assert services.masked_contact(consent).endswith("45 67") and "701123" not in services.masked_contact(consent)


def test_no_verified_account_no_code(helper: Any, cast: Any) -> None:
    with pytest.raises(errors.NoVerifiedAccount):
        services.consent_request(actor=helper, iin=valid_iin("90010130012"), channel="email")
    assert last_mail_to("citizen@example.kz") is None


def test_wrong_code_counts_and_locks_after_the_limit(helper: Any, citizen: Any) -> None:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    right = code_from_outbox()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(errors.WrongCode):
            services.consent_confirm(actor=helper, consent=consent, code=wrong)
    with pytest.raises(errors.TooManyAttempts):
        services.consent_confirm(actor=helper, consent=consent, code=wrong)
    with pytest.raises(errors.TooManyAttempts):
        services.consent_confirm(actor=helper, consent=consent, code=right)
    consent.refresh_from_db()
    assert consent.confirmed_at is None and consent.attempts == 5
    assert Event.objects.filter(action="intermediaries.consent.code_locked").count() == 1


def test_expired_code_is_refused(helper: Any, citizen: Any) -> None:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    code = code_from_outbox()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)), pytest.raises(errors.CodeExpired):
        services.consent_confirm(actor=helper, consent=consent, code=code)


def test_codes_are_rate_limited(helper: Any, citizen: Any, settings: Any) -> None:
    from tyndau.notifications.limits import MailLimitReached

    settings.TYNDAU_MAIL_LIMITS = {"intermediary_consent_code": {"recipient": 2}}
    settings.INTERMEDIARY_RULES = {"double_submit_seconds": 0}  # each request is a new one
    services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    with pytest.raises(MailLimitReached):
        services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")


def test_acting_without_consent_is_refused(helper: Any, citizen: Any, cast: Any, category: Any) -> None:
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    with pytest.raises(errors.NoConsent):
        _file(helper, consent, cast, category)
    confirmed = services.consent_confirm(actor=helper, consent=consent, code=code_from_outbox())
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)), pytest.raises(errors.NoConsent):
        _file(helper, confirmed, cast, category)


def test_a_non_intermediary_cannot_act(cast: Any, helper: Any, citizen: Any, category: Any) -> None:
    consent = _confirmed(helper)
    with pytest.raises(errors.NotAccredited):
        _file(cast.other_citizen, consent, cast, category)


def test_the_appeal_is_the_citizens_and_the_audit_carries_the_intermediary(
    helper: Any, citizen: Any, cast: Any, category: Any
) -> None:
    from tyndau.appeals.selectors import appeals_of

    consent = _confirmed(helper)
    key = uuid.uuid4()
    appeal = _file(helper, consent, cast, category, idempotency_key=key)
    again = _file(helper, consent, cast, category, idempotency_key=key)  # a double submit
    assert again.pk == appeal.pk and consent.cases.count() == 1
    assert appeal.applicant == citizen
    assert [a.number for a in appeals_of(citizen)] == [appeal.number]
    assert appeals_of(helper) == []
    filed = Event.objects.get(action="appeals.appeal.filed")
    assert filed.payload["on_behalf"]["intermediary_id"] == helper.pk
    assert filed.payload["on_behalf"]["role"] == Role.INTERMEDIARY
    case_event = Event.objects.get(action="intermediaries.case.appeal_filed")
    assert case_event.actor_id == helper.pk and case_event.payload["appeal"] == appeal.number


def test_withdrawn_consent_stops_acting(helper: Any, citizen: Any, cast: Any, category: Any) -> None:
    consent = _confirmed(helper)
    with pytest.raises(errors.NoConsent):
        services.consent_withdraw(actor=helper, consent=consent)  # only the citizen withdraws
    services.consent_withdraw(actor=citizen, consent=consent)
    with pytest.raises(errors.NoConsent):
        _file(helper, consent, cast, category)
    assert Event.objects.filter(action="intermediaries.consent.withdrawn", actor_id=citizen.pk).exists()


def test_scanned_consent_only_without_an_account_and_checked_by_content(helper: Any, citizen: Any) -> None:
    pdf = SimpleUploadedFile("consent.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", content_type="application/pdf")
    with pytest.raises(errors.NotForThisAccount):
        services.consent_scan(actor=helper, iin=CITIZEN_IIN, upload=pdf)
    fake = SimpleUploadedFile("consent.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.consent_scan(actor=helper, iin=valid_iin("90010130012"), upload=fake)
    pdf.seek(0)
    consent = services.consent_scan(actor=helper, iin=valid_iin("90010130012"), upload=pdf)
    assert consent.method == ConsentMethod.SCANNED and consent.citizen is None and len(consent.scan_sha256) == 64
    assert not selectors.may_act(consent)  # nothing to file into without an account


def test_organisation_counts_are_counts_only(helper: Any, citizen: Any, cast: Any, category: Any) -> None:
    consent = _confirmed(helper)
    _file(helper, consent, cast, category)
    _file(helper, consent, cast, category)
    rows = selectors.organisation_counts(cast.organisation)
    assert len(rows) == 1
    assert {k: rows[0][k] for k in ("intermediaries", "people", "appeals", "signatures")} == {
        "intermediaries": 1,
        "people": 1,
        "appeals": 2,
        "signatures": 0,
    }
    assert selectors.organisation_counts(cast.other_citizen) == []


def test_petition_signed_for_the_citizen_once_with_the_intermediary_in_the_audit(
    helper: Any, citizen: Any, cast: Any
) -> None:
    from tyndau.core.errors import DomainError
    from tyndau.petitions.models import Signature
    from tyndau.petitions.tests.conftest import make_petition

    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    petition = make_petition(cast, status="open")
    consent = _confirmed(helper)
    signature_id = services.petition_sign_for(actor=helper, consent=consent, petition_id=petition.pk)
    signature = Signature.objects.get(pk=signature_id)
    assert signature.user_id == citizen.pk
    with pytest.raises(DomainError):
        services.petition_sign_for(actor=helper, consent=consent, petition_id=petition.pk)
    assert consent.cases.count() == 1
    event = Event.objects.get(action="intermediaries.case.petition_signed")
    assert event.actor_id == helper.pk and event.payload["citizen_id"] == citizen.pk
    assert event.payload["role"] == Role.INTERMEDIARY and event.payload["petition"] == petition.pk


def test_assembly_notified_for_the_citizen_who_is_the_organiser(helper: Any, citizen: Any, cast: Any) -> None:
    from tyndau.assemblies.selectors import assemblies_of
    from tyndau.assemblies.tests.conftest import EVENT_DAY, WEDNESDAY, at

    with time_machine.travel(WEDNESDAY, tick=False):
        consent = _confirmed(helper)
        fields = {
            "idempotency_key": uuid.uuid4(),
            "form": "rally",
            "akimat": cast.body_a,
            "purpose": "For clean air in the city",
            "place_description": "Central square",
            "starts_at": at(EVENT_DAY, 11),
            "ends_at": at(EVENT_DAY, 13),
            "expected_participants": 200,
            "steward_name": "Steward Person",
            "steward_phone": "+77017654321",
        }
        assembly = services.assembly_notify_for(actor=helper, consent=consent, **fields)
        again = services.assembly_notify_for(actor=helper, consent=consent, **fields)  # a double submit
    assert again.pk == assembly.pk and assembly.organiser == citizen and consent.cases.count() == 1
    assert [a.number for a in assemblies_of(citizen)] == [assembly.number]
    notified = Event.objects.get(action="assemblies.assembly.notified")
    assert notified.payload["on_behalf"]["intermediary_id"] == helper.pk
    case_event = Event.objects.get(action="intermediaries.case.assembly_notified")
    assert case_event.actor_id == helper.pk and case_event.payload["assembly"] == assembly.number


def test_a_double_submit_of_the_start_sends_one_code(helper: Any, citizen: Any) -> None:
    from tyndau.notifications.models import OutgoingEmail

    first = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    second = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    assert first.pk == second.pk and OutgoingEmail.objects.filter(to_address="citizen@example.kz").count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=31)):
        third = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    assert third.pk != first.pk
