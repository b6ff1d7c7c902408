"""One periodic leader at a time: a PostgreSQL advisory lock held by a session of its own. A standby takes
over as soon as the leader's session ends, and only the leader runs the periodic commands."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tyndau.notifications import leader
from tyndau.notifications.leader import Leadership
from tyndau.notifications.management.commands import run_periodic
from tyndau.notifications.periodic import PeriodicCommand

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite rule: one machine, one runner")
def test_on_sqlite_the_only_runner_leads() -> None:
    assert Leadership().held()
    assert Leadership().held()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_one_leader_and_a_standby_that_takes_over_when_it_stops() -> None:
    first, second = Leadership(), Leadership()
    try:
        assert first.held()
        assert not second.held()
        assert first.held(), "a leader stays the leader"
        first.release()
        assert second.held()
        assert not first.held()
    finally:
        first.release()
        second.release()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_leader_whose_session_dies_loses_the_lead_at_once() -> None:
    first, second = Leadership(), Leadership()
    try:
        assert first.held()
        pid = first._connection.connection.info.backend_pid
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert second.held(), "the lock went with the killed session"
        assert not first.held(), "the old leader finds out and stands by"
    finally:
        first.release()
        second.release()


def test_only_the_leader_runs_the_commands(monkeypatch: Any) -> None:
    """The loop asks before every round; a standby runs nothing and, on taking over, runs all at once."""
    answers = iter([False, False, True, True])
    ran: list[str] = []
    rounds = {"n": 0}

    def sleep(_: float) -> None:
        rounds["n"] += 1
        if rounds["n"] == 4:
            raise KeyboardInterrupt

    monkeypatch.setattr(leader.Leadership, "held", lambda self: next(answers))
    monkeypatch.setattr(run_periodic, "PERIODIC_COMMANDS", [PeriodicCommand("a", 3600), PeriodicCommand("b", 3600)])
    monkeypatch.setattr(run_periodic.time, "sleep", sleep)
    monkeypatch.setattr(run_periodic, "close_old_connections", lambda: None)
    command = run_periodic.Command()
    monkeypatch.setattr(command, "_beat", lambda: None)
    monkeypatch.setattr(command, "_run", lambda c: ran.append(c.name) or True)
    command.handle(interval=1, once=False)
    assert ran == ["a", "b"], "two standby rounds ran nothing; the first leading round ran both; the next none"
