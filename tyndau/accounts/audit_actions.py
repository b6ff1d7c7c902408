"""The accounts app's audit action codes, the roles people act in, and how to name their bodies.

Imported by the audit app at start-up (tyndau.audit.actions; docs/development.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import Role
from tyndau.audit.actions import (
    owner_or,
    register_actions,
    register_actor_kinds,
    register_body_lookup,
    register_payload_fields,
)

register_actor_kinds({role.value: role.label for role in Role if role not in (Role.OFFICIAL, Role.SUPERVISOR)})
register_actor_kinds(
    {Role.OFFICIAL.value: Role.OFFICIAL.label, Role.SUPERVISOR.value: Role.SUPERVISOR.label}, acts_for_body=True
)
register_actor_kinds(
    {"account_holder": _("Account holder"), "system:sign_in_throttle": _("System (sign-in protection)")}
)

register_actions(
    {
        "accounts.user.registered": _("Account opened"),
        "accounts.user.email_verified": _("E-mail address confirmed"),
        "accounts.user.password_set": _("Password set"),
        "accounts.profile.updated": _("Citizen profile updated"),
        "accounts.iin.released": _("IIN removed from an unconfirmed profile: another person confirmed it"),
    },
    actor_role="account_holder",
)
register_actions(
    {
        "accounts.user.created": _("Account created by an administrator"),
        "accounts.role.granted": _("Role granted"),
        "accounts.role.revoked": _("Role revoked"),
        "accounts.membership.added": _("Official added to a public body"),
        "accounts.membership.updated": _("Official's membership changed"),
    },
    actor_role=Role.ADMINISTRATOR.value,
)
register_actions(
    {"accounts.identity.verified": _("Identity confirmed")},
    actor_role=owner_or("account_holder", Role.REGISTRAR.value, owner_field="pk"),
)
register_actions({"accounts.iin.read": _("IIN read by an authorised official")}, actor_role=Role.OFFICIAL.value)
register_actions(
    {"accounts.login.locked_out": _("Sign-in paused after repeated failures")}, system_role="system:sign_in_throttle"
)
register_payload_fields({"role": _("Role"), "method": _("Method"), "reason": _("Reason")})


def _acting_body(actor: Any) -> int | None:
    from tyndau.accounts.selectors import bodies_acted_for

    ids = list(bodies_acted_for(actor).values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _body_names(ids: Iterable[int]) -> dict[int, str]:
    from tyndau.authorities.choices import body_names

    return body_names(ids)


register_body_lookup(acting_body=_acting_body, names=_body_names)
