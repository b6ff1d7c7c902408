import pytest
from django.urls import reverse

from tyndau.accounts import selectors, services
from tyndau.accounts.errors import IinLocked, NotConfigured
from tyndau.accounts.models import VerificationLevel
from tyndau.accounts.tests.conftest import OTHER_IIN, VALID_IIN
from tyndau.accounts.verification import DemoVerifier, EgovEdsVerifier

pytestmark = pytest.mark.django_db


def give_iin(user, iin=VALID_IIN):
    return services.profile_update(actor=user, user=user, iin=iin, phone="", address="", region=None)


def test_verified_citizen_needs_iin_and_demo_level(cast, settings):
    settings.DEBUG = True
    assert not selectors.is_verified_citizen(cast.citizen)
    give_iin(cast.citizen)
    assert not selectors.is_verified_citizen(cast.citizen)
    services.identity_verify(actor=cast.citizen, user=cast.citizen, method="demo", evidence={})
    assert selectors.is_verified_citizen(cast.citizen)
    assert selectors.verification_level_of(cast.citizen) == VerificationLevel.DEMO
    assert not selectors.is_verified_citizen(cast.other_citizen)
    assert not selectors.is_verified_citizen(None)


def test_iin_cannot_change_after_verification(cast, settings):
    settings.DEBUG = True
    give_iin(cast.citizen)
    services.identity_verify(actor=cast.citizen, user=cast.citizen, method="demo", evidence={})
    with pytest.raises(IinLocked):
        give_iin(cast.citizen, OTHER_IIN)


def test_verification_binds_to_the_iin(cast):
    give_iin(cast.citizen)
    services.identity_verification_record(
        actor=None, user=cast.citizen, method="egov_eds", level=VerificationLevel.EDS, iin=OTHER_IIN
    )
    assert not selectors.is_verified_citizen(cast.citizen)  # the provider vouched for another IIN


def test_demo_verifier_only_in_debug(cast, settings, client):
    settings.DEBUG = False
    assert not DemoVerifier().is_available()
    give_iin(cast.citizen)
    client.force_login(cast.citizen)
    client.post(reverse("accounts:verify_identity", args=["demo"]))
    assert not selectors.is_verified_citizen(cast.citizen)


def test_egov_eds_is_a_documented_seam(cast, client):
    with pytest.raises(NotConfigured):
        EgovEdsVerifier().verify(user=cast.citizen, evidence={})
    give_iin(cast.citizen)
    client.force_login(cast.citizen)
    response = client.post(reverse("accounts:verify_identity", args=["egov_eds"]), follow=True)
    assert response.status_code == 200
    assert not selectors.is_verified_citizen(cast.citizen)
    assert "usa-alert--error" in response.content.decode()


def test_dashboard_links_only_existing_pages(cast, client):
    from tyndau.accounts.templatetags.accounts_tags import optional_url

    assert optional_url("no_such:page") == ""
    client.force_login(cast.official_a)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert cast.body_a.name in page
    assert page.count("<h1") == 1
