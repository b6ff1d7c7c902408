"""The public verification page: receipts and the state of the chain, no personal data."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from tyndau.audit.actions import register_actions
from tyndau.audit.selectors import parse_receipt, receipt_check, receipt_for
from tyndau.audit.services import log_head_sign, record_event
from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db

URL = "/en/audit/"


def test_receipt_format_round_trips():
    event = record(1)[0]
    code = receipt_for(event)
    assert code == f"1-{event.hash[:16]}"
    assert parse_receipt(code.upper()) == (1, event.hash[:16])
    assert receipt_check(code=code).found
    assert not receipt_check(code=f"1-{'0' * 16}").found
    assert parse_receipt("hello") is None


def test_anyone_checks_a_receipt_without_seeing_personal_data(client, cast):
    register_actions({"tests.appeal.forwarded": "Forwarded to another body"})
    with transaction.atomic():
        event = record_event(
            actor=cast.citizen, action="tests.appeal.forwarded", obj=cast.body_a, payload={"note": "secret-ish"}
        )
    with translation.override("en"):  # the active language is whatever the last request left
        assert reverse("audit:verify") == URL
    response = client.get(URL, {"receipt": receipt_for(event)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This entry is in the public record" in html
    assert "Forwarded to another body" in html
    assert event.hash in html
    for private in (cast.citizen.email, cast.citizen.first_name, cast.citizen.last_name, "secret-ish"):
        assert private not in html


def test_unknown_and_malformed_receipts(client):
    record(1)
    html = client.get(URL, {"receipt": f"7-{'a' * 16}"}).content.decode()
    assert "No entry with this receipt code" in html
    response = client.get(URL, {"receipt": "not a code"})
    html = response.content.decode()
    assert "This does not look like a receipt code." in html
    assert 'aria-describedby="id_receipt-hint id_receipt-error"' in html
    assert 'value="not a code"' in html


def test_page_shows_chain_status_signed_head_and_public_key(client):
    from django.core.management import call_command

    events = record(3)
    log_head_sign()
    call_command("audit_verify")
    html = client.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert events[-1].hash in html
    assert f"tyndau-audit-head:v1:3:{events[-1].hash}" in html
    assert "BEGIN PUBLIC KEY" in html
    assert "intact, 3 entries checked" in html
    # HTML allows at most three digits of a second in datetime="" (the Nu checker enforces it).
    stamps = re.findall(r'datetime="([^"]+)"', html)
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", s) for s in stamps)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_page_is_translated(client, lang):
    response = client.get(f"/{lang}/audit/")
    assert response.status_code == 200
    assert "Verify the public record" not in response.content.decode()


def test_page_query_count_does_not_grow_with_the_log(client, django_assert_max_num_queries):
    events = record(30)
    log_head_sign()
    with django_assert_max_num_queries(6):  # + the latest checkpoint
        assert client.get(URL, {"receipt": receipt_for(events[3])}).status_code == 200
