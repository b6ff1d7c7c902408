"""The maslikhat's register of specialised places: versions (edit, shrink, enlarge, remove, restore),
every transition pair, who may edit, the map point, the public pages and open data; an organiser
choosing a place, another place or a route; the capacity warning and what the akimat sees."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tyndau.accounts.models import Membership, Role, RoleGrant
from tyndau.assemblies import services
from tyndau.assemblies.errors import (
    DecisionRequired,
    InvalidTransition,
    NotAMaslikhat,
    NotPlacesEditor,
    OutsideKazakhstan,
    OutsidePlaceHours,
    OverCapacity,
    PlaceHoursInvalid,
    PlaceNotInForce,
    PlaceOfAnotherCity,
    PlaceRequired,
    PlaceUnchanged,
    RouteInvalid,
)
from tyndau.assemblies.models import PLACE_TRANSITIONS, PlaceKind, PlaceStatus, PlaceVersion
from tyndau.assemblies.tests.conftest import EVENT_DAY, at, make_maslikhat
from tyndau.audit.models import Event
from tyndau.authorities.models import PublicBody

pytestmark = pytest.mark.django_db

DECISION = services.DecisionRef(number="12/45-VII", date=dt.date(2024, 3, 15), url="https://example.kz/d/1")


def data(**extra: Any) -> services.PlaceData:
    fields: dict[str, Any] = {
        "name_kk": "Орталық алаң",
        "name_ru": "Центральная площадь",
        "public_address": "Main street 1",
        "latitude": Decimal("51.160000"),
        "longitude": Decimal("71.430000"),
        "capacity": 300,
        "hours_from": dt.time(9),
        "hours_until": dt.time(20),
    }
    fields.update(extra)
    return services.PlaceData(**fields)


@pytest.fixture
def maslikhat(cast: Any) -> PublicBody:
    # The twin of body_a: "<key>-akimat" ↔ "<key>-maslikhat".
    cast.body_a.slug = "testcity-akimat"
    cast.body_a.save()
    return make_maslikhat(cast, "testcity-maslikhat", cast.body_a)


@pytest.fixture
def editor(cast: Any, maslikhat: PublicBody) -> Any:
    from tests.cast import make_user

    user = make_user("places.editor@example.kz", Role.PLACES_EDITOR)
    Membership.objects.create(user=user, body=maslikhat, position="Specialist")
    return user


@pytest.fixture
def place(editor: Any, maslikhat: PublicBody) -> Any:
    return services.place_create(actor=editor, maslikhat=maslikhat, data=data(), decision=DECISION)


def test_create_keeps_the_decision_and_links_the_akimat(place: Any, cast: Any) -> None:
    v = PlaceVersion.objects.get(place=place)
    assert (v.number, v.status, v.change, v.is_current) == (1, "active", "created", True)
    assert (v.decision_number, v.decision_url) == ("12/45-VII", "https://example.kz/d/1")
    assert place.akimat_id == cast.body_a.pk
    event = Event.objects.get(action="assemblies.place.created")
    assert event.payload["capacity"] == 300


def test_versions_shrink_enlarge_remove_restore_are_all_kept(editor: Any, place: Any) -> None:
    d2 = services.DecisionRef(number="18/102", date=dt.date(2025, 6, 10))
    shrunk = services.place_change(actor=editor, place=place, data=data(capacity=100), decision=d2)
    assert (shrunk.number, shrunk.change, shrunk.capacity) == (2, "shrunk", 100)
    enlarged = services.place_change(actor=editor, place=place, data=data(capacity=150), decision=d2)
    assert enlarged.change == "enlarged"
    edited = services.place_change(
        actor=editor, place=place, data=data(capacity=150, public_address="New"), decision=d2
    )
    assert edited.change == "edited"
    removed = services.place_remove(actor=editor, place=place, decision=d2)
    assert (removed.status, removed.change, removed.capacity) == ("removed", "removed", 150)
    restored = services.place_change(
        actor=editor, place=place, data=data(capacity=150, public_address="New"), decision=d2
    )
    assert (restored.status, restored.change) == ("active", "restored")
    versions = list(PlaceVersion.objects.filter(place=place).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4, 5, 6]
    assert [v.is_current for v in versions] == [False] * 5 + [True]
    assert versions[0].capacity == 300  # the first version is untouched
    shrink_event = Event.objects.filter(action="assemblies.place.changed").order_by("pk").first()
    assert shrink_event is not None and shrink_event.payload["capacity_before"] == 300
    assert Event.objects.filter(action="assemblies.place.removed").count() == 1


@pytest.mark.parametrize("start", [PlaceStatus.ACTIVE, PlaceStatus.REMOVED])
@pytest.mark.parametrize("to", [PlaceStatus.ACTIVE, PlaceStatus.REMOVED])
def test_every_transition_pair(editor: Any, place: Any, start: str, to: str) -> None:
    d2 = services.DecisionRef(number="2", date=dt.date(2025, 1, 1))
    if start == PlaceStatus.REMOVED:
        services.place_remove(actor=editor, place=place, decision=d2)
    call = services.place_remove if to == PlaceStatus.REMOVED else services.place_change
    kwargs: dict[str, Any] = {"actor": editor, "place": place, "decision": d2}
    if to == PlaceStatus.ACTIVE:
        kwargs["data"] = data(capacity=10)
    if to in PLACE_TRANSITIONS[start]:
        assert call(**kwargs).status == to
    else:
        with pytest.raises(InvalidTransition):
            call(**kwargs)


def test_refusals(editor: Any, place: Any, maslikhat: PublicBody, cast: Any) -> None:
    with pytest.raises(PlaceUnchanged):
        services.place_change(actor=editor, place=place, data=data(), decision=DECISION)
    with pytest.raises(DecisionRequired):
        services.place_remove(actor=editor, place=place, decision=services.DecisionRef(number=" ", date=DECISION.date))
    with pytest.raises(PlaceHoursInvalid):
        services.place_change(actor=editor, place=place, data=data(hours_until=dt.time(8)), decision=DECISION)
    with pytest.raises(OutsideKazakhstan):
        services.place_change(actor=editor, place=place, data=data(latitude=Decimal("60")), decision=DECISION)
    with pytest.raises(NotAMaslikhat):
        services.place_create(actor=editor, maslikhat=cast.body_a, data=data(), decision=DECISION)
    assert PlaceVersion.objects.filter(place=place).count() == 1


def test_only_an_editor_of_that_maslikhat(cast: Any, place: Any, maslikhat: PublicBody) -> None:
    from tests.cast import make_user

    # The role without the membership, the membership without the role, an editor of another maslikhat.
    role_only = make_user("role.only@example.kz", Role.PLACES_EDITOR)
    member_only = make_user("member.only@example.kz", Role.OFFICIAL)
    Membership.objects.create(user=member_only, body=maslikhat)
    other = make_user("other.editor@example.kz", Role.PLACES_EDITOR)
    Membership.objects.create(user=other, body=make_maslikhat(cast, "elsewhere-maslikhat", cast.body_b))
    for user in (role_only, member_only, other, cast.official_a):
        with pytest.raises(NotPlacesEditor):
            services.place_remove(actor=user, place=place, decision=DECISION)
        with pytest.raises(NotPlacesEditor):
            services.place_create(actor=user, maslikhat=maslikhat, data=data(), decision=DECISION)


def test_create_is_idempotent_by_key(editor: Any, maslikhat: PublicBody) -> None:
    key = uuid.uuid4()
    first = services.place_create(actor=editor, maslikhat=maslikhat, data=data(), decision=DECISION, key=key)
    again = services.place_create(actor=editor, maslikhat=maslikhat, data=data(), decision=DECISION, key=key)
    assert first == again and PlaceVersion.objects.count() == 1


# --- The organiser's choice of place, the capacity warning ---------------------------------------------


def test_organiser_picks_a_place_and_the_capacity_is_a_warning(at_wednesday: Any, notify: Any, place: Any) -> None:
    within = notify(place=place, place_description="", expected_participants=300)
    assert within.place_kind == PlaceKind.SPECIALISED and not within.over_capacity
    assert within.place_version.number == 1 and within.latitude == Decimal("51.160000")
    assert "Центральная площадь" in within.place_description or "Орталық алаң" in within.place_description
    with pytest.raises(OverCapacity) as caught:
        notify(place=place, expected_participants=301)
    assert caught.value.capacity == 300 and "300" in str(caught.value)
    over = notify(place=place, expected_participants=301, over_capacity_confirmed=True)
    assert over.over_capacity
    event = Event.objects.filter(action="assemblies.assembly.notified").order_by("-pk").first()
    assert event is not None and event.payload["over_capacity"] is True


def test_the_place_checks(at_wednesday: Any, notify: Any, place: Any, editor: Any, cast: Any) -> None:
    services.place_change(actor=editor, place=place, data=data(hours_from=dt.time(12)), decision=DECISION)
    with pytest.raises(OutsidePlaceHours):
        notify(place=place)  # 11:00, before the place opens at 12:00
    assert notify(place=place, starts_at=at(EVENT_DAY, 12), ends_at=at(EVENT_DAY, 14)).place_version.number == 2
    with pytest.raises(PlaceOfAnotherCity):
        notify(place=place, akimat=cast.body_b)
    services.place_remove(actor=editor, place=place, decision=DECISION)
    with pytest.raises(PlaceNotInForce):
        notify(place=place)


def test_a_shrunk_place_keeps_the_version_of_the_request(
    at_wednesday: Any, notify: Any, place: Any, editor: Any
) -> None:
    a = notify(place=place, expected_participants=250)
    services.place_change(actor=editor, place=place, data=data(capacity=100), decision=DECISION)
    a.refresh_from_db()
    assert a.place_version.capacity == 300 and not a.over_capacity


def test_route_and_other_place(at_wednesday: Any, notify: Any) -> None:
    route = [(Decimal("43.2389"), Decimal("76.8897")), (Decimal("43.2400"), Decimal("76.9000"))]
    march = notify(form="march", route=route, place_description="From the square to the park")
    assert march.place_kind == PlaceKind.ROUTE and march.route == [["43.2389", "76.8897"], ["43.2400", "76.9000"]]
    with pytest.raises(RouteInvalid):
        notify(route=route[:1], place_description="x")
    with pytest.raises(RouteInvalid):
        notify(route=[*route, (Decimal("10"), Decimal("10"))], place_description="x")
    with pytest.raises(PlaceRequired):
        notify(place_description="  ")
    other = notify(latitude=Decimal("43.2"), longitude=Decimal("76.9"))
    assert other.place_kind == PlaceKind.OTHER


# --- Pages and open data --------------------------------------------------------------------------------


def test_public_register_shows_removed_places_with_their_decision(client: Client, editor: Any, place: Any) -> None:
    services.place_remove(
        actor=editor, place=place, decision=services.DecisionRef(number="21/140", date=dt.date(2025, 11, 20))
    )
    page = client.get("/ru/assemblies/places/").content.decode()
    assert "Центральная площадь" in page and "21/140" in page
    detail = client.get(f"/ru/assemblies/places/{place.pk}/").content.decode()
    assert "12/45-VII" in detail and "21/140" in detail
    assert client.get("/ru/assemblies/places/999999/").status_code == 404


def test_open_data_json_csv_and_history(client: Client, editor: Any, place: Any) -> None:
    services.place_change(actor=editor, place=place, data=data(capacity=100), decision=DECISION)
    rows = client.get("/api/v1/assemblies/places").json()
    assert [(r["place_id"], r["version"], r["capacity"], r["change"]) for r in rows] == [(place.pk, 2, 100, "shrunk")]
    history = client.get("/api/v1/assemblies/places/versions").json()
    assert [r["capacity"] for r in history] == [300, 100]
    assert len(client.get(f"/api/v1/assemblies/places/{place.pk}").json()) == 2
    assert client.get("/api/v1/assemblies/places/999999").status_code == 404
    response = client.get("/api/v1/assemblies/places.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert table[0]["capacity"] == "100" and table[0]["decision_number"] == "12/45-VII"
    assert "places@" not in response.content.decode() and "editor" not in response.content.decode()


def test_editor_pages(editor: Any, maslikhat: PublicBody, place: Any, cast: Any) -> None:
    client = Client()
    client.force_login(editor)
    assert client.get("/en/assemblies/places/edit/").status_code == 302
    assert client.get(f"/en/assemblies/places/edit/{maslikhat.pk}/").status_code == 200
    form = {
        "name_kk": "Жаңа алаң",
        "name_ru": "Новая площадь",
        "public_address": "Street 2",
        "latitude": "51.1",
        "longitude": "71.4",
        "capacity": "50",
        "hours_from": "10:00",
        "hours_until": "18:00",
        "decision_number": "7/1",
        "decision_date": "2025-01-10",
        "decision_url": "",
        "key": str(uuid.uuid4()),
    }
    assert client.post(f"/en/assemblies/places/edit/{maslikhat.pk}/new/", form).status_code == 302
    assert client.post(f"/en/assemblies/places/edit/{maslikhat.pk}/new/", form).status_code == 302  # double submit
    assert PlaceVersion.objects.filter(name_ru="Новая площадь").count() == 1
    bad = client.post(f"/en/assemblies/places/edit/{maslikhat.pk}/new/", {**form, "latitude": "70", "key": ""})
    assert bad.status_code == 200 and "Новая площадь" in bad.content.decode()
    removal = {"decision_number": "8/2", "decision_date": "2025-02-01"}
    assert client.post(f"/en/assemblies/places/{place.pk}/remove/", removal).status_code == 302
    assert PlaceVersion.objects.get(place=place, is_current=True).status == "removed"
    # Another maslikhat's editor, a citizen, an official: 404 or 403, never an edit.
    outsider = Client()
    outsider.force_login(cast.official_a)
    assert outsider.get(f"/en/assemblies/places/{place.pk}/change/").status_code in (403, 404)
    RoleGrant.objects.create(user=cast.official_a, role=Role.PLACES_EDITOR)
    outsider.force_login(cast.official_a)
    assert outsider.get(f"/en/assemblies/places/{place.pk}/change/").status_code == 404


def test_organiser_form_warns_about_capacity_then_submits(
    at_wednesday: Any, cast: Any, organiser: Any, place: Any
) -> None:
    client = Client()
    client.force_login(organiser)
    post = {
        "form": "rally",
        "akimat": cast.body_a.pk,
        "purpose": "Clean air",
        "place_kind": "specialised",
        "specialised_place": str(place.pk),
        "date": EVENT_DAY.isoformat(),
        "start_time": "11:00",
        "end_time": "13:00",
        "expected_participants": "400",
        "steward_name": "Steward Person",
        "steward_phone": "+7 701 765 43 21",
        "idempotency_key": str(uuid.uuid4()),
    }
    warned = client.post("/en/assemblies/new/", post)
    text = warned.content.decode()
    assert warned.status_code == 200 and "300" in text and 'type="checkbox" name="over_capacity_confirmed"' in text
    done = client.post("/en/assemblies/new/", {**post, "over_capacity_confirmed": "on"})
    assert done.status_code == 302
    from tyndau.assemblies.models import Assembly

    assembly = Assembly.objects.get()
    assert assembly.over_capacity
    official = Client()
    official.force_login(cast.official_a)
    assert "above the capacity" in official.get(f"/en/assemblies/queue/{cast.body_a.pk}/").content.decode()
    assert "above the capacity" in official.get(f"/en/assemblies/a/{assembly.number}/").content.decode()


# --- The akimat's proposal may name a specialised place or a route, as the organiser's request may ----------


def test_the_akimat_may_propose_a_specialised_place(at_wednesday: Any, cast: Any, notify: Any, place: Any) -> None:
    a = notify(expected_participants=500)
    services.assembly_propose_alternative(
        actor=cast.official_a,
        assembly=a,
        place=place,
        place_description="",
        starts_at=at(EVENT_DAY, 15),
        ends_at=at(EVENT_DAY, 17),
        reasons="The square is under repair; the specialised place is free.",
    )
    alt = a.alternatives.get()
    assert (alt.place_kind, alt.place_version.place_id) == (PlaceKind.SPECIALISED, place.pk)
    assert alt.place_description.startswith("Центральная площадь") or alt.place_description.startswith("Орталық")
    payload = Event.objects.get(action="assemblies.assembly.alternative_proposed").payload
    assert payload["place"] == place.pk and payload["over_capacity"] is True  # 500 expected, 300 capacity
    a.refresh_from_db()
    assert (a.place_kind, a.place_description) == (PlaceKind.OTHER, "Central square"), "the request never changes"


def test_the_akimat_may_propose_a_route_and_not_a_place_of_another_city(
    at_wednesday: Any, cast: Any, notify: Any, editor: Any
) -> None:
    elsewhere = make_maslikhat(cast, "othercity-maslikhat", cast.body_b)
    Membership.objects.create(user=editor, body=elsewhere, position="Specialist")
    far = services.place_create(actor=editor, maslikhat=elsewhere, data=data(), decision=DECISION)
    far.akimat = cast.body_b  # the other city's akimat
    far.save(update_fields=["akimat"])
    a = notify()
    common = {"actor": cast.official_a, "starts_at": at(EVENT_DAY, 15), "ends_at": at(EVENT_DAY, 17), "reasons": "R."}
    with pytest.raises(PlaceOfAnotherCity):
        services.assembly_propose_alternative(assembly=a, place=far, place_description="", **common)
    with pytest.raises(RouteInvalid):
        services.assembly_propose_alternative(
            assembly=a, route=[(Decimal("43.2"), Decimal("76.9"))], place_description="One point", **common
        )
    route = [(Decimal("43.238900"), Decimal("76.889700")), (Decimal("43.240000"), Decimal("76.900000"))]
    services.assembly_propose_alternative(assembly=a, route=route, place_description="Abay avenue", **common)
    alt = a.alternatives.get()
    assert alt.place_kind == PlaceKind.ROUTE and alt.route == [["43.238900", "76.889700"], ["43.240000", "76.900000"]]


def test_the_proposal_form_offers_places_and_routes(at_wednesday: Any, cast: Any, notify: Any, place: Any) -> None:
    a = notify()
    client = Client()
    client.force_login(cast.official_a)
    url = f"/en/assemblies/a/{a.number}/propose/"
    page = client.get(url).content.decode()
    assert 'name="specialised_place"' in page and 'name="route"' in page
    form = {
        "place_kind": "specialised",
        "specialised_place": str(place.pk),
        "place_description": "",
        "date": EVENT_DAY.isoformat(),
        "start_time": "15:00",
        "end_time": "17:00",
        "reasons": "Repairs.",
    }
    response = client.post(url, {**form, "specialised_place": ""})
    assert response.status_code == 200 and "Choose a specialised place." in response.content.decode()
    assert 'value="Repairs."' in response.content.decode() or "Repairs." in response.content.decode()
    response = client.post(url, form)
    assert response.status_code == 302
    detail = client.get(f"/en/assemblies/a/{a.number}/").content.decode()
    assert f"/assemblies/places/{place.pk}/" in detail


def test_a_place_is_shown_on_a_map_on_request(client: Client, place: Any) -> None:
    """The point stays text and a link; the map container (docs/maps.md) is an enhancement."""
    detail = client.get(f"/kk/assemblies/places/{place.pk}/").content.decode()
    v = PlaceVersion.objects.get(place=place)
    assert 'data-map="point"' in detail and f'data-map-lat="{v.latitude}"' in detail


@pytest.mark.parametrize("form_name", ["NotifyForm", "PlaceForm"])
def test_assembly_points_outside_kazakhstan_get_the_one_clear_message(form_name: str) -> None:
    from django.utils import translation

    from tyndau.assemblies import forms as assembly_forms

    with translation.override("ru"):
        form = getattr(assembly_forms, form_name)({"latitude": "48.8566", "longitude": "2.3522"})
        form.is_valid()
        assert "Казахстан" in " ".join(form.errors.get("longitude", [])), form.errors.get("longitude")
