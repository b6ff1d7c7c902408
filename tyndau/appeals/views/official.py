"""The official's work queue and actions. Another body's case answers 404 (selectors) or is refused
by the service (PermissionDenied) — never acted upon."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.appeals import selectors, services
from tyndau.appeals.forms import (
    AnswerForm,
    AssignForm,
    ComplaintDecisionForm,
    ComplaintGrantForm,
    ExtendForm,
    ForwardForm,
    InfoRequestForm,
)
from tyndau.appeals.models import OPEN_STATUSES, AnswerTemplate, Appeal, Complaint, Status
from tyndau.core.access import role_required
from tyndau.core.errors import DomainError

official_only = role_required(Role.OFFICIAL, Role.SUPERVISOR)


@official_only
def queue_home(request: HttpRequest) -> HttpResponse:
    body = selectors.bodies_of(request.user).first()
    if body is None:
        raise Http404
    return redirect("appeals:queue", body_id=body.pk)


@official_only
def queue(request: HttpRequest, body_id: int) -> HttpResponse:
    body = selectors.body_for_official(request.user, body_id)
    filters = selectors.QueueFilters(
        status=request.GET.get("status", ""),
        category=_int(request.GET.get("category")),
        assignee=request.GET.get("assignee", ""),
        q=request.GET.get("q", "")[:100],
        overdue=request.GET.get("overdue") == "1",
    )
    page = max(_int(request.GET.get("page")) or 1, 1)
    rows = selectors.queue(body=body, user=request.user, filters=filters, offset=(page - 1) * selectors.PAGE_SIZE)
    context = {
        "body": body,
        "bodies": selectors.bodies_of(request.user),
        "rows": rows,
        "filters": filters,
        "counters": selectors.queue_counters(body=body),
        "complaints": selectors.complaints_for(body=body),
        "statuses": [(s, Status(s).label) for s in OPEN_STATUSES],
        "today": selectors.local_today(),
        "page": page,
        "has_next": len(rows) == selectors.PAGE_SIZE,
    }
    return render(request, "appeals/official/queue.html", context)


def _appeal_action(
    request: HttpRequest,
    number: str,
    form_class: Callable[..., Form],
    call: Callable[[Appeal, dict[str, Any]], Any],
    *,
    title: str,
    submit: str,
    done: str,
    form_kwargs: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    if not selectors.is_handling_official(request.user, appeal):
        raise Http404
    kwargs = form_kwargs or {}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(appeal, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("appeals:detail", number=appeal.number)
    context = {"appeal": appeal, "form": form, "title": title, "submit_label": submit, **(extra or {})}
    return render(request, "appeals/action.html", context)


@official_only
def appeal_assign(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    return _appeal_action(
        request,
        number,
        AssignForm,
        lambda a, d: services.appeal_assign(actor=request.user, appeal=a, assignee=d["assignee"]),
        title=_("Assign the appeal"),
        submit=_("Assign"),
        done=_("The appeal is assigned."),
        form_kwargs={"body": appeal.body},
    )


@official_only
def appeal_forward(request: HttpRequest, number: str) -> HttpResponse:
    return _appeal_action(
        request,
        number,
        ForwardForm,
        lambda a, d: services.appeal_forward(actor=request.user, appeal=a, to_body=d["to_body"], reason=d["reason"]),
        title=_("Forward to the competent body"),
        submit=_("Forward"),
        done=_("The appeal is forwarded and the applicant told."),
    )


@official_only
def appeal_request_info(request: HttpRequest, number: str) -> HttpResponse:
    return _appeal_action(
        request,
        number,
        InfoRequestForm,
        lambda a, d: services.appeal_request_info(actor=request.user, appeal=a, question=d["question"]),
        title=_("Ask the applicant for information"),
        submit=_("Send the request"),
        done=_("The request is sent to the applicant."),
    )


@official_only
def appeal_extend(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    if not selectors.is_supervisor(request.user, appeal.body_id):
        raise Http404
    return _appeal_action(
        request,
        number,
        ExtendForm,
        lambda a, d: services.appeal_extend(
            actor=request.user, appeal=a, new_deadline=d["new_deadline"], reason=d["reason"]
        ),
        title=_("Extend the deadline"),
        submit=_("Extend"),
        done=_("The deadline is extended and the applicant told."),
    )


@official_only
def appeal_answer(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    templates = AnswerTemplate.objects.filter(category=appeal.category_id).order_by("title")
    template_id = _int(request.GET.get("template"))
    chosen = templates.filter(pk=template_id).first() if template_id else None
    initial = {"text": chosen.text, "outcome": chosen.outcome} if chosen else {}

    return _appeal_action(
        request,
        number,
        AnswerForm,
        lambda a, d: services.appeal_answer(
            actor=request.user,
            appeal=a,
            outcome=d["outcome"],
            text=d["text"],
            legal_grounds=list(d["legal_grounds"]),
            files=d["attachments"],
        ),
        title=_("Answer the appeal"),
        submit=_("Send the answer"),
        done=_("The answer is sent to the applicant."),
        extra={"answer_templates": templates},
        form_kwargs={"initial": initial},
    )


@official_only
def appeal_close(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    if request.method == "POST":
        try:
            services.appeal_close(actor=request.user, appeal=appeal)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The appeal is closed."))
    return redirect("appeals:detail", number=appeal.number)


def _complaint_for(request: HttpRequest, pk: int, *, higher: bool) -> Complaint:
    complaint = get_object_or_404(Complaint.objects.select_related("appeal"), pk=pk)
    body_id = complaint.higher_body_id if higher else complaint.deciding_body_id
    selectors.body_for_official(request.user, body_id)  # 404 for another body
    return complaint


@official_only
def complaint_pass(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=False)
    if request.method == "POST":
        try:
            services.complaint_pass(actor=request.user, complaint=complaint)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The complaint is passed to the higher body."))
    return redirect("appeals:detail", number=complaint.appeal.number)


@official_only
def complaint_grant(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=False)
    return _complaint_action(
        request,
        complaint,
        ComplaintGrantForm,
        lambda c, d: services.complaint_grant(actor=request.user, complaint=c, text=d["text"]),
        _("Grant the complaint fully"),
        _("Grant"),
    )


@official_only
def complaint_decide(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=True)
    return _complaint_action(
        request,
        complaint,
        ComplaintDecisionForm,
        lambda c, d: services.complaint_decide(
            actor=request.user,
            complaint=c,
            outcome=d["outcome"],
            text=d["text"],
            legal_grounds=list(d["legal_grounds"]),
        ),
        _("Decide the complaint"),
        _("Record the decision"),
    )


def _complaint_action(
    request: HttpRequest,
    complaint: Complaint,
    form_class: Callable[..., Form],
    call: Callable[[Complaint, dict[str, Any]], Any],
    title: str,
    submit: str,
) -> HttpResponse:
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call(complaint, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The decision is recorded and the applicant told."))
            return redirect("appeals:detail", number=complaint.appeal.number)
    return render(
        request,
        "appeals/action.html",
        {"appeal": complaint.appeal, "complaint": complaint, "form": form, "title": title, "submit_label": submit},
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
