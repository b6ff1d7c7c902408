"""One periodic leader at a time, however many nodes run `manage.py run_periodic`.

On PostgreSQL the leader is whoever holds a session-level advisory lock (`pg_try_advisory_lock`) on a
connection of its own — not Django's request connection, which the runner closes and reopens. PostgreSQL
releases the lock the moment that session ends, so when a leader dies (killed, machine gone, network cut)
a standby takes the lock at its next check (every `--interval` seconds; 10 by default) and nothing has to
time out. Running the runner on every node is therefore safe, and each periodic command stays idempotent
anyway (a sweep that ran twice changes nothing more).

The lock connection must reach PostgreSQL itself: behind PgBouncer in transaction mode a session lock is
meaningless, so `TYNDAU_LEADER_DATABASE` may name a database alias that bypasses the pooler (by default
the "default" alias). On SQLite — one machine, one runner — the runner is always the leader.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

# Any fixed 64-bit number shared by every node; "tyndau-periodic" in ASCII, folded into a bigint.
LOCK_KEY = int.from_bytes(b"tynd-per", "big") & 0x7FFF_FFFF_FFFF_FFFF


class Leadership:
    """Ask `held()` before each round of periodic commands; `release()` when stopping."""

    def __init__(self, alias: str | None = None) -> None:
        self.alias: str = alias or str(getattr(settings, "TYNDAU_LEADER_DATABASE", "default"))
        self._connection: Any = None
        self._holding = False

    def held(self) -> bool:
        if connections[self.alias].vendor != "postgresql":
            return True
        try:
            if self._connection is None:
                # A connection outside Django's per-thread registry: close_old_connections() never drops it.
                self._connection = connections.create_connection(self.alias)
            with self._connection.cursor() as cursor:
                if self._holding:
                    cursor.execute("SELECT 1")  # still our session, so still our lock
                else:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                    self._holding = bool(cursor.fetchone()[0])
                    if self._holding:
                        logger.info("periodic: this runner is now the leader")
        except DatabaseError as exc:
            # The session is gone, and the lock with it: stand by until a new session can take it.
            if self._holding:
                logger.warning("periodic: leadership lost (%s)", type(exc).__name__)
            self.release()
        return self._holding

    def release(self) -> None:
        self._holding = False
        if self._connection is not None:
            with contextlib.suppress(DatabaseError):  # a session already gone holds nothing
                self._connection.close()  # ending the session releases the lock
            self._connection = None
