"""The client address every per-IP limit uses: X-Forwarded-For only from a trusted proxy, read from
the right, skipping our own proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.cast import PASSWORD
from tyndau.audit.models import Event
from tyndau.core.client_ip import client_ip

PROXY = "10.0.0.5"


def ip_of(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.fixture
def trusted(settings):
    settings.TYNDAU_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]


def test_a_direct_client_spoofing_x_forwarded_for_is_ignored(trusted):
    assert ip_of("203.0.113.9", "198.51.100.1") == "203.0.113.9"
    assert ip_of("203.0.113.9", "10.0.0.7") == "203.0.113.9"  # not even a trusted-looking value


def test_through_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(trusted):
    assert ip_of(PROXY, "198.51.100.1") == "198.51.100.1"
    # The client wrote "1.2.3.4" itself; our proxies appended the real address and each other's.
    assert ip_of(PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.9") == "198.51.100.1"
    assert ip_of("2001:db8::1", "2001:db8::2, 2a00:1450::1") == "2a00:1450::1"
    assert ip_of("::ffff:10.0.0.5", " 198.51.100.2 ") == "198.51.100.2"


def test_edge_cases_fall_back_to_the_last_address_known(trusted):
    assert ip_of(PROXY) == PROXY  # a probe by the proxy itself
    assert ip_of(PROXY, "10.0.0.8, 10.0.0.9") == "10.0.0.8"  # only our own hops
    assert ip_of(PROXY, "garbage, 10.0.0.9") == "10.0.0.9"
    assert ip_of(PROXY, "") == PROXY


def test_without_trusted_proxies_remote_addr_is_the_client(settings):
    settings.TYNDAU_TRUSTED_PROXIES = []
    assert ip_of(PROXY, "198.51.100.1") == PROXY


@pytest.mark.django_db
def test_behind_the_proxy_one_persons_failures_do_not_lock_out_everyone(client, cast, settings, trusted):
    """Before: every request came from the proxy's address, and its IP lockout locked out all."""
    settings.LOGIN_MAX_FAILURES = 1  # an IP may fail 4 times

    def attempt(email, password, forwarded):
        return client.post(
            reverse("accounts:login"),
            {"username": email, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(4):
        attempt(f"guess{n}@example.kz", "bad", "198.51.100.66")
    assert Event.objects.filter(action="accounts.login.locked_out", payload__scope="ip").exists()
    assert attempt("citizen@example.kz", PASSWORD, "198.51.100.66").status_code == 200  # the guesser is locked
    assert attempt("citizen@example.kz", PASSWORD, "203.0.113.20").status_code == 302  # everyone else is not
