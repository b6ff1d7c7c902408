"""Uploaded files checked by their content, not their name: the real type from the first bytes, a size
bound, a digest, and writing to private storage with cleanup on failure. Apps give their own allowed
types and limits (tyndau.appeals.attachments, tyndau.associations.documents)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def check_size(upload: Any, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s."),
            params={"name": upload.name, "limit": filesizeformat(limit)},
            code="too_large",
        )


def sniff_type(upload: Any, allowed: Mapping[str, str]) -> str | None:
    """The MIME type read from the file's first bytes, or None when it is not one of `allowed`."""
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        return None
    return str(kind.mime)


def digest(upload: Any) -> str:
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def store_file(row: Any, upload: Any) -> str:
    """Write `upload` to the row's `file` storage under its generated name and set it on the row;
    returns the name. On an OSError a partly written file is removed before the error goes on."""
    field = row._meta.get_field("file")
    name = field.generate_filename(row, upload.name)
    try:
        row.file.name = field.storage.save(name, upload, max_length=field.max_length)
    except OSError:
        discard_files([name])  # the names are random: this is our own partial file
        raise
    return str(row.file.name)


def discard_files(names: list[str]) -> None:
    from django.core.files.storage import storages

    storage = storages["default"]
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("stored file %s could not be removed", name)
