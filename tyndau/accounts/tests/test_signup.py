import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tyndau.accounts.models import Consent, IdentityVerification, Role, User
from tyndau.accounts.tests.conftest import PASSWORD, link_in, path_of
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "Aigul@Example.kz",
        "first_name": "Айгүл",
        "last_name": "Серікова",
        "patronymic": "",
        "preferred_language": "ru",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return data


def register(client, mailoutbox, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data(**overrides))
    assert response.status_code == 302, response.content.decode()
    return User.objects.get(email="aigul@example.kz")


def test_signup_creates_citizen_with_consent_and_sends_russian_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = register(client, mailoutbox, django_capture_on_commit_callbacks)
    assert user.has_any_role(Role.CITIZEN)
    assert user.email_verified_at is None
    consent = Consent.objects.get(user=user)
    assert consent.purpose == Consent.Purpose.ACCOUNT and consent.source == "signup_form" and consent.given_at
    event = Event.objects.get(action="accounts.user.registered")
    assert "aigul" not in str(event.payload).lower() and "Айгүл" not in str(event.payload)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["aigul@example.kz"]
    assert "Подтвердите" in mail.subject  # rendered in the person's language
    assert "/ru/accounts/verify/" in mail.body
    assert "aigul" not in link_in(mail.body).lower()  # no personal data in the URL


def test_follow_link_confirms_email(client, mailoutbox, django_capture_on_commit_callbacks):
    user = register(client, mailoutbox, django_capture_on_commit_callbacks)
    response = client.get(path_of(link_in(mailoutbox[0].body)))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert IdentityVerification.objects.filter(user=user, method="email").count() == 1
    # a second click is harmless
    assert client.get(path_of(link_in(mailoutbox[0].body))).status_code == 302
    assert IdentityVerification.objects.filter(user=user, method="email").count() == 1


def test_expired_link_shows_clear_page_and_resend(client, mailoutbox, django_capture_on_commit_callbacks):
    user = register(client, mailoutbox, django_capture_on_commit_callbacks)
    path = path_of(link_in(mailoutbox[0].body))
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=4)):
        response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Срок действия ссылки истёк" in page
    assert reverse("accounts:resend_verification") in page
    user.refresh_from_db()
    assert user.email_verified_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_verification"), {"email": "aigul@example.kz"})
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert client.get(path_of(link_in(mailoutbox[1].body))).status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None


@pytest.mark.parametrize("mangle", [lambda t: t[:-3] + "abc", lambda t: "nonsense", lambda t: t.replace(":", "x", 1)])
def test_forged_link_is_refused(client, mailoutbox, django_capture_on_commit_callbacks, mangle):
    user = register(client, mailoutbox, django_capture_on_commit_callbacks)
    token = path_of(link_in(mailoutbox[0].body)).rstrip("/").rsplit("/", 1)[1]
    response = client.get(reverse("accounts:verify_email", args=[mangle(token)]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_link_of_another_address_is_refused(client, mailoutbox, django_capture_on_commit_callbacks):
    user = register(client, mailoutbox, django_capture_on_commit_callbacks)
    User.objects.filter(pk=user.pk).update(email="changed@example.kz")
    assert client.get(path_of(link_in(mailoutbox[0].body))).status_code == 400


def test_resend_does_not_reveal_unknown_addresses(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_verification"), {"email": "nobody@example.kz"}, follow=True)
    assert response.status_code == 200
    assert mailoutbox == []


def test_form_errors_keep_typed_input_and_are_linked(client):
    response = client.post(reverse("accounts:signup"), signup_data(password2="different-pass-99", consent=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Aigul@Example.kz"' in page or 'value="aigul@example.kz"' in page
    assert 'value="Серікова"' in page
    assert 'id="id_password2_error"' in page and 'aria-describedby="id_password2_error"' in page
    assert 'id="id_consent_error"' in page
    assert page.count("<h1") == 1
    assert not User.objects.exists()


def test_signup_does_not_tell_whether_an_address_has_an_account(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    """Before: "An account with this e-mail address already exists" on the form, to anyone."""
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(reverse("accounts:signup"), signup_data(email="CITIZEN@example.kz"), follow=True)
        fresh = client.post(reverse("accounts:signup"), signup_data(email="new.person@example.kz"), follow=True)
    assert taken.redirect_chain == fresh.redirect_chain == [(reverse("accounts:signup_done"), 302)]
    assert taken.content == fresh.content
    assert User.objects.filter(email__iexact="citizen@example.kz").count() == 1
    assert not User.objects.get(email="citizen@example.kz").check_password(PASSWORD)  # nothing changed
    letters = {message.to[0]: message for message in mailoutbox}
    # The mailbox's owner is told, with the way in; the new address gets its confirmation link.
    assert "/accounts/password/reset/" in letters["citizen@example.kz"].body
    assert "/accounts/password/reset/" not in letters["new.person@example.kz"].body
    assert letters["citizen@example.kz"].subject != letters["new.person@example.kz"].subject


def test_repeated_signups_with_a_taken_address_send_one_letter_an_hour(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(reverse("accounts:signup"), signup_data(email="citizen@example.kz"))
    assert [message.to for message in mailoutbox] == [["citizen@example.kz"]]


def test_signin_and_signout(client, cast):
    from tests.cast import PASSWORD as CAST_PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "Citizen@Example.kz", "password": CAST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # a link cannot sign out
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302
