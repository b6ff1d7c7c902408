"""Personal data at rest: keyed hashes for uniqueness, encryption for reading.

An IIN is stored twice: `iin_hash(iin)` (HMAC-SHA256 with IIN_HASH_KEY) finds
duplicates without revealing the number; `encrypt(iin)` (Fernet, keys in
FIELD_ENCRYPTION_KEYS, newest first) lets an authorised official read it.
Neither the key nor the plain number ever reaches a log.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def iin_hash(iin: str) -> str:
    return hmac.new(settings.IIN_HASH_KEY.encode(), iin.strip().encode(), hashlib.sha256).hexdigest()


def keyed_hash(value: str, *, purpose: str) -> str:
    """A keyed hash of any identifier (e-mail, IP) for rate limits and de-duplication."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(settings.IIN_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("encrypted value cannot be read with the configured keys") from None


def mask_iin(iin: str) -> str:
    """For an authorised official's screen: the first six digits hidden."""
    return "******" + iin[6:] if len(iin) == 12 else "************"
