"""Rules of the law on peaceful assemblies: lead times and reply clocks on the real calendar (across
the 8 March day off), the silence sweep and its idempotency, alternatives, refusal grounds and 61-НП,
who may act, e-mail in the transaction, the demo data."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from tyndau.assemblies import services
from tyndau.assemblies.errors import (
    ConditionRequired,
    EndBeforeStart,
    IdempotencyKeyTaken,
    LegalGroundRequired,
    NotAnAkimat,
    OnlyAkimatStops,
    OrganiserNotEligible,
    OutcomeTooEarly,
    OutsideKazakhstan,
    OutsidePermittedHours,
    PermissionDenied,
    ProposalRequiredFirst,
    StopGroundRequired,
    TooLate,
    WrongDomainGround,
)
from tyndau.assemblies.models import Assembly, Status
from tyndau.assemblies.tests.conftest import EVENT_DAY, WEDNESDAY, at, valid_iin
from tyndau.audit.models import Event
from tyndau.authorities.models import LegalGround
from tyndau.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

# Registered Wednesday 4 March 2026. Working days after it: Thu 5, Fri 6, (Sat, Sun, Mon 9 March off),
# Tue 10, Wed 11, Thu 12, Fri 13, Mon 16, Tue 17, Wed 18, Thu 19.
FIFTH_WD = dt.date(2026, 3, 12)
TENTH_WD = dt.date(2026, 3, 19)
THIRD_WD = dt.date(2026, 3, 10)
SEVENTH_WD = dt.date(2026, 3, 16)


def on(day: dt.date) -> dict[str, dt.datetime]:
    return {"starts_at": at(day, 10), "ends_at": at(day, 11)}


def test_notification_lead_time_and_reply_clock_skip_the_holiday(at_wednesday: Any, notify: Any) -> None:
    a = notify(form="picket", starts_at=at(FIFTH_WD, 10), ends_at=at(FIFTH_WD, 11))
    assert a.procedure == "notification"
    assert a.registered_on == WEDNESDAY.date()
    assert a.reply_due == THIRD_WD  # not 9 March: a day off
    with pytest.raises(TooLate) as caught:
        notify(form="picket", **on(FIFTH_WD - dt.timedelta(days=1)))
    assert caught.value.earliest == FIFTH_WD
    assert caught.value.field == "starts_at"


def test_application_lead_time_and_reply_clock(at_wednesday: Any, notify: Any) -> None:
    a = notify(form="march", starts_at=at(TENTH_WD, 10), ends_at=at(TENTH_WD, 12))
    assert (a.procedure, a.reply_due) == ("application", SEVENTH_WD)
    with pytest.raises(TooLate) as caught:
        notify(form="demonstration", **on(TENTH_WD - dt.timedelta(days=1)))
    assert caught.value.earliest == TENTH_WD


def test_after_hours_submission_is_registered_next_working_day(notify: Any) -> None:
    # Friday 6 March 2026 at 19:30: registered on Tuesday 10 March (Monday 9 March is a day off).
    with time_machine.travel(at(dt.date(2026, 3, 6), 19).replace(minute=30), tick=False):
        a = notify()
    assert a.registered_on == dt.date(2026, 3, 10)


def test_too_late_message_names_the_date_in_the_active_language(at_wednesday: Any, notify: Any) -> None:
    from django.utils import translation

    with translation.override("ru"), pytest.raises(TooLate) as caught:
        notify(form="rally", starts_at=at(dt.date(2026, 3, 5), 10), ends_at=at(dt.date(2026, 3, 5), 11))
    assert "12 марта 2026" in str(caught.value)


@pytest.mark.parametrize(
    ("start", "end", "lat", "lon", "error"),
    [
        (12, 11, None, None, EndBeforeStart),
        (8, 10, None, None, OutsidePermittedHours),
        (19, 21, None, None, OutsidePermittedHours),
        (11, 12, "51.5", "-0.12", OutsideKazakhstan),
        (11, 12, "43.2", None, OutsideKazakhstan),
    ],
)
def test_place_and_time_are_checked(
    at_wednesday: Any, notify: Any, start: int, end: int, lat: Any, lon: Any, error: type
) -> None:
    from decimal import Decimal

    with pytest.raises(error):
        notify(
            starts_at=at(EVENT_DAY, start),
            ends_at=at(EVENT_DAY, end),
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lon) if lon else None,
        )
    assert not Assembly.objects.exists()


def test_who_may_organise(at_wednesday: Any, cast: Any, notify: Any) -> None:
    with pytest.raises(OrganiserNotEligible):
        notify(actor=cast.other_citizen)
    a = notify(actor=cast.organisation, organisation_name="Green City NGO", organisation_bin=valid_iin("04054000001"))
    assert a.organisation_name == "Green City NGO"
    b = notify(organisation_name="Not an organisation")  # a citizen acting for himself: no entity name
    assert b.organisation_name == ""
    with pytest.raises(NotAnAkimat):
        cast.body_b.kind = "ministry"
        cast.body_b.save()
        notify(akimat=cast.body_b)


def test_double_submit_creates_one_request(at_wednesday: Any, cast: Any, notify: Any) -> None:
    key = uuid.uuid4()
    first = notify(idempotency_key=key)
    assert notify(idempotency_key=key) == first
    assert Assembly.objects.count() == 1
    with pytest.raises(IdempotencyKeyTaken):
        notify(idempotency_key=key, actor=cast.organisation)


def test_silence_sweep_holds_notification_and_is_idempotent(at_wednesday: Any, notify: Any) -> None:
    notification = notify(form="rally")
    application = notify(form="march")
    untouched = notify(form="meeting")
    with time_machine.travel(at(THIRD_WD, 23), tick=False):
        out = io.StringIO()
        call_command("sweep_assembly_deadlines", stdout=out)
        assert out.getvalue().strip() == "held_as_notified=0 unanswered=0"  # the last day still counts
    with time_machine.travel(at(THIRD_WD + dt.timedelta(days=1), 9), tick=False):
        first = services.sweep_assembly_deadlines()
        events = Event.objects.count()
        second = services.sweep_assembly_deadlines()
        assert Event.objects.count() == events
    assert (first.held_as_notified, first.unanswered) == (2, 0)  # the rally and the meeting
    assert (second.held_as_notified, second.unanswered) == (0, 0)
    with time_machine.travel(at(SEVENTH_WD + dt.timedelta(days=1), 9), tick=False):
        assert services.sweep_assembly_deadlines().unanswered == 1
    for a, status in ((notification, Status.HELD_AS_NOTIFIED), (application, Status.UNANSWERED)):
        a.refresh_from_db()
        assert a.status == status
    untouched.refresh_from_db()
    assert untouched.status == Status.HELD_AS_NOTIFIED
    held = Event.objects.get(action="assemblies.assembly.held_as_notified", object_id=str(notification.pk))
    assert held.actor_id is None
    email = OutgoingEmail.objects.filter(subject__icontains=notification.number).order_by("-pk").first()
    assert email is not None and f"{held.seq}-" in email.body


def test_alternative_declined_puts_the_akimat_back_on_the_clock(
    at_wednesday: Any, cast: Any, notify: Any, organiser: Any
) -> None:
    a = notify()
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=a,
        place_description="Another square",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="Another event is planned there.",
    )
    with time_machine.travel(at(dt.date(2026, 3, 12), 10), tick=False):
        services.alternative_decline(actor=organiser, assembly=a)
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED
    assert a.reply_due == dt.date(2026, 3, 17)  # 3 WD after Thursday 12 March
    assert (a.place_description, a.starts_at) == ("Central square", at(EVENT_DAY, 11))  # never changed
    assert a.alternatives.get().response == "declined"


def test_alternative_accepted(at_wednesday: Any, cast: Any, notify: Any, organiser: Any) -> None:
    a = notify()
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=a,
        place_description="Park",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="Repairs on the square.",
    )
    with pytest.raises(PermissionDenied):
        services.alternative_accept(actor=cast.official_a, assembly=a)
    services.alternative_accept(actor=organiser, assembly=a)
    a.refresh_from_db()
    assert a.status == Status.ALTERNATIVE_ACCEPTED
    assert a.alternatives.get().response == "accepted"


def test_refusal_needs_an_assemblies_ground_and_61_np(at_wednesday: Any, cast: Any, notify: Any, grounds: Any) -> None:
    a = notify()
    with pytest.raises(LegalGroundRequired):
        services.assembly_refuse(actor=cast.official_a, assembly=a, grounds=[], reasons="No.")
    other = LegalGround.objects.exclude(domain=LegalGround.Domain.ASSEMBLIES).first()
    with pytest.raises(WrongDomainGround):
        services.assembly_refuse(actor=cast.official_a, assembly=a, grounds=[other], reasons="No.")
    taken = grounds["assemblies.place-already-taken"]
    with pytest.raises(ProposalRequiredFirst):
        services.assembly_refuse(actor=cast.official_a, assembly=a, grounds=[taken], reasons="Taken.")
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=a,
        place_description="Park",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="The square is taken.",
    )
    services.alternative_decline(actor=a.organiser, assembly=a)
    services.assembly_refuse(actor=cast.official_a, assembly=a, grounds=[taken], reasons="Taken at both times.")
    a.refresh_from_db()
    assert a.status == Status.REFUSED
    assert list(a.decisions.get().legal_grounds.values_list("code", flat=True)) == ["assemblies.place-already-taken"]


def test_conditions_come_from_the_catalogue(at_wednesday: Any, cast: Any, notify: Any) -> None:
    a = notify()
    with pytest.raises(ConditionRequired):
        services.assembly_accept_with_conditions(actor=cast.official_a, assembly=a, conditions=["dance"], reasons="x")


def test_official_of_another_akimat_cannot_act(at_wednesday: Any, cast: Any, notify: Any) -> None:
    a = notify()
    with pytest.raises(PermissionDenied):
        services.assembly_accept(actor=cast.official_b, assembly=a)
    with pytest.raises(PermissionDenied):
        services.assembly_withdraw(actor=cast.other_citizen, assembly=a)
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED


def test_outcomes(at_wednesday: Any, cast: Any, notify: Any, organiser: Any, grounds: Any) -> None:
    a = services.assembly_accept(actor=cast.official_a, assembly=notify())
    with pytest.raises(OutcomeTooEarly):
        services.assembly_record_outcome(actor=organiser, assembly=a, outcome=Status.HELD)
    with time_machine.travel(at(EVENT_DAY, 18), tick=False):
        with pytest.raises(OnlyAkimatStops):
            services.assembly_record_outcome(actor=organiser, assembly=a, outcome=Status.STOPPED, note="x")
        with pytest.raises(StopGroundRequired):
            services.assembly_record_outcome(actor=cast.official_a, assembly=a, outcome=Status.STOPPED, note="x")
        services.assembly_record_outcome(actor=organiser, assembly=a, outcome=Status.HELD)
    a.refresh_from_db()
    assert a.status == Status.HELD


def test_mail_is_queued_in_the_services_transaction(at_wednesday: Any, cast: Any, notify: Any) -> None:
    a = notify()
    with transaction.atomic():
        sid = transaction.savepoint()
        services.assembly_accept(actor=cast.official_a, assembly=a)
        assert OutgoingEmail.objects.filter(subject__icontains=a.number).count() == 2  # receipt + decision
        transaction.savepoint_rollback(sid)
    assert OutgoingEmail.objects.filter(subject__icontains=a.number).count() == 1


def test_demo_is_idempotent(db: Any) -> None:
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    statuses = set(Assembly.objects.values_list("status", flat=True))
    assert {"submitted", "accepted", "refused", "held_as_notified", "stopped", "alternative_accepted"} <= statuses
    count, events = Assembly.objects.count(), Event.objects.count()
    assert count >= 12
    call_command("seed_demo", "--force", stdout=out)
    assert (Assembly.objects.count(), Event.objects.count()) == (count, events)
