""" "Was it fixed?": asked once, weeks after a satisfied answer; the answer shows in the body's figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tyndau.appeals import rules
from tyndau.appeals.models import FixReport
from tyndau.appeals.services import appeal_answer, fix_questionnaires_send
from tyndau.appeals.services.fixed import fix_token

pytestmark = pytest.mark.django_db


def test_questionnaire_timing_answer_and_figures(
    cast: Any, file_appeal: Any, at_monday: Any, django_capture_on_commit_callbacks: Any
) -> None:
    appeal = file_appeal()
    appeal_answer(actor=cast.official_a, appeal=appeal, outcome="satisfied", text="The streetlight is repaired.")
    refused = file_appeal()
    appeal_answer(actor=cast.official_a, appeal=refused, outcome="explained", text="Explained to the applicant.")
    assert fix_questionnaires_send() == 0  # too early
    days = rules.fix_questionnaire_days()
    at_monday.shift(dt.timedelta(days=days - 1))
    assert fix_questionnaires_send() == 0
    at_monday.shift(dt.timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert fix_questionnaires_send() == 1  # only the satisfied one
        assert fix_questionnaires_send() == 0  # asked once
    (letter,) = mail.outbox
    assert letter.to == [cast.citizen.email] and "/appeals/fixed/" in letter.body
    report = FixReport.objects.get(appeal=appeal)

    client = Client()
    url = reverse("appeals:fixed", args=[fix_token(report.pk)])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"answer": "maybe", "comment": "x"})
    assert bad.status_code == 400 and b"error-summary" in bad.content
    too_long = client.post(url, {"answer": "fixed", "comment": "y" * 1001})
    assert too_long.status_code == 400
    assert client.post(url, {"answer": "fixed", "comment": "Thank you, Asan"}).status_code == 302
    assert client.post(url, {"answer": "not_fixed"}).status_code == 200  # answered once; the form is gone
    report.refresh_from_db()
    assert report.answer == "fixed"
    assert client.get(reverse("appeals:fixed", args=["forged"])).status_code == 404

    from django.core.cache import cache

    cache.clear()
    page = client.get(reverse("transparency:body", args=[cast.body_a.slug])).content.decode()
    assert "100" in page and "(1 " in page
    assert "Thank you, Asan" not in page


def test_rule_is_configurable(settings: Any) -> None:
    settings.APPEAL_RULES = {"fix_questionnaire_days": 10}
    assert rules.fix_questionnaire_days() == 10
    assert rules.FIX_QUESTIONNAIRE.confirmed is False
