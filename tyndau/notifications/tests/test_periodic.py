from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tyndau.notifications import periodic
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.periodic import register_periodic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _restore_registry():
    saved = list(periodic.PERIODIC_COMMANDS)
    yield
    periodic.PERIODIC_COMMANDS[:] = saved


def test_apps_register_their_commands():
    names = {c.name for c in periodic.PERIODIC_COMMANDS}
    assert {"send_pending_mail", "audit_sign_head", "audit_verify"} <= names


def test_registering_again_replaces():
    register_periodic("send_pending_mail", every_seconds=5)
    matching = [c for c in periodic.PERIODIC_COMMANDS if c.name == "send_pending_mail"]
    assert [c.every_seconds for c in matching] == [5]
    with pytest.raises(ValueError):
        register_periodic("x", every_seconds=0)


def test_run_once_runs_everything_and_survives_a_failing_command(mailoutbox, capsys):
    OutgoingEmail.objects.create(to_address="a@example.kz", language="kk", subject="s", body="b")
    register_periodic("no_such_command_anywhere", every_seconds=60)
    with pytest.raises(CommandError, match="no_such_command_anywhere"):
        call_command("run_periodic", "--once")
    out = capsys.readouterr().out
    assert "mail: 1 sent" in out
    assert "audit chain OK" in out
    assert len(mailoutbox) == 1


def test_run_once_succeeds_when_all_commands_do(capsys):
    periodic.PERIODIC_COMMANDS[:] = [periodic.PeriodicCommand("send_pending_mail", 60)]
    call_command("run_periodic", "--once")
    assert "mail: 0 sent" in capsys.readouterr().out
