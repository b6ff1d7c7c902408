"""Identity verification seam: how Tyndau learns who a person is.

A valid IIN checksum proves nothing about a person's existence
(domain-rules.md, "Identity numbers"). Identity proofing is delegated to a
*verifier*; a successful check is stored as an `IdentityVerification` row with
a level (`VerificationLevel`) by `services.identity_verification_record`.

Verifiers shipped here:

- `EmailVerifier` (level EMAIL): the person followed the signed link we mailed
  them. Proves control of the mailbox only.
- `DemoVerifier` (level DEMO): available only with DEBUG on. It lets a developer
  or a demo audience act as a verified citizen without a real identity provider.
- `EgovEdsVerifier` (level EDS): the national eGov electronic digital signature
  (ЭЦП / ЭЦҚ). **Not connected**: `verify` raises `NotConfigured` until an operator
  implements the integration (see docs/identity-verification.md): the browser signs
  a server challenge with NCALayer, the server checks the CMS signature, the
  certificate chain and its revocation (OCSP) with the NCA of RK, and takes the IIN
  from the certificate subject (SERIALNUMBER=IIN…). An SMS one-time code through the
  government mobile database would be another verifier of its own.

A person is a *verified citizen* (`selectors.is_verified_citizen`) when their
profile holds a valid IIN and an unrevoked verification of level >= DEMO is
bound to that same IIN. Production installations must leave DEBUG off, so only
EDS (once connected) reaches that level there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core import signing

from tyndau.accounts.errors import NotConfigured, VerificationLinkExpired, VerificationLinkInvalid
from tyndau.accounts.models import User, VerificationLevel, VerificationMethod
from tyndau.core.pii import keyed_hash

EMAIL_TOKEN_SALT = "tyndau.accounts.verify-email"  # noqa: S105 - a signing namespace, not a secret
# How long an e-mail confirmation link stays valid.
EMAIL_TOKEN_MAX_AGE = dt.timedelta(days=3)


@dataclass(frozen=True)
class VerificationOutcome:
    """What a verifier established. `iin` is set when the provider vouches for an IIN."""

    reference: str = ""
    iin: str | None = None


class Verifier(Protocol):
    method: VerificationMethod
    level: VerificationLevel

    def is_available(self) -> bool:
        """Whether this installation can use the verifier at all."""
        ...

    def verify(self, *, user: User, evidence: Mapping[str, str]) -> VerificationOutcome:
        """Check `evidence` for `user`; raise an AccountsError subclass when it fails."""
        ...


def _email_fingerprint(email: str) -> str:
    # The link must not carry the address itself (URLs reach logs); a keyed hash
    # ties it to the address so that changing the e-mail voids old links.
    return keyed_hash(email.strip().lower(), purpose="verify-email")[:24]


def make_email_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": _email_fingerprint(user.email)}, salt=EMAIL_TOKEN_SALT)


def read_email_token(token: str) -> tuple[int, str]:
    """The user id and e-mail fingerprint in a token; raises Expired / Invalid."""
    try:
        data = signing.loads(token, salt=EMAIL_TOKEN_SALT, max_age=EMAIL_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise VerificationLinkExpired from None
    except signing.BadSignature:
        raise VerificationLinkInvalid from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("e"), str):
        raise VerificationLinkInvalid
    return data["u"], data["e"]


class EmailVerifier:
    method = VerificationMethod.EMAIL
    level = VerificationLevel.EMAIL

    def is_available(self) -> bool:
        return True

    def verify(self, *, user: User, evidence: Mapping[str, str]) -> VerificationOutcome:
        user_id, fingerprint = read_email_token(evidence.get("token", ""))
        if user_id != user.pk or fingerprint != _email_fingerprint(user.email):
            raise VerificationLinkInvalid
        return VerificationOutcome()


class DemoVerifier:
    """Development only: vouches for the IIN already on the profile."""

    method = VerificationMethod.DEMO
    level = VerificationLevel.DEMO

    def is_available(self) -> bool:
        return bool(settings.DEBUG)

    def verify(self, *, user: User, evidence: Mapping[str, str]) -> VerificationOutcome:
        from tyndau.accounts.errors import VerificationUnavailable

        if not self.is_available():
            raise VerificationUnavailable
        return VerificationOutcome(reference="demo")


class EgovEdsVerifier:
    """eGov EDS through NCALayer — the seam an operator fills in (docs/identity-verification.md)."""

    method = VerificationMethod.EGOV_EDS
    level = VerificationLevel.EDS

    def is_available(self) -> bool:
        return False

    def verify(self, *, user: User, evidence: Mapping[str, str]) -> VerificationOutcome:
        raise NotConfigured


VERIFIERS: dict[str, Verifier] = {
    VerificationMethod.EMAIL: EmailVerifier(),
    VerificationMethod.DEMO: DemoVerifier(),
    VerificationMethod.EGOV_EDS: EgovEdsVerifier(),
}


def get_verifier(method: str) -> Verifier:
    return VERIFIERS[method]
