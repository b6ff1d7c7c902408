"""Following by e-mail end to end: double opt-in, alerts, one-click unsubscribe, digests, the 100k fan-out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tyndau.following import tokens
from tyndau.following.fanout import fan_out, send_digests
from tyndau.following.models import Change, DigestItem, Follow, FollowStatus, Frequency, Kind
from tyndau.following.services import address_hash, follow_confirm, follow_request
from tyndau.notifications.models import OutgoingEmail
from tyndau.petitions.tests.conftest import make_petition

pytestmark = pytest.mark.django_db

FOLLOWER = "reader@example.org"


@pytest.fixture
def petition(cast: Any) -> Any:
    cast.body_a.population = 60_000
    cast.body_a.save(update_fields=["population"])
    return make_petition(cast, status="open")


def _forward(petition: Any) -> Any:
    from tyndau.petitions.models import Petition
    from tyndau.petitions.services import petition_forward

    Petition.objects.filter(pk=petition.pk).update(signature_count=petition.threshold)
    return petition_forward(petition=petition.pk)


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def _ask(client: Client, petition: Any, email: str = FOLLOWER, frequency: str = "immediate") -> Any:
    return client.post(
        reverse("following:new"),
        {"kind": "petition", "target": str(petition.pk), "email": email, "frequency": frequency},
    )


def test_double_opt_in_no_alert_before_confirmation(petition: Any, django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    page = client.get(reverse("following:new"), {"kind": "petition", "target": petition.pk})
    assert page.status_code == 200 and b'name="email"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, petition)
        _ask(client, petition)  # a double submit: one follow
        _ask(client, petition, email="never.confirms@example.org")
    assert response.status_code == 302
    assert Follow.objects.filter(kind=Kind.PETITION, target_id=str(petition.pk)).count() == 2
    confirmation = [m for m in mail.outbox if m.to == [FOLLOWER]]
    assert len(confirmation) == 2  # the repeated request re-sends the link, nothing else
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _forward(petition)
    assert not [m for m in mail.outbox if m.to[0].endswith("example.org")]  # nobody confirmed yet
    assert not Change.objects.exists()

    confirm_url = next(u for u in _links(confirmation[0].body) if "/following/confirm/" in u)
    path = (
        confirm_url.split("127.0.0.1:8000", 1)[-1]
        if "8000" in confirm_url
        else confirm_url[confirm_url.index("/", 8) :]
    )
    assert client.get(path).status_code == 200
    assert Follow.objects.get(email_hash=address_hash(FOLLOWER)).status == FollowStatus.PENDING  # GET confirms nothing
    assert client.post(path).status_code == 200
    assert Follow.objects.get(email_hash=address_hash(FOLLOWER)).status == FollowStatus.ACTIVE

    from tyndau.petitions.services import petition_respond

    with django_capture_on_commit_callbacks(execute=True):
        petition_respond(
            actor=petition_official(petition), petition=petition.pk, outcome="granted", text="We will build it."
        )
    alerts = [m for m in mail.outbox if m.to[0].endswith("example.org")]
    assert [m.to for m in alerts] == [[FOLLOWER]]  # the unconfirmed address got nothing
    message = alerts[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message.extra_headers["List-Unsubscribe"].startswith("<http")
        and "/following/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    )
    assert petition.title in message.body and "/following/manage/" in message.body


def petition_official(petition: Any) -> Any:
    from tests.cast import make_user
    from tyndau.accounts.models import Membership, Role

    user = make_user("petitions.official@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=user, body_id=petition.addressee_id, position="Official")
    return user


def _active(petition: Any, email: str = FOLLOWER, frequency: str = Frequency.IMMEDIATE) -> Follow:
    follow = follow_request(
        kind="petition", target_id=str(petition.pk), email=email, frequency=frequency, language="ru"
    )
    return follow_confirm(token=tokens.confirm_token(follow.pk))


def test_unsubscribe_one_click_post_needs_no_login_and_no_csrf(petition: Any) -> None:
    follow = _active(petition)
    url = reverse("following:unsubscribe", args=[tokens.unsubscribe_token(follow_id=follow.pk)])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and b"<form" in page.content
    follow.refresh_from_db()
    assert follow.status == FollowStatus.ACTIVE  # the GET page changes nothing
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.status == FollowStatus.ENDED
    # A confirmation token is not an unsubscribe token, and a forged one is refused.
    assert client.post(reverse("following:unsubscribe", args=[tokens.confirm_token(follow.pk)])).status_code == 404
    assert client.post(reverse("following:unsubscribe", args=["x" * 40])).status_code == 404


def test_manage_link_lists_and_ends_only_that_address(petition: Any, cast: Any) -> None:
    mine = _active(petition)
    other = _active(petition, email="someone.else@example.org")
    client = Client()
    url = reverse("following:manage", args=[tokens.manage_token(mine.email_hash)])
    page = client.get(url)
    assert page.status_code == 200 and petition.title in page.content.decode()
    assert FOLLOWER not in page.content.decode()
    # Another address's follow cannot be ended from this link.
    assert client.post(url, {"follow": other.pk, "action": "end"}).status_code == 400
    assert client.post(url, {"follow": mine.pk, "action": "frequency", "frequency": "daily"}).status_code == 302
    mine.refresh_from_db()
    assert mine.frequency == Frequency.DAILY
    assert client.post(url, {"follow": mine.pk, "action": "end"}).status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == (FollowStatus.ENDED, FollowStatus.ACTIVE)


def test_signed_in_list(petition: Any, cast: Any) -> None:
    _active(petition, email=cast.other_citizen.email)
    client = Client()
    client.force_login(cast.other_citizen)
    page = client.get(reverse("following:mine"))
    assert page.status_code == 200 and petition.title in page.content.decode()
    anonymous = Client().get(reverse("following:mine"))
    assert anonymous.status_code == 302


def test_digest_vs_immediate(petition: Any, django_capture_on_commit_callbacks: Any) -> None:
    _active(petition, email="now@example.org")
    _active(petition, email="daily@example.org", frequency=Frequency.DAILY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _forward(petition)
    assert [m.to for m in mail.outbox if m.to[0].endswith("example.org")] == [["now@example.org"]]
    assert DigestItem.objects.count() == 1
    assert send_digests() == 0  # today's changes wait for tomorrow's digest
    DigestItem.objects.update(created_at=timezone.now() - dt.timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
        assert send_digests() == 0  # one digest per follower per day
    (digest,) = mail.outbox
    assert digest.to == ["daily@example.org"] and petition.title in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_rate_limit_refuses_with_a_message(petition: Any) -> None:
    client = Client()
    for _ in range(10):
        assert _ask(client, petition).status_code == 302
    refused = _ask(client, petition)
    assert refused.status_code == 400 and b"error-summary" in refused.content
    assert FOLLOWER in refused.content.decode()  # the form keeps what was typed


def test_bad_input_is_refused_cleanly(petition: Any) -> None:
    client = Client()
    assert client.get(reverse("following:new"), {"kind": "petition", "target": "999999"}).status_code == 404
    assert client.get(reverse("following:new"), {"kind": "nonsense", "target": "1"}).status_code == 404
    assert client.get(reverse("following:new"), {"kind": "petition", "target": "9" * 5000}).status_code == 404
    bad = client.post(reverse("following:new"), {"kind": "petition", "target": str(petition.pk), "email": "x" * 300})
    assert bad.status_code == 400 and b"error-summary" in bad.content
    assert client.get(reverse("following:confirm", args=["nope"])).status_code == 404
    assert client.get(reverse("following:manage", args=["nope"])).status_code == 404


def test_fan_out_of_100000_followers_runs_in_the_task_not_the_request(
    petition: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tyndau.petitions.models import Petition

    quiet = make_petition(cast, status="open", title="A petition nobody follows")
    with CaptureQueriesContext(connection) as baseline, django_capture_on_commit_callbacks(execute=False):
        _forward(quiet)
    now = timezone.now()
    Follow.objects.bulk_create(
        (
            Follow(
                email=f"f{i}@example.org",
                email_hash=f"{i:064d}",
                kind=Kind.PETITION,
                target_id=str(petition.pk),
                language="kk",
                status=FollowStatus.ACTIVE,
                confirmed_at=now,
            )
            for i in range(100_000)
        ),
        batch_size=5000,
    )
    emails_before = OutgoingEmail.objects.count()
    with CaptureQueriesContext(connection) as loud, django_capture_on_commit_callbacks(execute=False) as callbacks:
        _forward(petition)
    assert Petition.objects.get(pk=petition.pk).status == "forwarded"
    # The request did one insert more than with no followers (the change), and mailed nobody.
    assert len(loud.captured_queries) <= len(baseline.captured_queries) + 2
    assert OutgoingEmail.objects.count() == emails_before + 0 or OutgoingEmail.objects.count() - emails_before <= 2
    change = Change.objects.get(kind=Kind.PETITION, target_id=str(petition.pk))
    assert change.recipients == 0 and change.fanned_out_at is None
    assert any("_enqueue_fan_out" in repr(cb) for cb in callbacks)
    # The task: one batch of 1,000 e-mails, then the next batch is queued.
    last = fan_out(change_id=change.pk)
    assert last is not None
    assert OutgoingEmail.objects.filter(to_address__endswith="@example.org").count() == 1000
    change.refresh_from_db()
    assert change.recipients == 1000


def test_no_personal_data_on_public_pages_or_the_audit_log(petition: Any) -> None:
    from tyndau.audit.models import Event

    _active(petition)
    client = Client()
    for url in (reverse("petitions:detail", args=[petition.pk]), reverse("audit:log") if _has("audit:log") else None):
        if url:
            page = client.get(url)
            assert FOLLOWER not in page.content.decode()
    assert not Event.objects.filter(payload__icontains="example.org").exists()
    assert all(FOLLOWER not in str(follow) for follow in Follow.objects.all())


def _has(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_api_lists_only_my_follows(petition: Any, cast: Any) -> None:
    _active(petition, email=cast.other_citizen.email)
    _active(petition, email="stranger@example.org")
    client = Client()
    assert client.get("/api/v1/following/mine").status_code == 401
    client.force_login(cast.other_citizen)
    data = client.get("/api/v1/following/mine").json()
    assert [(row["kind"], row["target"], row["title"]) for row in data] == [
        ("petition", str(petition.pk), petition.title)
    ]
    assert "example.org" not in str(data) and cast.other_citizen.email not in str(data)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("kk", "Электрондық пошта арқылы бақылау"), ("ru", "Следить по электронной почте"), ("en", "Follow by e-mail")],
)
def test_pages_in_three_languages_without_javascript(petition: Any, lang: str, text: str) -> None:
    client = Client()
    page = client.get(f"/{lang}/following/", {"kind": "petition", "target": petition.pk}).content.decode()
    assert text in page and "<form" in page and f'lang="{lang}"' in page
    assert text in client.get(f"/{lang}/petitions/{petition.pk}/").content.decode()
    assert client.get(f"/{lang}/following/").status_code == 200
