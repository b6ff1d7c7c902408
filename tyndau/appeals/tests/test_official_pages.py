"""What officials and applicants meet on the appeal pages: forwarding lands on the queue (10.8), the
complaint form is not opened when nothing can be challenged (10.27), the handling official sees the
applicant's contact, needs and map point and nobody else does (10.27), cabinets link to queues (10.27)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from tyndau.appeals import services
from tyndau.appeals.errors import ComplaintWindowClosed, NoHigherBody, NotChallengeable
from tyndau.appeals.models import Appeal, Complaint
from tyndau.core.calendar import KZ_TZ

pytestmark = pytest.mark.django_db


def test_forwarding_lands_on_the_queue_with_a_confirmation(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    client.force_login(cast.official_a)
    response = client.post(
        f"/ru/appeals/a/{appeal.number}/forward/", {"to_body": cast.body_b.pk, "reason": "Не наш вопрос"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ru/appeals/queue/{cast.body_a.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Обращение {appeal.number} перенаправлено" in html and cast.body_b.name_ru in html
    appeal.refresh_from_db()
    assert appeal.body_id == cast.body_b.pk


def test_complaint_form_is_not_opened_before_an_answer(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    client.force_login(cast.citizen)
    detail = client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    assert reverse("appeals:complain", args=[appeal.number]) not in detail
    response = client.get(f"/en/appeals/a/{appeal.number}/complain/", follow=True)
    html = response.content.decode()
    assert 'name="text"' not in html  # no form to type into
    assert str(NotChallengeable.default_message).split(",")[0] in html


def test_complaint_form_is_not_opened_after_the_window(client: Any, file_appeal: Any, cast: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=KZ_TZ), tick=False):
        appeal = file_appeal()
        services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned answer.")
    appeal.refresh_from_db()
    client.force_login(cast.citizen)
    late = dt.datetime.combine(appeal.complaint_until + dt.timedelta(days=1), dt.time(10), tzinfo=KZ_TZ)
    with time_machine.travel(late, tick=False):
        detail = client.get(f"/kk/appeals/a/{appeal.number}/").content.decode()
        assert reverse("appeals:complain", args=[appeal.number]).replace("/en/", "/kk/") not in detail
        assert "Шағым берудің үш айлық мерзімі өтіп кетті" in detail  # why, in the page's language
        response = client.post(
            f"/en/appeals/a/{appeal.number}/complain/",
            {"text": "I disagree with the answer entirely.", "idempotency_key": str(uuid.uuid4())},
            follow=True,
        )
    assert str(ComplaintWindowClosed.default_message) in response.content.decode()
    assert not Complaint.objects.exists()


def test_complaint_form_is_not_opened_without_a_higher_body(client: Any, file_appeal: Any, cast: Any) -> None:
    cast.body_a.higher_body = None
    cast.body_a.save(update_fields=["higher_body"])
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned answer.")
    client.force_login(cast.citizen)
    detail = client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    assert str(NoHigherBody.default_message) in detail
    assert 'href="/en/appeals/a/' + appeal.number + '/complain/"' not in detail


def test_complaint_form_opens_when_it_can_be_used(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = file_appeal()
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned answer.")
    client.force_login(cast.citizen)
    assert (
        f'href="/en/appeals/a/{appeal.number}/complain/"'
        in client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    )
    assert 'name="text"' in client.get(f"/en/appeals/a/{appeal.number}/complain/").content.decode()


def _detailed_appeal(file_appeal: Any) -> Appeal:
    return file_appeal(
        contact_phone="+7 701 555 12 34",
        address="Astana, Abai avenue 15, flat 7",
        latitude=Decimal("51.128207"),
        longitude=Decimal("71.430411"),
        needs=["disability", "other"],
        need_note="Wheelchair user",
    )


def test_handling_official_sees_contact_needs_and_map_point(client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = _detailed_appeal(file_appeal)
    client.force_login(cast.official_a)
    html = client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    for shown in ("+7 701 555 12 34", "citizen@example.kz", "Abai avenue 15, flat 7", "51.128207, 71.430411",
                  "Person with a disability", "Wheelchair user"):  # fmt: skip
        assert shown in html, shown
    assert "disability," not in html  # the label, not the stored code


@pytest.mark.parametrize("who", ["official_b", "anonymous", "public_register"])
def test_nobody_else_sees_them(who: str, client: Any, file_appeal: Any, cast: Any) -> None:
    appeal = _detailed_appeal(file_appeal)
    appeal.publish_consent = True
    appeal.save(update_fields=["publish_consent"])
    if who == "official_b":
        client.force_login(cast.official_b)
        response = client.get(f"/en/appeals/a/{appeal.number}/")
        assert response.status_code == 404
        return
    url = f"/en/appeals/register/{appeal.number}/" if who == "public_register" else f"/en/appeals/a/{appeal.number}/"
    html = client.get(url).content.decode()
    for hidden in ("701 555", "citizen@example.kz", "flat 7", "51.128207", "Wheelchair"):
        assert hidden not in html, hidden


def test_higher_body_does_not_see_the_contact(client: Any, file_appeal: Any, cast: Any) -> None:
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    appeal = _detailed_appeal(file_appeal)
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="A reasoned answer.")
    services.complaint_file(actor=cast.citizen, appeal=appeal, text="I disagree.", idempotency_key=uuid.uuid4())
    higher = make_user("higher@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body)
    client.force_login(higher)
    html = client.get(f"/en/appeals/a/{appeal.number}/").content.decode()
    assert "701 555" not in html and "51.128207" not in html


def test_official_cabinet_links_to_the_queue(client: Any, cast: Any) -> None:
    client.force_login(cast.official_a)
    html = client.get("/en/accounts/").content.decode()
    assert f'href="/en/appeals/queue/{cast.body_a.pk}/"' in html


def test_moderator_cabinet_links_to_the_moderation_queue(client: Any, cast: Any) -> None:
    client.force_login(cast.moderator)
    html = client.get("/en/accounts/").content.decode()
    assert 'href="/en/petitions/moderation/"' in html


def test_citizen_cabinet_has_no_queue_links(client: Any, cast: Any) -> None:
    client.force_login(cast.citizen)
    html = client.get("/en/accounts/").content.decode()
    assert "/appeals/queue/" not in html and "/petitions/moderation/" not in html


def test_the_queues_complaint_rows_link_to_the_appeal(client: Any, file_appeal: Any, cast: Any, ground: Any) -> None:
    """Found in Chromium: the complaint rows linked to the queue itself (an undefined URL in the template),
    so neither the body nor the higher body could open a complaint from its queue."""
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    appeal = file_appeal()
    services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="refused", text="No.", legal_grounds=[ground])
    complaint = services.complaint_file(
        actor=cast.citizen, appeal=appeal, text="The answer ignores the facts.", idempotency_key=uuid.uuid4()
    )
    link = f'<a href="/ru/appeals/a/{appeal.number}/">{appeal.number}</a>'
    client.force_login(cast.official_a)
    assert link in client.get(f"/ru/appeals/queue/{cast.body_a.pk}/").content.decode()
    services.complaint_pass(actor=cast.official_a, complaint=complaint)
    higher = make_user("higher.queue@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body)
    client.force_login(higher)
    assert link in client.get(f"/ru/appeals/queue/{cast.higher_body.pk}/").content.decode()
