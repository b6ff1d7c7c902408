"""The following app's audit action codes. The payload names the followed thing, never the address."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tyndau.audit.actions import register_actions, register_actor_kinds, register_payload_fields

register_actor_kinds({"follower": _("Follower (by e-mail)")})
register_actions(
    {
        "following.follow.requested": _("Asked to follow"),
        "following.follow.confirmed": _("Follow confirmed"),
        "following.follow.ended": _("Unfollowed"),
        "following.follow.frequency_changed": _("Alert frequency changed"),
    },
    actor_role="follower",
    system_role="follower",
)
register_payload_fields(
    {"followed_kind": _("What is followed"), "followed_id": _("Followed item"), "alert_frequency": _("How often")}
)
