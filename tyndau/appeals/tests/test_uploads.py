"""Uploads: an oversized body is refused before it is read (a translated 413), and a storage
failure (disk full midway) keeps the typed appeal, files nothing and leaves no partial files."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tyndau.appeals.models import Appeal, Attachment
from tyndau.appeals.tests.test_views import PDF, PNG, _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_body_over_the_limit_is_refused_before_it_is_read(client: Any, cast: Any, category: Any) -> None:
    """Before: the whole body (300 MB) was read before the form said "larger than 5 MB"."""
    client.force_login(cast.citizen)
    data = _form(cast, category, attachments=[SimpleUploadedFile("photo.png", PNG, "image/png")])
    with translation.override("kk"):
        url = reverse("appeals:new")
    with mock.patch("django.core.handlers.wsgi.LimitedStream.read", side_effect=AssertionError("body read")):
        response = client.post(url, data, CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert response.status_code == 413
    assert not Appeal.objects.exists()
    with translation.override("kk"):
        assert translation.gettext("The files are too large") in response.content.decode()
    assert response.content.decode().count("<h1") == 1


def test_a_body_within_the_limit_goes_through(client: Any, cast: Any, category: Any, media: Path) -> None:
    client.force_login(cast.citizen)
    data = _form(cast, category, attachments=[SimpleUploadedFile("photo.png", PNG, "image/png")])
    assert client.post(reverse("appeals:new"), data).status_code == 302
    assert Appeal.objects.count() == 1


def test_disk_full_midway_keeps_the_typed_appeal_and_leaves_no_partial_files(
    client: Any, cast: Any, category: Any, media: Path
) -> None:
    """Before: a generic 500, the typed appeal lost, the first file and half of the second on disk."""
    client.force_login(cast.citizen)
    big_pdf = PDF + b"%" * 200_000  # written in several chunks
    data = _form(
        cast,
        category,
        text="Our yard floods every spring; the drain is blocked.",
        attachments=[
            SimpleUploadedFile("photo.png", PNG, "image/png"),
            SimpleUploadedFile("scan.pdf", big_pdf, "application/pdf"),
        ],
    )
    real_fdopen = os.fdopen
    budget = {"bytes": len(PNG) + 70_000}  # room for the first file and part of the second

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        file = real_fdopen(fd, mode, *args, **kwargs)
        write = file.write

        def limited(chunk: bytes) -> int:
            if len(chunk) > budget["bytes"]:
                write(chunk[: budget["bytes"]])
                budget["bytes"] = 0
                raise OSError(errno.ENOSPC, "No space left on device")
            budget["bytes"] -= len(chunk)
            return int(write(chunk))

        file.write = limited
        return file

    with mock.patch("django.core.files.storage.filesystem.os.fdopen", side_effect=fdopen):
        response = client.post(reverse("appeals:new"), data)
    assert response.status_code == 200  # the form again, not a 500
    page = response.content.decode()
    assert "Our yard floods every spring; the drain is blocked." in page
    assert 'id="error-summary"' in page or "usa-alert--error" in page
    assert not Appeal.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []  # neither the whole first file nor the partial second
