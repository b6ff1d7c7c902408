"""The changes followers hear of, with the sentence each e-mail says (registered here, raised by the
domain apps through `tyndau.following.alerts.changed`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "petition.forwarded": _("The petition reached its threshold and was forwarded to the public body"),
    "petition.responded": _("The public body responded to the petition"),
    "petition.closed": _("The petition closed without reaching its threshold"),
    "appeal.answered": _("A published appeal was answered"),
    "appeal.published": _("A new appeal was published in the register"),
}
