"""This app's pages of work, for the cabinet (`tyndau.core.work`): the registering body's queue of
applications and amendments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tyndau.accounts.models import Role
from tyndau.associations import selectors
from tyndau.core.work import WorkLink


def work_of(user: Any) -> list[WorkLink]:
    if not user.has_any_role(Role.REGISTRAR):  # what views/registrar.py requires: a link never leads to a 403
        return []
    return [
        WorkLink(
            _("Associations to register: %(body)s") % {"body": body.name},
            reverse("associations:queue", args=[body.pk]),
        )
        for body in selectors.registering_bodies_of(user)
    ]
