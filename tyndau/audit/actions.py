"""The registry of audit action codes: each code's translated label and the role its actor acts in.

Every app registers its own codes in its own module `tyndau/<app>/audit_actions.py`, which the
audit app imports for every installed app at start-up (`AuditConfig.ready()`, like admin.py).
The audit app imports no domain app; a code nobody registered is refused by `record_event`
in development and tests (settings.AUDIT_STRICT_ACTIONS), and
`tyndau/audit/tests/test_actions.py` fails on a code written in the source but not registered.

    # tyndau/appeals/audit_actions.py
    from django.utils.translation import gettext_lazy as _
    from tyndau.audit.actions import register_actions

    register_actions({"appeals.appeal.answered": _("Answer sent")}, actor_role="official")
    register_actions({"appeals.appeal.deemed_refused": _("...")}, system_role="system:deadline_sweep")

`actor_role` says in which role a signed-in actor performs the action (a code registered with
`register_actor_kinds`, or a function `(actor, obj) -> code` when it depends on who acts). It is
stored in `Event.actor_label` and shown on timelines ("Official of <body>", "Applicant",
"System (deadline sweep)") — never a name. `system_role` is stored when no person acted.
Labels are lazy translations, rendered in the active language of the page that shows them.
Only payload keys registered as public fields ever appear on a timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Label = str | Promise
ActorRole = str | Callable[[Any, Any], str]
BODY_SEPARATOR = "@"  # "official@12": an official acting for public body 12


class UnregisteredAction(ValueError):
    """record_event was given an action code nobody registered (development and tests only)."""


@dataclass(frozen=True)
class ActionSpec:
    label: Label
    actor_role: ActorRole = ""
    system_role: str = "system"


_ACTIONS: dict[str, ActionSpec] = {}
_PAYLOAD_FIELDS: dict[str, Label] = {}
# How a public payload value reads for people: (value, action code) -> text in the active language.
PayloadFormat = Callable[[Any, str], str]
_PAYLOAD_FORMATS: dict[str, PayloadFormat] = {}

# Actor kinds stored in Event.actor_label; apps add theirs (roles, "applicant", ...).
_ACTOR_KINDS: dict[str, Label] = {
    "system": _("System"),
    "user": _("Registered user"),
}
_BODY_ROLES: set[str] = set()


@dataclass
class _BodyLookup:
    acting_body: Callable[[Any], int | None] | None = None
    names: Callable[[Iterable[int]], dict[int, str]] | None = None


_BODIES = _BodyLookup()


def register_actions(labels: Mapping[str, Label], *, actor_role: ActorRole = "", system_role: str = "system") -> None:
    """Register `{action code: translated label}`; registering a code again replaces it."""
    for code, label in labels.items():
        if not code or code.count(".") < 2:
            raise ValueError(f"audit action codes look like 'app.entity.verb', got {code!r}")
        _ACTIONS[code] = ActionSpec(label=label, actor_role=actor_role, system_role=system_role)


def register_payload_fields(labels: Mapping[str, Label]) -> None:
    """Register payload keys that are safe to show publicly, with their translated labels."""
    _PAYLOAD_FIELDS.update(labels)


def register_payload_formats(formats: Mapping[str, PayloadFormat]) -> None:
    """Register how the values of public payload keys are shown (e.g. True -> "Yes", "partly" -> the
    outcome's label, "2026-11-27" -> a local date), so that no stored value reaches a page raw."""
    _PAYLOAD_FORMATS.update(formats)


def payload_value_text(key: str, value: Any, action: str) -> str:
    """The value of a public payload field as people read it (its registered format, else as stored)."""
    formatter = _PAYLOAD_FORMATS.get(key)
    return formatter(value, action) if formatter is not None else str(value)


def register_actor_kinds(labels: Mapping[str, Label], *, acts_for_body: bool = False) -> None:
    """Register actor kinds (`{code: label}`). `acts_for_body`: shown as "<label> of <body>"."""
    for code, label in labels.items():
        if BODY_SEPARATOR in code:
            raise ValueError(f"an actor kind may not contain {BODY_SEPARATOR!r}: {code!r}")
        _ACTOR_KINDS[code] = label
        if acts_for_body:
            _BODY_ROLES.add(code)


def register_body_lookup(
    *, acting_body: Callable[[Any], int | None], names: Callable[[Iterable[int]], dict[int, str]]
) -> None:
    """How to find the one body a person acts for (None if not exactly one), and body names by id."""
    _BODIES.acting_body = acting_body
    _BODIES.names = names


def is_registered(code: str) -> bool:
    return code in _ACTIONS


def registered_actions() -> dict[str, Label]:
    return {code: spec.label for code, spec in _ACTIONS.items()}


def action_label(code: str) -> str:
    """The label in the active language, or the code itself when nobody registered it."""
    spec = _ACTIONS.get(code)
    return str(spec.label) if spec is not None else code


def payload_field_label(key: str) -> str | None:
    label = _PAYLOAD_FIELDS.get(key)
    return str(label) if label is not None else None


def resolve_actor_label(*, action: str, actor: Any, actor_id: int | None, obj: Any) -> str:
    """What `Event.actor_label` records: the role this actor acts in for this action."""
    spec = _ACTIONS.get(action)
    if actor_id is None:
        return spec.system_role if spec is not None else "system"
    role = spec.actor_role if spec is not None else ""
    code = role(actor, obj) if callable(role) else role
    if not code:
        return "user"
    if code in _BODY_ROLES and _BODIES.acting_body is not None:
        body_id = _BODIES.acting_body(actor)
        if body_id is not None:
            return f"{code}{BODY_SEPARATOR}{body_id}"
    return code


def actor_body_id(actor_label: str) -> int | None:
    _, sep, body = actor_label.partition(BODY_SEPARATOR)
    return int(body) if sep and body.isdigit() else None


def body_names(body_ids: Iterable[int]) -> dict[int, str]:
    ids = set(body_ids)
    if not ids or _BODIES.names is None:
        return {}
    return _BODIES.names(ids)


def actor_role_label(actor_label: str, names: Mapping[int, str] | None = None) -> str:
    """An actor label → its translated role ("Official of <body>", "Applicant", "System"); never a name."""
    code, _sep, _body = actor_label.partition(BODY_SEPARATOR)
    label = _ACTOR_KINDS.get(code)
    if label is None:
        return str(_ACTOR_KINDS["user"] if actor_label else _ACTOR_KINDS["system"])
    body_id = actor_body_id(actor_label)
    if body_id is None:
        return str(label)
    body = (names if names is not None else body_names([body_id])).get(body_id)
    if not body:
        return str(label)
    return gettext("%(role)s of %(body)s") % {"role": label, "body": body}


def owner_or(owner_role: str, other_role: str, *, owner_field: str) -> Callable[[Any, Any], str]:
    """An actor role for actions both the object's owner and someone else may take:
    `owner_role` when `obj.<owner_field>` is the actor's id, else `other_role`."""

    def role(actor: Any, obj: Any) -> str:
        return owner_role if getattr(obj, owner_field, None) == getattr(actor, "pk", None) else other_role

    return role
