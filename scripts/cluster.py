#!/usr/bin/env python
"""`make cluster`: Tyndau production-shaped on one machine, from well-kept parts (issue 17, ADR 0040).

    PostgreSQL primary ──streaming (slot)──> PostgreSQL hot standby (made by pg_basebackup)
        │  PgBouncer (transaction mode)          │  PgBouncer (transaction mode)
        └──────────────┬─────────────────────────┘
          app node 1 … n: gunicorn + run_worker + run_periodic (one leader: advisory lock, direct)
                       │
                HAProxy (health checks on /healthz)  ←  http://127.0.0.1:8190/

Everything lives under var/cluster/<name>/ (gitignored); Redis is the existing one (a db number of its
own) unless --own-redis starts a private redis-server. Ctrl-C stops everything this script started.
The fault tests (tests/cluster/) start the same topology through `Cluster` with other ports.

    .venv/bin/python scripts/cluster.py                 # what `make cluster` runs
    .venv/bin/python scripts/cluster.py --nodes 3 --fresh
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "tyndau"
SLOT = "tyndau_replica"
# PostgreSQL refuses to run as root: the database processes run as this user (Debian's postgres).
PG_USER = os.environ.get("CLUSTER_PG_OS_USER", "postgres")


@dataclass
class Ports:
    primary: int = 54330
    replica: int = 54331
    bouncer_primary: int = 64330
    bouncer_replica: int = 64331
    haproxy: int = 8190
    haproxy_stats: int = 8189
    first_node: int = 8181
    redis: int | None = None  # a private redis-server on this port; None: the shared one (redis_url)


@dataclass
class Cluster:
    name: str = "dev"
    ports: Ports = field(default_factory=Ports)
    nodes: int = 2
    web_workers: int = 2
    redis_url: str = "redis://127.0.0.1:6379/8"
    seed: bool = True
    settings_module: str = "config.settings"
    extra_env: dict[str, str] = field(default_factory=dict)
    log: bool = True
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # ------------------------------------------------------------------ paths and environment
    @property
    def base(self) -> Path:
        return ROOT / "var" / "cluster" / self.name

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.haproxy}"

    def node_port(self, i: int) -> int:
        return self.ports.first_node + i

    def pg_dir(self, which: str) -> Path:
        return self.base / "pg" / which

    @property
    def archive(self) -> Path:
        return self.base / "wal-archive"

    def env(self) -> dict[str, str]:
        p = self.ports
        keys = self.base / "keys.env"
        secrets = dict(line.split("=", 1) for line in keys.read_text().split("\n") if "=" in line)
        redis_url = f"redis://127.0.0.1:{p.redis}/0" if p.redis else self.redis_url
        # PgBouncer 1.18 (Debian 12) in transaction mode keeps no prepared statements: none are made.
        pooled = "?prepare_threshold=none&connect_timeout=3&disable_server_side_cursors=1"
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": self.settings_module,
                "DEBUG": "0",
                "TYNDAU_TESTING": "0",
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{p.bouncer_primary}/{DB_NAME}{pooled}",
                "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{p.bouncer_replica}/{DB_NAME}{pooled}",
                # The leader's session-level advisory lock must reach PostgreSQL itself, not the pooler.
                "DATABASE_DIRECT_URL": f"postgres://postgres@127.0.0.1:{p.primary}/{DB_NAME}?connect_timeout=3",
                "TYNDAU_LEADER_DATABASE": "direct",
                "REDIS_URL": redis_url,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SITE_URL": self.url,
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_HSTS_SECONDS": "0",
                "TYNDAU_TRUSTED_PROXIES": "127.0.0.1/32",
                "TYNDAU_VAR_DIR": str(self.base / "var"),
                "STATIC_ROOT": str(self.base / "static"),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": os.environ.get("CLUSTER_SMTP_PORT", "8197"),
                "HEALTH_STALE_SECONDS": "30",
                **secrets,
            }
        )
        env.update(self.extra_env)
        return env

    def say(self, text: str) -> None:
        if self.log:
            print(f"cluster: {text}", flush=True)

    # ------------------------------------------------------------------ helpers
    def _as_pg(self, *command: str | Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        args = ["runuser", "-u", PG_USER, "--", *map(str, command)] if os.geteuid() == 0 else list(map(str, command))
        return subprocess.run(args, check=check, capture_output=True)  # noqa: S603

    def _spawn(self, name: str, command: list[str], *, as_pg: bool = False, env: dict[str, str] | None = None) -> None:
        if as_pg and os.geteuid() == 0:
            command = ["runuser", "-u", PG_USER, "--", *command]
        logfile = (self.base / "log" / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
        )
        with (self.base / "pids").open("a") as pids:  # for cleanup() when this process itself dies
            pids.write(f"{self.procs[name].pid} {name}\n")

    def manage(self, *arguments: str, direct: bool = True) -> subprocess.CompletedProcess[bytes]:
        env = self.env()
        if direct:  # migrations and seeding straight to the primary
            env["DATABASE_URL"] = env["DATABASE_DIRECT_URL"]
        return subprocess.run([PY, "manage.py", *arguments], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603

    # ------------------------------------------------------------------ set-up
    @staticmethod
    def ensure_packages() -> None:
        missing = [
            pkg for pkg, binary in (("haproxy", "haproxy"), ("pgbouncer", "pgbouncer")) if not shutil.which(binary)
        ]
        if missing:
            print(f"cluster: installing {' '.join(missing)} from Debian", flush=True)
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            sudo = [] if os.geteuid() == 0 else ["sudo"]
            subprocess.run([*sudo, "apt-get", "install", "-y", *missing], check=True, env=env)  # noqa: S603
        if not (PG_BIN / "postgres").exists():
            raise SystemExit(f"cluster: PostgreSQL 15 binaries not found in {PG_BIN} (apt-get install postgresql-15)")

    def prepare_dirs(self, fresh: bool) -> bool:
        """Returns whether the databases must be created."""
        if fresh and self.base.exists():
            shutil.rmtree(self.base)
        for sub in ("log", "run", "var/media", "static", "pg"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        self.archive.mkdir(parents=True, exist_ok=True)
        keys = self.base / "keys.env"
        if not keys.exists():
            from cryptography.fernet import Fernet

            keys.write_text(
                "\n".join(
                    [
                        f"SECRET_KEY=cluster-{base64.urlsafe_b64encode(os.urandom(48)).decode()}",
                        f"IIN_HASH_KEY={hashlib.sha256(os.urandom(32)).hexdigest()}",
                        f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}",
                        f"AUDIT_SIGNING_KEY={base64.b64encode(os.urandom(32)).decode()}",
                    ]
                )
                + "\n"
            )
            keys.chmod(0o600)
        if os.geteuid() == 0:
            for sub in ("pg", "run", "log"):
                shutil.chown(self.base / sub, PG_USER)
            shutil.chown(self.archive, PG_USER)
        return not (self.pg_dir("primary") / "PG_VERSION").exists()

    def publish_audit_key(self) -> None:
        """With DEBUG off audit_verify trusts only published keys: the cluster publishes its own (and names
        its log), in keys.env, so a restored copy (scripts/restore_drill.sh) verifies with the same."""
        keys = self.base / "keys.env"
        if "TYNDAU_AUDIT_PUBLIC_KEYS=" in keys.read_text():
            return
        with keys.open("a") as f:
            f.write(f"TYNDAU_AUDIT_LOG_ORIGIN=127.0.0.1:{self.ports.haproxy}/audit\n")
        out = self.manage("audit_public_key").stdout.decode().strip().splitlines()[-1]
        with keys.open("a") as f:
            f.write(f"TYNDAU_AUDIT_PUBLIC_KEYS={out.strip()}\n")

    def init_primary(self) -> None:
        data = self.pg_dir("primary")
        self.say(f"initdb primary on port {self.ports.primary}")
        self._as_pg(PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# tyndau cluster (scripts/cluster.py): small, on a shared machine\n"
                f"listen_addresses = '127.0.0.1'\nport = {self.ports.primary}\n"
                f"unix_socket_directories = '{self.base / 'run'}'\n"
                "shared_buffers = 32MB\nmax_connections = 80\ntimezone = 'UTC'\n"
                "wal_level = replica\nmax_wal_senders = 5\nmax_replication_slots = 5\nhot_standby = on\n"
                "wal_keep_size = 64MB\narchive_mode = on\narchive_timeout = 60\n"
                f"archive_command = 'test ! -f {self.archive}/%f && cp %p {self.archive}/%f'\n"
                "logging_collector = off\n"
            )

    def init_replica(self) -> None:
        data = self.pg_dir("replica")
        if data.exists():
            shutil.rmtree(data)
        self.say(f"pg_basebackup replica on port {self.ports.replica} (slot {SLOT})")
        self._as_pg(
            PG_BIN / "psql", "-h", "127.0.0.1", "-p", str(self.ports.primary), "-U", "postgres", "-qAtc",
            f"SELECT pg_drop_replication_slot('{SLOT}') FROM pg_replication_slots WHERE slot_name = '{SLOT}'",  # noqa: S608
        )  # fmt: skip
        self._as_pg(
            PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.ports.primary), "-U", "postgres",
            "-D", data, "-R", "-X", "stream", "-C", "-S", SLOT, "-c", "fast",
        )  # fmt: skip
        with (data / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"port = {self.ports.replica}\narchive_mode = off\n")

    def pg_start(self, which: str) -> None:
        data = self.pg_dir(which)
        self._as_pg(
            PG_BIN / "pg_ctl", "-D", data, "-l", self.base / "log" / f"pg-{which}.log", "-w", "-t", "60", "start"
        )

    def pg_stop(self, which: str, mode: str = "fast") -> None:
        data = self.pg_dir(which)
        if (data / "postmaster.pid").exists():
            self._as_pg(PG_BIN / "pg_ctl", "-D", data, "-m", mode, "-w", "stop", check=False)

    def psql(self, sql: str, *, port: int | None = None, db: str = DB_NAME) -> str:
        port = port or self.ports.primary
        out = self._as_pg(PG_BIN / "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", db, "-qAtc", sql)
        return out.stdout.decode().strip()

    def write_bouncer(self, which: str, pg_port: int, listen: int) -> Path:
        conf = self.base / "run" / f"pgbouncer-{which}.ini"
        users = self.base / "run" / "pgbouncer-users.txt"
        users.write_text('"postgres" ""\n')
        conf.write_text(
            f"[databases]\n{DB_NAME} = host=127.0.0.1 port={pg_port} dbname={DB_NAME}\n\n[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {listen}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {users}\npool_mode = transaction\n"
            "max_client_conn = 400\ndefault_pool_size = 20\nreserve_pool_size = 5\n"
            # A primary that is away must give a quick error, not a queue of hanging requests.
            "server_connect_timeout = 2\nserver_login_retry = 1\nquery_wait_timeout = 4\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
        )
        if os.geteuid() == 0:
            shutil.chown(conf, PG_USER)
            shutil.chown(users, PG_USER)
        return conf

    def start_bouncer(self, which: str) -> None:
        pg_port, listen = (
            (self.ports.primary, self.ports.bouncer_primary)
            if which == "primary"
            else (self.ports.replica, self.ports.bouncer_replica)
        )
        conf = self.write_bouncer(which, pg_port, listen)
        self._spawn(f"pgbouncer-{which}", ["pgbouncer", str(conf)], as_pg=True)

    def write_haproxy(self) -> Path:
        conf = self.base / "run" / "haproxy.cfg"
        # Each node twice: checked on /healthz, and as an unchecked backup used only when every node fails
        # its check — the database is away, so the nodes themselves answer the translated 503 page.
        servers = "\n".join(
            f"    server node{i + 1} 127.0.0.1:{self.node_port(i)} check inter 1s fall 2 rise 2\n"
            f"    server node{i + 1}-fallback 127.0.0.1:{self.node_port(i)} backup"
            for i in range(self.nodes)
        )
        conf.write_text(
            "global\n    maxconn 2000\n\n"
            "defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n"
            "    timeout http-request 10s\n    option forwardfor\n"
            # No node answers at all: HAProxy's own page, in Kazakh, Russian and English (deploy/haproxy/).
            f"    errorfile 503 {ROOT / 'deploy' / 'haproxy' / '503.http'}\n"
            # A request that never reached a node (connection refused) is tried on another: no duplicate.
            "    retries 2\n    option redispatch\n    retry-on conn-failure empty-response response-timeout\n\n"
            f"frontend tyndau\n    bind 127.0.0.1:{self.ports.haproxy}\n    default_backend nodes\n\n"
            "backend nodes\n    balance roundrobin\n    option allbackups\n    option httpchk GET /healthz\n"
            "    http-check expect status 200\n"
            f"{servers}\n\n"
            f"listen stats\n    bind 127.0.0.1:{self.ports.haproxy_stats}\n    stats enable\n    stats uri /\n"
        )
        return conf

    # ------------------------------------------------------------------ processes
    def flush_redis(self) -> None:
        """A new database must not meet the cache, sessions and counters of an old one (this db only)."""
        import redis

        env = self.env()
        with contextlib.suppress(redis.exceptions.ConnectionError):
            redis.Redis.from_url(env["REDIS_URL"]).flushdb()

    def start_redis(self) -> None:
        """The private redis-server of --own-redis (the fault tests stop and start it)."""
        command = ["redis-server", "--port", str(self.ports.redis), "--bind", "127.0.0.1", "--save", ""]
        self._spawn("redis", [*command, "--appendonly", "no", "--dir", str(self.base / "run")])

    def start_node(self, i: int) -> None:
        for part in ("web", "worker", "periodic"):
            self.start_part(i, part)

    def start_part(self, i: int, part: str) -> None:
        """One process of node i: "web" (gunicorn), "worker" (run_worker) or "periodic" (run_periodic)."""
        commands = {
            "web": [GUNICORN, "config.wsgi", "-k", "sync", "--workers", str(self.web_workers),
                    "--bind", f"127.0.0.1:{self.node_port(i)}", "--graceful-timeout", "5", "--timeout", "30",
                    "--log-level", "warning"],
            "worker": [PY, "manage.py", "run_worker", "--interval", "1"],
            "periodic": [PY, "manage.py", "run_periodic", "--interval", "2"],
        }  # fmt: skip
        self._spawn(f"node{i + 1}-{part}", commands[part], env=self.env())

    def stop_proc(self, name: str, sig: int = signal.SIGTERM, wait: float = 10) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def kill_node(self, i: int) -> None:
        """SIGKILL every process of node i (web master and its workers, worker, periodic runner)."""
        for part in ("web", "worker", "periodic"):
            self.stop_proc(f"node{i + 1}-{part}", signal.SIGKILL)

    def start(self, fresh: bool = False) -> None:
        self.ensure_packages()
        create = self.prepare_dirs(fresh)
        self.publish_audit_key()
        if create:
            self.init_primary()
        if self.ports.redis:
            self.start_redis()
        self.pg_start("primary")
        if create:
            self.psql(f"CREATE DATABASE {DB_NAME}", db="postgres")
            self.flush_redis()
        if create or not (self.pg_dir("replica") / "PG_VERSION").exists():
            self.init_replica()
        self.pg_start("replica")
        self.start_bouncer("primary")
        self.start_bouncer("replica")
        self.say("migrate, static files" + (", demo data" if create and self.seed else ""))
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if create and self.seed:
            self.manage("seed_demo", "--force")
        for i in range(self.nodes):
            self.start_node(i)
        self._spawn("haproxy", ["haproxy", "-f", str(self.write_haproxy()), "-db"])
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 90) -> None:
        """Until every node answers /healthz with 200 and HAProxy serves the home page."""
        deadline = time.monotonic() + timeout
        pending = [f"http://127.0.0.1:{self.node_port(i)}/healthz" for i in range(self.nodes)] + [self.url + "/healthz"]
        while pending:
            url = pending[0]
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        pending.pop(0)
                        continue
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"cluster: {url} not healthy within {timeout:.0f}s (logs: {self.base / 'log'})")
            time.sleep(0.5)

    def cleanup(self) -> None:
        """Stop whatever a cluster of this name left running (its starter was killed): every process group
        it spawned (recorded in pids, still with this checkout as its working directory) and PostgreSQL.
        CI runs it after `make test-cluster`, pass or fail."""
        pids = self.base / "pids"
        if pids.exists():
            for line in pids.read_text().split("\n"):
                pid = int(line.split()[0]) if line.strip() else 0
                with contextlib.suppress(OSError):
                    if pid and Path(f"/proc/{pid}/cwd").resolve() == ROOT:  # not a reused pid
                        self.say(f"stopping leftover {line.split()[1]} ({pid})")
                        os.killpg(pid, signal.SIGKILL)
            pids.unlink()
        for which in ("replica", "primary"):
            if (self.pg_dir(which) / "PG_VERSION").exists():
                self.pg_stop(which, mode="immediate")

    def stop(self) -> None:
        self.say("stopping")
        for name in [n for n in self.procs if n == "haproxy" or n.startswith("node")]:
            self.stop_proc(name)
        for name in list(self.procs):
            if name.startswith("pgbouncer"):
                self.stop_proc(name)
        self.pg_stop("replica")
        self.pg_stop("primary")
        for name in list(self.procs):
            self.stop_proc(name)
        with contextlib.suppress(FileNotFoundError):
            (self.base / "pids").unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2, help="app nodes behind HAProxy (each: web, worker, periodic)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per node")
    parser.add_argument("--name", default="dev", help="var/cluster/NAME (one cluster at a time: the ports are fixed)")
    parser.add_argument("--fresh", action="store_true", help="delete var/cluster/NAME first (databases included)")
    parser.add_argument("--no-seed", action="store_true", help="no demo data (e.g. for the surge benchmark)")
    parser.add_argument(
        "--settings", default="config.settings", help="the nodes' settings (bench.bench_settings for the bench)"
    )
    parser.add_argument("--redis-url", default=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/8"))
    parser.add_argument("--own-redis", type=int, metavar="PORT", help="start a private redis-server on PORT instead")
    parser.add_argument(
        "--cleanup", action="store_true", help="only stop what a killed run of cluster NAME left running, then exit"
    )
    args = parser.parse_args()
    if args.cleanup:
        Cluster(name=args.name).cleanup()
        return
    cluster = Cluster(
        name=args.name,
        seed=not args.no_seed,
        settings_module=args.settings,
        nodes=max(1, min(args.nodes, 8)),
        web_workers=args.web_workers,
        redis_url=args.redis_url,
        ports=Ports(redis=args.own_redis),
    )
    stopping = False
    started = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        if not started:
            raise KeyboardInterrupt  # still starting: leave start() now; `finally` stops what is running

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        cluster.start(fresh=args.fresh)
        started = True
        p = cluster.ports
        print(
            f"\nTyndau cluster is up ({cluster.nodes} app nodes):\n"
            f"  portal          {cluster.url}/  (HAProxy; stats: http://127.0.0.1:{p.haproxy_stats}/)\n"
            + "".join(
                f"  node {i + 1}          http://127.0.0.1:{cluster.node_port(i)}/healthz\n"
                for i in range(cluster.nodes)
            )
            + f"  PostgreSQL      primary 127.0.0.1:{p.primary}, replica 127.0.0.1:{p.replica} (user postgres)\n"
            f"  PgBouncer       primary 127.0.0.1:{p.bouncer_primary}, replica 127.0.0.1:{p.bouncer_replica}\n"
            f"  logs            {cluster.base / 'log'}\n"
            "Sign-in details: the demo accounts of `make run` (manage.py demo_logins). Ctrl-C stops everything.",
            flush=True,
        )
        while not stopping:
            for name, proc in list(cluster.procs.items()):
                if proc.poll() is not None:
                    cluster.say(f"{name} exited ({proc.returncode}); see {cluster.base / 'log' / (name + '.log')}")
                    cluster.procs.pop(name)
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
