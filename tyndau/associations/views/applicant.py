"""The applicant's and the founders' pages: apply, the application, the charter editor, submit, receipt,
answer proposals, join or leave as a founder, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.associations import charter, rules, selectors, services
from tyndau.associations.errors import PermissionDenied
from tyndau.associations.forms import ApplicationForm, DocumentForm, SectionFormSet
from tyndau.associations.models import AMENDMENT_EDITABLE, EDITABLE, AmendmentStatus, Status
from tyndau.associations.views._common import show_error
from tyndau.audit.selectors import timeline_for
from tyndau.core.access import signed_in
from tyndau.core.bounds import bounded_int
from tyndau.core.errors import DomainError


@signed_in
def application_new(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_create(
                actor=request.user,
                idempotency_key=data["idempotency_key"],
                form=data["form"],
                name_kk=data["name_kk"],
                name_ru=data["name_ru"],
                address=data["address"],
                head_name=data["head_name"],
                registering_body=data["registering_body"],
                language=get_language() or "kk",
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request, _("Your application is saved as a draft. Invite the founders and write the charter.")
            )
            return redirect("associations:detail", number=application.number)
    context = {"form": form, "can_apply": services.can_apply(request.user), "rules": rules.describe()}
    return render(request, "associations/new.html", context)


@signed_in
def my_applications(request: HttpRequest) -> HttpResponse:
    rows = selectors.applications_of(request.user, before=bounded_int(request.GET.get("before")))
    next_before = rows[-1].pk if len(rows) == selectors.PAGE_SIZE else None
    return render(request, "associations/mine.html", {"rows": rows, "next_before": next_before})


def _checklist(content: dict[str, Any]) -> list[tuple[str, bool]]:
    missing = set(charter.missing_sections(content))
    return [(str(label), kind not in missing) for kind, label in rules.REQUIRED_SECTIONS.items()]


@signed_in
def application_detail(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_viewer(request.user, number)
    is_applicant = application.applicant_id == request.user.pk
    is_registrar = selectors.is_registrar(request.user, application)
    draft = selectors.draft_of(application)
    confirmed = selectors.confirmed_count(application)
    amendment = selectors.open_amendment(application)
    is_representative = services.is_representative(request.user, application)
    amendment_editable = bool(is_representative and amendment and amendment.status in AMENDMENT_EDITABLE)
    context = {
        "application": application,
        "is_applicant": is_applicant,
        "is_registrar": is_registrar,
        "is_founder": selectors.is_founder(request.user, application),
        "founders": selectors.founders_of(application) if (is_applicant or is_registrar) else [],
        "confirmed": confirmed,
        "required": rules.min_founders(application.form),
        "draft": draft,
        "checklist": _checklist(draft.content) if draft else [],
        "current": selectors.current_version(application),
        "versions": selectors.versions_of(application, submitted_only=True),
        "reviews": selectors.reviews_of(application),
        "proposals": selectors.pending_proposals(application) if is_applicant else [],
        "editable": application.status in EDITABLE or amendment_editable,
        "can_submit": is_applicant and (application.status in EDITABLE or amendment_editable),
        "can_withdraw": is_applicant and (application.status in EDITABLE or amendment_editable),
        "amendment": amendment,
        "amendments": selectors.amendments_of(application),
        "is_representative": is_representative,
        "can_amend": is_representative and amendment is None,
        "under_review": application.status == Status.SUBMITTED
        or bool(amendment and amendment.status == AmendmentStatus.SUBMITTED),
        "documents": selectors.documents_of(application) if (is_applicant or is_registrar) else [],
        "upload_form": DocumentForm()
        if is_applicant and (application.status in EDITABLE or amendment_editable)
        else None,
        "invite_url": request.build_absolute_uri(reverse("associations:join", args=[application.invite_token]))
        if is_applicant and application.status in EDITABLE
        else "",
        "timeline": timeline_for(application),
    }
    return render(request, "associations/detail.html", context)


def _sections_initial(content: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "kind": s["kind"],
            "title_kk": s["title_kk"],
            "title_ru": s["title_ru"],
            "text_kk": charter.to_paragraphs(s, "kk"),
            "text_ru": charter.to_paragraphs(s, "ru"),
        }
        for s in content.get("sections", [])
    ]


@signed_in
def charter_edit(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_applicant(request.user, number)
    draft = selectors.draft_of(application)
    base = draft or selectors.current_version(application)
    initial = _sections_initial(base.content) if base else []
    formset = SectionFormSet(request.POST or None, initial=initial, prefix="s")
    if request.method == "POST" and formset.is_valid():
        sections = [
            charter.from_paragraphs(
                f.cleaned_data["kind"],
                f.cleaned_data["title_kk"],
                f.cleaned_data["title_ru"],
                f.cleaned_data["text_kk"],
                f.cleaned_data["text_ru"],
            )
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.charter_save(actor=request.user, application=application, content={"sections": sections})
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The draft charter is saved."))
            return redirect("associations:charter", number=application.number)
    context = {
        "application": application,
        "formset": formset,
        "draft": draft,
        "checklist": _checklist(base.content) if base else [],
        "editable": application.status in EDITABLE or _amendment_editable(request.user, application),
    }
    return render(request, "associations/charter_edit.html", context)


def _amendment_editable(user: Any, application: Any) -> bool:
    amendment = selectors.open_amendment(application)
    return bool(amendment and amendment.status in AMENDMENT_EDITABLE and services.is_representative(user, application))


@signed_in
def amendment_start(request: HttpRequest, number: str) -> HttpResponse:
    """The association's representative starts amending the registered charter (POST only)."""
    application = selectors.application_for_applicant(request.user, number)
    if request.method == "POST":
        try:
            services.amendment_start(actor=request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "A draft amendment is open, copied from the registered charter. Edit the clauses, upload the "
                    "decision of the supreme body, then submit."
                ),
            )
            return redirect("associations:charter", number=application.number)
    return redirect("associations:detail", number=application.number)


@signed_in
def document_upload(request: HttpRequest, number: str) -> HttpResponse:
    """Upload the signed PDF: the founding application, or the supreme body's decision of an amendment."""
    application = selectors.application_for_applicant(request.user, number)
    if request.method != "POST":
        return redirect("associations:detail", number=application.number)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(actor=request.user, application=application, upload=form.cleaned_data["file"])
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The PDF is attached. Only you and the registrar can open it."))
            return redirect("associations:detail", number=application.number)
    return render(request, "associations/upload.html", {"application": application, "form": form})


@signed_in
def document_download(request: HttpRequest, number: str, document: int) -> FileResponse:
    """A signed PDF, for the applicant and the registrar only (founders' names are in it)."""
    row = selectors.document_for(request.user, number, document)
    try:
        handle = row.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=f"{number}-{row.pk}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@signed_in
def application_submit(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_applicant(request.user, number)
    if request.method == "POST":
        amendment = selectors.open_amendment(application)
        try:
            if amendment is not None:
                version = services.amendment_submit(actor=request.user, amendment=amendment)
            else:
                version = services.application_submit(actor=request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Charter version %(n)d is submitted; keep the receipt.") % {"n": version.number}
            )
            return redirect("associations:receipt", number=application.number)
    return redirect("associations:detail", number=application.number)


@signed_in
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_viewer(request.user, number)
    version = selectors.current_version(application)
    return render(request, "associations/receipt.html", {"application": application, "version": version})


@signed_in
def application_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_applicant(request.user, number)
    if request.method == "POST":
        amendment = selectors.open_amendment(application)
        try:
            if amendment is not None:
                services.amendment_withdraw(actor=request.user, amendment=amendment)
            else:
                services.application_withdraw(actor=request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The amendment is withdrawn; the registered charter stays.")
                if amendment is not None
                else _("The application is withdrawn."),
            )
    return redirect("associations:detail", number=application.number)


@signed_in
def proposal_answer(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_applicant(request.user, number)
    if request.method == "POST":
        pk = bounded_int(request.POST.get("proposal"))
        proposal = selectors.proposal_of(application, pk) if pk else None
        accept = request.POST.get("answer") == "accept"
        try:
            if proposal is None:
                raise PermissionDenied()
            if accept:
                services.proposal_accept(actor=request.user, proposal=proposal)
            else:
                services.proposal_reject(actor=request.user, proposal=proposal)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("You accepted the wording: it is in your new draft version. Submit it when ready.")
                if accept
                else _("You rejected the proposal: the clause keeps your text."),
            )
    return redirect("associations:detail", number=application.number)


@signed_in
def join(request: HttpRequest, invite_token: str) -> HttpResponse:
    application = selectors.application_by_invite(invite_token)
    if request.method == "POST":
        try:
            services.founder_confirm(actor=request.user, invite_token=invite_token)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("You are a founder of this association."))
            return redirect("associations:detail", number=application.number)
    context = {
        "application": application,
        "is_founder": selectors.is_founder(request.user, application),
        "can_join": services.can_apply(request.user) and application.status in EDITABLE,
    }
    return render(request, "associations/join.html", context)


@signed_in
def founder_leave(request: HttpRequest, number: str) -> HttpResponse:
    application = selectors.application_for_viewer(request.user, number)
    if request.method == "POST":
        try:
            services.founder_withdraw(actor=request.user, application=application)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("You are no longer a founder of this association."))
            return redirect("associations:mine")
    return redirect("associations:detail", number=application.number)
