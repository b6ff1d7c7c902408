"""Who may sign in one step, as one hand-written query.

The verified-citizen rule as SQL: a profile IIN and an unrevoked verification of level DEMO or higher
bound to that IIN — the same rule as `tyndau.accounts.selectors.is_verified_citizen` (a parity test
keeps the two in step). Plain SQL because building it through the ORM cost more CPU than running it
on the hottest path we have. Table names come from model metadata; every value is a parameter."""

from __future__ import annotations

import functools
from typing import Any

from django.db import connection


@functools.cache
def identity_sql(*, with_user: bool) -> str:
    from tyndau.accounts.models import CitizenProfile, IdentityVerification, User

    verifications = IdentityVerification._meta.db_table
    verified = (
        f"p.iin_hash IS NOT NULL AND p.iin_hash <> '' AND EXISTS (SELECT 1 FROM {verifications} v "  # noqa: S608
        "WHERE v.user_id = p.user_id AND v.revoked_at IS NULL AND v.level >= %s AND v.iin_hash = p.iin_hash)"
    )
    if not with_user:
        return (
            f"SELECT p.iin_hash, p.iin_encrypted, p.region_id FROM {CitizenProfile._meta.db_table} p "  # noqa: S608
            f"WHERE p.user_id = %s AND {verified}"
        )
    # The signing lane's one query: the session's user (for the session-hash check) and, when
    # verified, their identity. A user without a verified identity comes back with NULLs.
    return (
        "SELECT u.password, u.is_active, u.first_name, u.last_name, u.email, "  # noqa: S608
        f"p.iin_hash, p.iin_encrypted, p.region_id FROM {User._meta.db_table} u "
        f"LEFT JOIN {CitizenProfile._meta.db_table} p ON p.user_id = u.id AND {verified} WHERE u.id = %s"
    )


def minimum_level() -> int:
    from tyndau.accounts.models import VerificationLevel

    return int(VerificationLevel.DEMO)


def citizen_identity(user: Any) -> dict[str, Any] | None:
    """The verified citizen's IIN hash, encrypted IIN and region, or None — in one query, asked once
    per request (the view and the service share the answer)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if hasattr(user, "_petitions_identity"):
        memo: dict[str, Any] | None = user._petitions_identity
        return memo
    with connection.cursor() as cursor:
        cursor.execute(identity_sql(with_user=False), [user.pk, minimum_level()])
        found = cursor.fetchone()
    identity = {"iin_hash": found[0], "iin_encrypted": found[1], "region_id": found[2]} if found else None
    user._petitions_identity = identity
    return identity
