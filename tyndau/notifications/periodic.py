"""The registry of periodic management commands run by `manage.py run_periodic`.

Every app adds its idempotent commands, from `AppConfig.ready()`:

    from tyndau.notifications.periodic import register_periodic

    register_periodic("sweep_deadlines", every_seconds=300)

Each command must be safe to run twice and to run on two machines at once
(claim rows with a conditional UPDATE).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicCommand:
    name: str
    every_seconds: int


PERIODIC_COMMANDS: list[PeriodicCommand] = []


def register_periodic(command_name: str, every_seconds: int) -> None:
    """Run `manage.py <command_name>` every `every_seconds`. Registering a name again replaces it."""
    if every_seconds < 1:
        raise ValueError("every_seconds must be at least 1")
    PERIODIC_COMMANDS[:] = [c for c in PERIODIC_COMMANDS if c.name != command_name]
    PERIODIC_COMMANDS.append(PeriodicCommand(command_name, every_seconds))


register_periodic("send_pending_mail", every_seconds=60)
