"""This app's pages of work, for the cabinet (`tyndau.core.work`): the akimat's queue of notifications
and applications, the higher body's complaints about the akimats below it, the maslikhat's register of
specialised places."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.assemblies import selectors
from tyndau.core.work import WorkLink

# The roles the official views require (views/official.py, views/challenges.py): no link leads to a 403.
OFFICIAL_ROLES = (Role.OFFICIAL, Role.SUPERVISOR)


def work_of(user: Any) -> list[WorkLink]:
    links: list[WorkLink] = []
    if user.has_any_role(*OFFICIAL_ROLES):
        links += _akimat_work(user)
    links += [
        WorkLink(
            _("Specialised places: %(body)s") % {"body": body.name},
            reverse("assemblies:places_editor", args=[body.pk]),
        )
        for body in selectors.maslikhats_edited_by(user)  # the places-editor role is checked there
    ]
    return links


def _akimat_work(user: Any) -> list[WorkLink]:
    links = [
        WorkLink(
            _("Assemblies to reply to: %(body)s") % {"body": body.name},
            reverse("assemblies:queue", args=[body.pk]),
        )
        for body in selectors.akimats_of(user)
    ]
    if selectors.oversees_akimats(user):
        links.append(WorkLink(_("Complaints about assemblies"), reverse("assemblies:challenge_queue")))
    return links
