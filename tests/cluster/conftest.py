"""A real cluster for the fault tests: scripts/cluster.py's topology on ports of its own, a private
redis-server (the Redis test stops it; the shared one on 6379 is never touched) and an SMTP sink
(aiosmtpd) that counts what the task workers deliver. Started once per session; `make test-cluster`."""

from __future__ import annotations

import email
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
# The ports of the test cluster; CLUSTER_TEST_PORTS overrides any of them ("primary=54340,haproxy=8230,..."),
# so two people on one machine can each run `make test-cluster` (docs/operations.md).
TEST_PORTS = {
    "primary": 54332,
    "replica": 54333,
    "bouncer_primary": 64332,
    "bouncer_replica": 64333,
    "haproxy": 8191,
    "haproxy_stats": 8192,
    "first_node": 8193,
    "redis": 8198,
    "smtp": 8197,
}
for _item in filter(None, os.environ.get("CLUSTER_TEST_PORTS", "").split(",")):
    _key, _, _value = _item.partition("=")
    if _key.strip() not in TEST_PORTS:
        raise ValueError(f"CLUSTER_TEST_PORTS: unknown port {_key!r} (known: {', '.join(TEST_PORTS)})")
    TEST_PORTS[_key.strip()] = int(_value)
SMTP_PORT = TEST_PORTS["smtp"]


def _load_cluster_module() -> Any:
    spec = importlib.util.spec_from_file_location("tyndau_cluster_script", ROOT / "scripts" / "cluster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


cluster_script = _load_cluster_module()


class Sink:
    """Every message the workers hand over, by Message-ID (aiosmtpd, a real SMTP server on loopback)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.received: list[tuple[str, str]] = []  # (Message-ID, To)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            time.sleep(self.delay)  # a slow relay: a worker killed mid-batch is killed mid-conversation
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.received.append((str(message["Message-ID"]), ",".join(envelope.rcpt_tos)))
        return "250 OK"

    def by_message_id(self) -> Counter[str]:
        with self.lock:
            return Counter(mid for mid, _to in self.received)


@pytest.fixture(scope="session")
def sink() -> Iterator[Sink]:
    from aiosmtpd.controller import Controller

    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield handler
    controller.stop()


class TestCluster(cluster_script.Cluster):  # type: ignore[misc,name-defined]
    __test__ = False  # not a test class

    def run_django(self, code: str) -> Any:
        """Run `code` with Django set up against this cluster's primary; it prints one JSON line last."""
        env = self.env()
        env["DATABASE_URL"] = env["DATABASE_DIRECT_URL"]
        prelude = "import django, json, sys; sys.path.insert(0, '.'); django.setup()\n"
        out = subprocess.run(
            [cluster_script.PY, "-c", prelude + code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return json.loads(out.stdout.strip().splitlines()[-1])

    def get(self, path: str, *, port: int | None = None, timeout: float = 10) -> tuple[int, str, float]:
        started = time.monotonic()
        url = f"http://127.0.0.1:{port or self.ports.haproxy}{path}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status, response.read().decode(), time.monotonic() - started
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), time.monotonic() - started

    def wait_for(self, predicate: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, f"not within {timeout}s: {what}"
            time.sleep(0.5)


@pytest.fixture(scope="session")
def cluster(sink: Sink) -> Iterator[TestCluster]:
    c = TestCluster(
        name="test",
        ports=cluster_script.Ports(**{k: v for k, v in TEST_PORTS.items() if k != "smtp"}),
        nodes=2,
        web_workers=2,
        seed=False,
        log=False,
        extra_env={
            "EMAIL_PORT": str(SMTP_PORT),
            "TYNDAU_MAIL_CLAIM_LEASE_SECONDS": "8",
            "HEALTH_STALE_SECONDS": "15",
            "TYNDAU_REPLICA_MAX_LAG_SECONDS": "2",
        },
    )
    try:
        c.start(fresh=True)
        yield c
    finally:
        c.stop()
