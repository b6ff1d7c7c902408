"""A signed PDF (the founding application as signed, the supreme body's decision to amend the charter):
checked by its content — the magic bytes say PDF and the file parses as a PDF with at least one page —
and bounded in size. The shared checks are core's (tyndau.core.files, also used by appeals)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tyndau.core.files import check_size, digest, sniff_type

logger = logging.getLogger(__name__)

PDF = {"application/pdf": "pdf"}


def max_bytes() -> int:
    return int(getattr(settings, "ASSOCIATION_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024))


def _parses(upload: Any) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        return False
    except Exception:  # a malformed file must never become a 500; pypdf raises many kinds
        logger.info("a PDF upload did not parse")
        return False
    finally:
        upload.seek(0)


def check_pdf(upload: Any) -> str:
    """The file's SHA-256 when it is a PDF within the size bound; ValidationError otherwise."""
    check_size(upload, max_bytes())
    if sniff_type(upload, PDF) is None or not _parses(upload):
        raise ValidationError(
            _("“%(name)s” is not a readable PDF file (checked by its content, not its name)."),
            params={"name": upload.name},
            code="bad_type",
        )
    return digest(upload)
