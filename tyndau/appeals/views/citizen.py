"""The citizen's pages: file, receipt, own appeals, reply, complain, rate, close."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tyndau.appeals import rules, selectors, services
from tyndau.appeals.forms import AppealForm, ComplaintForm, InfoReplyForm, RateForm
from tyndau.appeals.models import Need, Status
from tyndau.appeals.routing import suggest
from tyndau.appeals.systemic import selectors as issue_selectors
from tyndau.appeals.views._actions import add_domain_error, button_action, form_action
from tyndau.audit.selectors import timeline_for
from tyndau.core.access import public, signed_in
from tyndau.core.bounds import bounded_int as _int
from tyndau.core.errors import DomainError


@signed_in
def appeal_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "suggest" in request.POST:
        # The "suggest" step (works without JavaScript): nothing is filed; the form comes back with what
        # was typed, the suggested topic and body pre-selected where the citizen left them empty.
        form, suggestion = _suggested_form(request)
        return render(request, "appeals/new.html", {"form": form, "suggestion": suggestion})
    entities = selectors.entities_of(request.user)
    form = AppealForm(request.POST or None, request.FILES or None, entities=entities)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_file(actor=request.user, language=get_language() or "kk", **form.file_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your appeal is registered. Keep the receipt number."))
            if appeal.is_anonymous:
                request.session["anonymous_receipt"] = appeal.number
                return redirect("appeals:anonymous_receipt")
            return redirect("appeals:receipt", number=appeal.number)
    return render(request, "appeals/new.html", {"form": form})


def _suggested_form(request: HttpRequest) -> tuple[AppealForm, suggest.Suggestion]:
    values = suggest.suggestion_input(request.POST)
    found = suggest.suggest(category=values.category, region=values.region, text=values.text)
    initial: dict[str, object] = {}
    for name, field in AppealForm.base_fields.items():
        if name in ("attachments",):
            continue  # files cannot come back; the form says to attach them again
        if hasattr(field, "choices") and getattr(field.widget, "allow_multiple_selected", False):
            initial[name] = request.POST.getlist(name)
        elif name in request.POST:
            initial[name] = request.POST.get(name)
    if not initial.get("category") and found.category is not None:
        initial["category"] = found.category.pk
    if not initial.get("body") and found.body is not None:
        initial["body"] = found.body.pk
    return AppealForm(initial=initial, entities=selectors.entities_of(request.user)), found


@signed_in
def appeal_suggest(request: HttpRequest) -> HttpResponse:
    """The suggestion box alone, for HTMX on the filing form (the same as the "suggest" step)."""
    if request.method != "POST":
        return redirect("appeals:new")
    values = suggest.suggestion_input(request.POST)
    found = suggest.suggest(category=values.category, region=values.region, text=values.text)
    return render(request, "appeals/_routing_suggestion.html", {"suggestion": found, "live": True})


@signed_in
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    return render(request, "appeals/receipt.html", {"appeal": appeal, "source": rules.RECEIPT_SOURCE})


@signed_in
def anonymous_receipt(request: HttpRequest) -> HttpResponse:
    """An anonymous report has no owner to look it up later: the receipt is shown once, from the session."""
    appeal = selectors.anonymous_appeal(request.session.get("anonymous_receipt", ""))
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
    is_official = selectors.is_handling_official(request.user, appeal)
    # Why the applicant cannot challenge it, said up front (only once there is something to challenge).
    obstacle = services.complaint_obstacle(appeal) if is_applicant else None
    context = {
        "appeal": appeal,
        "is_applicant": is_applicant,
        "is_official": is_official,
        "is_supervisor": is_official and selectors.is_supervisor(request.user, appeal.body_id),
        "answer": getattr(appeal, "answer", None) if appeal.status != Status.REGISTERED else None,
        "complaint": selectors.complaint_of(appeal),
        **selectors.appeal_lists(appeal, cosigners=is_applicant),
        "timeline": timeline_for(appeal),
        "is_higher": selectors.decides_complaint(request.user, appeal),
        # The body closes an answered case only once the complaint period is over (never a pending complaint).
        "official_may_close": is_official
        and appeal.status in (Status.ANSWERED, Status.DEEMED_REFUSED)
        and not (appeal.complaint_until and selectors.local_today() <= appeal.complaint_until),
        "complaint_obstacle": obstacle if appeal.status in (Status.ANSWERED, Status.DEEMED_REFUSED) else None,
        "can_complain": is_applicant and obstacle is None,
        "needs": [Need(n).label for n in appeal.needs if n in Need.values] if is_official else [],
        "rate_form": RateForm(initial={"rating": appeal.rating}) if is_applicant else None,
        "issue": issue_selectors.issue_of_appeal(appeal),
        "routing": suggest.filed_suggestion(appeal) if is_official else None,
    }
    return render(request, "appeals/detail.html", context)


@signed_in
def appeal_reply(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    return form_action(
        request,
        appeal,
        InfoReplyForm,
        lambda d: services.appeal_provide_info(
            actor=request.user, appeal=appeal, reply=d["reply"], files=d["attachments"]
        ),
        title=_("Reply to the request for information"),
        submit=_("Send the reply"),
        done=_("Your reply has been sent to the body."),
    )


@signed_in
def appeal_complain(request: HttpRequest, number: str) -> HttpResponse:
    """The form opens only for an appeal that can be challenged now; otherwise the person is told why
    (before typing anything), on the appeal's page."""
    appeal = selectors.appeal_for_viewer(request.user, number)
    obstacle = services.complaint_obstacle(appeal) if appeal.applicant_id == request.user.pk else None
    if obstacle is not None:
        messages.error(request, str(obstacle))
        return redirect("appeals:detail", number=appeal.number)
    return form_action(
        request,
        appeal,
        ComplaintForm,
        lambda d: services.complaint_file(
            actor=request.user, appeal=appeal, text=d["text"], idempotency_key=d["idempotency_key"]
        ),
        title=_("Challenge the answer or the silence"),
        submit=_("File the complaint"),
        done=_(
            "Your complaint is registered. The body must pass it to its higher body "
            "within 3 working days unless it grants it fully."
        ),
    )


@signed_in
def appeal_rate(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    form = RateForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect("appeals:detail", number=appeal.number)
    return button_action(
        request,
        appeal,
        lambda: services.appeal_rate(actor=request.user, appeal=appeal, rating=form.cleaned_data["rating"]),
        done=_("Thank you for rating the answer."),
    )


@signed_in
def appeal_close(request: HttpRequest, number: str) -> HttpResponse:
    appeal = selectors.appeal_for_viewer(request.user, number)
    return button_action(
        request,
        appeal,
        lambda: services.appeal_close(actor=request.user, appeal=appeal),
        done=_("The appeal is closed."),
    )


@public
def cosign(request: HttpRequest, token: str) -> HttpResponse:
    cosigner = selectors.cosigner_by_token(token)
    if request.method == "POST":
        services.cosigner_confirm(token=token)
        messages.success(request, _("Thank you: you have co-signed the appeal."))
        return redirect("appeals:cosign", token=token)
    return render(request, "appeals/cosign.html", {"cosigner": cosigner})
