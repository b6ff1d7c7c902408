"""Domain errors of e-petitions: translated and safe to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.core.errors import DomainError


class PetitionError(DomainError):
    default_message = _("This petition action is not allowed.")
    code = "petition_error"


class AlreadySigned(PetitionError):
    default_message = _("A signature with this IIN is already on this petition.")
    code = "already_signed"


class SigningClosed(PetitionError):
    default_message = _("This petition is not collecting signatures.")
    code = "signing_closed"


class RateLimited(PetitionError):
    default_message = _("Too many signatures have come from your network or e-mail provider. Please try later.")
    code = "rate_limited"


class InvalidLink(PetitionError):
    default_message = _("This confirmation link is not valid.")
    code = "invalid_link"


class ExpiredLink(PetitionError):
    default_message = _("This confirmation link has expired.")
    code = "expired_link"
