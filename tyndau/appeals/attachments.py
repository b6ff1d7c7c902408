"""Attachment checks: by content, not by name; size-limited; stored privately."""

from __future__ import annotations

import hashlib
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def max_bytes() -> int:
    return int(getattr(settings, "APPEAL_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "APPEAL_ATTACHMENT_MAX_FILES", 5))


def sniff(upload: Any) -> str:
    """The real type of an uploaded file, read from its first bytes; ValidationError if not allowed."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(max_bytes())},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file (checked by its content, not its name)."),
            params={"name": upload.name},
            code="bad_type",
        )
    return str(kind.mime)


def digest(upload: Any) -> str:
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()
