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
    from tyndau.accounts.verification import make_email_token

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


def _charter_versions() -> Rows:
    """A submitted charter version of an application in the public registry (number + version)."""
    from django.apps import apps

    try:
        version = apps.get_model("associations", "CharterVersion")
    except LookupError:
        return []
    rows = version._default_manager.filter(submitted_at__isnull=False).select_related("application")
    return [
        ({"number": row.application.number, "version": row.number}, [row.application])
        for row in rows.order_by("pk")[:6]
    ]


def _registered_applications() -> Rows:
    """A registered association's application (number), which its applicant may amend."""
    from django.apps import apps

    try:
        application = apps.get_model("associations", "Application")
    except LookupError:
        return []
    rows = application._default_manager.filter(registered_on__isnull=False).order_by("pk")[:6]
    return [({"number": row.number}, [row]) for row in rows]


def _systemic_issues() -> Rows:
    """Issues shown publicly (two appeals or more, not merged away), oldest first."""
    from tyndau.appeals.models import IssueStatus, SystemicIssue

    issues = SystemicIssue.objects.filter(appeals_count__gte=2).exclude(status=IssueStatus.MERGED).order_by("pk")
    return [({"pk": issue.pk}, [issue]) for issue in issues[:6]]


def _association_documents() -> Rows:
    """A signed PDF of an association application (number + document), for its applicant and registrar."""
    from django.apps import apps

    try:
        document = apps.get_model("associations", "Document")
    except LookupError:
        return []
    rows = document._default_manager.select_related("application")
    return [
        ({"number": row.application.number, "document": row.pk}, [row.application]) for row in rows.order_by("pk")[:6]
    ]


def _follow_tokens(purpose: str) -> Callable[[], Rows]:
    """Signed following tokens (not columns: made by tyndau.following.tokens) for the seeded follows."""

    def rows() -> Rows:
        from django.apps import apps

        try:
            follow = apps.get_model("following", "Follow")
            from tyndau.following import tokens
        except (ImportError, LookupError):
            return []
        made = {
            "confirm": lambda f: tokens.confirm_token(f.pk),
            "unsubscribe": lambda f: tokens.unsubscribe_token(follow_id=f.pk),
            "manage": lambda f: tokens.manage_token(f.email_hash),
        }[purpose]
        return [({"token": made(row)}, []) for row in follow._default_manager.order_by("pk")[:3]]

    return rows


def _fix_tokens() -> Rows:
    """Signed "was it fixed?" links of the seeded questionnaires."""
    from django.apps import apps

    try:
        report = apps.get_model("appeals", "FixReport")
        from tyndau.appeals.services.fixed import fix_token
    except (ImportError, LookupError):
        return []
    return [({"token": fix_token(row.pk)}, [row.appeal]) for row in report._default_manager.order_by("pk")[:3]]


URL_SAMPLES: dict[str, Callable[[], Rows]] = {
    "accounts:verify_email": _email_verification,
    "accounts:password_reset_confirm": _password_reset,
    "petitions:confirm": _signature_confirmation,
    "open311:request": lambda: _rows("appeals.Appeal", "number", "service_request_id"),
    "open311:token": lambda: (
        _rows("appeals.Open311Submission", "token", "token") + _rows("appeals.Open311Token", "token", "token")
    ),
    "appeals:open311_confirm": lambda: _rows("appeals.Open311Submission", "confirm_key", "key"),
    "appeals:cosign": lambda: _rows("appeals.CoSigner", "token", "token"),
    "open311:service": lambda: _rows("authorities.Category", "slug", "service_code"),
    "api_not_found": lambda: [({"rest": "no-such-resource/7"}, [])],
    # Issue 16: an intermediary's consents by their random reference (the intermediary's own, 404 to others).
    **{
        f"intermediaries:{name}": (lambda: _rows("intermediaries.HelpConsent", "ref", "ref"))
        for name in ("consent", "confirm", "resend", "appeal_new", "sign", "assembly_new", "withdraw", "sharing")
    },
    "intermediaries:revoke": lambda: _rows("intermediaries.Accreditation", "pk", "pk"),
    "associations:version": _charter_versions,
    # Systemic issues (issue 15): `pk` of a SystemicIssue, which the harness cannot tell from the route.
    **{
        f"appeals:{name}": _systemic_issues
        for name in ("issue", "issue_answer", "issue_split", "issue_merge", "issue_public")
    },
    "associations:document": _association_documents,
    # The route's name says "amend" (the harness would guess the Amendment model): it takes an application.
    "associations:amend": _registered_applications,
    "following:confirm": _follow_tokens("confirm"),
    "following:unsubscribe": _follow_tokens("unsubscribe"),
    "following:manage": _follow_tokens("manage"),
    "appeals:fixed": _fix_tokens,
}

# Routes whose every URL names nothing: the catch-all that answers a JSON 404 for
# any path under /api/ that no operation serves. Their samples are checked like a
# phantom row (a 404 for everyone, never a 500 or an HTML page).
NOT_FOUND_BY_DESIGN = {"api_not_found"}
