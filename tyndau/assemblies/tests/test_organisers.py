"""Who may organise: an adult on the event's date (the boundary day: the 18th birthday is enough), a
legal entity through its representative with a checksum-checked BIN, and co-organisers who each confirm
from their own account before the request can be submitted."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client

from tyndau.assemblies import services
from tyndau.assemblies.errors import (
    BinInvalid,
    BinRequired,
    CoOrganiserInvalid,
    CoOrganisersUnconfirmed,
    DraftAlreadySubmitted,
    NotTheCoOrganiser,
    OrganiserNotEligible,
    OrganiserUnderage,
    PermissionDenied,
)
from tyndau.assemblies.models import Assembly, AssemblyDraft, CoOrganiser
from tyndau.assemblies.tests.conftest import EVENT_DAY, at, valid_iin, verify
from tyndau.audit.models import Event

pytestmark = pytest.mark.django_db

# EVENT_DAY is Monday 23 March 2026: someone born on 23 March 2008 turns 18 that day.
BORN_ON_THE_DAY = valid_iin("08032350001")  # 23 March 2008, 2000s male (digit 7 = 5)
BORN_A_DAY_LATER = valid_iin("08032450001")  # 24 March 2008
BIN = valid_iin("19044000123")  # April 2019, resident legal entity, head unit


def test_adult_on_the_event_date_boundary_day(at_wednesday: Any, cast: Any, notify: Any) -> None:
    from tests.cast import make_user
    from tyndau.accounts.models import Role

    eighteen_that_day = verify(make_user("adult@example.kz", Role.CITIZEN), BORN_ON_THE_DAY)
    a = notify(actor=eighteen_that_day)
    assert a.organiser_id == eighteen_that_day.pk
    almost = verify(make_user("minor@example.kz", Role.CITIZEN), BORN_A_DAY_LATER)
    with pytest.raises(OrganiserUnderage):
        notify(actor=almost)
    # A day later the same person is an adult.
    day_after = EVENT_DAY + dt.timedelta(days=1)
    assert notify(actor=almost, starts_at=at(day_after, 11), ends_at=at(day_after, 13)).pk
    assert services.is_adult_on(almost, day_after) and not services.is_adult_on(almost, EVENT_DAY)


def test_a_legal_entity_needs_a_valid_bin(at_wednesday: Any, cast: Any, notify: Any) -> None:
    org = cast.organisation  # not a verified citizen: acts only for the entity
    with pytest.raises(BinRequired):
        notify(actor=org, organisation_name="Green City NGO")
    with pytest.raises(BinInvalid):
        notify(actor=org, organisation_name="Green City NGO", organisation_bin=BIN[:-1] + str((int(BIN[-1]) + 1) % 10))
    joint = valid_iin("19046000123")  # type 6: joint individual entrepreneur, not a legal entity
    with pytest.raises(BinInvalid):
        notify(actor=org, organisation_name="Green City NGO", organisation_bin=joint)
    a = notify(actor=org, organisation_name="Green City NGO", organisation_bin=f"{BIN[:6]} {BIN[6:]}")
    assert a.organisation_bin == BIN
    # Without the entity's name the representative acts for themselves: not a verified citizen.
    with pytest.raises(OrganiserNotEligible):
        notify(actor=org)


def _draft(organiser: Any, co: str) -> AssemblyDraft:
    return services.draft_create(
        actor=organiser,
        key=uuid.uuid4(),
        payload={"purpose": ["Clean air"], "date": [EVENT_DAY.isoformat()]},
        co_organisers=services.parse_co_organisers(co, organiser=organiser),
    )


def test_parse_co_organisers(cast: Any, organiser: Any) -> None:
    named = services.parse_co_organisers(
        f"other@example.kz\n\n{valid_iin('90010130001')}\nOTHER@example.kz", organiser=organiser
    )
    assert len(named) == 2 and named[1].label.endswith(valid_iin("90010130001")[-4:])
    for bad in ("not-an-email@", "12345", organiser.email, valid_iin("85031540001")):
        with pytest.raises(CoOrganiserInvalid):
            services.parse_co_organisers(bad, organiser=organiser)


def test_co_organisers_confirm_before_submission(at_wednesday: Any, cast: Any, organiser: Any, notify: Any) -> None:
    other = verify(cast.other_citizen, valid_iin("90010130001"))
    draft = _draft(organiser, f"{other.email}")
    with pytest.raises(CoOrganisersUnconfirmed):
        notify(draft=draft, idempotency_key=draft.key)
    co = draft.co_organisers.get()
    with pytest.raises(NotTheCoOrganiser):
        services.co_organiser_confirm(actor=cast.official_a, co_organiser=co)
    with pytest.raises(NotTheCoOrganiser):
        services.co_organiser_confirm(actor=organiser, co_organiser=co)
    services.co_organiser_confirm(actor=other, co_organiser=co)
    services.co_organiser_confirm(actor=other, co_organiser=co)  # twice: nothing more
    assert Event.objects.filter(action="assemblies.co_organiser.confirmed").count() == 1
    with pytest.raises(PermissionDenied):
        notify(actor=other, draft=draft)
    a = notify(draft=draft, idempotency_key=draft.key)
    draft.refresh_from_db()
    assert draft.assembly_id == a.pk
    assert Event.objects.get(action="assemblies.assembly.notified").payload["co_organisers"] == 1
    with pytest.raises(DraftAlreadySubmitted):
        services.co_organiser_confirm(actor=other, co_organiser=co)


def test_co_organiser_named_by_iin_must_be_a_verified_adult(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    from tests.cast import make_user
    from tyndau.accounts.models import Role

    minor = verify(make_user("minor@example.kz", Role.CITIZEN), BORN_A_DAY_LATER)
    draft = _draft(organiser, BORN_A_DAY_LATER)
    with pytest.raises(OrganiserUnderage):
        services.co_organiser_confirm(actor=minor, co_organiser=draft.co_organisers.get())
    unverified = make_user("unverified@example.kz", Role.CITIZEN)
    draft2 = _draft(organiser, unverified.email)
    with pytest.raises(OrganiserNotEligible):
        services.co_organiser_confirm(actor=unverified, co_organiser=draft2.co_organisers.get())
    assert not CoOrganiser.objects.filter(confirmed_at__isnull=False).exists()


def test_co_organiser_pages_end_to_end(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    other = verify(cast.other_citizen, valid_iin("90010130001"))
    client = Client()
    client.force_login(organiser)
    post = {
        "form": "rally",
        "akimat": cast.body_a.pk,
        "purpose": "Clean air together",
        "place_kind": "other",
        "place_description": "Central square",
        "date": EVENT_DAY.isoformat(),
        "start_time": "11:00",
        "end_time": "13:00",
        "expected_participants": "200",
        "steward_name": "Steward Person",
        "steward_phone": "+7 701 765 43 21",
        "co_organisers": valid_iin("90010130001"),
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client.post("/en/assemblies/new/", post)
    draft = AssemblyDraft.objects.get()
    assert response["Location"] == f"/en/assemblies/drafts/{draft.key}/"
    page = client.get(response["Location"]).content.decode()
    assert valid_iin("90010130001") not in page  # the IIN is masked
    # Left the page: the draft is found again under "My assemblies" (it was not listed anywhere before).
    mine = client.get("/en/assemblies/mine/").content.decode()
    assert f'href="/en/assemblies/drafts/{draft.key}/">Clean air together</a>' in mine and "0 of 1" in mine
    client.post(response["Location"])
    assert not Assembly.objects.exists()  # refused: not yet confirmed
    co = Client()
    co.force_login(other)
    invitations = co.get("/en/assemblies/invitations/").content.decode()
    assert "Clean air together" in invitations
    assert co.post("/en/assemblies/invitations/", {"invitation": draft.co_organisers.get().pk}).status_code == 302
    assert co.post("/en/assemblies/invitations/", {"invitation": "999999"}).status_code == 404
    # Someone else cannot open the organiser's draft.
    assert co.get(response["Location"]).status_code == 404
    done = client.post(response["Location"])
    assembly = Assembly.objects.get()
    assert done["Location"] == f"/en/assemblies/a/{assembly.number}/receipt/"
    assert client.post(response["Location"])["Location"] == f"/en/assemblies/a/{assembly.number}/"
    mine = client.get("/en/assemblies/mine/").content.decode()
    assert f"/assemblies/drafts/{draft.key}/" not in mine and assembly.number in mine  # submitted: a request now


def test_each_co_organiser_is_invited_by_e_mail_once(at_wednesday: Any, cast: Any, organiser: Any) -> None:
    """By e-mail: to the address typed. By IIN: to the account whose verified identity holds it; an IIN
    nobody has verified gets no letter (and the organiser is not told). A repeated submit invites no one again."""
    from tyndau.notifications.models import OutgoingEmail

    holder = verify(cast.other_citizen, valid_iin("90010130001"))
    nobody = valid_iin("91020230002")
    before = OutgoingEmail.objects.count()
    key = uuid.uuid4()
    named = services.parse_co_organisers(
        f"friend@example.org\n{valid_iin('90010130001')}\n{nobody}", organiser=organiser
    )
    payload = {"purpose": ["Clean air"], "date": [EVENT_DAY.isoformat()]}
    for _ in range(2):
        services.draft_create(actor=organiser, key=key, payload=payload, co_organisers=named)
    letters = list(OutgoingEmail.objects.order_by("pk")[before:])
    assert sorted(letter.to_address for letter in letters) == sorted(["friend@example.org", holder.email])
    for letter in letters:
        assert "/assemblies/invitations/" in letter.body
        assert organiser.last_name not in letter.body and organiser.email not in letter.body
        assert nobody not in letter.body
