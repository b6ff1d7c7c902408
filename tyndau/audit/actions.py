"""Human-readable, translated names for audit action codes and payload fields.

Apps register their codes once, from `AppConfig.ready()` or at module import:

    from django.utils.translation import gettext_lazy as _
    from tyndau.audit.actions import register_actions, register_payload_fields

    register_actions({
        "appeals.appeal.forwarded": _("Forwarded to another body"),
        "appeals.appeal.answered": _("Answer sent"),
    })
    register_payload_fields({"to_status": _("New status")})

Labels are lazy translations, so they render in the active language of the page
that shows them. An unknown code falls back to the code itself. Only payload keys
registered as public fields ever appear on a timeline (payloads carry no personal
data by rule; this is the second lock on that door).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Label = str | Promise

_ACTIONS: dict[str, Label] = {}
_PAYLOAD_FIELDS: dict[str, Label] = {}

# Actor kinds stored in Event.actor_label that are not roles of accounts.Role.
_ACTOR_KINDS: dict[str, Label] = {
    "system": _("System"),
    "user": _("Registered user"),
}


def register_actions(labels: Mapping[str, Label]) -> None:
    """Register `{action code: translated label}`. Registering a code again replaces its label."""
    for code, label in labels.items():
        if not code or code.count(".") < 2:
            raise ValueError(f"audit action codes look like 'app.entity.verb', got {code!r}")
        _ACTIONS[code] = label


def register_payload_fields(labels: Mapping[str, Label]) -> None:
    """Register payload keys that are safe to show publicly, with their translated labels."""
    _PAYLOAD_FIELDS.update(labels)


def action_label(code: str) -> str:
    """The label in the active language, or the code itself when nobody registered it."""
    label = _ACTIONS.get(code)
    return str(label) if label is not None else code


def payload_field_label(key: str) -> str | None:
    label = _PAYLOAD_FIELDS.get(key)
    return str(label) if label is not None else None


def actor_role_label(actor_label: str) -> str:
    """'system', 'user' or a role code (accounts.Role) → a translated label; never a name."""
    if actor_label in _ACTOR_KINDS:
        return str(_ACTOR_KINDS[actor_label])
    from tyndau.accounts.models import Role

    if actor_label in Role.values:
        return str(Role(actor_label).label)
    return str(_ACTOR_KINDS["user"]) if actor_label else str(_ACTOR_KINDS["system"])


def registered_actions() -> dict[str, Label]:
    return dict(_ACTIONS)
