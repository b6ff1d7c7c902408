"""The page behind the link e-mailed for a request an Open311 client application POSTed: the
person named reads it and files it as their own appeal, choosing publication (unticked)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.appeals.forms import Open311ConfirmForm
from tyndau.appeals.services.open311 import open311_confirm, submission_for
from tyndau.core.access import signed_in
from tyndau.core.errors import DomainError, PermissionDenied


@signed_in
def confirm(request: HttpRequest, key: str) -> HttpResponse:
    try:
        submission = submission_for(actor=request.user, confirm_key=key)
    except PermissionDenied:
        raise Http404 from None  # another person's link, or none: nothing to show
    if submission.appeal is not None:
        return redirect("appeals:detail", number=submission.appeal.number)
    form = Open311ConfirmForm(request.POST if request.method == "POST" else None, client_name=submission.client.name)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = open311_confirm(
                actor=request.user,
                confirm_key=key,
                publish_consent=form.cleaned_data["publish_consent"],
                authorise=form.cleaned_data["authorise"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your appeal %(number)s is registered") % {"number": appeal.number})
            return redirect("appeals:detail", number=appeal.number)
    return render(
        request,
        "appeals/open311_confirm.html",
        {"submission": submission, "form": form, "submit_label": _("File this appeal")},
    )
