"""`make run` starts the whole portal: the test starts what the Makefile starts (`manage.py
run_portal`) on a fresh SQLite database and a free port, and waits — polling, with a bound — until
a signature is counted, an overdue appeal is deemed refused, the queued tasks have run and
/healthz is green; then Ctrl-C (SIGINT) stops every process."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# Run in `manage.py shell` against the portal's database before the portal starts.
SETUP = r"""
import datetime as dt, json, uuid
from django.utils import timezone
from tests.cast import make_cast
from tyndau.petitions import services as petitions
from tyndau.petitions.tests.conftest import make_iin, make_petition, verify_citizen
from tyndau.appeals import services as appeals
from tyndau.authorities.models import Category

cast = make_cast()
cast.body_a.population = 60_000
cast.body_a.save(update_fields=["population"])
petition = make_petition(cast, status="open")
verify_citizen(cast.other_citizen, make_iin(7), cast.region)
category = Category.objects.order_by("pk").first()
appeal = appeals.appeal_file(
    actor=cast.citizen, idempotency_key=uuid.uuid4(), kind="application", region=cast.region,
    category=category, body=cast.body_a, subject="Broken streetlight", text="The streetlight is broken.",
    received_at=timezone.now() - dt.timedelta(days=120),
)
print(json.dumps({"petition": petition.pk, "signer": cast.other_citizen.pk, "appeal": appeal.pk}))
"""

# Run while the portal runs: sign (after start, so the count must come from the running portal),
# then poll until everything the portal's processes do is seen, at most DEADLINE seconds.
WATCH = r"""
import json, time, urllib.request
from django_tasks_db.models import DBTaskResult
from tyndau.accounts.models import User
from tyndau.appeals.models import Appeal
from tyndau.petitions import services as petitions
from tyndau.petitions.models import Petition

ids = json.loads(IDS)
petitions.signature_create_for_citizen(actor=User.objects.get(pk=ids["signer"]), petition_id=ids["petition"])
seen = {}
deadline = time.monotonic() + DEADLINE
while time.monotonic() < deadline:
    tasks = list(DBTaskResult.objects.values_list("status", flat=True))
    try:
        health = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5).status
    except Exception as exc:
        health = repr(exc)
    seen = {
        "count": Petition.objects.get(pk=ids["petition"]).signature_count,
        "appeal": Appeal.objects.get(pk=ids["appeal"]).status,
        "tasks": sorted(set(tasks)),
        "health": health,
    }
    if seen["count"] == 1 and seen["appeal"] == "deemed_refused" and seen["tasks"] == ["SUCCESSFUL"] and health == 200:
        break
    time.sleep(0.5)
print(json.dumps(seen))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_run_portal_counts_signatures_sweeps_deadlines_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TYNDAU_TESTING", "DATABASE_URL", "REDIS_URL")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "TYNDAU_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite3",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    _manage(env, "migrate", "--noinput")
    ids = _manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
    port = _free_port()
    log = (tmp_path / "portal.log").open("w")
    portal = subprocess.Popen(
        [sys.executable, "manage.py", "run_portal", "--port", str(port), "--noreload"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        watch = WATCH.replace("IDS", repr(ids)).replace("DEADLINE", "90").replace("PORT", str(port))
        seen = json.loads(_manage(env, "shell", "-c", watch, timeout=180).strip().splitlines()[-1])
        assert seen == {"count": 1, "appeal": "deemed_refused", "tasks": ["SUCCESSFUL"], "health": 200}, (
            seen,
            (tmp_path / "portal.log").read_text()[-3000:],
        )
        pids = [int(pid) for pid in re.findall(r"pid (\d+)", (tmp_path / "portal.log").read_text())]
        assert len(pids) == 3
        portal.send_signal(signal.SIGINT)
        assert portal.wait(timeout=30) == 0
        for pid in pids:  # every child is gone (reaped by run_portal), not orphaned
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                continue
            raise AssertionError(f"process {pid} still runs after Ctrl-C")
    finally:
        if portal.poll() is None:
            portal.kill()
            portal.wait()
        log.close()
