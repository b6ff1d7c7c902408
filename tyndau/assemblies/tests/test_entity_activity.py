"""Issue 13: an association's organisation page counts the assembly notifications it submitted by its BIN."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tyndau.appeals.tests.test_legal_entity import BIN, OTHER_BIN, _association


def test_association_page_counts_assembly_notifications(at_wednesday: Any, cast: Any, notify: Any) -> None:
    association = _association(cast.organisation, cast.justice)
    notify(actor=cast.organisation, organisation_name="ОО «Зелёный город»", organisation_bin=BIN)
    notify(actor=cast.organisation, organisation_name="Another NGO", organisation_bin=OTHER_BIN)  # another BIN
    notify()  # a citizen for himself: no entity
    body = Client().get(f"/ru/associations/registry/{association.number}/").content.decode()
    section = body.split("Уведомления о собраниях")[1][:80]
    assert "<dd>1</dd>" in section
    assert cast.organisation.email not in body


def test_no_activity_before_registration(cast: Any) -> None:
    from tyndau.associations.models import Status

    association = _association(cast.organisation, cast.justice, status=Status.SUBMITTED, bin="")
    body = Client().get(f"/en/associations/registry/{association.number}/").content.decode()
    assert "On the platform" not in body
