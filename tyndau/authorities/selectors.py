"""Reads of the reference data: who is competent, which bodies a region has, which
legal grounds a domain may cite, and who petitions may be addressed to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from tyndau.authorities.models import Category, Competence, LegalGround, PublicBody, Region
from tyndau.authorities.reference_data.bodies import GOVERNMENT
from tyndau.authorities.reference_data.centres import CENTRES


def competent_body(*, category: Category, region: Region | None) -> PublicBody | None:
    """The body competent for `category` in `region`: the regional row first, then the
    nationwide one (region NULL). One query."""
    place = Q(region__isnull=True) if region is None else Q(region=region) | Q(region__isnull=True)
    competence = (
        Competence.objects.filter(place, category=category, body__is_active=True)
        .select_related("body", "body__region")
        .order_by(F("region").asc(nulls_last=True))
        .first()
    )
    return competence.body if competence else None


def regions() -> QuerySet[Region]:
    return Region.objects.order_by("iso_code")


def region_by_iso(*, iso_code: str) -> Region | None:
    return Region.objects.filter(iso_code=iso_code).first()


PER_CAPITA = 100_000  # figures per head are given per this many inhabitants (issue 15)


def per_100k(count: int, population: int | None) -> float | None:
    """`count` per 100,000 inhabitants, one decimal; None where the population is not known (shown "—")."""
    return round(count * PER_CAPITA / population, 1) if population and population > 0 else None


def region_centre(*, iso_code: str) -> tuple[float, float] | None:
    """Where a region is marked on a map (its administrative centre), or None if not known."""
    return CENTRES.get(iso_code)


def active_bodies() -> QuerySet[PublicBody]:
    return PublicBody.objects.filter(is_active=True).select_related("region", "higher_body")


def bodies_for_region(*, region: Region) -> QuerySet[PublicBody]:
    """The active bodies located in `region` (regional and district level)."""
    return active_bodies().filter(region=region).order_by("level", "kind", "slug")


def national_bodies() -> QuerySet[PublicBody]:
    return active_bodies().filter(level=PublicBody.Level.NATIONAL).order_by("kind", "slug")


def bodies_by_region() -> tuple[list[PublicBody], list[tuple[Region, list[PublicBody]]]]:
    """National bodies, then every region with its bodies — two queries, for the public list."""
    bodies = list(active_bodies().order_by("level", "kind", "slug"))
    national = [b for b in bodies if b.region_id is None]
    by_region: dict[int, list[PublicBody]] = {}
    for body in bodies:
        if body.region_id is not None:
            by_region.setdefault(body.region_id, []).append(body)
    return national, [(region, by_region.get(region.pk, [])) for region in regions()]


def body_by_slug(*, slug: str) -> PublicBody | None:
    return active_bodies().filter(slug=slug).first()


def body_detail(*, slug: str) -> PublicBody | None:
    """A body with what its public page shows: subordinate bodies and competences."""
    return (
        active_bodies()
        .prefetch_related(
            Prefetch("subordinate_bodies", queryset=PublicBody.objects.filter(is_active=True).order_by("slug")),
            Prefetch(
                "competences",
                queryset=Competence.objects.filter(category__is_active=True)
                .select_related("category")
                .order_by("category__slug"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def _regional_body(*, region: Region, kind: str) -> PublicBody | None:
    return (
        PublicBody.objects.filter(region=region, kind=kind, level=PublicBody.Level.REGIONAL, is_active=True)
        .order_by("slug")
        .first()
    )


def akimat_for(*, region: Region) -> PublicBody | None:
    return _regional_body(region=region, kind=PublicBody.Kind.AKIMAT)


def maslikhat_for(*, region: Region) -> PublicBody | None:
    return _regional_body(region=region, kind=PublicBody.Kind.MASLIHAT)


def prosecutor_for(*, region: Region) -> PublicBody | None:
    """The region's prosecutor's office (supervises legality of decisions in the region)."""
    return _regional_body(region=region, kind=PublicBody.Kind.PROSECUTOR)


def justice_department_for(*, region: Region) -> PublicBody | None:
    """The region's justice department (registers public associations)."""
    return _regional_body(region=region, kind=PublicBody.Kind.JUSTICE)


def government() -> PublicBody | None:
    return PublicBody.objects.filter(slug=GOVERNMENT, is_active=True).first()


def higher_body_chain(*, body: PublicBody) -> list[PublicBody]:
    """The bodies above `body`, nearest first (complaint route, APPK art. 91). Stops on a cycle."""
    chain: list[PublicBody] = []
    seen = {body.pk}
    current = body.higher_body
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.higher_body
    return chain


def legal_grounds(
    *, domain: str | None, public_only: bool = False, applies_to: Iterable[str] | None = None
) -> QuerySet[LegalGround]:
    """The active grounds a decision in `domain` may cite (LegalGround.Domain value; None: every domain);
    with `applies_to` (LegalGround.Decision values), only those that apply to at least one of these decisions (a ground
    an operator added without saying, `applies_to == []`, applies to every decision of its domain)."""
    grounds = LegalGround.objects.filter(is_active=True)
    if domain:
        grounds = grounds.filter(domain=domain)
    if public_only:
        grounds = grounds.filter(is_public=True)
    if applies_to is not None:
        # A handful of rows per domain: matched here, as JSON containment is not portable to SQLite.
        wanted = set(applies_to)
        rows = grounds.values_list("pk", "applies_to")
        grounds = grounds.filter(pk__in=[pk for pk, decisions in rows if not decisions or wanted & set(decisions)])
    return grounds.order_by("domain", "code")


def legal_ground(*, code: str) -> LegalGround:
    """The ground with this code; raises LegalGround.DoesNotExist for an unknown or inactive code."""
    return LegalGround.objects.get(code=code, is_active=True)


def categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).order_by("slug")


@dataclass(frozen=True)
class PetitionAddressee:
    """A body a petition may be addressed to, with the population its threshold is based on
    (None for the Government, whose threshold is a fixed number of signatures)."""

    body: PublicBody
    population: int | None


def petition_addressees(*, region: Region | None = None) -> list[PetitionAddressee]:
    """The Government, regional akimats and maslikhats, and the akimats and maslikhats of
    district towns with a recorded population (over 50,000). With `region`, the Government
    plus that region's addressees. One query."""
    kinds = [PublicBody.Kind.GOVERNMENT, PublicBody.Kind.AKIMAT, PublicBody.Kind.MASLIHAT]
    bodies = active_bodies().filter(kind__in=kinds)
    if region is not None:
        bodies = bodies.filter(Q(region=region) | Q(kind=PublicBody.Kind.GOVERNMENT))
    addressees = []
    for body in bodies.order_by("level", "region__iso_code", "kind", "slug"):
        population = addressee_population(body=body)
        if body.level == PublicBody.Level.DISTRICT and not population:
            continue  # district thresholds exist only for towns over 50,000 people
        addressees.append(PetitionAddressee(body=body, population=population))
    return addressees


def addressee_population(*, body: PublicBody) -> int | None:
    """The population a petition threshold is computed from: the region's for a regional
    akimat / maslikhat, the town's for a district body, None for national bodies."""
    if body.level == PublicBody.Level.NATIONAL:
        return None
    if body.level == PublicBody.Level.REGIONAL:
        return body.region.population if body.region else None
    return body.population
