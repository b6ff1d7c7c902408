"""Pages of e-petitions: public lists and pages, drafting, signing; moderation and
responses live in `views_staff.py`. Views are short: policy, form, one service call."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tyndau.authorities.models import PublicBody
from tyndau.core.access import public, role_required
from tyndau.core.errors import DomainError
from tyndau.core.templatetags.tyndau_i18n import in_language
from tyndau.petitions import rules, selectors, services
from tyndau.petitions.errors import AlreadySigned, ExpiredLink, InvalidLink
from tyndau.petitions.forms import OneStepSignForm, PetitionDraftForm, SignForm
from tyndau.petitions.models import Petition, Status

LIST_TITLES = {
    "open": _("Open petitions"),
    "awaiting": _("Awaiting a response"),
    "responded": _("Responded"),
    "closed": _("Closed without reaching the threshold"),
    "rejected": _("Rejected in moderation"),
}


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@public
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
        "signable": petition.status in services.SIGNABLE,
        "listing_threshold": rules.value("listing_threshold"),
        "is_creator": user.is_authenticated and petition.creator_id == user.pk,
        "is_official": services.is_official_of(user, petition.addressee_id),
        "is_moderator": user.is_authenticated and user.has_any_role("moderator"),
    }


@public
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The petition page. For the public its body is rendered once per counting interval
    and served from the cache (Redis in production): a surge of readers costs no queries.
    An anonymous reader with no message waiting gets the whole page from this process's copy
    made around that same body (`_shared_page`): in a surge that is nearly every reader, and
    the layout around the body cost more CPU than signing."""
    lang = translation.get_language()
    key = f"petitions:page:{pk}:{lang}"
    anonymous = not request.user.is_authenticated
    cached = cache.get(key) if anonymous else None
    if cached is None or len(cached) != 3:  # (title, body, rendered at); older entries re-render
        ctx = _detail_context(pk, request.user)
        cached = (ctx["petition"].title, render_to_string("petitions/_detail_body.html", ctx, request), time.time())
        if anonymous:
            cache.set(key, cached, rules.value("count_interval_seconds"))
    title, body_html, rendered_at = cached
    context = {"title": title, "body_html": mark_safe(body_html)}  # noqa: S308
    if anonymous and not len(messages.get_messages(request)):
        return _shared_page(request, f"detail:{key}", rendered_at, "petitions/detail.html", context)
    return render(request, "petitions/detail.html", context)


@public
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    # The POST path reads no petition row: the services check the cached signing state.
    petition = None if request.method == "POST" else selectors.petition_public_get(pk=pk, user=request.user)
    one_step = request.user.is_authenticated and services.citizen_identity(request.user) is not None
    form_class = OneStepSignForm if one_step else SignForm
    form: OneStepSignForm | SignForm | None = None
    data = SignForm.cleaned_or_none(request.POST) if request.method == "POST" and not one_step else None
    if data is None:  # a form to show, or a POST to validate and answer with its errors
        form = form_class(request.POST if request.method == "POST" else None)
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
    return render(request, "petitions/sign.html", {"petition": petition, "form": form, "one_step": one_step})


@public
def sign_sent(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_public_get(pk=pk, user=request.user)
    return render(
        request, "petitions/sign_sent.html", {"petition": petition, "days": rules.value("confirmation_link_days")}
    )


# Some pages are the same for every anonymous visitor in a language — the petition page and
# the signature-confirmed page — except the base template's per-visitor parts: the CSRF token of
# the language switcher, the current path (the visitor's own link) in its "next" field, and
# flashed messages. Such a page is rendered with placeholders for the first two and filled in
# per request; a visitor with messages, and anyone signed in, gets the normal render. Each process
# keeps its own copies, at most _SHARED_PAGES_MAX, each with the version of what it shows (the
# petition page: when its cached body was rendered) and for at most one counting interval.
_SHARED_PAGES_MAX = 512
_shared_pages: dict[str, tuple[float, float, str]] = {}  # key -> (version, expires at (time.time()), page)
_CSRF_PLACEHOLDER = "tyndauCsrfPlaceholder0d6c1f"
_PATH_PLACEHOLDER = "/tyndau-path-placeholder-0d6c1f/"


class _PlaceholderRequest:
    """What the shared render sees as `request`: only the path, as a placeholder."""

    def get_full_path(self) -> str:
        return _PATH_PLACEHOLDER


def _shared_page(request: HttpRequest, key: str, version: float, template: str, context: dict) -> HttpResponse:
    """The anonymous visitor's page from this process's copy of `version`, rendered first if
    missing, of another version or older than the counting interval. Callers have checked that the
    visitor is anonymous and has no message waiting."""
    now = time.time()
    stored = _shared_pages.get(key)
    if stored is not None and stored[0] == version and stored[1] > now:
        return _filled(request, stored[2])
    placeholders = {"csrf_token": _CSRF_PLACEHOLDER, "request": _PlaceholderRequest()}
    page = render_to_string(template, {**context, **placeholders}, request)
    if len(_shared_pages) >= _SHARED_PAGES_MAX:
        _shared_pages.clear()
    _shared_pages[key] = (version, now + rules.value("count_interval_seconds"), page)
    return _filled(request, page)


def _filled(request: HttpRequest, page: str) -> HttpResponse:
    """A shared page with this visitor's path (in the language links) and, if the page has a form,
    CSRF token put in. A page without a form sets no CSRF cookie: a reader gets no cookie at all."""
    if _CSRF_PLACEHOLDER in page:
        page = page.replace(_CSRF_PLACEHOLDER, get_token(request))
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        page = page.replace(in_language(_PATH_PLACEHOLDER, code), escape(in_language(path, code)))
    # Any other use of the path (none in today's templates); the equality tests would show a miss.
    return HttpResponse(page.replace(_PATH_PLACEHOLDER, escape(path)))


def _confirmed_page(request: HttpRequest, petition_id: int) -> HttpResponse:
    interval = rules.value("count_interval_seconds")
    context = {"petition_id": petition_id, "interval": interval}
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return render(request, "petitions/confirmed.html", context)
    key = f"confirmed:{translation.get_language()}:{petition_id}:{interval}"
    return _shared_page(request, key, 0.0, "petitions/confirmed.html", context)


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
    return render(request, "petitions/_similar.html", {"similar": selectors.petition_similar(title=title)})


@public
def body(request: HttpRequest, slug: str) -> HttpResponse:
    public_body = get_object_or_404(PublicBody, slug=slug)
    return render(
        request,
        "petitions/body.html",
        {
            "body": public_body,
            "petitions": selectors.body_petitions(body_id=public_body.pk),
            "overdue": selectors.overdue_count(body_id=public_body.pk),
        },
    )


@role_required("citizen")
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/mine.html", {"petitions": selectors.petitions_of_creator(user=request.user)})


def _draft_page(request: HttpRequest, form: PetitionDraftForm, petition: Any = None) -> HttpResponse:
    title = form.data.get("title", "") if form.is_bound else (petition.title if petition else "")
    similar_list = selectors.petition_similar(title=title, exclude_pk=petition.pk if petition else None)
    return render(request, "petitions/draft_form.html", {"form": form, "petition": petition, "similar": similar_list})


@role_required("citizen")
def create(request: HttpRequest) -> HttpResponse:
    form = PetitionDraftForm(request.POST or None)
    if request.method == "POST" and "check_similar" not in request.POST and form.is_valid():
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


@role_required("citizen")
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
    form = PetitionDraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and "check_similar" not in request.POST and form.is_valid():
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


@role_required("citizen")
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


@role_required("citizen")
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
