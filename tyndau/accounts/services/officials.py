"""Writes about roles and officials' memberships in public bodies (administrators and the system only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tyndau.accounts.models import (
    Membership,
    Role,
    RoleGrant,
    User,
)
from tyndau.audit.services import record_event
from tyndau.authorities.models import PublicBody
from tyndau.core.errors import PermissionDenied


def is_administrator(actor: Any) -> bool:
    return bool(actor is not None and (actor.is_superuser or actor.has_any_role(Role.ADMINISTRATOR)))


def require_administrator(actor: Any) -> None:
    """`actor=None` is the system (management commands, demo seeding)."""
    if actor is not None and not is_administrator(actor):
        raise PermissionDenied


# --- Roles and memberships ----------------------------------------------------------------


def role_grant(*, actor: Any, user: User, role: str) -> RoleGrant:
    """Idempotent: granting a role already held changes nothing and records nothing."""
    require_administrator(actor)
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role)
        if created:
            record_event(actor=actor, action="accounts.role.granted", obj=user, payload={"role": role})
    if hasattr(user, "_role_codes"):
        del user._role_codes
    return grant


def representative_grant(*, actor: Any, user: User, bin: str) -> RoleGrant:
    """A legal entity's head becomes its representative (the organisation role) when a registering body
    registers it (tyndau.associations): from then on they may act for it where Tyndau admits a legal
    entity (an assembly notification with its BIN). The caller's service has already checked that
    `actor` acts for the registering body; the event names the entity by its BIN, never the person."""
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=Role.ORGANISATION)
        if created:
            record_event(
                actor=actor,
                action="accounts.role.granted",
                obj=user,
                payload={"role": Role.ORGANISATION.value, "bin": bin},
            )
    if hasattr(user, "_role_codes"):
        del user._role_codes
    return grant


def role_revoke(*, actor: Any, user: User, role: str) -> bool:
    require_administrator(actor)
    with transaction.atomic():
        deleted, _details = RoleGrant.objects.filter(user=user, role=role).delete()
        if deleted:
            record_event(actor=actor, action="accounts.role.revoked", obj=user, payload={"role": role})
    if hasattr(user, "_role_codes"):
        del user._role_codes
    return bool(deleted)


def membership_add(
    *, actor: Any, user: User, body: PublicBody, position: str = "", is_supervisor: bool = False
) -> Membership:
    """Place an official in a body (granting the official role). Idempotent per (user, body)."""
    require_administrator(actor)
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            user=user, body=body, defaults={"position": position, "is_supervisor": is_supervisor}
        )
        if created:
            record_event(
                actor=actor,
                action="accounts.membership.added",
                obj=membership,
                payload={"user_id": user.pk, "body_id": body.pk, "is_supervisor": is_supervisor},
            )
        role_grant(actor=actor, user=user, role=Role.OFFICIAL)
        if is_supervisor:
            role_grant(actor=actor, user=user, role=Role.SUPERVISOR)
    return membership


def membership_update(
    *, actor: Any, membership: Membership, position: str, is_supervisor: bool, is_active: bool
) -> Membership:
    require_administrator(actor)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        old = {"is_supervisor": locked.is_supervisor, "is_active": locked.is_active}
        locked.position, locked.is_supervisor, locked.is_active = position, is_supervisor, is_active
        locked.save(update_fields=["position", "is_supervisor", "is_active"])
        record_event(
            actor=actor,
            action="accounts.membership.updated",
            obj=locked,
            payload={"old": old, "new": {"is_supervisor": is_supervisor, "is_active": is_active}},
        )
    return locked
