from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import action_label, actor_role_label, register_actions, register_payload_fields
from tyndau.audit.selectors import timeline_for
from tyndau.audit.services import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_unknown_codes_fall_back_to_the_code():
    assert action_label("nobody.registered.this") == "nobody.registered.this"


def test_codes_must_be_namespaced():
    with pytest.raises(ValueError):
        register_actions({"forwarded": "Forwarded"})


def test_timeline_is_translated_and_public_safe(cast, settings):
    settings.AUDIT_STRICT_ACTIONS = False  # to show how an unregistered code falls back
    # "System" is in the audit catalogue, so the label follows the active language.
    register_actions({"tests.body.checked": _("System")})
    register_payload_fields({"to_status": _("System")})
    with transaction.atomic():
        record_event(
            actor=cast.official_a,
            action="tests.body.checked",
            obj=cast.body_a,
            actor_label="official",
            payload={"to_status": "checked", "iin_hash": "abc"},
        )
        record_event(actor=AnonymousUser(), action="tests.body.unknown", obj=cast.body_a)
        record_event(actor=None, action="tests.body.checked", obj=cast.body_b)
    entries = timeline_for(cast.body_a)
    assert [e.action for e in entries] == ["tests.body.checked", "tests.body.unknown"]
    first, second = entries
    assert first.label == "System" and first.actor_role == "Official"
    assert first.details == [("System", "checked")]  # iin_hash is not a registered public field
    assert second.label == "tests.body.unknown" and second.actor_role == "System"
    with translation.override("ru"):
        entry = timeline_for(cast.body_a)[0]
        assert entry.label == "Система"
        assert entry.label != "System"
    html = Template("{% load audit %}{% audit_timeline body %}").render(Context({"body": cast.body_a}))
    assert "tests.body.unknown" in html and first.receipt in html
    assert cast.official_a.first_name not in html


def test_actor_role_labels_never_show_names():
    assert actor_role_label("system") == "System"
    assert actor_role_label("official") == "Official"
    assert actor_role_label("Asan Officialov") == "Registered user"


def test_an_officials_action_shows_the_role_and_body_never_registered_user(cast):
    """Issue 10.26: "Registered user" was shown as the actor of an official's action."""
    with transaction.atomic():
        record_event(actor=cast.official_a, action="appeals.appeal.answered", obj=cast.body_a)
        record_event(actor=cast.citizen, action="appeals.appeal.rated", obj=cast.body_a)
        record_event(actor=None, action="appeals.appeal.deemed_refused", obj=cast.body_a, actor_label="system")
    official, applicant, sweep = timeline_for(cast.body_a)
    body = cast.body_a.name_en
    assert official.actor_role == f"Official of {body}"
    assert applicant.actor_role == "Applicant"
    assert sweep.actor_role == "System (deadline sweep)"
    with translation.override("ru"):
        official_ru = timeline_for(cast.body_a)[0].actor_role
    assert cast.body_a.name_ru in official_ru and "Official" not in official_ru
    for entry in (official, applicant, sweep):
        assert cast.official_a.first_name not in entry.actor_role and "Registered user" not in entry.actor_role


def test_closing_is_labelled_by_who_closed(cast):
    """appeals.appeal.closed: the applicant, or an official of the body (owner_or)."""
    from tyndau.audit.actions import resolve_actor_label

    class Appeal:
        applicant_id = cast.citizen.pk

    by_applicant = resolve_actor_label(
        action="appeals.appeal.closed", actor=cast.citizen, actor_id=cast.citizen.pk, obj=Appeal()
    )
    by_official = resolve_actor_label(
        action="appeals.appeal.closed", actor=cast.official_a, actor_id=cast.official_a.pk, obj=Appeal()
    )
    assert by_applicant == "applicant"
    assert by_official == f"official@{cast.body_a.pk}"
