import pytest
from django.urls import reverse

from tests.cast import PASSWORD
from tyndau.accounts.tests.conftest import link_in, path_of
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "brand-New-phrase-2026"


def test_password_reset_by_mail_in_users_language(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    cast.citizen.preferred_language = "ru"
    cast.citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "citizen@example.kz"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "пароля" in mailoutbox[0].subject.lower()
    response = client.get(path_of(link_in(mailoutbox[0].body)), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert Event.objects.filter(action="accounts.user.password_set", payload__via="reset").exists()
    assert client.login(username="citizen@example.kz", password=NEW_PASSWORD)


def test_reset_for_unknown_address_sends_nothing(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "ghost@example.kz"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_used_reset_link_is_refused_clearly(client):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert reverse("accounts:password_reset") in response.content.decode()


def test_password_change(client, cast):
    client.force_login(cast.citizen)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    cast.citizen.refresh_from_db()
    assert cast.citizen.check_password(NEW_PASSWORD)
    assert Event.objects.filter(action="accounts.user.password_set", payload__via="change").exists()
