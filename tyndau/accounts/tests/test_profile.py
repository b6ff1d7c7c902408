import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tyndau.accounts import services
from tyndau.accounts.models import CitizenProfile, Consent
from tyndau.accounts.phones import normalise_kz_phone
from tyndau.accounts.tests.conftest import OTHER_IIN, VALID_IIN
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {"iin": VALID_IIN, "phone": "8 (701) 234-56-78", "address": "Астана, Мәңгілік Ел, 8", "consent": "on"}
    data.update(overrides)
    return data


def test_profile_saved_encrypted_and_masked(client, cast):
    client.force_login(cast.citizen)
    response = client.post(reverse("accounts:profile"), profile_data(region=cast.region.pk))
    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=cast.citizen)
    assert profile.phone == "+77012345678"
    assert VALID_IIN not in profile.iin_encrypted and VALID_IIN not in profile.iin_hash
    assert profile.iin_masked == "******400015"
    assert Consent.objects.filter(user=cast.citizen, purpose="citizen_profile", source="profile_form").exists()
    event = Event.objects.get(action="accounts.profile.updated")
    assert VALID_IIN not in str(event.payload) and "7012345678" not in str(event.payload)
    for url in (reverse("accounts:dashboard"), reverse("accounts:profile")):
        page = client.get(url).content.decode()
        assert "******400015" in page
        assert VALID_IIN not in page


@pytest.mark.parametrize(
    ("iin", "fragment"),
    [
        ("85031540001", "12"),  # too short
        ("85031540001X", "digits"),
        ("850315400016", "last digit"),  # wrong check digit
        ("851315400015", "birth date"),
    ],
)
def test_iin_errors_are_specific_and_keep_input(client, cast, iin, fragment):
    client.force_login(cast.citizen)
    with translation.override("en"):
        url = reverse("accounts:profile")
    response = client.post(url, profile_data(iin=iin))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_iin_error"' in page
    assert fragment in page
    assert "Астана, Мәңгілік Ел, 8</textarea>" in page
    assert not CitizenProfile.objects.exists()


def test_same_iin_twice_is_a_claim_not_a_refusal(client, cast):
    """Issue 10.19: the profile no longer says that an IIN is linked to another account (that told anyone
    which IINs are registered); identity verification decides who holds it (test_iin_claims.py)."""
    services.profile_update(actor=cast.citizen, user=cast.citizen, iin=VALID_IIN, phone="", address="", region=None)
    client.force_login(cast.other_citizen)
    response = client.post(reverse("accounts:profile"), profile_data())
    assert response.status_code == 302
    assert CitizenProfile.objects.filter(iin_hash__isnull=False).count() == 2


def test_iin_kept_when_left_empty_and_consent_required(client, cast):
    client.force_login(cast.citizen)
    client.post(reverse("accounts:profile"), profile_data())
    response = client.post(reverse("accounts:profile"), profile_data(iin="", consent=""))
    assert response.status_code == 200 and 'id="id_consent_error"' in response.content.decode()
    assert client.post(reverse("accounts:profile"), profile_data(iin="", phone="+7 777 000 11 22")).status_code == 302
    profile = CitizenProfile.objects.get(user=cast.citizen)
    assert profile.iin_masked.endswith("400015") and profile.phone == "+77770001122"


def test_profile_of_another_person_cannot_be_written(cast):
    from tyndau.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.profile_update(
            actor=cast.official_a, user=cast.citizen, iin=OTHER_IIN, phone="", address="", region=None
        )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+7 701 234 56 78", "+77012345678"),
        ("87012345678", "+77012345678"),
        ("7012345678", "+77012345678"),
        ("+7 (727) 250-00-00", "+77272500000"),
        ("", ""),
    ],
)
def test_phone_normalisation(raw, expected):
    assert normalise_kz_phone(raw) == expected


@pytest.mark.parametrize("raw", ["+7 912 345 67 89", "+44 20 7946 0958", "12345", "+7 701 abc"])
def test_phone_rejected(raw):
    with pytest.raises(ValidationError):
        normalise_kz_phone(raw)
