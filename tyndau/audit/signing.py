"""Ed25519 signatures over the head of the audit chain.

The signed message is ASCII and documented (docs/audit-log.md) so that anyone
can check a head offline with any Ed25519 implementation:

    tyndau-audit-head:v1:<seq>:<hash hex>
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

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


def verify_signature(*, seq: int, head_hash: str, signature_b64: str, public_key_b64_value: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64_value, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), signed_message(seq, head_hash))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True
