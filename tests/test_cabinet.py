"""The cabinet links to every page of a person's work (tyndau.core.work). Found by trying the portal as
officials would: the akimat's queue of assemblies, the higher body's complaints about assemblies, the
maslikhat's register of places and the registrar's queue existed, but nothing linked to them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.cast import make_user
from tyndau.accounts.models import Membership, Role
from tyndau.assemblies.tests.conftest import make_maslikhat

pytestmark = pytest.mark.django_db


def _cabinet(user: Any, lang: str = "en") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/{lang}/accounts/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_official_finds_their_queues_in_the_cabinet(cast: Any) -> None:
    html = _cabinet(cast.official_a)
    assert f'href="/en/assemblies/queue/{cast.body_a.pk}/"' in html
    assert 'href="/en/assemblies/challenges/"' not in html  # body A decides no complaints

    higher = make_user("higher.cabinet@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=higher, body=cast.higher_body, position="Specialist")
    assert 'href="/en/assemblies/challenges/"' in _cabinet(higher)

    html = _cabinet(cast.registrar, "ru")
    assert f'href="/ru/associations/queue/{cast.justice.pk}/"' in html
    assert f"Объединения на регистрацию: {cast.justice.name_ru}" in html

    maslikhat = make_maslikhat(cast, "cabinet-maslikhat", cast.body_a)
    editor = make_user("places.cabinet@example.kz", Role.PLACES_EDITOR)
    Membership.objects.create(user=editor, body=maslikhat, position="Specialist")
    html = _cabinet(editor, "kk")
    assert f'href="/kk/assemblies/places/edit/{maslikhat.pk}/"' in html and "Арнайы орындар: Мәслихат" in html


def test_a_citizen_finds_their_own_pages_and_no_queue(cast: Any) -> None:
    html = _cabinet(cast.citizen)
    assert 'href="/en/assemblies/mine/"' in html and 'href="/en/associations/mine/"' in html
    for queue in ("/assemblies/queue/", "/assemblies/challenges/", "/associations/queue/", "/places/edit/"):
        assert queue not in html


def test_no_link_leads_to_a_page_the_role_may_not_open(cast: Any) -> None:
    """A justice department clerk without the registrar role does not get the registration queue, which
    would answer 403; the link follows the same role the page requires."""
    clerk = make_user("justice.clerk@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=clerk, body=cast.justice, position="Clerk")
    html = _cabinet(clerk)
    assert "/associations/queue/" not in html
    client = Client()
    client.force_login(clerk)
    assert client.get(f"/en/associations/queue/{cast.justice.pk}/").status_code == 403


def test_a_member_without_an_official_role_gets_no_appeals_queue(cast: Any) -> None:
    clerk = make_user("registry.clerk@example.kz", Role.REGISTRAR)
    Membership.objects.create(user=clerk, body=cast.body_a, position="Clerk")
    assert "/appeals/queue/" not in _cabinet(clerk)
    client = Client()
    client.force_login(clerk)
    assert client.get(f"/en/appeals/queue/{cast.body_a.pk}/").status_code == 403
