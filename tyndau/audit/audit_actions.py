"""The kernel's audit action codes (decreed days of the working-day calendar).

They are registered here, not in tyndau/core: core sits below every app and imports none (ADR 0029); its
changes reach the log through the `core.record` seam the audit app plugs in. Imported by the audit app at
start-up (tyndau.audit.actions; docs/development.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import register_actions

register_actions(
    {
        "core.decreed_day.create": _("Decreed day added to the calendar"),
        "core.decreed_day.change": _("Decreed day changed"),
        "core.decreed_day.delete": _("Decreed day removed"),
    },
    actor_role="administrator",
)
