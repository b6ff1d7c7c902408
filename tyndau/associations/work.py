"""This app's pages of work, for the cabinet (`tyndau.core.work`): the registering body's queue of
applications and amendments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.associations import selectors
from tyndau.core.work import WorkLink


def work_of(user: Any) -> list[WorkLink]:
    return [
        WorkLink(
            _("Associations to register: %(body)s") % {"body": body.name},
            reverse("associations:queue", args=[body.pk]),
        )
        for body in selectors.registering_bodies_of(user)
    ]
