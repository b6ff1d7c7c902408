"""The shipped reference data, as the data migration leaves it in the database."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps

from tyndau.authorities import reference_data
from tyndau.authorities.models import Category, Competence, LegalGround, PublicBody, Region
from tyndau.authorities.reference_data import legal_grounds as grounds_module
from tyndau.authorities.selectors import competent_body, higher_body_chain

pytestmark = pytest.mark.django_db


def test_twenty_regions_with_valid_unique_codes():
    regions = list(Region.objects.all())
    assert len(regions) == 20
    assert sum(r.kind == Region.Kind.CITY for r in regions) == 3
    assert len({r.iso_code for r in regions}) == 20
    assert len({r.kato_code for r in regions}) == 20
    for region in regions:
        assert re.fullmatch(r"KZ-\d\d", region.iso_code)
        # KATO top level = ISO number followed by 0000000 (domain-rules.md)
        assert region.kato_code == region.iso_code[3:] + "0000000"
        assert region.name_kk and region.name_ru and region.name_en
        assert region.population > 100_000 and region.population_source
    assert Region.objects.get(iso_code="KZ-61").kato_code == "610000000"  # disputed, kept as data
    assert 19_000_000 < sum(r.population for r in regions) < 21_000_000


def test_every_body_is_named_in_three_languages():
    for body in PublicBody.objects.all():
        assert body.name_kk and body.name_ru and body.name_en, body.slug
        assert body.name_kk != body.name_ru != body.name_en


def test_every_region_has_its_four_bodies():
    justice = PublicBody.objects.get(slug="ministry-of-justice")
    prosecutor_general = PublicBody.objects.get(slug="prosecutor-general")
    government = PublicBody.objects.get(slug="government")
    for region in Region.objects.all():
        bodies = {b.kind: b for b in PublicBody.objects.filter(region=region, level=PublicBody.Level.REGIONAL)}
        assert set(bodies) == {"akimat", "maslikhat", "justice", "prosecutor"}, region.iso_code
        assert bodies["akimat"].higher_body == government
        assert bodies["justice"].higher_body == justice
        assert bodies["prosecutor"].higher_body == prosecutor_general


def test_ministries_answer_to_the_government():
    government = PublicBody.objects.get(slug="government")
    ministries = PublicBody.objects.filter(kind=PublicBody.Kind.MINISTRY)
    assert ministries.count() >= 10
    assert all(m.higher_body == government for m in ministries)


def test_district_akimats_have_a_chain_ending_at_the_government():
    district = PublicBody.objects.filter(level=PublicBody.Level.DISTRICT)
    assert district.filter(kind=PublicBody.Kind.AKIMAT).count() >= 10
    for body in district:
        assert body.population and body.population > 50_000, body.slug
        if body.kind == PublicBody.Kind.AKIMAT:
            chain = higher_body_chain(body=body)
            assert chain[-1].slug == "government", body.slug
            assert chain[0].region == body.region


def test_every_category_has_a_competent_body_in_every_region():
    for category in Category.objects.all():
        for region in Region.objects.all():
            body = competent_body(category=category, region=region)
            assert body is not None, (category.slug, region.iso_code)
            assert body.region in (None, region)


def test_every_category_is_described_in_three_languages():
    assert Category.objects.count() >= 16
    for category in Category.objects.all():
        assert category.name_kk and category.name_ru and category.name_en
        assert category.description_kk and category.description_ru and category.description_en
        assert category.keywords


def test_every_legal_ground_has_texts_law_and_article():
    for ground in LegalGround.objects.all():
        assert ground.text_kk and ground.text_ru and ground.text_en, ground.code
        assert ground.law and ground.article, ground.code
        assert ground.code.startswith(ground.domain + ".")
        assert ground.domain in LegalGround.Domain.values


def test_seventeen_banned_petition_topics():
    banned = LegalGround.objects.filter(code__startswith="petitions.banned.")
    assert banned.count() == 17
    assert banned.filter(is_confirmed=True).count() == 12


def test_confirmed_grounds_follow_domain_rules():
    assemblies = LegalGround.objects.filter(domain=LegalGround.Domain.ASSEMBLIES)
    assert assemblies.filter(is_confirmed=True).count() == 5
    assert LegalGround.objects.get(code="appeals.deemed-refusal").article == "Art. 91(2)"
    assert LegalGround.objects.get(code="petitions.offensive").is_public is False
    assert LegalGround.objects.filter(is_public=False).count() == 1


def test_every_code_is_documented_for_other_apps():
    doc = grounds_module.__doc__ or ""
    for row in reference_data.LEGAL_GROUNDS:
        code = row["code"]
        if code.startswith("petitions.banned."):
            assert code.removeprefix("petitions.banned.") in doc, code
        else:
            assert code in doc, code


def test_loading_again_changes_nothing():
    counts = {m: m.objects.count() for m in (Region, PublicBody, Category, Competence, LegalGround)}
    reference_data.load(apps)
    assert counts == {m: m.objects.count() for m in (Region, PublicBody, Category, Competence, LegalGround)}


def test_seed_without_overwrite_keeps_operator_edits():
    Region.objects.filter(iso_code="KZ-71").update(population=1_600_000)
    PublicBody.objects.filter(slug="ekibastuz-akimat").update(email="akimat@example.kz")
    reference_data.load(apps, overwrite=False)
    assert Region.objects.get(iso_code="KZ-71").population == 1_600_000
    assert PublicBody.objects.get(slug="ekibastuz-akimat").email == "akimat@example.kz"


def test_demo_seed_is_idempotent():
    import io

    from tyndau.authorities.demo import seed

    out = io.StringIO()
    seed(out)
    seed(out)
    assert "20 regions" in out.getvalue()
    assert Region.objects.count() == 20


def test_every_ground_says_which_decisions_it_applies_to():
    """The migration loaded `applies_to` for every row; each value is a known decision of its own domain."""
    prefixes = {"appeals": ("appeal.", "complaint."), "petitions": ("petition.",)}
    prefixes |= {"assemblies": ("assembly.",), "associations": ("association.",)}
    for ground in LegalGround.objects.all():
        assert ground.applies_to, ground.code
        ground.clean()
        assert all(d.startswith(prefixes[ground.domain]) for d in ground.applies_to), ground.code


def test_an_answer_is_offered_only_the_grounds_of_its_outcome():
    from tyndau.authorities.selectors import legal_grounds

    def codes(*decisions: str) -> set[str]:
        return set(legal_grounds(domain="appeals", applies_to=decisions).values_list("code", flat=True))

    refused = codes("appeal.refused")
    assert "appeals.refusal.not-provided-by-law" in refused and "appeals.anonymous" in refused
    assert not any(c.startswith("appeals.complaint.") for c in refused)  # a complaint's grounds are not an answer's
    assert "appeals.not-competent-forwarded" not in refused and "appeals.deemed-refusal" not in refused
    assert codes("appeal.partly") == {"appeals.refusal.not-provided-by-law", "appeals.refusal.requirements-not-met"}
    assert codes("appeal.satisfied") == set()
    assert "appeals.complaint.unfounded" in codes("complaint.rejected", "complaint.partly")
    # petitions keep filtering by their own domain, as before
    assert legal_grounds(domain="petitions", applies_to=["petition.rejected"]).count() == 21
    assert legal_grounds(domain="petitions").count() == 22


def test_an_unknown_decision_is_refused_in_the_admin():
    from django.core.exceptions import ValidationError

    ground = LegalGround.objects.get(code="appeals.anonymous")
    ground.applies_to = ["appeal.refused", "appeal.nonsense"]
    with pytest.raises(ValidationError):
        ground.clean()


def test_a_code_with_a_control_character_is_refused_not_a_server_error(client: Any, db: Any) -> None:
    """PostgreSQL refuses a NUL in a text parameter: the API must answer 422 before any query (found by the
    API fuzzer on PostgreSQL)."""
    for bad in ("roads\x00", "\x00", "KZ-ALA\x1b", "a\x7f"):
        response = client.get("/api/v1/authorities/competent-body", {"category": bad})
        assert response.status_code == 422, (bad, response.status_code)
        response = client.get("/api/v1/authorities/competent-body", {"category": "roads", "region": bad})
        assert response.status_code == 422, (bad, response.status_code)
    assert client.get("/api/v1/authorities/competent-body", {"category": "no-such-topic"}).status_code == 404
