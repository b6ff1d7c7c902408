"""Attachment checks: by content, not by name; size-limited; stored privately."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tyndau.core.files import check_size, digest, discard_files, sniff_type, store_file

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def max_bytes() -> int:
    return int(getattr(settings, "APPEAL_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "APPEAL_ATTACHMENT_MAX_FILES", 5))


def sniff(upload: Any) -> str:
    """The real type of an uploaded file, read from its first bytes; ValidationError if not allowed."""
    check_size(upload, max_bytes())
    mime = sniff_type(upload, ALLOWED_TYPES)
    if mime is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file (checked by its content, not its name)."),
            params={"name": upload.name},
            code="bad_type",
        )
    return mime


__all__ = ["ALLOWED_TYPES", "digest", "discard_files", "max_bytes", "max_files", "sniff", "store_file"]
