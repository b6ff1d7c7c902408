"""Accredited observers' monitoring reports (the OSCE/ODIHR–Venice Commission Guidelines on Freedom of
Peaceful Assembly, independent monitoring): after the event's date an observer attaches one structured
report, shown beside the official record. The notes are published redacted, as appeals' public text.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.assemblies.errors import DetentionsOutOfRange, NotAnObserver, ReportAboutWithdrawn, ReportTooEarly
from tyndau.assemblies.models import Assembly, ObserverReport, Status
from tyndau.assemblies.services._common import lock
from tyndau.audit.services import record_event
from tyndau.core.calendar import local, local_today
from tyndau.core.redaction import redact

MAX_DETENTIONS = 100_000
NOTES_MAX = 2000


def is_observer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(Role.OBSERVER))


def observer_report_submit(
    *,
    actor: Any,
    assembly: Assembly | int,
    held: str,
    interventions: bool,
    detentions_reported: int,
    notes: str = "",
) -> ObserverReport:
    """Attach the observer's report. One per observer and event: a repeated submit returns the first."""
    if not is_observer(actor):
        raise NotAnObserver()
    if not 0 <= detentions_reported <= MAX_DETENTIONS:
        raise DetentionsOutOfRange()
    if held not in ObserverReport.Held.values:
        raise ValueError(held)
    notes = notes.strip()[:NOTES_MAX]
    try:
        with transaction.atomic():
            locked = lock(assembly)
            existing = ObserverReport.objects.filter(assembly=locked, observer=actor).first()
            if existing is not None:
                return existing
            if locked.status == Status.WITHDRAWN:
                raise ReportAboutWithdrawn()
            if local_today() < local(locked.starts_at).date():
                raise ReportTooEarly()
            organiser = locked.organiser
            names = [locked.steward_name, organiser.first_name, organiser.last_name]
            report = ObserverReport.objects.create(
                assembly=locked,
                observer=actor,
                held=held,
                interventions=interventions,
                detentions_reported=detentions_reported,
                notes=notes,
                public_notes=redact(notes, names=[n for n in names if n])[:NOTES_MAX],
                created_at=timezone.now(),
            )
            record_event(
                actor=actor,
                action="assemblies.observer_report.submitted",
                obj=locked,
                payload={
                    "held": held,
                    "interventions": interventions,
                    "detentions_reported": detentions_reported,
                },
            )
    except IntegrityError:
        # The same form sent twice at once: the other request won.
        found = ObserverReport.objects.filter(assembly_id=getattr(assembly, "pk", assembly), observer=actor).first()
        if found is None:
            raise
        return found
    return report
