"""Accredited observers' reports: only observers, only from the event's day, one per observer,
notes redacted on the public record, an audit event; the pages answer 403 to everyone else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tyndau.assemblies import services
from tyndau.assemblies.errors import NotAnObserver, ReportAboutWithdrawn, ReportTooEarly
from tyndau.assemblies.models import ObserverReport
from tyndau.assemblies.tests.conftest import EVENT_DAY, at
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db

NOTES = "Police detained Steward Person, phone +7 701 765 43 21, near the square."


def _report(cast: Any, assembly: Any, **extra: Any) -> ObserverReport:
    fields: dict[str, Any] = {
        "actor": cast.observer,
        "assembly": assembly,
        "held": ObserverReport.Held.DISPERSED,
        "interventions": True,
        "detentions_reported": 3,
        "notes": NOTES,
    }
    fields.update(extra)
    return services.observer_report_submit(**fields)


def test_report_after_the_day_is_redacted_and_audited(at_wednesday: Any, notify: Any, cast: Any) -> None:
    assembly = notify()
    at_wednesday.move_to(at(EVENT_DAY, 18))
    report = _report(cast, assembly)
    assert report.notes == NOTES
    assert "Steward Person" not in report.public_notes and "765" not in report.public_notes
    event = Event.objects.get(action="assemblies.observer_report.submitted")
    assert event.payload == {"held": "dispersed", "interventions": True, "detentions_reported": 3}
    # A repeated submit returns the first report, without a second event.
    assert _report(cast, assembly, detentions_reported=9).pk == report.pk
    assert Event.objects.filter(action="assemblies.observer_report.submitted").count() == 1


def test_refusals(at_wednesday: Any, notify: Any, cast: Any) -> None:
    assembly = notify()
    with pytest.raises(ReportTooEarly):
        _report(cast, assembly)
    with pytest.raises(NotAnObserver):
        _report(cast, assembly, actor=cast.citizen)
    with pytest.raises(NotAnObserver):
        _report(cast, assembly, actor=cast.official_a)
    withdrawn = notify(place_description="Elsewhere")
    services.assembly_withdraw(actor=withdrawn.organiser, assembly=withdrawn)
    at_wednesday.move_to(at(EVENT_DAY, 18))
    with pytest.raises(ReportAboutWithdrawn):
        _report(cast, withdrawn)
    assert not ObserverReport.objects.exists()


def test_pages(at_wednesday: Any, notify: Any, cast: Any) -> None:
    assembly = notify()
    url = f"/en/assemblies/register/{assembly.number}/observe/"
    for user in (cast.citizen, cast.official_a, cast.organisation):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 403
    observer = Client()
    observer.force_login(cast.observer)
    assert "from the day of the assembly" in observer.get(url).content.decode()
    at_wednesday.move_to(at(EVENT_DAY, 18))
    observer.force_login(cast.observer)  # the session from weeks ago has expired
    bad = observer.post(url, {"held": "dispersed", "detentions_reported": "-1", "notes": "kept text"})
    assert bad.status_code == 200 and "kept text" in bad.content.decode()
    data = {"held": "dispersed", "interventions": "on", "detentions_reported": "3", "notes": NOTES}
    assert observer.post(url, data).status_code == 302
    assert observer.post(url, data).status_code == 200  # already attached: shown, not duplicated
    assert ObserverReport.objects.count() == 1
    public = Client().get(f"/ru/assemblies/register/{assembly.number}/").content.decode()
    assert "[…]" in public and "Steward Person" not in public and "+7 701" not in public
    assert cast.observer.last_name not in public
    # The observer sees the public record, never the organiser's page.
    assert observer.get(f"/en/assemblies/a/{assembly.number}/").status_code == 404
