"""The outside monitor follows the portal's checkpoints and raises the alarm on truncation or a fork."""

from __future__ import annotations

from pathlib import Path

import pytest

from tyndau.audit import signing, tlog
from tyndau.audit.monitor import Alarm, check_round
from tyndau.audit.services import checkpoint_sign
from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def _fetch(client, served: dict[str, str] | None = None):
    def fetch(url: str) -> bytes:
        path = url.removeprefix("http://portal")
        if served and path in served:
            return served[path].encode()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    return fetch


def test_the_monitor_follows_a_growing_log_and_catches_a_fork_and_a_truncation(client, tmp_path: Path):
    key = signing.own_verifier_key()
    state = tmp_path / "state"
    record(3)
    checkpoint_sign()
    assert check_round("http://portal", key, state, _fetch(client)) == "first checkpoint: size 3"
    record(4)
    checkpoint_sign()
    assert "grew from 3 to 7 entries, consistently" in check_round("http://portal", key, state, _fetch(client))
    assert check_round("http://portal", key, state, _fetch(client)) == "unchanged: size 7"

    def signed(size: int, root: bytes) -> str:
        text = tlog.Checkpoint(origin=key.name, size=size, root=root).text()
        return tlog.sign_note(text, key.name, signing.signing_key())

    latest = "/api/v1/audit/log/checkpoint"
    other_history = tlog.root_of([tlog.leaf_hash(bytes([i])) for i in range(7)])
    with pytest.raises(Alarm, match="fork"):
        check_round("http://portal", key, state, _fetch(client, {latest: signed(7, other_history)}))
    longer_fork = tlog.root_of([tlog.leaf_hash(bytes([i])) for i in range(9)])
    record(2)  # the real log has 9 entries, so the portal answers a consistency proof 7 -> 9
    with pytest.raises(Alarm, match="does not extend"):
        check_round("http://portal", key, state, _fetch(client, {latest: signed(9, longer_fork)}))
    with pytest.raises(Alarm, match="shrank from 7 to 3"):
        check_round("http://portal", key, state, _fetch(client, {latest: signed(3, other_history)}))
    stranger = tlog.VerifierKey.of(key.name, b"\x05" * 32)
    with pytest.raises(Alarm, match="does not verify"):
        check_round("http://portal", stranger, state, _fetch(client))


def test_the_monitor_needs_no_django():
    import subprocess
    import sys

    from django.conf import settings

    code = "import sys, tyndau.audit.monitor; assert 'django' not in sys.modules"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR)}
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True).returncode == 0
