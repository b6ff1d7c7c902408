import pytest
from django.urls import reverse

from tests.cast import PASSWORD
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db


def attempt(client, password, email="citizen@example.kz", ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_lockout_after_max_failures_even_with_right_password(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        response = attempt(client, "wrong-password")
        assert response.status_code == 200
        assert "locked_out" not in response.content.decode()
    response = attempt(client, "wrong-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "15" in page  # "paused for 15 minutes"
    # the right password does not get through while locked
    assert attempt(client, PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    # another person's address from the same IP is not locked by this
    assert attempt(client, PASSWORD, email="other@example.kz").status_code == 302


def test_lockout_is_audited_without_personal_data(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 2
    attempt(client, "bad-1")
    attempt(client, "bad-2")
    event = Event.objects.get(action="accounts.login.locked_out")
    text = str(event.payload) + event.object_id
    assert event.payload["scope"] == "email"
    assert "citizen" not in text and "10.0.0.1" not in text


def test_ip_lockout_across_addresses(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 1  # IP allows 4x as many failures
    for n in range(4):
        attempt(client, "bad", email=f"guess{n}@example.kz", ip="10.9.9.9")
    assert Event.objects.filter(action="accounts.login.locked_out", payload__scope="ip").exists()
    assert "_auth_user_id" not in client.session
    assert attempt(client, PASSWORD, ip="10.9.9.9").status_code == 200
    assert attempt(client, PASSWORD, ip="10.1.1.1").status_code == 302


def test_success_resets_the_counter(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 3
    attempt(client, "bad")
    attempt(client, "bad")
    assert attempt(client, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    attempt(client, "bad")
    attempt(client, "bad")
    assert attempt(client, PASSWORD).status_code == 302


def test_the_admin_login_locks_out_after_the_same_number_of_failures(client, cast, settings):
    """Before: 30 wrong passwords at /admin/login/, then the right one, and the admin was in."""
    url = "/en/admin/login/"
    for _ in range(30):
        response = client.post(url, {"username": "admin@example.kz", "password": "wrong"}, REMOTE_ADDR="10.0.0.3")
        assert response.status_code == 200
    response = client.post(url, {"username": "admin@example.kz", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "paused for 15 minutes" in response.content.decode()
    assert Event.objects.filter(action="accounts.login.locked_out", payload__scope="email").exists()


def test_admin_and_portal_logins_share_the_counters(client, cast, settings):
    settings.LOGIN_MAX_FAILURES = 2
    attempt(client, "wrong", email="admin@example.kz")
    client.post("/en/admin/login/", {"username": "admin@example.kz", "password": "wrong"})
    assert attempt(client, PASSWORD, email="admin@example.kz").status_code == 200  # locked on the portal too
    assert "_auth_user_id" not in client.session
