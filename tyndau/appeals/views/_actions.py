"""The one shape of every action on an appeal or its complaint, for officials and applicants alike:
a form page (`form_action`) or a button (`button_action`). Permission and the object are the caller's;
the service call is one closure; a DomainError becomes a form error — on its field when the error
names one (e.g. `LegalGroundRequired.field == "legal_grounds"`) — or a message, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tyndau.appeals.models import Appeal
from tyndau.core.errors import DomainError


def add_domain_error(form: Form, exc: DomainError) -> None:
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


def form_action(
    request: HttpRequest,
    appeal: Appeal,
    form_class: Callable[..., Form],
    call: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    submit: str,
    done: str | Callable[[Any], str],
    next_url: str | Callable[[Any], str] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls `call(cleaned_data)` and redirects (PRG) to `next_url`
    (default: the appeal) with the `done` confirmation; `done`/`next_url` may be built from the result."""
    form = form_class(request.POST or None, request.FILES or None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, done(result) if callable(done) else done)
            target = next_url(result) if callable(next_url) else next_url
            return redirect(target or reverse("appeals:detail", args=[appeal.number]))
    context = {"appeal": appeal, "form": form, "title": title, "submit_label": submit, **(extra or {})}
    return render(request, "appeals/action.html", context)


def button_action(request: HttpRequest, appeal: Appeal, call: Callable[[], Any], *, done: str) -> HttpResponse:
    """A one-button action (POST only): do it, say so (or say why not), back to the appeal."""
    if request.method == "POST":
        try:
            call()
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
    return redirect("appeals:detail", number=appeal.number)
