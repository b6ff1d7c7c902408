"""Writes and transitions of e-petitions (one function per transition, `petition_<verb>`), by concern:
drafting, moderation, lifecycle (listing, forwarding, closing, responding), signing, counting, fraud.
Nothing else assigns a status. Reads are in `tyndau.petitions.selectors`; the hand-written statements
of signing in `tyndau.petitions.surge`."""

from tyndau.petitions.services.counting import close_expired_petitions, petition_recount, recount_signatures
from tyndau.petitions.services.drafting import (
    petition_create_draft,
    petition_resubmit,
    petition_submit,
    petition_update_draft,
)
from tyndau.petitions.services.fraud import signatures_invalidate
from tyndau.petitions.services.lifecycle import petition_close, petition_forward, petition_list, petition_respond
from tyndau.petitions.services.moderation import petition_approve, petition_reject
from tyndau.petitions.services.signing import (
    confirmation_token,
    purge_lapsed_signatures,
    signature_confirm,
    signature_create,
    signature_create_for_citizen,
)

__all__ = [
    "close_expired_petitions",
    "confirmation_token",
    "petition_approve",
    "petition_close",
    "petition_create_draft",
    "petition_forward",
    "petition_list",
    "petition_recount",
    "petition_reject",
    "petition_respond",
    "petition_resubmit",
    "petition_submit",
    "petition_update_draft",
    "purge_lapsed_signatures",
    "recount_signatures",
    "signature_confirm",
    "signature_create",
    "signature_create_for_citizen",
    "signatures_invalidate",
]
