"""Writes about people. Every write records an audit event inside its transaction;
payloads never carry personal data (names, e-mail, IIN, phone, address).

Split by concept: `people` (registration, e-mail confirmation, passwords, identity
verification), `profiles` (citizen profile, audited IIN reads), `officials`
(roles, memberships). Import from `tyndau.accounts.services`.
"""

from tyndau.accounts.services.officials import (
    membership_add,
    membership_update,
    representative_grant,
    role_grant,
    role_revoke,
)
from tyndau.accounts.services.people import (
    RESEND_INTERVAL_SECONDS,
    email_verification_resend,
    identity_verification_record,
    identity_verify,
    user_create,
    user_register,
    user_set_password,
    user_verify_email,
)
from tyndau.accounts.services.profiles import (
    IIN_READER_ROLES,
    IinReadReason,
    citizen_iin_read,
    profile_update,
)

__all__ = [
    "IIN_READER_ROLES",
    "RESEND_INTERVAL_SECONDS",
    "IinReadReason",
    "citizen_iin_read",
    "email_verification_resend",
    "identity_verification_record",
    "identity_verify",
    "membership_add",
    "membership_update",
    "profile_update",
    "representative_grant",
    "role_grant",
    "role_revoke",
    "user_create",
    "user_register",
    "user_set_password",
    "user_verify_email",
]
