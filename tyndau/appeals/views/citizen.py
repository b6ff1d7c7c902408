"""The citizen's pages: file, receipt, own appeals, reply, complain, rate, close."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.appeals import rules, selectors, services
from tyndau.appeals.errors import AppealError
from tyndau.appeals.forms import AppealForm, ComplaintForm, InfoReplyForm, RateForm
from tyndau.appeals.models import Status
from tyndau.audit.selectors import timeline_for
from tyndau.core.access import public, signed_in
from tyndau.core.errors import DomainError


@signed_in
def appeal_new(request: HttpRequest) -> HttpResponse:
    form = AppealForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.appeal_file(
                actor=request.user,
                idempotency_key=data["idempotency_key"],
                kind=data["kind"],
                region=data["region"],
                category=data["category"],
                body=data["body"],
                subject=data["subject"],
                text=data["text"],
                contact_phone=data["contact_phone"],
                address=data["address"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                publish_consent=data["publish_consent"],
                needs=data["needs"],
                need_note=data["need_note"],
                anonymous=data["anonymous"],
                cosigner_emails=data["cosigners"],
                files=data["attachments"],
                language=get_language() or "kk",
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your appeal is registered. Keep the receipt number."))
            if appeal.is_anonymous:
                request.session["anonymous_receipt"] = appeal.number
                return redirect("appeals:anonymous_receipt")
            return redirect("appeals:receipt", number=appeal.number)
    return render(request, "appeals/new.html", {"form": form})


@signed_in
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    return render(request, "appeals/receipt.html", {"appeal": appeal, "source": rules.RECEIPT_SOURCE})


@signed_in
def anonymous_receipt(request: HttpRequest) -> HttpResponse:
    """An anonymous report has no owner to look it up later: the receipt is shown once, from the session."""
    from tyndau.appeals.models import Appeal

    number = request.session.get("anonymous_receipt", "")
    appeal = Appeal.objects.filter(number=number, is_anonymous=True).select_related("body").first()
    if appeal is None:
        return redirect("appeals:mine")
    return render(request, "appeals/receipt.html", {"appeal": appeal, "source": rules.RECEIPT_SOURCE})


@signed_in
def my_appeals(request: HttpRequest) -> HttpResponse:
    before = _int(request.GET.get("before"))
    appeals = selectors.appeals_of(request.user, before=before)
    next_before = appeals[-1].pk if len(appeals) == selectors.PAGE_SIZE else None
    return render(request, "appeals/mine.html", {"appeals": appeals, "next_before": next_before})


@signed_in
def appeal_detail(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    is_applicant = appeal.applicant_id == request.user.pk
    context = {
        "appeal": appeal,
        "is_applicant": is_applicant,
        "is_official": selectors.is_handling_official(request.user, appeal),
        "is_supervisor": selectors.is_supervisor(request.user, appeal.body_id),
        "answer": getattr(appeal, "answer", None) if appeal.status != Status.REGISTERED else None,
        "complaint": getattr(appeal, "complaint", None),
        "attachments": appeal.attachments.all(),
        "forwardings": appeal.forwardings.select_related("from_body", "to_body"),
        "extensions": appeal.extensions.all(),
        "info_requests": appeal.info_requests.all(),
        "cosigners": appeal.cosigners.all() if is_applicant else [],
        "timeline": timeline_for(appeal),
        "is_higher": _is_higher_member(request.user, appeal),
        "can_complain": is_applicant and appeal.status in (Status.ANSWERED, Status.DEEMED_REFUSED),
        "rate_form": RateForm(initial={"rating": appeal.rating}) if is_applicant else None,
    }
    return render(request, "appeals/detail.html", context)


@signed_in
def appeal_reply(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    form = InfoReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_provide_info(
                actor=request.user,
                appeal=appeal,
                reply=form.cleaned_data["reply"],
                files=form.cleaned_data["attachments"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your reply has been sent to the body."))
            return redirect("appeals:detail", number=appeal.number)
    return _action_page(request, appeal, form, _("Reply to the request for information"), _("Send the reply"))


@signed_in
def appeal_complain(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_file(
                actor=request.user,
                appeal=appeal,
                text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your complaint is registered. The body must pass it to its higher body "
                    "within 3 working days unless it grants it fully."
                ),
            )
            return redirect("appeals:detail", number=appeal.number)
    return _action_page(request, appeal, form, _("Challenge the answer or the silence"), _("File the complaint"))


@signed_in
def appeal_rate(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_rate(actor=request.user, appeal=appeal, rating=form.cleaned_data["rating"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you for rating the answer."))
    return redirect("appeals:detail", number=appeal.number)


@signed_in
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


@public
def cosign(request: HttpRequest, token: str) -> HttpResponse:
    from django.http import Http404

    from tyndau.appeals.models import CoSigner

    cosigner = CoSigner.objects.select_related("appeal").filter(token=token).first()
    if cosigner is None:
        raise Http404
    if request.method == "POST":
        services.cosigner_confirm(token=token)
        messages.success(request, _("Thank you: you have co-signed the appeal."))
        return redirect("appeals:cosign", token=token)
    return render(request, "appeals/cosign.html", {"cosigner": cosigner})


def _is_higher_member(user: Any, appeal: Any) -> bool:
    from tyndau.accounts.models import Membership
    from tyndau.appeals.models import Complaint

    complaint = Complaint.objects.filter(appeal=appeal).only("higher_body_id").first()
    if complaint is None:
        return False
    return Membership.objects.filter(user=user, body_id=complaint.higher_body_id, is_active=True).exists()


def _action_page(request: HttpRequest, appeal: object, form: object, title: str, submit: str) -> HttpResponse:
    return render(
        request, "appeals/action.html", {"appeal": appeal, "form": form, "title": title, "submit_label": submit}
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


__all__ = ["AppealError"]
