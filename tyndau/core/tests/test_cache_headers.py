"""Pages that may carry personal data are never stored by a cache: `Cache-Control: private,
no-store` on every response to a signed-in person, on answers to form submissions and on pages
marked @personal_data; public pages seen anonymously and static files keep their caching."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_every_page_for_a_signed_in_person_is_private_and_not_stored(client, cast):
    client.force_login(cast.citizen)
    for url in ["/en/", "/en/accounts/", "/en/petitions/", "/en/no-such-page/"]:
        response = client.get(url)
        assert {"private", "no-store"} <= directives(response), (url, response.status_code)


def test_public_pages_seen_anonymously_keep_their_caching(client, cast):
    for url in ["/en/", "/en/petitions/"]:
        assert "no-store" not in directives(client.get(url)), url


def test_a_form_submission_echoing_typed_data_is_not_stored(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "someone@example.kz", "password": "x"})
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_an_anonymous_page_marked_personal_is_not_stored(client, cast):
    with translation.override("en"):
        url = reverse("accounts:password_reset_confirm", args=["MQ", "set-password"])
    assert {"private", "no-store"} <= directives(client.get(url))


def test_static_files_stay_cacheable_for_a_signed_in_person(client, cast):
    client.force_login(cast.citizen)
    response = client.get("/static/tyndau/tyndau.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)
