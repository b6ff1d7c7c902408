"""Hand-written URL samples for routes whose kwargs the harness cannot guess.

Key: the namespaced URL name (`appeals:detail`). Value: a function returning a
list of `(kwargs, rows)` pairs, best first; `rows` are the model instances the
kwargs point at (used for the owner / own-body / other-body checks). Literal
re_path alternations such as `(?P<fmt>json|xml)` are filled by the harness.
Called inside the seeded database. Prefer a guessable kwarg (name it after the
model field: `<str:number>` for `Appeal.number`) over an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[tuple[dict[str, Any], list[Any]]]


def _rows(model_label: str, field: str, kwarg: str, limit: int = 6) -> Rows:
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except LookupError:
        return []
    return [({kwarg: getattr(obj, field)}, [obj]) for obj in model._default_manager.order_by("pk")[:limit]]


def _email_verification() -> Rows:
    """A signed e-mail confirmation token (not a column: made by accounts.verification)."""
    from tyndau.accounts.models import User

    try:
        from tyndau.accounts.verification import make_email_token
    except ImportError:
        return []
    user = User.objects.filter(email="citizen@example.kz").first()
    return [({"token": make_email_token(user)}, [])] if user else []


def _password_reset() -> Rows:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tyndau.accounts.models import User

    user = User.objects.filter(email="citizen@example.kz").first()
    if user is None:
        return []
    return [
        ({"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}, [])
    ]


def _signature_confirmation() -> Rows:
    from django.apps import apps

    try:
        from tyndau.petitions.services import confirmation_token

        signature = apps.get_model("petitions", "Signature")
    except (ImportError, LookupError):
        return []
    return [({"token": confirmation_token(row.pk)}, [row]) for row in signature._default_manager.order_by("pk")[:3]]


URL_SAMPLES: dict[str, Callable[[], Rows]] = {
    "accounts:verify_email": _email_verification,
    "accounts:password_reset_confirm": _password_reset,
    "petitions:confirm": _signature_confirmation,
    "open311:request": lambda: _rows("appeals.Appeal", "number", "service_request_id"),
    "open311:token": lambda: _rows("appeals.Open311Token", "token", "token"),
    "appeals:cosign": lambda: _rows("appeals.CoSigner", "token", "token"),
    "open311:service": lambda: _rows("authorities.Category", "slug", "service_code"),
}
