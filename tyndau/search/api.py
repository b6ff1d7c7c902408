"""The search as JSON: GET /api/v1/search?q=words[&kind=petitions&page=2].

Public and read-only (auth=None), the same public rules and ranking as the results page
(tyndau.search.selectors). Without `kind`, the first hits of every kind with their counts; with
`kind`, one page of that kind. Never personal data: titles, the published texts, public names.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from tyndau.core.bounds import SEARCH
from tyndau.search import selectors

router = Router(tags=["search"])

Kind = Literal["petitions", "appeals", "bodies", "grounds", "assemblies", "associations"]


class SearchParams(Schema):
    q: SEARCH = Field(..., description="Words to find (all required, each as a prefix); at most 200 characters.")
    kind: Kind | None = Field(None, description="Only this kind, paged.")
    page: int = Field(1, ge=1, le=selectors.CANDIDATES // selectors.PAGE_SIZE)


class HitOut(Schema):
    title: str
    url: str
    snippet: str
    meta: str
    signatures: int | None = None


class GroupOut(Schema):
    kind: str
    label: str
    count: int = Field(..., description="Matches found, at most the cap.")
    capped: bool = Field(..., description="More matched than `count`: narrow the search.")
    hits: list[HitOut]


class SearchOut(Schema):
    query: str
    groups: list[GroupOut]


def _group(page: selectors.Page, request: HttpRequest) -> dict[str, Any]:
    return {
        "kind": page.kind,
        "label": str(page.label),
        "count": page.count,
        "capped": page.capped,
        "hits": [
            {
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "snippet": hit.snippet,
                "meta": hit.meta,
                "signatures": hit.extra.get("signatures"),
            }
            for hit in page.hits
        ],
    }


@router.get("", response=SearchOut, auth=None, summary="Search petitions, published appeals, bodies, grounds")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    try:
        terms = selectors.parse(params.q)
    except selectors.QueryError as error:
        raise HttpError(422, error.message) from error
    if terms is None:
        raise HttpError(422, str(selectors.query.NO_WORDS))
    if params.kind:
        pages = [selectors.search_kind(terms, kind=params.kind, page=params.page)]
    else:
        pages = selectors.search_all(terms)
    return {"query": terms.text, "groups": [_group(page, request) for page in pages]}
