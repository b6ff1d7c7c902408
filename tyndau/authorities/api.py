"""Open reference data: regions, public bodies, categories, competence and legal grounds.

Mounted at /api/v1/authorities/ by config/api.py. Public and read-only (auth=None);
names and texts are returned in all three languages.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from tyndau.authorities import selectors
from tyndau.authorities.models import Category, LegalGround, PublicBody, Region
from tyndau.core.api import NOT_FOUND
from tyndau.core.bounds import CODE

router = Router(tags=["authorities"])


class RegionOut(Schema):
    iso_code: str
    kato_code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    population: int
    population_source: str


class BodyOut(Schema):
    slug: str
    kind: str
    level: str
    region: str | None
    higher_body: str | None
    name_kk: str
    name_ru: str
    name_en: str
    population: int | None
    email: str


class CategoryOut(Schema):
    slug: str
    name_kk: str
    name_ru: str
    name_en: str
    description_kk: str
    description_ru: str
    description_en: str
    keywords: str


class LegalGroundOut(Schema):
    code: str
    domain: str
    law: str
    article: str
    text_kk: str
    text_ru: str
    text_en: str
    is_confirmed: bool
    is_public: bool
    applies_to: list[str]  # the decisions it may be cited for (LegalGround.Decision values); [] = any of its domain


class BodyFilter(Schema):
    region: CODE | None = None  # ISO 3166-2 code, e.g. KZ-71
    kind: PublicBody.Kind | None = None
    level: PublicBody.Level | None = None


def _body_out(body: PublicBody) -> dict[str, object]:
    return {
        "slug": body.slug,
        "kind": body.kind,
        "level": body.level,
        "region": body.region.iso_code if body.region else None,
        "higher_body": body.higher_body.slug if body.higher_body else None,
        "name_kk": body.name_kk,
        "name_ru": body.name_ru,
        "name_en": body.name_en,
        "population": body.population,
        "email": body.email,
    }


@router.get("/regions", response=list[RegionOut], auth=None, summary="Regions and cities of republican significance")
def list_regions(request: HttpRequest) -> list[Region]:
    return list(selectors.regions())


@router.get("/bodies", response=list[BodyOut], auth=None, summary="Public bodies")
def list_bodies(request: HttpRequest, filters: Query[BodyFilter]) -> list[dict[str, object]]:
    bodies = selectors.active_bodies().order_by("level", "slug")
    if filters.region:
        bodies = bodies.filter(region__iso_code=filters.region)
    if filters.kind:
        bodies = bodies.filter(kind=filters.kind)
    if filters.level:
        bodies = bodies.filter(level=filters.level)
    return [_body_out(body) for body in bodies]


@router.get("/bodies/{slug}", response={200: BodyOut, **NOT_FOUND}, auth=None, summary="One public body")
def get_body(request: HttpRequest, slug: CODE) -> dict[str, object]:
    body = selectors.body_by_slug(slug=slug)
    if body is None:
        raise Http404
    return _body_out(body)


@router.get("/categories", response=list[CategoryOut], auth=None, summary="Categories of public services")
def list_categories(request: HttpRequest) -> list[Category]:
    return list(selectors.categories())


@router.get(
    "/competent-body",
    response={200: BodyOut, **NOT_FOUND},
    auth=None,
    summary="The body competent for a category in a region",
)
def get_competent_body(request: HttpRequest, category: CODE, region: CODE | None = None) -> dict[str, object]:
    """Without `region`, the nationwide body (if any) is returned."""
    found_category = selectors.categories().filter(slug=category).first()
    found_region = selectors.region_by_iso(iso_code=region) if region else None
    if found_category is None or (region and found_region is None):
        raise HttpError(404, "Unknown category or region")
    body = selectors.competent_body(category=found_category, region=found_region)
    if body is None:
        raise HttpError(404, "No competent body is recorded")
    return _body_out(body)


@router.get("/legal-grounds", response=list[LegalGroundOut], auth=None, summary="Legal grounds for decisions")
def list_legal_grounds(request: HttpRequest, domain: LegalGround.Domain | None = None) -> list[LegalGround]:
    return list(selectors.legal_grounds(domain=domain))
