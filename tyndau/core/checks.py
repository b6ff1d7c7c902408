"""Start-up checks of what settings alone cannot tell: that IIN_HASH_KEY is the key the stored
data was hashed with, and (`check --deploy`) that collectstatic has written the manifest the
production storage needs.

Every stored IIN is kept as HMAC(IIN_HASH_KEY, iin); with another key (a restore next to a new
environment file) nothing matches any more: a person could sign the same petition twice and
claim an IIN that is already someone's. So the first start after `migrate` stores a keyed
fingerprint of the key (`KeyFingerprint`), and every later start compares it: a mismatch is a
system check error, which stops `runserver`, `run_worker`, `run_periodic`, `migrate` and the WSGI
application (config/wsgi.py) before they touch the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import CheckMessage, Error
from django.core.files.storage import storages
from django.db import DatabaseError

from tyndau.core.pii import keyed_hash

IIN_HASH_KEY_NAME = "IIN_HASH_KEY"


def iin_hash_key_fingerprint() -> str:
    # Keyed: the row tells nothing about the key, only whether the same key made it.
    return keyed_hash("fingerprint", purpose="iin-hash-key-check")


def record_key_fingerprint(**kwargs: Any) -> None:
    """post_migrate: store the fingerprint on first start (never overwrite one)."""
    from tyndau.core.models import KeyFingerprint

    KeyFingerprint.objects.get_or_create(name=IIN_HASH_KEY_NAME, defaults={"fingerprint": iin_hash_key_fingerprint()})


def check_iin_hash_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from tyndau.core.models import KeyFingerprint

    try:
        stored = KeyFingerprint.objects.filter(name=IIN_HASH_KEY_NAME).values_list("fingerprint", flat=True).first()
    except DatabaseError:
        return []  # no database yet, or not migrated: nothing is hashed with any key yet
    if stored is None or stored == iin_hash_key_fingerprint():
        return []
    return [
        Error(
            "IIN_HASH_KEY is not the key this database's IINs were hashed with.",
            hint=(
                "Set IIN_HASH_KEY to the key used when the data was created (from the key backup, "
                "docs/operations.md). With another key duplicate signatures and IIN claims go undetected."
            ),
            id="tyndau.E001",
        )
    ]


def check_static_manifest(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """`check --deploy`: with the manifest storage, a missing manifest makes every page a 500."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    manifest = Path(settings.STATIC_ROOT) / storage.manifest_name
    if manifest.exists():
        return []
    return [
        Error(
            f"The static files manifest {manifest} does not exist: every page would answer 500.",
            hint="Run `python manage.py collectstatic --noinput` with the production environment (docs/operations.md).",
            id="tyndau.E002",
        )
    ]
