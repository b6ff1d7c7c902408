"""Reference data shipped with Tyndau: regions, public bodies, categories, competence
and legal grounds — plain Python, loaded by data migrations (so `migrate` alone gives
a working system, in production too) and by the demo seed.

`load(apps)` takes an app registry: the historical one inside a migration, the live
one (`django.apps.apps`) elsewhere. It is idempotent (update_or_create by natural keys:
ISO code, slug, (category, region), code) and sets only fields that the model in that
registry has, so old migrations keep working after fields are added.

With `overwrite=True` (migrations) shipped values replace the stored ones; with
`overwrite=False` (demo seed) existing rows — and operators' edits, e.g. populations —
are left alone and only missing rows are created. To ship a change to this data, edit
it here and add a new data migration that calls `load` again.
"""

from __future__ import annotations

from typing import Any

from tyndau.authorities.reference_data.bodies import BODIES, DISTRICT_TOWNS, NATIONAL_BODIES, BodyRow
from tyndau.authorities.reference_data.categories import CATEGORIES, CategoryRow
from tyndau.authorities.reference_data.legal_grounds import LEGAL_GROUNDS, GroundRow
from tyndau.authorities.reference_data.regions import REGIONS, RegionRow

__all__ = [
    "BODIES",
    "CATEGORIES",
    "DISTRICT_TOWNS",
    "LEGAL_GROUNDS",
    "NATIONAL_BODIES",
    "REGIONS",
    "BodyRow",
    "CategoryRow",
    "GroundRow",
    "RegionRow",
    "load",
]

REGIONAL_RULES = {"akimat", "justice"}  # competence rules resolved per region by body kind


def _only_fields(model: Any, values: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in model._meta.get_fields()}
    return {k: v for k, v in values.items() if k in names}


def _put(model: Any, overwrite: bool, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    values = _only_fields(model, values)
    if overwrite:
        obj, _ = model.objects.update_or_create(**lookup, defaults=values)
    else:
        obj, _ = model.objects.get_or_create(**lookup, defaults=values)
    return obj


def load(apps: Any, *, overwrite: bool = True) -> dict[str, int]:
    """Create or update every reference row; returns how many rows of each kind were handled."""
    Region = apps.get_model("authorities", "Region")
    PublicBody = apps.get_model("authorities", "PublicBody")
    Category = apps.get_model("authorities", "Category")
    Competence = apps.get_model("authorities", "Competence")
    LegalGround = apps.get_model("authorities", "LegalGround")

    regions: dict[str, Any] = {}
    for r in REGIONS:
        values = {k: v for k, v in r.items() if k not in {"key", "iso_code", "of_ru"}}
        regions[r["iso_code"]] = _put(Region, overwrite, {"iso_code": r["iso_code"]}, values)

    bodies: dict[str, Any] = {}
    for b in BODIES:  # ordered: a higher body always comes first
        values = {k: v for k, v in b.items() if k not in {"slug", "region_iso", "higher_slug"}}
        values["region"] = regions[b["region_iso"]] if b["region_iso"] else None
        values["higher_body"] = bodies[b["higher_slug"]] if b["higher_slug"] else None
        if values["population"] is None:
            values.pop("population")  # never blank out a population an operator entered
            values.pop("population_source")
        bodies[b["slug"]] = _put(PublicBody, overwrite, {"slug": b["slug"]}, values)

    competences = 0
    region_keys = {r["iso_code"]: r["key"] for r in REGIONS}
    for c in CATEGORIES:
        values = {k: v for k, v in c.items() if k not in {"slug", "competent"}}
        category = _put(Category, overwrite, {"slug": c["slug"]}, values)
        rule = c["competent"]
        if rule in REGIONAL_RULES:
            for iso, region in regions.items():
                body = bodies[f"{region_keys[iso]}-{rule}"]
                _put(Competence, overwrite, {"category": category, "region": region}, {"body": body})
                competences += 1
        else:
            _put(Competence, overwrite, {"category": category, "region": None}, {"body": bodies[rule]})
            competences += 1

    for g in LEGAL_GROUNDS:
        values = {k: v for k, v in g.items() if k != "code"}
        _put(LegalGround, overwrite, {"code": g["code"]}, values)

    return {
        "regions": len(regions),
        "bodies": len(bodies),
        "categories": len(CATEGORIES),
        "competences": competences,
        "legal_grounds": len(LEGAL_GROUNDS),
    }
