"""JSON API of the following app, mounted at /api/v1/following/.

GET /mine — what the signed-in person follows (session auth): their own follows only, without the
address. Following itself is a form with double opt-in by e-mail (docs/following.md).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from tyndau.following import selectors

router = Router(tags=["following"])


class FollowOut(Schema):
    id: int
    kind: str
    target: str
    title: str | None
    status: str
    frequency: str


@router.get("/mine", response=list[FollowOut], auth=django_auth, summary="What the signed-in person follows")
def mine(request: HttpRequest) -> list[FollowOut]:
    return [
        FollowOut(
            id=row["follow"].pk,
            kind=row["follow"].kind,
            target=row["follow"].target_id,
            title=row["target"].title if row["target"] else None,
            status=row["follow"].status,
            frequency=row["follow"].frequency,
        )
        for row in selectors.follows_of_user(request.auth)  # type: ignore[attr-defined]
    ]
