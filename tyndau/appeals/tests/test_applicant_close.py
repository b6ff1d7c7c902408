"""The applicant cannot close (withdraw) an appeal whose complaint is pending: closing it would leave the
complaint undecidable by the higher body. Every actor's closing path is tried — the applicant (service,
page, repeated submit), the answering body's official and head, the higher body's official, a stranger,
an anonymous visitor — and the API, which offers no way to close at all."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils import translation

from tests.cast import make_user
from tyndau.accounts.models import Membership, Role
from tyndau.appeals import services
from tyndau.appeals.errors import ComplaintPending, ComplaintPendingForApplicant
from tyndau.appeals.models import Appeal, ComplaintStatus, Status
from tyndau.audit.models import Event
from tyndau.core.errors import DomainError, InvalidTransition, PermissionDenied

pytestmark = pytest.mark.django_db


def _complained(file_appeal: Any, cast: Any, *, passed: bool = False) -> Appeal:
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned explanation.")
    services.complaint_file(actor=cast.citizen, appeal=appeal, text="I disagree with it.", idempotency_key=uuid.uuid4())
    appeal.refresh_from_db()
    if passed:
        services.complaint_pass(actor=cast.official_a, complaint=appeal.complaint)
        appeal.refresh_from_db()
    assert appeal.status == Status.COMPLAINED
    return appeal


def _higher_official(cast: Any) -> Any:
    user = make_user("higher.close@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=user, body=cast.higher_body)
    return user


def _still_decidable(appeal: Appeal, cast: Any, higher: Any | None = None) -> None:
    appeal.refresh_from_db()
    assert appeal.status == Status.COMPLAINED and appeal.closed_at is None
    complaint = appeal.complaint
    if complaint.status == ComplaintStatus.FILED:
        services.complaint_pass(actor=cast.official_a, complaint=complaint)
    services.complaint_decide(
        actor=higher or _higher_official(cast), complaint=complaint, outcome="upheld", text="The body must act."
    )
    complaint.refresh_from_db()
    appeal.refresh_from_db()
    assert complaint.status == ComplaintStatus.DECIDED and appeal.status == Status.CLOSED


@pytest.mark.parametrize("passed", [False, True], ids=["complaint_filed", "complaint_passed"])
def test_applicant_cannot_close_while_the_complaint_is_pending(
    passed: bool, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    appeal = _complained(file_appeal, cast, passed=passed)
    events = Event.objects.count()
    with pytest.raises(ComplaintPendingForApplicant) as refused:
        services.appeal_close(actor=cast.citizen, appeal=appeal)
    assert isinstance(refused.value, InvalidTransition)  # the table's refusal, with its reason
    assert Event.objects.count() == events
    _still_decidable(appeal, cast)


def test_the_refusal_has_its_own_translated_message() -> None:
    error = ComplaintPendingForApplicant()
    assert error.code != ComplaintPending.code
    with translation.override("en"):
        english = str(error)
    assert "complaint" in english
    for language in ("kk", "ru"):
        with translation.override(language):
            assert str(error) != english


def test_applicant_may_still_close_an_answered_case(file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned explanation.")
    services.appeal_close(actor=cast.citizen, appeal=appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_applicant_close_page_shows_the_refusal_twice_over(
    language: str, client: Any, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    """A crafted or repeated POST: no 500, the page says why, nothing changes, the complaint stays."""
    appeal = _complained(file_appeal, cast)
    client.force_login(cast.citizen)
    url = f"/{language}/appeals/a/{appeal.number}/close/"
    for _ in range(2):  # a double submit
        response = client.post(url, follow=True)
        assert response.status_code == 200
        with translation.override(language):
            assert str(ComplaintPendingForApplicant.default_message) in response.content.decode()
    page = client.get(f"/{language}/appeals/a/{appeal.number}/").content.decode()
    assert f"/appeals/a/{appeal.number}/close/" not in page  # the button is not offered
    _still_decidable(appeal, cast)


def test_official_of_the_answering_body_and_its_head_are_refused(
    client: Any, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    appeal = _complained(file_appeal, cast, passed=True)
    for actor in (cast.official_a, cast.supervisor_a):
        with pytest.raises(ComplaintPending):
            services.appeal_close(actor=actor, appeal=appeal)
        client.force_login(actor)
        response = client.post(f"/en/appeals/a/{appeal.number}/official-close/", follow=True)
        assert response.status_code == 200
        with translation.override("en"):
            assert str(ComplaintPending.default_message) in response.content.decode()
    _still_decidable(appeal, cast)


def test_higher_body_official_cannot_close_the_appeal_itself(
    client: Any, file_appeal: Any, cast: Any, at_monday: Any
) -> None:
    """The higher body ends the case by deciding the complaint, not by closing the appeal."""
    appeal = _complained(file_appeal, cast, passed=True)
    higher = _higher_official(cast)
    with pytest.raises(DomainError):
        services.appeal_close(actor=higher, appeal=appeal)
    client.force_login(higher)
    response = client.post(f"/en/appeals/a/{appeal.number}/official-close/")
    assert response.status_code in (302, 403, 404)
    _still_decidable(appeal, cast, higher)


def test_strangers_cannot_close(client: Any, file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = _complained(file_appeal, cast)
    with pytest.raises(PermissionDenied):
        services.appeal_close(actor=cast.other_citizen, appeal=appeal)
    with pytest.raises(PermissionDenied):
        services.appeal_close(actor=cast.official_b, appeal=appeal)
    for user in (cast.other_citizen, cast.official_b):
        client.force_login(user)
        for path in ("close", "official-close"):
            response = client.post(f"/en/appeals/a/{appeal.number}/{path}/")
            assert response.status_code in (302, 403, 404)
    client.logout()
    response = client.post(f"/en/appeals/a/{appeal.number}/close/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    _still_decidable(appeal, cast)


def test_the_api_offers_no_way_to_close(client: Any, file_appeal: Any, cast: Any, at_monday: Any) -> None:
    appeal = _complained(file_appeal, cast)
    client.force_login(cast.citizen)
    for method in ("post", "put", "patch", "delete"):
        for path in (f"/api/v1/appeals/mine/{appeal.number}", f"/api/v1/appeals/mine/{appeal.number}/close"):
            response = getattr(client, method)(path, content_type="application/json")
            assert response.status_code in (404, 405), (method, path, response.status_code)
    detail = client.get(f"/api/v1/appeals/mine/{appeal.number}")
    assert detail.status_code == 200 and detail.json()["status"] == Status.COMPLAINED
    _still_decidable(appeal, cast)
