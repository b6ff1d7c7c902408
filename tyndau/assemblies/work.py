"""This app's pages of work, for the cabinet (`tyndau.core.work`): the akimat's queue of notifications
and applications, the higher body's complaints about the akimats below it, the maslikhat's register of
specialised places."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.assemblies import selectors
from tyndau.core.work import WorkLink


def work_of(user: Any) -> list[WorkLink]:
    links = [
        WorkLink(
            _("Assemblies to reply to: %(body)s") % {"body": body.name},
            reverse("assemblies:queue", args=[body.pk]),
        )
        for body in selectors.akimats_of(user)
    ]
    if selectors.oversees_akimats(user):
        links.append(WorkLink(_("Complaints about assemblies"), reverse("assemblies:challenge_queue")))
    links += [
        WorkLink(
            _("Specialised places: %(body)s") % {"body": body.name},
            reverse("assemblies:places_editor", args=[body.pk]),
        )
        for body in selectors.maslikhats_edited_by(user)
    ]
    return links
