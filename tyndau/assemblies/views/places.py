"""The maslikhat's register of specialised places: public pages (every version, the occupancy that
61-НП requires to be published) and the editors' pages (role PLACES_EDITOR, acting for the maslikhat)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tyndau.accounts.models import Role
from tyndau.assemblies import rules, selectors, services
from tyndau.assemblies.forms import DecisionForm, PlaceForm, PlacesFilterForm
from tyndau.assemblies.models import PlaceStatus
from tyndau.assemblies.services.places import COMPARED
from tyndau.assemblies.views._common import show_error
from tyndau.core.access import public, role_required
from tyndau.core.errors import DomainError

editor_only = role_required(Role.PLACES_EDITOR)


@public
def places(request: HttpRequest) -> HttpResponse:
    form = PlacesFilterForm(request.GET or None)
    maslikhat = None
    if form.is_bound and form.is_valid() and form.cleaned_data["maslikhat"]:
        maslikhat = form.cleaned_data["maslikhat"].pk
    context = {
        "form": form,
        "rows": selectors.current_places(maslikhat=maslikhat),
        "occupancy": rules.occupancy(),
        "source": rules.PLACES_SOURCE,
    }
    return render(request, "assemblies/places/register.html", context)


@public
def place_detail(request: HttpRequest, place_id: int) -> HttpResponse:
    versions = selectors.place_versions(place_id)
    context = {
        "current": versions[0],
        "versions": versions,
        "occupancy": selectors.place_occupancy(place_id),
        "occupancy_source": rules.OCCUPANCY.published_source,
        "may_edit": services.may_edit_places(request.user, versions[0].place.maslikhat_id),
    }
    return render(request, "assemblies/places/detail.html", context)


@editor_only
def editor_home(request: HttpRequest) -> HttpResponse:
    body = selectors.maslikhats_edited_by(request.user).first()
    if body is None:
        raise Http404
    return redirect("assemblies:places_editor", body_id=body.pk)


@editor_only
def editor(request: HttpRequest, body_id: int) -> HttpResponse:
    maslikhat = selectors.maslikhat_for_editor(request.user, body_id)
    context = {
        "maslikhat": maslikhat,
        "maslikhats": selectors.maslikhats_edited_by(request.user),
        "rows": selectors.current_places(maslikhat=maslikhat.pk),
    }
    return render(request, "assemblies/places/editor.html", context)


def _data(d: dict[str, Any]) -> services.PlaceData:
    return services.PlaceData(
        name_kk=d["name_kk"],
        name_ru=d["name_ru"],
        public_address=d["public_address"],
        latitude=d["latitude"],
        longitude=d["longitude"],
        capacity=d["capacity"],
        hours_from=d["hours_from"],
        hours_until=d["hours_until"],
    )


def _decision(d: dict[str, Any]) -> services.DecisionRef:
    return services.DecisionRef(number=d["decision_number"], date=d["decision_date"], url=d["decision_url"])


@editor_only
def place_new(request: HttpRequest, body_id: int) -> HttpResponse:
    maslikhat = selectors.maslikhat_for_editor(request.user, body_id)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            place = services.place_create(
                actor=request.user, maslikhat=maslikhat, data=_data(d), decision=_decision(d), key=d["key"]
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The place is entered in the register."))
            return redirect("assemblies:place_detail", place_id=place.pk)
    context = {
        "form": form,
        "title": _("Enter a specialised place"),
        "maslikhat": maslikhat,
        "submit": pgettext("specialised place", "Enter"),
    }
    return render(request, "assemblies/places/form.html", context)


@editor_only
def place_edit(request: HttpRequest, place_id: int) -> HttpResponse:
    current = selectors.place_for_editor(request.user, place_id)
    initial = {f: getattr(current, f) for f in COMPARED}
    form = PlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.place_change(actor=request.user, place=current.place_id, data=_data(d), decision=_decision(d))
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("A new version of the place is recorded with its decision."))
            return redirect("assemblies:place_detail", place_id=current.place_id)
    title = _("Restore the place") if current.status == PlaceStatus.REMOVED else _("Change the place")
    context = {
        "form": form,
        "title": title,
        "maslikhat": current.place.maslikhat,
        "current": current,
        "submit": _("Record"),
    }
    return render(request, "assemblies/places/form.html", context)


@editor_only
def place_remove(request: HttpRequest, place_id: int) -> HttpResponse:
    current = selectors.place_for_editor(request.user, place_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_remove(actor=request.user, place=current.place_id, decision=_decision(form.cleaned_data))
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, _("The removal is recorded; the place stays visible with its decision."))
            return redirect("assemblies:place_detail", place_id=current.place_id)
    context = {
        "form": form,
        "title": _("Remove the place"),
        "maslikhat": current.place.maslikhat,
        "current": current,
        "submit": pgettext("specialised place", "Remove"),
    }
    return render(request, "assemblies/places/form.html", context)
