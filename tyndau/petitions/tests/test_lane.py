"""The signing lane (tyndau/petitions/surge/lane.py): the production WSGI handler answers one-step
signing itself, and gives every other case to the full Django handler untouched.

Each test drives the real handler with a WSGI environ, as gunicorn does, and compares with what
Django's plain handler answers for the same request."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.accounts.models import IdentityVerification
from tyndau.petitions import surge
from tyndau.petitions.models import Petition, Signature
from tyndau.petitions.surge import lane
from tyndau.petitions.tests.conftest import make_iin, verify_citizen

CSRF = "lanetestcsrfsecret0123456789abcd"  # 32 characters: Django accepts the unmasked secret


class Answer:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status_code = int(status.split()[0])
        self.headers = headers
        self.body = body

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def cookie(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == "set-cookie" and value.strip().startswith(f"{name}="):
                return value.strip().split(";", 1)[0].split("=", 1)[1].strip('"')
        return None


def call(
    handler: Any,
    path: str,
    *,
    session: str | None,
    body: str = "show_name=on",
    csrf: str = CSRF,
    https: bool = False,
    cookies: tuple[str, ...] = (),
) -> Answer:
    cookies = (f"csrftoken={CSRF}", *cookies)
    if session:
        cookies += (f"{settings.SESSION_COOKIE_NAME}={session}",)
    scheme = {"wsgi.url_scheme": "https", "SERVER_PORT": "443", "HTTP_REFERER": "https://testserver/"} if https else {}
    data = body.encode()
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(len(data)),
        HTTP_COOKIE="; ".join(cookies),
        HTTP_X_CSRFTOKEN=csrf,
        REMOTE_ADDR="192.0.2.7",
        **scheme,
    )
    environ["wsgi.input"] = io.BytesIO(data)
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        captured.update(status=status, headers=headers)

    # As Django's test client does: the test's transaction must survive the request signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = handler(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(captured["status"], captured["headers"], content)


def session_of(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def decoded_messages(answer: Answer) -> list[str]:
    value = answer.cookie("messages")
    if not value:
        return []
    storage = CookieStorage(RequestFactory().get("/"))
    return [str(m) for m in storage._decode(value.replace("\\073", ";").replace('\\"', '"')) or []]


@pytest.fixture
def handler(db: Any) -> lane.SigningLaneHandler:
    return lane.SigningLaneHandler()


@pytest.fixture
def fallbacks() -> Iterator[mock.MagicMock]:
    """Counts the requests the lane gives to Django's full handler."""
    with mock.patch.object(WSGIHandler, "get_response", autospec=True, side_effect=WSGIHandler.get_response) as spy:
        yield spy


@pytest.fixture
def citizen(pcast: Any) -> Any:
    return verify_citizen(pcast.citizen, make_iin(11), region=pcast.region)


def citizens(label: str, n: int) -> list[Any]:
    from tests.cast import make_user

    return [make_user(f"{label}{i}@example.kz", first_name="Айгерим", last_name="Сапарова") for i in range(n)]


def sign_path(petition: Petition, lang: str = "kk") -> str:
    with translation.override(lang):
        return reverse("petitions:sign", args=[petition.pk])


# ------------------------------------------------------------------ the lane answers
def test_lane_counts_a_verified_citizens_signature(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    answer = call(handler, sign_path(open_petition), session=session_of(citizen))

    assert fallbacks.call_count == 0, "the lane answered by itself"
    assert answer.status_code == 302
    with translation.override("kk"):
        assert answer.header("Location") == reverse("petitions:detail", args=[open_petition.pk])
        assert decoded_messages(answer) == [translation.gettext("Thank you: your signature is counted.")]
    signature = Signature.objects.get(petition=open_petition)
    assert signature.status == "confirmed" and signature.confirmed_at is not None
    assert signature.user_id == citizen.pk and signature.region_id == citizen.citizen_profile.region_id
    assert signature.public_name == surge.public_name(citizen.first_name, citizen.last_name)
    assert str(signature.ip_address) == "192.0.2.7" and signature.notify_on_response is False
    assert signature.iin_hash == citizen.citizen_profile.iin_hash


def test_lane_response_carries_the_same_headers_as_the_view(
    handler: Any, fallbacks: Any, pcast: Any, open_petition: Petition
) -> None:
    first = verify_citizen(pcast.citizen, make_iin(21))
    second = verify_citizen(pcast.other_citizen, make_iin(22))
    by_lane = call(handler, sign_path(open_petition, "ru"), session=session_of(first))
    by_django = call(WSGIHandler(), sign_path(open_petition, "ru"), session=session_of(second))

    assert fallbacks.call_count == 1  # only the plain handler's own call
    assert by_lane.status_code == by_django.status_code == 302
    assert by_lane.header("Location") == by_django.header("Location")
    assert decoded_messages(by_lane) == decoded_messages(by_django) == ["Спасибо: ваша подпись засчитана."]
    lane_headers = {k.lower(): v for k, v in by_lane.headers if k.lower() != "set-cookie"}
    django_headers = {k.lower(): v for k, v in by_django.headers if k.lower() != "set-cookie"}
    assert lane_headers == django_headers
    for name in ("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "vary"):
        assert name in lane_headers
    assert Signature.objects.filter(petition=open_petition, status="confirmed").count() == 2


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_reused_answer_is_the_views_answer(https: bool, pcast: Any, open_petition: Petition, settings: Any) -> None:
    """The "counted" answer is built once per language, scheme and petition, then handed out again:
    each copy carries what the view's own answer carries (HSTS over HTTPS included)."""
    settings.SECURE_HSTS_SECONDS = 3600  # the middleware reads it when the handler is built
    settings.ALLOWED_HOSTS = ["testserver"]
    handler = lane.SigningLaneHandler()
    people = [verify_citizen(user, make_iin(30 + i)) for i, user in enumerate(citizens("reuse", 3))]
    first, second = (
        call(handler, sign_path(open_petition, "en"), session=session_of(p), https=https) for p in people[:2]
    )
    by_django = call(WSGIHandler(), sign_path(open_petition, "en"), session=session_of(people[2]), https=https)

    assert len(handler.counted_answers) == 1, "the second answer was the first one's copy"
    assert first.status_code == second.status_code == by_django.status_code == 302
    assert first.headers == second.headers
    assert {k.lower(): v for k, v in second.headers if k.lower() != "set-cookie"} == {
        k.lower(): v for k, v in by_django.headers if k.lower() != "set-cookie"
    }
    assert (second.header("Strict-Transport-Security") is not None) is https
    assert decoded_messages(second) == decoded_messages(by_django) == ["Thank you: your signature is counted."]
    cookie_attributes = [v.split(";", 1)[1] for k, v in by_django.headers if k.lower() == "set-cookie"]
    assert [v.split(";", 1)[1] for k, v in second.headers if k.lower() == "set-cookie"] == cookie_attributes
    assert Signature.objects.filter(petition=open_petition, status="confirmed").count() == 3


def test_a_waiting_message_is_kept_beside_the_thank_you(
    handler: Any, fallbacks: Any, pcast: Any, open_petition: Petition
) -> None:
    """A message not yet shown (in the `messages` cookie) makes the lane build its answer afresh."""
    people = [verify_citizen(user, make_iin(40 + i)) for i, user in enumerate(citizens("waiting", 2))]
    call(handler, sign_path(open_petition, "en"), session=session_of(people[0]))  # fills the reusable answer
    storage = CookieStorage(RequestFactory().get("/"))
    waiting = storage._encode([Message(INFO, "Your e-mail address is confirmed.")])
    answer = call(
        handler, sign_path(open_petition, "en"), session=session_of(people[1]), cookies=(f"messages={waiting}",)
    )
    assert answer.status_code == 302 and fallbacks.call_count == 0
    assert decoded_messages(answer) == ["Your e-mail address is confirmed.", "Thank you: your signature is counted."]


def test_notify_option_and_hidden_name(handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition) -> None:
    answer = call(handler, sign_path(open_petition), session=session_of(citizen), body="notify_on_response=on")
    assert answer.status_code == 302 and fallbacks.call_count == 0
    signature = Signature.objects.get(petition=open_petition)
    assert signature.notify_on_response is True and signature.public_name == ""


# ------------------------------------------------------------------ everything else goes to the view
def test_second_signature_gets_the_views_already_signed_page(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    session = session_of(citizen)
    assert call(handler, sign_path(open_petition), session=session).status_code == 302
    again = call(handler, sign_path(open_petition), session=session)
    assert again.status_code == 409 and fallbacks.call_count == 1
    assert Signature.objects.filter(petition=open_petition).count() == 1


def test_unverified_user_gets_the_email_form(handler: Any, fallbacks: Any, pcast: Any, open_petition: Petition) -> None:
    answer = call(handler, sign_path(open_petition), session=session_of(pcast.citizen))
    assert answer.status_code == 200 and fallbacks.call_count == 1
    assert b'name="iin"' in answer.body
    assert not Signature.objects.exists()


def test_bulk_revocation_stops_the_lane_at_once(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    session = session_of(citizen)
    IdentityVerification.objects.filter(user=citizen).update(revoked_at=timezone.now())  # no signals
    answer = call(handler, sign_path(open_petition), session=session)
    assert answer.status_code == 200 and fallbacks.call_count == 1
    assert not Signature.objects.exists()


def test_changed_password_signs_the_old_session_out(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    session = session_of(citizen)
    citizen.set_password("a-new-long-password-2026")
    citizen.save()
    answer = call(handler, sign_path(open_petition), session=session)
    assert fallbacks.call_count == 1
    assert answer.status_code == 200 and b'name="iin"' in answer.body  # signed out: the e-mail form
    assert not Signature.objects.exists()


def test_inactive_user_cannot_sign(handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition) -> None:
    session = session_of(citizen)
    type(citizen).objects.filter(pk=citizen.pk).update(is_active=False)
    answer = call(handler, sign_path(open_petition), session=session)
    assert fallbacks.call_count == 1 and answer.status_code == 200
    assert not Signature.objects.exists()


def test_bad_csrf_token_is_refused_by_django(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    answer = call(handler, sign_path(open_petition), session=session_of(citizen), csrf="x" * 32)
    assert answer.status_code == 403 and fallbacks.call_count == 1
    assert not Signature.objects.exists()


@pytest.mark.parametrize("how", ["collection_over", "closed"])
def test_closed_petition_is_not_signed(
    handler: Any, fallbacks: Any, pcast: Any, citizen: Any, open_petition: Petition, how: str
) -> None:
    import datetime as dt

    other = verify_citizen(pcast.other_citizen, make_iin(12))
    assert call(handler, sign_path(open_petition), session=session_of(other)).status_code == 302  # state now cached
    if how == "collection_over":
        Petition.objects.filter(pk=open_petition.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=2))
    else:
        Petition.objects.filter(pk=open_petition.pk).update(status="closed")
    surge.forget_signing_state(open_petition.pk)  # what every transition does on commit
    answer = call(handler, sign_path(open_petition), session=session_of(citizen))
    assert fallbacks.call_count == 1 and answer.status_code != 302
    assert not Signature.objects.filter(user=citizen).exists()


def test_unknown_petition_is_the_views_404(handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition) -> None:
    path = sign_path(open_petition).replace(f"/{open_petition.pk}/", "/999999/")
    answer = call(handler, path, session=session_of(citizen))
    assert fallbacks.call_count == 1 and answer.status_code == 404


def test_no_session_cookie_skips_the_lane(handler: Any, fallbacks: Any, pcast: Any, open_petition: Petition) -> None:
    answer = call(handler, sign_path(open_petition), session=None)
    assert fallbacks.call_count == 1 and answer.status_code == 200


def test_forged_session_key_is_anonymous(handler: Any, fallbacks: Any, pcast: Any, open_petition: Petition) -> None:
    answer = call(handler, sign_path(open_petition), session="nosuchsession0123456789abcdefghij")
    assert fallbacks.call_count == 1 and answer.status_code == 200
    assert not Signature.objects.exists()


def test_database_error_falls_back_without_a_500(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    with mock.patch.object(lane, "fetchone_hot", side_effect=OperationalError("server closed the connection")):
        answer = call(handler, sign_path(open_petition), session=session_of(citizen))
    assert fallbacks.call_count == 1
    assert answer.status_code == 302  # the view signed on the (healthy) connection
    assert Signature.objects.filter(petition=open_petition, status="confirmed").count() == 1


def test_lane_can_be_switched_off(citizen: Any, open_petition: Petition, fallbacks: Any, settings: Any) -> None:
    settings.TYNDAU_SIGNING_LANE = False
    answer = call(lane.SigningLaneHandler(), sign_path(open_petition), session=session_of(citizen))
    assert answer.status_code == 302 and fallbacks.call_count == 1


# ------------------------------------------------------------------ what keeps the lane honest
def test_middleware_list_was_reviewed_for_the_lane() -> None:
    """A new middleware must be reviewed for the lane (does one-step signing need it?), then listed."""
    assert settings.MIDDLEWARE == lane.REVIEWED_MIDDLEWARE


def test_sign_view_is_public_as_the_lane_assumes() -> None:
    from tyndau.core.access import get_policy
    from tyndau.petitions import views

    assert get_policy(views.sign) == "public" and views.sign.login_required is False  # type: ignore[attr-defined]


def test_session_hash_is_djangos(citizen: Any) -> None:
    from django.utils.crypto import salted_hmac

    expected = salted_hmac(lane.SESSION_HASH_SALT, citizen.password, algorithm="sha256").hexdigest()
    assert expected == citizen.get_session_auth_hash()


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_lane_path_matches_the_url_of_the_sign_view(lang: str) -> None:
    with translation.override(lang):
        path = reverse("petitions:sign", args=[42])
    match = lane._path_pattern().match(path)
    assert match is not None and match["lang"] == lang and match["pk"] == "42"
    assert lane._path_pattern().match(path.replace("/sign/", "/sign/sent/")) is None


def test_the_lanes_answer_to_a_signed_in_citizen_is_never_cached(
    handler: Any, fallbacks: Any, citizen: Any, open_petition: Petition
) -> None:
    """The lane answers without the full middleware chain: its response hooks still mark a signed-in
    person's answer private, no-store (tyndau.core.middleware), first built and reused alike."""
    for _ in range(2):
        answer = call(handler, sign_path(open_petition), session=session_of(citizen))
        assert answer.status_code == 302
        assert {"private", "no-store"} <= {d.strip() for d in (answer.header("Cache-Control") or "").split(",")}
        Signature.objects.filter(petition=open_petition).delete()
    assert fallbacks.call_count == 0
