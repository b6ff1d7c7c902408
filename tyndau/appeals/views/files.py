"""Attachments are private files: served only to the applicant and the handling body."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest

from tyndau.appeals import selectors
from tyndau.core.access import signed_in


@signed_in
def attachment(request: HttpRequest, number: str, pk: int) -> FileResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    item = selectors.attachment_of(appeal, pk)
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(item.content_type, "bin")
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=True,
        filename=f"{appeal.number}-{item.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
