"""Every (from, to) pair of ALLOWED_TRANSITIONS: allowed moves go through their service, forbidden ones
raise InvalidTransition (or the rule's own error) and change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from tyndau.assemblies import services
from tyndau.assemblies.errors import InvalidTransition
from tyndau.assemblies.models import ALLOWED_TRANSITIONS, Assembly, Status
from tyndau.assemblies.tests.conftest import EVENT_DAY, at
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db

ALL = [s.value for s in Status]


def _reach(status: str, notify: Any, cast: Any, organiser: Any, grounds: dict[str, Any]) -> Assembly:
    """A request in `status`, made through the services (time moves to the event day for outcomes)."""
    official = cast.official_a
    proc_form = "march" if status == Status.UNANSWERED else "rally"
    a = notify(form=proc_form)
    if status == Status.SUBMITTED:
        return a
    if status in (Status.HELD_AS_NOTIFIED, Status.UNANSWERED):
        with time_machine.travel(at(a.reply_due + dt.timedelta(days=1), 12), tick=False):
            return services.assembly_deem_silent(assembly=a) or a
    if status == Status.WITHDRAWN:
        return services.assembly_withdraw(actor=organiser, assembly=a)
    if status == Status.ACCEPTED:
        return services.assembly_accept(actor=official, assembly=a)
    if status == Status.ACCEPTED_WITH_CONDITIONS:
        return services.assembly_accept_with_conditions(
            actor=official, assembly=a, conditions=["no_sound"], reasons="Hospital nearby."
        )
    if status == Status.REFUSED:
        return services.assembly_refuse(
            actor=official, assembly=a, grounds=[grounds["assemblies.threat-to-safety"]], reasons="Reasons."
        )
    proposed = services.assembly_propose_alternative(
        actor=official,
        assembly=a,
        place_description="Park of the First President",
        starts_at=at(EVENT_DAY, 14),
        ends_at=at(EVENT_DAY, 16),
        reasons="The square is being repaired.",
    )
    if status == Status.ALTERNATIVE_PROPOSED:
        return proposed
    accepted = services.alternative_accept(actor=organiser, assembly=a)
    if status == Status.ALTERNATIVE_ACCEPTED:
        return accepted
    with time_machine.travel(at(EVENT_DAY, 18), tick=False):
        return services.assembly_record_outcome(
            actor=official,
            assembly=a,
            outcome=status,
            note="Occupancy exceeded with a real threat." if status == Status.STOPPED else "",
            grounds=[grounds["assemblies.occupancy-exceeded"]] if status == Status.STOPPED else [],
        )


def _move(to: str, cast: Any, organiser: Any, grounds: dict[str, Any]) -> Callable[[Assembly], Any]:
    official = cast.official_a
    calls: dict[str, Callable[[Assembly], Any]] = {
        Status.SUBMITTED: lambda a: services.alternative_decline(actor=organiser, assembly=a),
        Status.ACCEPTED: lambda a: services.assembly_accept(actor=official, assembly=a),
        Status.ACCEPTED_WITH_CONDITIONS: lambda a: services.assembly_accept_with_conditions(
            actor=official, assembly=a, conditions=["no_structures"], reasons="Narrow pavement."
        ),
        Status.ALTERNATIVE_PROPOSED: lambda a: services.assembly_propose_alternative(
            actor=official,
            assembly=a,
            place_description="Another square",
            starts_at=at(EVENT_DAY, 10),
            ends_at=at(EVENT_DAY, 12),
            reasons="Another event.",
        ),
        Status.ALTERNATIVE_ACCEPTED: lambda a: services.alternative_accept(actor=organiser, assembly=a),
        Status.REFUSED: lambda a: services.assembly_refuse(
            actor=official, assembly=a, grounds=[grounds["assemblies.threat-to-safety"]], reasons="Reasons."
        ),
        Status.WITHDRAWN: lambda a: services.assembly_withdraw(actor=organiser, assembly=a),
    }
    for outcome in (Status.HELD, Status.NOT_HELD, Status.STOPPED):
        calls[outcome] = lambda a, outcome=outcome: services.assembly_record_outcome(
            actor=official,
            assembly=a,
            outcome=outcome,
            note="Stopped: real threat." if outcome == Status.STOPPED else "",
            grounds=[grounds["assemblies.occupancy-exceeded"]] if outcome == Status.STOPPED else [],
        )
    return calls[to]


SILENCE = {Status.HELD_AS_NOTIFIED, Status.UNANSWERED}
OUTCOME = {Status.HELD, Status.NOT_HELD, Status.STOPPED}


@pytest.mark.parametrize(
    ("source", "target"), [(s, t) for s in ALL for t in ALL if t not in SILENCE], ids=lambda v: str(v)
)
def test_every_transition_pair(
    source: str, target: str, at_wednesday: Any, notify: Any, cast: Any, organiser: Any, grounds: Any
) -> None:
    assembly = _reach(source, notify, cast, organiser, grounds)
    assembly.refresh_from_db()
    assert assembly.status == source
    move = _move(target, cast, organiser, grounds)
    allowed = target in ALLOWED_TRANSITIONS[source]
    when = at(EVENT_DAY, 18) if target in OUTCOME else at(dt.date(2026, 3, 5), 10)
    events_before = Event.objects.count()
    with time_machine.travel(when, tick=False):
        if allowed:
            move(assembly)
            assembly.refresh_from_db()
            assert assembly.status == target
            assert Event.objects.count() == events_before + 1
        else:
            with pytest.raises(InvalidTransition):
                move(assembly)
            assembly.refresh_from_db()
            assert assembly.status == source
            assert Event.objects.count() == events_before


@pytest.mark.parametrize("source", ALL)
def test_silence_only_from_submitted(
    source: str, at_wednesday: Any, notify: Any, cast: Any, organiser: Any, grounds: Any
) -> None:
    assembly = _reach(source, notify, cast, organiser, grounds)
    assembly.refresh_from_db()
    with time_machine.travel(at(EVENT_DAY - dt.timedelta(days=1), 12), tick=False):
        result = services.assembly_deem_silent(assembly=assembly)
    assembly.refresh_from_db()
    if source == Status.SUBMITTED:
        assert result is not None and assembly.status == Status.HELD_AS_NOTIFIED
    else:
        assert result is None and assembly.status == source
