"""Access policy: denied by default, every view declares who may open it.

`LoginRequiredMiddleware` refuses anonymous visitors everywhere; a view that
the public may see is marked with `@public`. Every view also carries an
`access_policy` attribute that the access-matrix test reads: a URL whose view
declares no policy fails that test.

Policies:
- "public"        anyone, signed in or not
- "signed_in"     any signed-in person
- "role:<r1>|<r2>" a signed-in person holding one of the roles (see accounts.models.Role)
- "staff"         the Django admin (is_staff)
Object-level checks (an official acts only for their own body) live in
services and selectors, which raise PermissionDenied / return 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied as HttpPermissionDenied
from django.http import HttpRequest, HttpResponse

V = TypeVar("V", bound=Callable[..., Any])

ACCESS_ATTR = "access_policy"


def public(view: V) -> V:
    """Anyone may open this view, signed in or not."""
    view = login_not_required(view)
    setattr(view, ACCESS_ATTR, "public")
    return view


def signed_in(view: V) -> V:
    """Any signed-in person (the middleware already refuses anonymous visitors)."""
    setattr(view, ACCESS_ATTR, "signed_in")
    return view


def role_required(*roles: str) -> Callable[[V], V]:
    """A signed-in person holding at least one of `roles`; others get 403."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated or not user.has_any_role(*roles):  # type: ignore[union-attr]
                raise HttpPermissionDenied
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]

        setattr(wrapped, ACCESS_ATTR, "role:" + "|".join(roles))
        return wrapped  # type: ignore[return-value]

    return decorator


def get_policy(view: Callable[..., Any]) -> str | None:
    """The declared policy of a view function (unwrapping class-based views)."""
    policy = getattr(view, ACCESS_ATTR, None)
    if policy is None and hasattr(view, "view_class"):
        policy = getattr(view.view_class, ACCESS_ATTR, None)
    return policy
