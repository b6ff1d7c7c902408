"""The kernel's one seam outwards: putting a change of its own on the public record.

`tyndau.core` depends on no app (pyproject.toml, import-linter), yet a decreed day moves every deadline
counted over it, so its changes go on the audit log like any other state change, in the same
transaction. The audit app plugs its `record_event` in when it starts (`AuditConfig.ready`); a kernel
write without it fails loudly instead of going unrecorded.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class Recorder(Protocol):
    def __call__(self, *, actor: Any, action: str, obj: Any, payload: dict[str, Any]) -> Any: ...


_plugged: list[Recorder] = []


def plug_recorder(recorder: Recorder) -> None:
    _plugged[:] = [recorder]


def record_change(*, actor: Any, action: str, obj: Any, payload: dict[str, Any]) -> None:
    if not _plugged:
        raise ImproperlyConfigured("no audit recorder is plugged in: is tyndau.audit in INSTALLED_APPS?")
    _plugged[0](actor=actor, action=action, obj=obj, payload=payload)
