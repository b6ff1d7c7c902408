"""Following pages: ask to follow, confirm, unsubscribe (one click, RFC 8058), and the follower's list.

Anyone may follow by e-mail, signed in or not; the links in the e-mails carry signed tokens, so
the confirm, unsubscribe and manage pages need no account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from tyndau.core.access import public, signed_in
from tyndau.core.client_ip import client_ip
from tyndau.core.errors import DomainError
from tyndau.following import selectors, services, tokens
from tyndau.following.forms import FollowActionForm, FollowForm
from tyndau.following.targets import resolve


@public
def follow_new(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    kind = (data or request.GET).get("kind", "")
    target_id = (data or request.GET).get("target", "")
    if not kind and not target_id:  # the bare address: how to follow something
        return render(request, "following/how.html")
    target = resolve(kind, target_id)
    if target is None:
        return render(request, "following/not_followable.html", status=404)
    initial = {"kind": kind, "target": target.target_id}
    if request.user.is_authenticated:
        initial["email"] = request.user.email  # type: ignore[union-attr]
    form = FollowForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.follow_request(
                kind=form.cleaned_data["kind"],
                target_id=form.cleaned_data["target"],
                email=form.cleaned_data["email"],
                frequency=form.cleaned_data["frequency"],
                language=get_language() or "kk",
                user=request.user,
                ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("following:sent")
    return render(request, "following/new.html", {"form": form, "target": target}, status=400 if form.errors else 200)


@public
def follow_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "following/sent.html")


@public
def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a mail scanner opening the link confirms nothing); POST confirms."""
    if tokens.read_confirm_token(token) is None:
        return render(request, "following/bad_link.html", status=404)
    if request.method == "POST":
        try:
            follow = services.follow_confirm(token=token)
        except DomainError:
            return render(request, "following/bad_link.html", status=404)
        target = resolve(follow.kind, follow.target_id)
        return render(
            request,
            "following/confirmed.html",
            {"target": target, "manage_token": tokens.manage_token(follow.email_hash)},
        )
    return render(request, "following/confirm.html")


@public
@csrf_exempt  # RFC 8058: a mail client POSTs here with no session and no form; the signed token is the proof
def follow_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if not tokens.read_unsubscribe_token(token):
        return render(request, "following/bad_link.html", status=404)
    if request.method == "POST":
        try:
            ended = services.follow_unsubscribe(token=token)
        except DomainError:
            return render(request, "following/bad_link.html", status=404)
        return render(request, "following/unsubscribed.html", {"ended": ended})
    return render(request, "following/unsubscribe.html")


def _apply(request: HttpRequest, *, email_hash: str | None) -> str:
    """The list's buttons: stop a follow or change how often. An error message, or ''."""
    form = FollowActionForm(request.POST)
    if not form.is_valid():
        return "invalid"
    user = request.user if request.user.is_authenticated else None
    try:
        if form.cleaned_data["action"] == "end":
            services.follow_end(follow_id=form.cleaned_data["follow"], email_hash=email_hash, user=user)
        else:
            services.follow_set_frequency(
                follow_id=form.cleaned_data["follow"],
                frequency=form.cleaned_data["frequency"],
                email_hash=email_hash,
                user=user,
            )
    except DomainError:
        return "invalid"
    return ""


@public
def follow_manage(request: HttpRequest, token: str) -> HttpResponse:
    """The signed 'manage' link of every alert e-mail: what this address follows, without an account."""
    email_hash = tokens.read_manage_token(token)
    if email_hash is None:
        return render(request, "following/bad_link.html", status=404)
    error = ""
    if request.method == "POST":
        error = _apply(request, email_hash=email_hash)
        if not error:
            return redirect("following:manage", token=token)
    rows = selectors.follows_of_address(email_hash)
    return render(request, "following/list.html", {"rows": rows, "error": error}, status=400 if error else 200)


@signed_in
def follow_mine(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        error = _apply(request, email_hash=None)
        if not error:
            return redirect("following:mine")
    rows = selectors.follows_of_user(request.user)
    return render(
        request, "following/list.html", {"rows": rows, "error": error, "mine": True}, status=400 if error else 200
    )
