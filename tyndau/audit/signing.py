"""Ed25519 keys of the audit log: the signing key, and the published keys verification trusts.

A signed head's message is ASCII and documented (docs/audit-log.md) so that anyone
can check a head offline with any Ed25519 implementation:

    tyndau-audit-head:v1:<seq>:<hash hex>

Verification never trusts a key read from the database it checks: it uses the published
verifier keys of settings.AUDIT_PUBLIC_KEYS, each with its validity period (key rotation).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.dateparse import parse_date, parse_datetime

from tyndau.audit.tlog import CosignerKey, NoteError, VerifierKey

MESSAGE_PREFIX = "tyndau-audit-head:v1"


def signed_message(seq: int, head_hash: str) -> bytes:
    return f"{MESSAGE_PREFIX}:{seq}:{head_hash}".encode("ascii")


def signing_key() -> Ed25519PrivateKey:
    raw = getattr(settings, "AUDIT_SIGNING_KEY", "")
    try:
        key_bytes = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured("AUDIT_SIGNING_KEY must be base64 of a raw 32-byte Ed25519 private key") from None
    if len(key_bytes) != 32:
        raise ImproperlyConfigured("AUDIT_SIGNING_KEY must be base64 of a raw 32-byte Ed25519 private key")
    return Ed25519PrivateKey.from_private_bytes(key_bytes)


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def public_key_b64() -> str:
    return base64.b64encode(_raw_public(signing_key().public_key())).decode("ascii")


def public_key_pem(public_key_b64_value: str | None = None) -> str:
    raw = base64.b64decode(public_key_b64_value) if public_key_b64_value else _raw_public(signing_key().public_key())
    key = Ed25519PublicKey.from_public_bytes(raw)
    return key.public_bytes(
        encoding=serialization.Encoding.PEM, format=serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def sign(seq: int, head_hash: str) -> str:
    """Base64 of the 64-byte signature over `signed_message(seq, head_hash)`."""
    return base64.b64encode(signing_key().sign(signed_message(seq, head_hash))).decode("ascii")


def verify_signature(*, seq: int, head_hash: str, signature_b64: str, key: PublishedKey) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(key.verifier.public_key)
        public.verify(base64.b64decode(signature_b64, validate=True), signed_message(seq, head_hash))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


# Published keys ---------------------------------------------------------------------------------


def log_origin() -> str:
    """The log's name: the origin line of its checkpoints and the name of its signing key."""
    configured = getattr(settings, "AUDIT_LOG_ORIGIN", "")
    return configured or f"{urlsplit(settings.SITE_URL).netloc}/audit"


def own_verifier_key() -> VerifierKey:
    """The verifier key of the configured signing key, in the signed-note form (to publish)."""
    return VerifierKey.of(log_origin(), _raw_public(signing_key().public_key()))


@dataclass(frozen=True)
class PublishedKey:
    verifier: VerifierKey
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    def valid_at(self, moment: datetime) -> bool:
        return (self.valid_from is None or moment >= self.valid_from) and (
            self.valid_until is None or moment < self.valid_until
        )


def _moment(text: str, position: int) -> datetime | None:
    if not text:
        return None
    parsed = parse_datetime(text)
    if parsed is None:
        day = parse_date(text)
        parsed = datetime(day.year, day.month, day.day) if day else None
    if parsed is None:
        raise ImproperlyConfigured(f"AUDIT_PUBLIC_KEYS item {position}: validity dates are ISO 8601")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def published_keys() -> list[PublishedKey]:
    """settings.AUDIT_PUBLIC_KEYS: `<verifier key>[|<valid from>[|<valid until>]]`, parsed."""
    if not settings.AUDIT_PUBLIC_KEYS and getattr(settings, "AUDIT_TRUST_OWN_KEY", False):
        return [PublishedKey(own_verifier_key())]
    keys = []
    for position, item in enumerate(settings.AUDIT_PUBLIC_KEYS, start=1):
        text, *validity = item.split("|")
        if len(validity) > 2:
            raise ImproperlyConfigured(f"AUDIT_PUBLIC_KEYS item {position}: <key>[|<from>[|<until>]]")
        try:
            verifier = VerifierKey.parse(text)
        except NoteError as exc:
            raise ImproperlyConfigured(f"AUDIT_PUBLIC_KEYS item {position}: {exc}") from None
        bounds = [*validity, "", ""][:2]
        keys.append(PublishedKey(verifier, _moment(bounds[0], position), _moment(bounds[1], position)))
    return keys


def published_key_for(row_public_key_b64: str) -> PublishedKey | None:
    """The published key with this raw public key (as a signed head stores it), or None."""
    try:
        raw = base64.b64decode(row_public_key_b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    return next((key for key in published_keys() if key.verifier.public_key == raw), None)


# Witnesses --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfiguredWitness:
    key: CosignerKey
    url: str  # the witness's submission prefix: add-checkpoint is POSTed to <url>/add-checkpoint


def witnesses() -> list[ConfiguredWitness]:
    """settings.AUDIT_WITNESSES: `<cosigner key>|<submission URL prefix>`, parsed (the witness key registry)."""
    configured = []
    for position, item in enumerate(getattr(settings, "AUDIT_WITNESSES", []), start=1):
        text, sep, url = item.partition("|")
        if not sep or urlsplit(url).scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"AUDIT_WITNESSES item {position}: <cosigner key>|<http(s) URL prefix>")
        try:
            key = CosignerKey.parse(text)
        except NoteError as exc:
            raise ImproperlyConfigured(f"AUDIT_WITNESSES item {position}: {exc}") from None
        configured.append(ConfiguredWitness(key=key, url=url.rstrip("/")))
    return configured


def witness_quorum() -> int:
    """How many distinct configured witnesses must have cosigned a checkpoint for a receipt to be accepted."""
    quorum = getattr(settings, "AUDIT_WITNESS_QUORUM", 0)
    if quorum > len(witnesses()):
        raise ImproperlyConfigured("AUDIT_WITNESS_QUORUM is larger than the number of AUDIT_WITNESSES")
    return int(quorum)
