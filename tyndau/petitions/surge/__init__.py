"""The signing fast path: everything that answers a national signing surge faster than the ordinary
Django path would, fenced in one package (ADR 0009, ADR 0010, docs/petitions.md "The fast path").

Inside: the one-step signing lane in front of the WSGI handler (`lane.SigningLaneHandler`, imported
only by config/wsgi.py), the verified-identity SQL (`identity`), the hand-written signature INSERT,
its PostgreSQL variant with the confirmation letter and the confirming UPDATE (`statements`), the
signing POST validated without building a form (`forms`), the petition's cached signing state
(`state`) and the pages shared by anonymous visitors (`pages`).

Outside code uses only the names below; nothing outside calls a module of this package directly
(config/wsgi.py excepted, for the lane; the harness and bench/onestep_cpu.py build the same handler).
Each hand-written statement is written once here and held to
the ORM path it mirrors by one parity test (tests/test_surge.py).
"""

from tyndau.petitions.surge.forms import cleaned_or_none
from tyndau.petitions.surge.identity import citizen_identity
from tyndau.petitions.surge.pages import forget_shared_pages, shared_body, shared_page
from tyndau.petitions.surge.state import forget_signing_state, signable, signing_state
from tyndau.petitions.surge.statements import confirm_pending, insert_pending, insert_verified, public_name

__all__ = [
    "citizen_identity",
    "cleaned_or_none",
    "confirm_pending",
    "forget_shared_pages",
    "forget_signing_state",
    "insert_pending",
    "insert_verified",
    "public_name",
    "shared_body",
    "shared_page",
    "signable",
    "signing_state",
]
