"""Pages of e-petitions: public lists and pages, drafting, signing; moderation and
responses live in `views_staff.py`. Views are short: policy, form, one service call."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tyndau.accounts.models import Role
from tyndau.accounts.selectors import acts_for_body
from tyndau.core.access import public, role_required
from tyndau.core.client_ip import client_ip
from tyndau.core.errors import DomainError
from tyndau.core.replica import replica_reads
from tyndau.petitions import rules, selectors, services, surge
from tyndau.petitions.errors import AlreadySigned, ExpiredLink, InvalidLink
from tyndau.petitions.forms import OneStepSignForm, PetitionDraftForm, SignForm
from tyndau.petitions.models import SIGNABLE_STATUSES, Petition, Status

LIST_TITLES = {
    "open": _("Open petitions"),
    "awaiting": _("Awaiting a response"),
    "responded": _("Responded"),
    "closed": _("Closed without reaching the threshold"),
    "rejected": _("Rejected in moderation"),
}


def _is_staff(user: Any, *roles: Role) -> bool:
    return bool(user.is_authenticated and user.has_any_role(*roles))


@public
@replica_reads
def index(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("list", "open")
    if kind not in LIST_TITLES:
        kind = "open"
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(selectors.petition_public_list(kind=kind, query=query), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/index.html",
        {
            "kind": kind,
            "lists": LIST_TITLES.items(),
            "list_title": LIST_TITLES[kind],
            "query": query,
            "page": page,
        },
    )


def _detail_context(pk: int, user: Any) -> dict[str, Any]:
    petition = selectors.petition_public_get(pk=pk, user=user)
    return {
        "petition": petition,
        "regions": selectors.region_counts(petition=petition),
        "names": selectors.recent_public_names(petition=petition),
        "signable": petition.status in SIGNABLE_STATUSES,
        # Shared and embedded once moderation let it collect signatures (a rejected one is not promoted).
        "shareable": petition.threshold is not None and petition.status != Status.REJECTED,
        "listing_threshold": rules.value("listing_threshold"),
        "is_creator": user.is_authenticated and petition.creator_id == user.pk,
        "is_official": _is_staff(user, Role.OFFICIAL, Role.SUPERVISOR) and acts_for_body(user, petition.addressee_id),
        "is_moderator": _is_staff(user, Role.MODERATOR),
    }


def _share_context(request: HttpRequest, petition: Petition) -> dict[str, str]:
    """The link to share and the HTML another site pastes to embed the counter or the badge (shown as text
    to copy: the title is escaped once inside the code, and the template escapes the whole code again)."""
    page = request.build_absolute_uri(reverse("petitions:detail", args=[petition.pk]))
    embed = request.build_absolute_uri(reverse("petitions:embed", args=[petition.pk]))
    badge = request.build_absolute_uri(reverse("petitions:badge", args=[petition.pk]))
    title = escape(petition.title)
    return {
        "share_url": page,
        "embed_code": f'<iframe src="{embed}" title="{title}" width="320" height="180" loading="lazy"></iframe>',
        "badge_code": f'<a href="{page}"><img src="{badge}" alt="{title}" width="260" height="28"></a>',
    }


@public
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The petition page. For the public its body is rendered once per counting interval
    and served from the cache (Redis in production): a surge of readers costs no queries.
    An anonymous reader with no message waiting gets the whole page from this process's copy
    made around that same body (`surge.shared_page`): in a surge that is nearly every reader, and
    the layout around the body cost more CPU than signing."""
    lang = translation.get_language()
    key = f"petitions:page:{pk}:{lang}"
    anonymous = not request.user.is_authenticated
    cached = cache.get(key) if anonymous else None
    if cached is None or len(cached) != 3:  # (title, body, rendered at); older entries re-render
        ctx = _detail_context(pk, request.user)
        ctx.update(_share_context(request, ctx["petition"]))
        cached = (ctx["petition"].title, render_to_string("petitions/_detail_body.html", ctx, request), time.time())
        if anonymous:
            cache.set(key, cached, rules.value("count_interval_seconds"))
    title, body_html, rendered_at = cached
    context = {
        "title": title,
        "body_html": mark_safe(body_html),  # noqa: S308
        "page_url": request.build_absolute_uri(reverse("petitions:detail", args=[pk])),
        "image_url": request.build_absolute_uri(reverse("petitions:preview", args=[pk])),
    }
    if anonymous and not len(messages.get_messages(request)):
        return surge.shared_page(request, f"detail:{key}", rendered_at, "petitions/detail.html", context)
    return render(request, "petitions/detail.html", context)


@public
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    # The POST path reads no petition row: the services check the cached signing state.
    petition = None if request.method == "POST" else selectors.petition_public_get(pk=pk, user=request.user)
    one_step = request.user.is_authenticated and surge.citizen_identity(request.user) is not None
    form_class = OneStepSignForm if one_step else SignForm
    form: OneStepSignForm | SignForm | None = None
    data = surge.cleaned_or_none(SignForm, request.POST) if request.method == "POST" and not one_step else None
    if data is None:  # a form to show, or a POST to validate and answer with its errors
        if request.method == "POST":
            form = form_class(request.POST)
        else:  # a signed-in citizen not yet verified gets what the account knows filled in
            form = form_class(initial=selectors.sign_form_initial(user=request.user) if not one_step else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
    if data is not None:
        try:
            if one_step:
                services.signature_create_for_citizen(
                    actor=request.user,
                    petition_id=pk,
                    show_name=data["show_name"],
                    notify_on_response=data["notify_on_response"],
                    ip=client_ip(request),
                )
                messages.success(request, _("Thank you: your signature is counted."))
                return redirect("petitions:detail", pk=pk)
            # The same answer whether or not this IIN has signed: the truth goes only to the address given.
            services.signature_create(
                petition_id=pk,
                first_name=data["first_name"],
                last_name=data["last_name"],
                iin=data["iin"],
                email=data["email"],
                region_id=data["region"].pk,
                show_name=data["show_name"],
                notify_on_response=data["notify_on_response"],
                ip=client_ip(request),
                language=translation.get_language() or "kk",
            )
            return redirect("petitions:sign_sent", pk=pk)
        except AlreadySigned:
            return render(request, "petitions/already_signed.html", {"petition": Petition(pk=pk)}, status=409)
        except DomainError as error:
            form = form or form_class(request.POST)  # the fast path built none: build it to show the error
            form.is_valid()  # fills cleaned_data, so the form keeps what was typed
            form.add_error(None, str(error))
    if request.method == "POST":
        petition = selectors.petition_public_get(pk=pk, user=request.user)
    response = render(request, "petitions/sign.html", {"petition": petition, "form": form, "one_step": one_step})
    if request.user.is_authenticated:  # may show the citizen's own IIN and address
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


@public
def sign_sent(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_public_get(pk=pk, user=request.user)
    return render(
        request, "petitions/sign_sent.html", {"petition": petition, "hours": rules.value("confirmation_hours")}
    )


def _confirmed_page(request: HttpRequest, petition_id: int) -> HttpResponse:
    interval = rules.value("count_interval_seconds")
    context = {"petition_id": petition_id, "interval": interval}
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return render(request, "petitions/confirmed.html", context)
    key = f"confirmed:{translation.get_language()}:{petition_id}:{interval}"
    return surge.shared_page(request, key, 0.0, "petitions/confirmed.html", context)


@public
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        signature = services.signature_confirm(token=token)
    except ExpiredLink:
        return render(request, "petitions/link_problem.html", {"expired": True}, status=410)
    except InvalidLink:
        return render(request, "petitions/link_problem.html", {"expired": False}, status=400)
    except DomainError as error:
        return render(request, "petitions/link_problem.html", {"message": error.message}, status=409)
    return _confirmed_page(request, signature.petition_id)


@public
def similar(request: HttpRequest) -> HttpResponse:
    """HTMX partial while typing a title; without JS the draft form's "check" button does the same."""
    title = request.GET.get("title", "")[:200]
    similar_list = selectors.petition_similar(title=title)
    return render(request, "petitions/_similar.html", {"similar": similar_list, "checked": bool(title.strip())})


@public
def body(request: HttpRequest, slug: str) -> HttpResponse:
    public_body = selectors.petitioned_body(slug=slug)
    return render(
        request,
        "petitions/body.html",
        {
            "body": public_body,
            "petitions": selectors.body_petitions(body_id=public_body.pk),
            "overdue": selectors.overdue_count(body_id=public_body.pk),
        },
    )


@role_required(Role.CITIZEN)
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/mine.html", {"petitions": selectors.petitions_of_creator(user=request.user)})


def _draft_page(request: HttpRequest, form: PetitionDraftForm, petition: Any = None) -> HttpResponse:
    title = str(form["title"].value() or "")
    similar_list = selectors.petition_similar(title=title, exclude_pk=petition.pk if petition else None)
    context = {"form": form, "petition": petition, "similar": similar_list, "checked": _checking(request)}
    return render(request, "petitions/draft_form.html", context)


DRAFT_FIELDS = ("title", "request_text", "background", "addressee", "idempotency_key")


def _checking(request: HttpRequest) -> bool:
    """The "Check for similar petitions" button: it looks at the title only and judges nothing else."""
    return request.method == "POST" and "check_similar" in request.POST


def _draft_form(post: QueryDict, initial: dict[str, Any] | None = None) -> PetitionDraftForm:
    """The draft form of a request: bound to what was sent, or — when only checking for similar
    petitions — unbound and showing what was typed, so that no field is judged yet."""
    if "check_similar" in post:
        typed = {name: post[name] for name in DRAFT_FIELDS if name in post}
        return PetitionDraftForm(initial={**(initial or {}), **typed})
    return PetitionDraftForm(post or None, initial=initial)


@role_required(Role.CITIZEN)
def create(request: HttpRequest) -> HttpResponse:
    form = _draft_form(request.POST)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            petition = services.petition_create_draft(
                actor=request.user,
                title=d["title"],
                request_text=d["request_text"],
                background=d["background"],
                addressee=d["addressee"],
                idempotency_key=d.get("idempotency_key"),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved. Check it and send it to moderation."))
            return redirect("petitions:draft", pk=petition.pk)
    return _draft_page(request, form)


@role_required(Role.CITIZEN)
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_for_creator(pk=pk, user=request.user)
    if petition.status != Status.DRAFT:
        return redirect("petitions:detail", pk=pk)
    initial = {
        "title": petition.title,
        "request_text": petition.request_text,
        "background": petition.background,
        "addressee": petition.addressee_id,
    }
    form = _draft_form(request.POST, initial)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            services.petition_update_draft(
                actor=request.user,
                petition=petition,
                title=d["title"],
                request_text=d["request_text"],
                background=d["background"],
                addressee=d["addressee"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("petitions:draft", pk=pk)
    return _draft_page(request, form, petition)


@role_required(Role.CITIZEN)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_for_creator(pk=pk, user=request.user)
    try:
        services.petition_submit(actor=request.user, petition=petition)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("petitions:draft", pk=pk)
    messages.success(request, _("Sent to moderation. A moderator decides within 20 working days."))
    return redirect("petitions:detail", pk=pk)


@role_required(Role.CITIZEN)
@require_POST
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_for_creator(pk=pk, user=request.user)
    try:
        new = services.petition_resubmit(actor=request.user, petition=petition)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("petitions:detail", pk=pk)
    messages.success(request, _("A new draft was made from the rejected petition. Correct it and send it again."))
    return redirect("petitions:draft", pk=new.pk)
