"""Every pair of statuses: a move in ALLOWED_TRANSITIONS goes through its service, every other move is
refused (InvalidTransition) and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tyndau.associations import errors, services
from tyndau.associations.models import ALLOWED_TRANSITIONS, Application, CharterVersion, Status
from tyndau.associations.tests.conftest import full_charter, valid_bin

pytestmark = pytest.mark.django_db

NOTE = "Court decision No. 1"


def _to(status: str, app: Application, who: dict[str, Any]) -> None:
    """Bring a submitted application (round 1) to `status` through the services."""
    registrar, applicant, grounds = who["registrar"], who["applicant"], who["grounds"]
    if status == Status.SUBMITTED:
        return
    if status == Status.CORRECTIONS_REQUESTED:
        services.application_request_corrections(
            actor=registrar, application=app, comments=[services.ClauseComment("1.1", "Fix")]
        )
    elif status == Status.REFUSED:
        services.application_refuse(
            actor=registrar, application=app, grounds=[grounds["associations.name-taken"]], reasons="Taken"
        )
    elif status in (Status.REGISTERED, Status.SUSPENDED, Status.LIQUIDATED):
        version = CharterVersion.objects.get(application=app, round=app.round)
        services.application_register(
            actor=registrar, application=app, version_hash=version.content_hash, bin=valid_bin()
        )
        if status == Status.SUSPENDED:
            services.application_suspend(actor=registrar, application=app, note=NOTE)
        elif status == Status.LIQUIDATED:
            services.application_liquidate(actor=registrar, application=app, note=NOTE)
    elif status == Status.WITHDRAWN:
        services.application_refuse(
            actor=registrar, application=app, grounds=[grounds["associations.name-taken"]], reasons="Taken"
        )
        services.application_withdraw(actor=applicant, application=app)


def _move(target: str, app: Application, who: dict[str, Any]) -> None:
    registrar, applicant, grounds = who["registrar"], who["applicant"], who["grounds"]
    version = CharterVersion.objects.filter(application=app, submitted_at__isnull=False).order_by("-number").first()
    calls: dict[str, Callable[[], Any]] = {
        Status.SUBMITTED: lambda: services.application_submit(actor=applicant, application=app),
        Status.CORRECTIONS_REQUESTED: lambda: services.application_request_corrections(
            actor=registrar, application=app, comments=[services.ClauseComment("1.1", "Fix")]
        ),
        Status.REFUSED: lambda: services.application_refuse(
            actor=registrar, application=app, grounds=[grounds["associations.name-taken"]], reasons="Taken"
        ),
        Status.REGISTERED: lambda: (
            services.application_reinstate(actor=registrar, application=app, note=NOTE)
            if app.status == Status.SUSPENDED
            else services.application_register(
                actor=registrar,
                application=app,
                version_hash=version.content_hash if version else "0" * 64,
                bin=valid_bin(),
            )
        ),
        Status.SUSPENDED: lambda: services.application_suspend(actor=registrar, application=app, note=NOTE),
        Status.LIQUIDATED: lambda: services.application_liquidate(actor=registrar, application=app, note=NOTE),
        Status.WITHDRAWN: lambda: services.application_withdraw(actor=applicant, application=app),
    }
    if target == Status.DRAFT:
        raise errors.InvalidTransition()  # nothing returns an application to a draft
    calls[target]()


PAIRS = [(a, b) for a in Status.values for b in Status.values if a != b]


@pytest.mark.parametrize(("start", "target"), PAIRS)
def test_transition_pair(
    start: str, target: str, create: Any, applicant: Any, founder: Any, registrar: Any, grounds: Any
) -> None:
    who = {"registrar": registrar, "applicant": applicant, "grounds": grounds}
    app = create()
    services.founder_confirm(actor=founder, invite_token=app.invite_token)
    services.charter_save(actor=applicant, application=app, content=full_charter())
    if start != Status.DRAFT:
        services.application_submit(actor=applicant, application=app)
        app.refresh_from_db()
        _to(start, app, who)
    app.refresh_from_db()
    assert app.status == start
    if target in ALLOWED_TRANSITIONS[start]:
        _move(target, app, who)
        app.refresh_from_db()
        assert app.status == target
    else:
        with pytest.raises(errors.InvalidTransition):
            _move(target, app, who)
        app.refresh_from_db()
        assert app.status == start
