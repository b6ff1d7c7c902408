"""The answer's legal grounds can be told apart and fit the outcome (issue 10.10): each by its meaning in
the page's language with its citation, only grounds of the answer's outcomes, grouped per outcome (no
JavaScript needed), required for a refusal with the error on the field, checked again by the service."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tyndau.appeals import services
from tyndau.appeals.errors import LegalGroundNotApplicable, LegalGroundRequired
from tyndau.appeals.models import Appeal, Status
from tyndau.authorities.models import LegalGround

pytestmark = pytest.mark.django_db

REASONED = "We cannot do this: the budget law does not provide for it this year."


def _g(code: str) -> LegalGround:
    return LegalGround.objects.get(code=code)


def test_answer_form_shows_meanings_of_the_right_grounds_in_the_page_language(
    client: Any, file_appeal: Any, cast: Any
) -> None:
    appeal = file_appeal()
    client.force_login(cast.official_a)
    html = client.get(f"/ru/appeals/a/{appeal.number}/answer/").content.decode()
    assert "Запрашиваемое действие или благо не предусмотрено законодательством" in html  # the meaning, in Russian
    assert "APPK, Art. 63" in html  # with its citation
    assert "Заявитель отозвал обращение" in html  # grounds of an explanation are offered too
    # not offered: a complaint's grounds, a forward's, the sweep's deemed refusal
    for absent in ("appeals.complaint", "Жалоба подана по истечении", "направлено в компетентный орган",
                   "Ответ на обращение не дан в установленный срок"):  # fmt: skip
        assert absent not in html, absent
    assert html.count('name="legal_grounds"') == 6
    # grouped under a heading per outcome, and said to be required for a refusal
    assert "Для результата: Отказано или Удовлетворено частично" in html
    assert "Для результата: Отказано</h2>" in html
    fieldset = html[html.index('id="id_legal_grounds"') :]
    assert "необязательно" not in fieldset[: fieldset.index("</legend>")]
    assert "Обязательно, если результат: Отказано или Удовлетворено частично" in html


def _answer(client: Any, appeal: Appeal, **data: Any) -> Any:
    return client.post(f"/en/appeals/a/{appeal.number}/answer/", {"text": REASONED, **data})


def test_refusal_without_ground_is_refused_on_the_field(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    client.force_login(cast.official_a)
    response = _answer(client, appeal, outcome="refused")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="usa-error-message" id="id_legal_grounds_error">{LegalGroundRequired.default_message}' in html
    assert REASONED in html  # what was typed is kept
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


@pytest.mark.parametrize(
    ("outcome", "code"),
    [
        ("satisfied", "appeals.refusal.not-provided-by-law"),  # nothing refused, a refusal ground
        ("partly", "appeals.anonymous"),  # a ground of a full refusal only
        ("refused", "appeals.complaint.unfounded"),  # a complaint's ground
    ],
)
def test_a_ground_that_does_not_fit_the_outcome_is_refused(
    outcome: str, code: str, client: Any, file_appeal: Any, cast: Any
) -> None:
    appeal = file_appeal()
    client.force_login(cast.official_a)
    response = _answer(client, appeal, outcome=outcome, legal_grounds=[_g(code).pk])
    html = response.content.decode()
    assert 'id="id_legal_grounds_error"' in html
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_a_fitting_ground_is_accepted(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    client.force_login(cast.official_a)
    ground = _g("appeals.refusal.requirements-not-met")
    response = _answer(client, appeal, outcome="partly", legal_grounds=[ground.pk])
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and list(appeal.answer.legal_grounds.all()) == [ground]


@pytest.mark.parametrize("code", ["petitions.duplicate", "appeals.not-competent-forwarded"])
def test_the_service_refuses_a_ground_of_another_decision(code: str, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    with pytest.raises(LegalGroundNotApplicable):
        services.appeal_answer(
            actor=cast.official_a, appeal=appeal, outcome="refused", text=REASONED, legal_grounds=[_g(code)]
        )


def test_complaint_decision_offers_only_complaint_grounds(client: Any, file_appeal: Any, cast: Any) -> None:
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text=REASONED)
    complaint = services.complaint_file(
        actor=cast.citizen, appeal=appeal, text="I disagree.", idempotency_key=uuid.uuid4()
    )
    services.complaint_pass(actor=cast.official_a, complaint=complaint)
    higher = make_user("higher@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body)
    client.force_login(higher)
    html = client.get(f"/en/appeals/complaints/{complaint.pk}/decide/").content.decode()
    assert "found the contested act, action or inaction lawful" in html
    assert "not provided for by the legislation" not in html
    assert html.count('name="legal_grounds"') == 4
    response = client.post(
        f"/en/appeals/complaints/{complaint.pk}/decide/",
        {"outcome": "partly", "text": "In part.", "legal_grounds": [_g("appeals.complaint.court-pending").pk]},
    )
    assert 'id="id_legal_grounds_error"' in response.content.decode()
