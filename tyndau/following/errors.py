"""Refusals of the following app, translated and safe to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError


class FollowError(DomainError):
    default_message = _("This follow request cannot be completed.")
    code = "follow_error"


class TargetNotFollowable(FollowError):
    default_message = _("This cannot be followed: it does not exist or is not public.")
    code = "target_not_followable"


class TooManyFollows(FollowError):
    default_message = _("This address already follows as many things as allowed. Unfollow something first.")
    code = "too_many_follows"


class BadLink(FollowError):
    default_message = _("This link is not valid or has expired. Follow again to get a new one.")
    code = "bad_link"
