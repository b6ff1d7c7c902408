"""The e-mail signing path's cheap parts behave as the plain ones: rate limits in one Redis
round trip, regions validated from a cached list, confirmation in one UPDATE, a cached page."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tyndau.petitions import fraud, surge
from tyndau.petitions.errors import RateLimited
from tyndau.petitions.surge import pages

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request: Any, settings: Any) -> Iterator[str]:
    """The default cache as LocMem (tests, development) and as our Redis backend (production)."""
    if request.param == "redis":
        if not _redis_available():
            # As the browser guard (tests/harness/browser.py): loud locally, a failure in CI.
            if os.environ.get("CI"):
                pytest.fail(f"no Redis at {REDIS_URL} and CI requires it", pytrace=False)
            pytest.skip("no Redis at " + REDIS_URL)
        from django.core.cache import cache

        settings.CACHES = {
            "default": {
                "BACKEND": "tyndau.core.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # no collision with another run on the same db
            }
        }
        yield request.param
        cache.clear()
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
        }
        yield request.param


def _check(ip: str | None, email: str, petition_id: int = 1) -> None:
    fraud.check_rate_limits(ip=ip, domain=fraud.email_domain(email), email=email, petition_id=petition_id)


def test_rate_limits_block_at_the_limit_on_each_backend(any_cache: str, settings: Any) -> None:
    from django.core.cache import caches

    assert (type(caches["default"]).__name__ == "RedisCache") == (any_cache == "redis")
    settings.TYNDAU_PETITION_RULES = {"rate_limit_per_ip_per_hour": 2, "rate_limit_per_domain_per_hour": 3}
    _check("10.0.0.1", "a@gmail.com")
    _check("10.0.0.1", "b@gmail.com")
    with pytest.raises(RateLimited):
        _check("10.0.0.1", "c@gmail.com")
    _check("10.0.0.2", "a@bots.kz")
    _check("10.0.0.3", "b@bots.kz")
    _check("10.0.0.4", "c@bots.kz")
    with pytest.raises(RateLimited):
        _check("10.0.0.5", "d@bots.kz")
    _check("10.0.0.6", "e@gmail.com")  # large providers are not limited per domain
    for _ in range(3):  # a family mailbox: three signatures of one petition
        _check(None, "family@mail.ru", petition_id=7)
    with pytest.raises(RateLimited):
        _check(None, "family@mail.ru", petition_id=7)
    _check(None, "family@mail.ru", petition_id=8)  # per petition


def test_a_refused_request_does_not_count_against_later_limits(any_cache: str, settings: Any) -> None:
    settings.TYNDAU_PETITION_RULES = {"rate_limit_per_ip_per_hour": 1, "rate_limit_per_domain_per_hour": 2}
    _check("10.0.0.1", "a@small.kz")  # ip 1/1, domain 1/2
    with pytest.raises(RateLimited):
        _check("10.0.0.1", "b@small.kz")  # refused by the IP limit: the domain is not counted
    _check("10.0.0.2", "c@small.kz")  # domain 2/2
    with pytest.raises(RateLimited):
        _check("10.0.0.3", "d@small.kz")


def test_rate_limit_keys_hold_no_address_and_expire(any_cache: str) -> None:
    _check("203.0.113.9", "someone@small.kz", petition_id=3)
    if any_cache == "redis":
        from django.core.cache import caches

        client = caches["default"]._cache.get_client(write=True)  # type: ignore[attr-defined]
        keys = [k.decode() for k in client.scan_iter(match=f"{caches['default'].key_prefix}*")]
        ttls = [client.ttl(k) for k in keys]
        assert len(keys) == 3 and all(0 < t <= 7 * 86400 + 5 for t in ttls)
    else:
        from django.core.cache import cache

        keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys
    for key in keys:
        assert "203.0.113.9" not in key and "someone" not in key and "small.kz" not in key


# ---------------------------------------------------------------- region without a query
def _plain_region_error(value: Any) -> list[str]:
    from django import forms
    from django.core.exceptions import ValidationError

    from tyndau.authorities.models import Region

    try:
        forms.ModelChoiceField(queryset=Region.objects.all()).clean(value)
    except ValidationError as error:
        return list(error.messages)
    raise AssertionError("the plain field accepted " + repr(value))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("value", ["999999", "abc", "1.5", "-1"])
def test_region_unknown_id_rejected_with_the_same_translated_message(pcast: Any, value: str, language: str) -> None:
    from django.utils import translation

    from tyndau.petitions.forms import SignForm

    from .conftest import make_iin

    data = {"first_name": "A", "last_name": "B", "iin": make_iin(0), "email": "a@example.kz", "region": value}
    with translation.override(language):
        form = SignForm(data)
        assert not form.is_valid()
        assert form.errors["region"] == _plain_region_error(value)
        assert form.errors.as_data()["region"][0].code == "invalid_choice"


def test_region_valid_without_a_query_and_follows_admin_changes(pcast: Any, django_assert_num_queries: Any) -> None:
    from tyndau.authorities.models import Region
    from tyndau.petitions.forms import SignForm

    from .conftest import make_iin

    def form(region: Any) -> SignForm:
        return SignForm(
            {"first_name": "A", "last_name": "B", "iin": make_iin(0), "email": "a@example.kz", "region": region}
        )

    assert form(pcast.region.pk).is_valid()  # loads the list once
    with django_assert_num_queries(0):
        first = form(str(pcast.region.pk))
        assert first.is_valid()
    got = first.cleaned_data["region"]
    assert got == pcast.region and got.iso_code == pcast.region.iso_code and not got._state.adding
    new = Region.objects.create(name_kk="Жаңа", name_ru="Новая", name_en="New", iso_code="KZ-XX", kato_code="999")
    assert form(new.pk).is_valid()  # a region added in the admin is valid at once
    new_pk = new.pk
    new.delete()
    assert not form(new_pk).is_valid()  # and a deleted one invalid at once
    assert not form("").is_valid() and form("").errors["region"]  # still required


# ---------------------------------------------------------------- confirmation in one statement
def _pending(petition: Any, n: int, region: Any = None) -> Any:
    from tyndau.petitions import services

    from .conftest import make_iin

    return services.signature_create(
        petition_id=petition.pk,
        first_name="A",
        last_name="B",
        iin=make_iin(n),
        email=f"s{n}@example.kz",
        region_id=region.pk if region else None,
        show_name=False,
        notify_on_response=False,
        ip=None,
        language="kk",
    )


def test_confirm_is_one_statement_and_idempotent(open_petition: Any, django_assert_num_queries: Any) -> None:
    from tyndau.petitions import services
    from tyndau.petitions.models import Signature

    sig = _pending(open_petition, 1)
    token = services.confirmation_token(sig.pk)
    with django_assert_num_queries(1):
        first = services.signature_confirm(token=token)
    assert first.pk == sig.pk and first.petition_id == open_petition.pk and first.status == "confirmed"
    stored = Signature.objects.get(pk=sig.pk)
    assert stored.status == "confirmed" and stored.confirmed_at is not None
    again = services.signature_confirm(token=token)  # a second click changes nothing
    assert again.pk == sig.pk and again.petition_id == open_petition.pk and again.status == "confirmed"
    assert Signature.objects.get(pk=sig.pk).confirmed_at == stored.confirmed_at


@pytest.mark.parametrize("closed", ["status", "period"])
def test_confirm_refused_when_the_petition_no_longer_collects(open_petition: Any, closed: str) -> None:
    import datetime as dt

    from tyndau.petitions import services
    from tyndau.petitions.errors import SigningClosed
    from tyndau.petitions.models import Petition, Signature

    sig = _pending(open_petition, 2)
    if closed == "status":
        Petition.objects.filter(pk=open_petition.pk).update(status="closed")
    else:
        Petition.objects.filter(pk=open_petition.pk).update(closes_on=dt.date(2020, 1, 1))
    surge.forget_signing_state(open_petition.pk)
    with pytest.raises(SigningClosed):
        services.signature_confirm(token=services.confirmation_token(sig.pk))
    assert Signature.objects.get(pk=sig.pk).status == "pending"


def test_confirm_of_an_invalidated_or_unknown_signature_is_an_invalid_link(client: Any, open_petition: Any) -> None:
    from django.urls import reverse

    from tyndau.petitions import services
    from tyndau.petitions.errors import InvalidLink
    from tyndau.petitions.models import Signature

    sig = _pending(open_petition, 3)
    Signature.objects.filter(pk=sig.pk).update(status="invalidated")
    for pk in (sig.pk, 10**9):
        with pytest.raises(InvalidLink):
            services.signature_confirm(token=services.confirmation_token(pk))
        page = client.get(reverse("petitions:confirm", args=[services.confirmation_token(pk)]))
        assert page.status_code == 400 and "petitions/link_problem.html" in [t.name for t in page.templates]
    assert Signature.objects.get(pk=sig.pk).status == "invalidated"


# ---------------------------------------------------------------- the cached confirmation page
def _csrf_secret(html: str) -> str:
    import re

    from django.middleware.csrf import _unmask_cipher_token

    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1, tokens
    return _unmask_cipher_token(tokens.pop())


def _without_csrf(html: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)


def _anonymous_request(path: str) -> Any:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_cached_confirmation_page_is_the_normal_render(open_petition: Any, language: str) -> None:
    from django.shortcuts import render
    from django.utils import translation

    from tyndau.petitions import rules, views

    path = f"/{language}/petitions/confirm/abc:def/?x=<b>&y=\"q\"&z='s'"
    with translation.override(language):
        expected = render(
            _anonymous_request(path),
            "petitions/confirmed.html",
            {"petition_id": open_petition.pk, "interval": rules.value("count_interval_seconds")},
        ).content.decode()
        for _ in range(2):  # a miss that fills the cache, then a hit
            request = _anonymous_request(path)
            page = views._confirmed_page(request, open_petition.pk).content.decode()
            assert page == expected
            # No form on the page, so no CSRF token and no cookie for the reader.
            assert "csrfmiddlewaretoken" not in page and "CSRF_COOKIE" not in request.META
    assert "&amp;y=" in expected and pages._PATH_PLACEHOLDER not in expected
    assert 'href="/ru/petitions/confirm/abc:def/?x=' in expected  # the language links keep the path


def test_cached_confirmation_page_holds_nothing_of_a_visitor(client: Any, open_petition: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    from tyndau.petitions import rules, services

    tokens = [services.confirmation_token(_pending(open_petition, 10 + i).pk) for i in range(2)]
    rendered = []
    for token in tokens:
        visitor = Client()
        response = visitor.get(reverse("petitions:confirm", args=[token]))
        assert response.status_code == 200
        html = response.content.decode()
        assert token in html and not response.cookies, "a reader gets no cookie"
        rendered.append(html)
    assert tokens[0] not in rendered[1] and tokens[1] not in rendered[0]
    interval = rules.value("count_interval_seconds")
    stored = pages._shared_pages[f"confirmed:kk:{open_petition.pk}:{interval}"][2]
    assert not any(token in stored for token in tokens)


def test_a_shared_page_with_a_form_gets_the_visitors_own_token() -> None:
    """Pages shared between readers carry no form today; one that does gets each visitor's token."""

    page = f'<form method="post"><input name="csrfmiddlewaretoken" value="{pages._CSRF_PLACEHOLDER}"></form>'
    for _ in range(2):
        request = _anonymous_request("/kk/petitions/1/")
        html = pages._filled(request, page).content.decode()
        assert pages._CSRF_PLACEHOLDER not in html
        assert _csrf_secret(html) == request.META["CSRF_COOKIE"]


def test_signed_in_visitors_and_visitors_with_messages_get_the_normal_render(
    client: Any, pcast: Any, open_petition: Any
) -> None:
    from django.contrib import messages
    from django.urls import reverse

    from tyndau.petitions import rules, services, views

    key = f"confirmed:kk:{open_petition.pk}:{rules.value('count_interval_seconds')}"
    pages._shared_pages.clear()
    client.force_login(pcast.citizen)
    page = client.get(reverse("petitions:confirm", args=[services.confirmation_token(_pending(open_petition, 20).pk)]))
    assert page.status_code == 200 and "petitions/confirmed.html" in [t.name for t in page.templates]
    assert key not in pages._shared_pages

    request = _anonymous_request(f"/kk/petitions/confirm/{services.confirmation_token(1)}/")
    messages.info(request, "A flashed note for this visitor only")
    html = views._confirmed_page(request, open_petition.pk).content.decode()
    assert "A flashed note for this visitor only" in html
    assert key not in pages._shared_pages


def test_no_save_signal_receivers_on_signatures() -> None:
    """Both signing paths INSERT without save(): a pre_save/post_save receiver would be skipped."""
    from django.db.models.signals import post_save, pre_save

    from tyndau.petitions.models import Signature

    assert not pre_save.has_listeners(Signature) and not post_save.has_listeners(Signature)
