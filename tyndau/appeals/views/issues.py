"""Systemic issues: an official's issues (answer once for many, split, merge) and the public register.

Another body's issue answers 404 (selectors) or is refused by the service; public pages show counts,
places at street level and published appeals only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.appeals import rules, selectors
from tyndau.appeals.models import GATHERING, SystemicIssue
from tyndau.appeals.systemic import selectors as issue_selectors
from tyndau.appeals.systemic import services
from tyndau.appeals.systemic.forms import IssueAnswerForm, IssueMergeForm, IssueSplitForm
from tyndau.appeals.views._actions import add_domain_error
from tyndau.core.access import public, role_required
from tyndau.core.bounds import bounded_int as _int
from tyndau.core.errors import DomainError
from tyndau.core.replica import replica_reads

official_only = role_required(Role.OFFICIAL, Role.SUPERVISOR)


@official_only
def body_issues(request: HttpRequest, body_id: int) -> HttpResponse:
    body, bodies = selectors.queue_bodies(request.user, body_id)
    before = _int(request.GET.get("before"))
    rows = issue_selectors.issues_of_body(body=body, before=before)
    next_before = rows[-1].pk if len(rows) == issue_selectors.PAGE_SIZE else None
    context = {"body": body, "bodies": bodies, "rows": rows, "next_before": next_before}
    return render(request, "appeals/issues/body.html", context)


def _issue_page(request: HttpRequest, issue: SystemicIssue, **forms: Form) -> HttpResponse:
    members = issue_selectors.members(issue)
    context = {
        "issue": issue,
        "members": members,
        "bodies": issue_selectors.body_names(issue),
        "answer_form": forms.get("answer") or IssueAnswerForm(),
        "split_form": forms.get("split") or IssueSplitForm(members=_member_choices(issue, members)),
        "merge_form": forms.get("merge") or IssueMergeForm(others=_merge_choices(issue)),
        "can_change": issue.status in GATHERING,
    }
    return render(request, "appeals/issues/detail.html", context)


def _member_choices(issue: SystemicIssue, members: list[Any]) -> list[tuple[int, str]]:
    return [(a.pk, f"{a.number} — {a.subject}" if a.body_id == issue.body_id else a.number) for a in members]


def _merge_choices(issue: SystemicIssue) -> list[tuple[int, str]]:
    return [
        (o.pk, _("Issue %(id)s: %(category)s, %(region)s") % {"id": o.pk, "category": o.category, "region": o.region})
        for o in issue_selectors.merge_choices(issue)
    ]


@official_only
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue_page(request, issue_selectors.issue_for_official(request.user, pk))


def _issue_action(
    request: HttpRequest, pk: int, name: str, make: Callable[..., Form], call: Callable[..., Any], done: str
) -> HttpResponse:
    """A POST on the issue page: one service call, the form with its error on the same page, or PRG."""
    issue = issue_selectors.issue_for_official(request.user, pk)
    if request.method != "POST":
        return redirect("appeals:issue", pk=issue.pk)
    form = make(issue, request.POST)
    if form.is_valid():
        try:
            result = call(issue, form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("appeals:issue", pk=getattr(result, "pk", issue.pk))
    return _issue_page(request, issue, **{name: form})


@official_only
def issue_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue_action(
        request,
        pk,
        "answer",
        lambda issue, data: IssueAnswerForm(data),
        lambda issue, d: services.issue_answer(actor=request.user, issue=issue, text=d["text"]),
        _("The public answer is published and sent to every applicant in the issue."),
    )


@official_only
def issue_split(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue_action(
        request,
        pk,
        "split",
        lambda issue, data: IssueSplitForm(data, members=_member_choices(issue, issue_selectors.members(issue))),
        lambda issue, d: services.issue_split(actor=request.user, issue=issue, appeals=d["appeals"]),
        _("The appeals chosen now form an issue of their own."),
    )


@official_only
def issue_merge(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue_action(
        request,
        pk,
        "merge",
        lambda issue, data: IssueMergeForm(data, others=_merge_choices(issue)),
        lambda issue, d: services.issue_merge(actor=request.user, issue=issue, other=d["other"]),
        _("The issues are merged."),
    )


@public
@replica_reads
def public_issues(request: HttpRequest) -> HttpResponse:
    before = _int(request.GET.get("before"))
    rows = issue_selectors.public_issues(before=before)
    next_before = rows[-1].pk if len(rows) == issue_selectors.PAGE_SIZE else None
    context = {"rows": rows, "next_before": next_before, "parameters": rules.describe(rules.SYSTEMIC)}
    return render(request, "appeals/issues/public_list.html", context)


@public
@replica_reads
def public_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_selectors.public_issue(pk)
    if issue.merged_into_id:
        return redirect("appeals:issue_public", pk=issue.merged_into_id)
    context = {
        "issue": issue,
        "appeals": issue_selectors.public_members(issue),
        "bodies": issue_selectors.body_names(issue),
    }
    return render(request, "appeals/issues/public_detail.html", context)
