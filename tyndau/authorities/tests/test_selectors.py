from __future__ import annotations

import pytest

from tyndau.authorities import selectors
from tyndau.authorities.models import Category, Competence, LegalGround, PublicBody, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def astana():
    return Region.objects.get(iso_code="KZ-71")


def test_competent_body_prefers_the_regional_row(astana, django_assert_num_queries):
    housing = Category.objects.get(slug="housing")
    with django_assert_num_queries(1):
        body = selectors.competent_body(category=housing, region=astana)
    assert body is not None and body.slug == "astana-akimat"


def test_competent_body_falls_back_to_the_nationwide_row(astana):
    order = Category.objects.get(slug="public-order")
    assert selectors.competent_body(category=order, region=astana).slug == "ministry-of-internal-affairs"
    assert selectors.competent_body(category=order, region=None).slug == "ministry-of-internal-affairs"


def test_regional_row_wins_over_a_nationwide_one(astana):
    housing = Category.objects.get(slug="housing")
    Competence.objects.create(category=housing, region=None, body=PublicBody.objects.get(slug="ministry-of-industry"))
    assert selectors.competent_body(category=housing, region=astana).slug == "astana-akimat"
    assert selectors.competent_body(category=housing, region=None).slug == "ministry-of-industry"


def test_no_competent_body_for_an_unassigned_category(astana):
    new = Category.objects.create(slug="new", name_kk="Жаңа", name_ru="Новая", name_en="New")
    assert selectors.competent_body(category=new, region=astana) is None


def test_inactive_body_is_not_competent(astana):
    PublicBody.objects.filter(slug="astana-akimat").update(is_active=False)
    assert selectors.competent_body(category=Category.objects.get(slug="roads"), region=astana) is None


def test_associations_are_registered_by_the_regional_justice_department(astana):
    category = Category.objects.get(slug="public-associations")
    assert selectors.competent_body(category=category, region=astana).slug == "astana-justice"


def test_regional_bodies(astana):
    assert selectors.prosecutor_for(region=astana).slug == "astana-prosecutor"
    assert selectors.justice_department_for(region=astana).slug == "astana-justice"
    assert selectors.akimat_for(region=astana).slug == "astana-akimat"
    assert selectors.maslikhat_for(region=astana).slug == "astana-maslikhat"
    assert selectors.government().slug == "government"
    slugs = {b.slug for b in selectors.bodies_for_region(region=astana)}
    assert {"astana-akimat", "astana-maslikhat", "astana-justice", "astana-prosecutor"} <= slugs


def test_body_by_slug():
    assert selectors.body_by_slug(slug="ekibastuz-akimat").higher_body.slug == "pavlodar-akimat"
    assert selectors.body_by_slug(slug="no-such-body") is None


def test_bodies_by_region_in_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        national, by_region = selectors.bodies_by_region()
        names = [b.name for _, bodies in by_region for b in bodies] + [b.region.name for _, bs in by_region for b in bs]
    assert len(by_region) == 20 and names
    assert {b.slug for b in national} >= {"government", "prosecutor-general", "ministry-of-justice"}


def test_legal_grounds_by_domain():
    grounds = selectors.legal_grounds(domain=LegalGround.Domain.PETITIONS)
    assert all(g.domain == "petitions" for g in grounds)
    assert "petitions.offensive" in {g.code for g in grounds}
    public = selectors.legal_grounds(domain=LegalGround.Domain.PETITIONS, public_only=True)
    assert "petitions.offensive" not in {g.code for g in public}
    assert selectors.legal_ground(code="appeals.deemed-refusal").domain == "appeals"
    with pytest.raises(LegalGround.DoesNotExist):
        selectors.legal_ground(code="appeals.no-such-ground")


def test_petition_addressees(django_assert_num_queries):
    with django_assert_num_queries(1):
        addressees = selectors.petition_addressees()
    by_slug = {a.body.slug: a for a in addressees}
    assert by_slug["government"].population is None
    astana = Region.objects.get(iso_code="KZ-71")
    assert by_slug["astana-akimat"].population == astana.population
    assert by_slug["astana-maslikhat"].population == astana.population
    assert by_slug["temirtau-maslikhat"].population == 183_000
    assert "astana-justice" not in by_slug and "ministry-of-health" not in by_slug


def test_petition_addressees_of_one_region():
    pavlodar = Region.objects.get(iso_code="KZ-55")
    slugs = {a.body.slug for a in selectors.petition_addressees(region=pavlodar)}
    assert slugs == {"government", "pavlodar-akimat", "pavlodar-maslikhat", "ekibastuz-akimat", "ekibastuz-maslikhat"}
