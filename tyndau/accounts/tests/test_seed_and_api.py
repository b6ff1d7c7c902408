import io

import pytest
from django.core.management import CommandError, call_command

from tyndau.accounts import selectors
from tyndau.accounts.demo import DEMO_ACCOUNTS, DEMO_CITIZEN_IIN
from tyndau.accounts.management.commands import seed_demo
from tyndau.accounts.models import CitizenProfile, Membership, User
from tyndau.accounts.tests.conftest import VALID_IIN
from tyndau.audit.models import Event
from tyndau.authorities.models import PublicBody, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty(db):
    from tyndau.accounts.demo import almaty_akimat

    existing = almaty_akimat()  # loaded by the authorities' reference-data migration
    if existing is not None:
        return existing
    region, _ = Region.objects.get_or_create(
        iso_code="KZ-75",
        defaults={
            "kato_code": "750000000",
            "kind": "city",
            "name_kk": "Алматы қаласы",
            "name_ru": "г. Алматы",
            "name_en": "Almaty",
        },
    )
    return PublicBody.objects.get_or_create(
        slug="demo-almaty-akimat",
        defaults={
            "kind": "akimat",
            "level": "regional",
            "region": region,
            "name_kk": "Алматы қаласының әкімдігі",
            "name_ru": "Акимат г. Алматы",
            "name_en": "Akimat of Almaty",
        },
    )[0]


def run_seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_is_idempotent(settings, monkeypatch, almaty):
    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "DEMO_APPS", ("accounts",))
    run_seed()
    counts = (User.objects.count(), Membership.objects.count(), CitizenProfile.objects.count(), Event.objects.count())
    output = run_seed()
    assert "0 demo account(s) created" in output
    assert counts == (
        User.objects.count(),
        Membership.objects.count(),
        CitizenProfile.objects.count(),
        Event.objects.count(),
    )
    assert User.objects.filter(email__endswith="@demo.tyndau.kz").count() == len(DEMO_ACCOUNTS)
    citizen = User.objects.get(email="citizen@demo.tyndau.kz")
    assert selectors.is_verified_citizen(citizen)
    assert citizen.citizen_profile.region.iso_code == "KZ-75"
    assert citizen.check_password(settings.DEMO_PASSWORD)
    official = User.objects.get(email="official@demo.tyndau.kz")
    assert selectors.acts_for_body(official, almaty)
    assert selectors.acts_for_body(User.objects.get(email="supervisor@demo.tyndau.kz"), almaty, supervisor=True)
    admin = User.objects.get(email="admin@demo.tyndau.kz")
    assert admin.is_staff and admin.is_superuser


def test_seed_without_akimat_warns(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "DEMO_APPS", ("accounts",))
    PublicBody.objects.filter(kind="akimat", region__iso_code="KZ-75", level="regional").update(kind="other")
    output = run_seed()
    assert "warning" in output
    assert not Membership.objects.exists()


def test_seed_demo_refused_with_debug_off(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setattr(seed_demo, "DEMO_APPS", ("accounts",))
    with pytest.raises(CommandError):
        run_seed()
    assert not User.objects.exists()
    run_seed("--force")
    assert User.objects.filter(email__endswith="@demo.tyndau.kz").count() == len(DEMO_ACCOUNTS)


def test_seed_skips_apps_without_demo_module(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "DEMO_APPS", ("core", "accounts"))
    assert "core: no demo data" in run_seed()


def test_demo_logins_table(settings):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.email in text
    assert settings.DEMO_PASSWORD in text
    assert DEMO_CITIZEN_IIN not in text


def test_api_me_anonymous_is_401(client):
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_api_me_returns_own_data_only_with_masked_iin(client, cast):
    from tyndau.accounts import services

    services.profile_update(
        actor=cast.citizen, user=cast.citizen, iin=VALID_IIN, phone="+77011234567", address="", region=cast.region
    )
    client.force_login(cast.other_citizen)
    data = client.get("/api/v1/accounts/me").json()
    assert data["email"] == "other@example.kz" and data["profile"] is None
    assert "citizen@example.kz" not in str(data)
    client.force_login(cast.citizen)
    data = client.get("/api/v1/accounts/me").json()
    assert data["email"] == "citizen@example.kz"
    assert data["roles"] == ["citizen"]
    assert data["profile"]["iin_masked"] == "******400015"
    assert VALID_IIN not in str(data)
    assert data["profile"]["region"] == "KZ-71"
