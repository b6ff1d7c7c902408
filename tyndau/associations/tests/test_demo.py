from __future__ import annotations

import io
from typing import Any

import pytest

from tyndau.associations.models import Amendment, Application, Document, Status

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_several_rounds_and_runs_twice(settings: Any) -> None:
    from tyndau.accounts import demo as accounts_demo
    from tyndau.associations import demo

    settings.ASSOCIATION_RULES = {}
    out = io.StringIO()
    accounts_demo.seed(out)
    demo.seed(out)
    assert "10 demo application(s) created" in out.getvalue(), out.getvalue()
    assert {a.status for a in Application.objects.all()} == set(Status.values)
    assert Application.objects.filter(round__gte=2).count() >= 2
    assert "3 demo amendment(s) created" in out.getvalue(), out.getvalue()
    assert set(Amendment.objects.values_list("status", flat=True)) == {"registered", "submitted", "refused"}
    assert Document.objects.filter(kind=Document.Kind.SIGNED_APPLICATION).count() == 1
    demo.seed(out)
    assert Application.objects.count() == 10
    assert Amendment.objects.count() == 3 and Document.objects.count() == 4
