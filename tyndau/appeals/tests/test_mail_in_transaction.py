"""ADR 0003: an appeal's e-mail is queued in the transaction of the change — a rolled-back change leaves
no outbox row, a committed one leaves its row even if nothing runs after the commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


def test_a_rolled_back_filing_queues_no_mail(cast: Any, file_appeal: Any) -> None:
    with pytest.raises(Crash), transaction.atomic():
        file_appeal()
        raise Crash
    assert not OutgoingEmail.objects.exists()


def test_a_committed_filing_has_its_mail_row_before_any_after_commit_callback(
    cast: Any, file_appeal: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        appeal = file_appeal()
    assert list(OutgoingEmail.objects.values_list("to_address", flat=True)) == [appeal.applicant.email]
