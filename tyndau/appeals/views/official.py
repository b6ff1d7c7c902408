"""The official's work queue and actions. Another body's case answers 404 (selectors) or is refused
by the service (PermissionDenied) — never acted upon."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body
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
from tyndau.appeals.models import OPEN_STATUSES, Appeal, Complaint, Status
from tyndau.appeals.systemic import selectors as issue_selectors
from tyndau.appeals.views._actions import button_action, form_action
from tyndau.core.access import role_required
from tyndau.core.bounds import MAX_PAGE
from tyndau.core.bounds import bounded_int as _int

official_only = role_required(Role.OFFICIAL, Role.SUPERVISOR)


@official_only
def queue_home(request: HttpRequest) -> HttpResponse:
    body = selectors.bodies_of(request.user).first()
    if body is None:
        raise Http404
    return redirect("appeals:queue", body_id=body.pk)


@official_only
def queue(request: HttpRequest, body_id: int) -> HttpResponse:
    body, bodies = selectors.queue_bodies(request.user, body_id)
    filters = selectors.QueueFilters(
        status=request.GET.get("status", ""),
        category=_int(request.GET.get("category")),
        assignee=request.GET.get("assignee", ""),
        q=request.GET.get("q", "")[:100],
        overdue=request.GET.get("overdue") == "1",
    )
    page = _int(request.GET.get("page"), high=MAX_PAGE) or 1
    rows = selectors.queue(body=body, user=request.user, filters=filters, offset=(page - 1) * selectors.PAGE_SIZE)
    context = {
        "body": body,
        "bodies": bodies,
        "rows": rows,
        "filters": filters,
        "counters": selectors.queue_counters(body=body),
        "issues": issue_selectors.issues_by_id({a.issue_id for a in rows if a.issue_id}),
        "complaints": selectors.complaints_for(body=body),
        "statuses": [(s, Status(s).label) for s in OPEN_STATUSES],
        "today": selectors.local_today(),
        "page": page,
        "has_next": len(rows) == selectors.PAGE_SIZE,
    }
    return render(request, "appeals/official/queue.html", context)


def _handled(request: HttpRequest, number: str, *, supervisor: bool = False) -> Appeal:
    """The appeal, if the user acts for the body handling it (and is its head or deputy when asked); else 404."""
    appeal = selectors.appeal_for_viewer(request.user, number)
    if not acts_for_body(request.user, appeal.body_id, supervisor=supervisor):
        raise Http404
    return appeal


def _complaint_for(request: HttpRequest, pk: int, *, higher: bool) -> Complaint:
    return selectors.complaint_for_official(request.user, pk, higher=higher)


@official_only
def appeal_assign(request: HttpRequest, number: str) -> HttpResponse:
    appeal = _handled(request, number)
    return form_action(
        request,
        appeal,
        AssignForm,
        lambda d: services.appeal_assign(actor=request.user, appeal=appeal, assignee=d["assignee"]),
        title=_("Assign the appeal"),
        submit=_("Assign"),
        done=_("The appeal is assigned."),
        form_kwargs={"body": appeal.body},
    )


@official_only
def appeal_forward(request: HttpRequest, number: str) -> HttpResponse:
    """After forwarding, the appeal belongs to another body and is no longer this official's to see:
    they land on their own queue, told where it went."""
    appeal = _handled(request, number)
    queue_url = reverse("appeals:queue", args=[appeal.body_id])
    return form_action(
        request,
        appeal,
        ForwardForm,
        lambda d: services.appeal_forward(actor=request.user, appeal=appeal, to_body=d["to_body"], reason=d["reason"]),
        title=_("Forward to the competent body"),
        submit=_("Forward"),
        done=lambda forwarded: (
            _("Appeal %(number)s is forwarded to %(body)s and the applicant told. It has left your queue.")
            % {"number": forwarded.number, "body": forwarded.body.name}
        ),
        next_url=queue_url,
    )


@official_only
def appeal_request_info(request: HttpRequest, number: str) -> HttpResponse:
    appeal = _handled(request, number)
    return form_action(
        request,
        appeal,
        InfoRequestForm,
        lambda d: services.appeal_request_info(actor=request.user, appeal=appeal, question=d["question"]),
        title=_("Ask the applicant for information"),
        submit=_("Send the request"),
        done=_("The request is sent to the applicant."),
    )


@official_only
def appeal_extend(request: HttpRequest, number: str) -> HttpResponse:
    appeal = _handled(request, number, supervisor=True)
    return form_action(
        request,
        appeal,
        ExtendForm,
        lambda d: services.appeal_extend(
            actor=request.user, appeal=appeal, new_deadline=d["new_deadline"], reason=d["reason"]
        ),
        title=_("Extend the deadline"),
        submit=_("Extend"),
        done=_("The deadline is extended and the applicant told."),
    )


@official_only
def appeal_answer(request: HttpRequest, number: str) -> HttpResponse:
    appeal = _handled(request, number)
    templates = selectors.answer_templates(appeal)
    template_id = _int(request.GET.get("template"))
    chosen = next((t for t in templates if t.pk == template_id), None)
    initial = {"text": chosen.text, "outcome": chosen.outcome} if chosen else {}
    return form_action(
        request,
        appeal,
        AnswerForm,
        lambda d: services.appeal_answer(
            actor=request.user,
            appeal=appeal,
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
    appeal = _handled(request, number)
    return button_action(
        request,
        appeal,
        lambda: services.appeal_close(actor=request.user, appeal=appeal),
        done=_("The appeal is closed."),
    )


@official_only
def complaint_pass(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=False)
    return button_action(
        request,
        complaint.appeal,
        lambda: services.complaint_pass(actor=request.user, complaint=complaint),
        done=_("The complaint is passed to the higher body."),
    )


@official_only
def complaint_grant(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=False)
    return form_action(
        request,
        complaint.appeal,
        ComplaintGrantForm,
        lambda d: services.complaint_grant(actor=request.user, complaint=complaint, text=d["text"]),
        title=_("Grant the complaint fully"),
        submit=_("Grant"),
        done=_("The decision is recorded and the applicant told."),
        extra={"complaint": complaint},
    )


@official_only
def complaint_decide(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint_for(request, pk, higher=True)
    return form_action(
        request,
        complaint.appeal,
        ComplaintDecisionForm,
        lambda d: services.complaint_decide(
            actor=request.user,
            complaint=complaint,
            outcome=d["outcome"],
            text=d["text"],
            legal_grounds=list(d["legal_grounds"]),
        ),
        title=_("Decide the complaint"),
        submit=_("Record the decision"),
        done=_("The decision is recorded and the applicant told."),
        extra={"complaint": complaint},
    )
