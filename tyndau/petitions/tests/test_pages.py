"""Public pages, staff pages, open data, query budgets and personal-data checks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tyndau.petitions import services, surge
from tyndau.petitions.models import Petition

from .conftest import make_iin, make_petition, sign_confirmed, verify_citizen

pytestmark = pytest.mark.django_db


def test_unlisted_petition_reachable_by_link_only(client: Any, pcast: Any, open_petition: Petition) -> None:
    assert client.get(reverse("petitions:detail", args=[open_petition.pk])).status_code == 200
    listing = client.get(reverse("petitions:index"))
    assert open_petition.title not in listing.content.decode()
    sign_confirmed(open_petition, 50)
    services.recount_signatures()
    listing = client.get(reverse("petitions:index"))
    assert open_petition.title in listing.content.decode()
    found = client.get(reverse("petitions:index"), {"q": "footbridge"})
    assert open_petition.title in found.content.decode()
    assert open_petition.title not in client.get(reverse("petitions:index"), {"q": "zzz"}).content.decode()


def test_drafts_and_moderation_are_private(client: Any, pcast: Any) -> None:
    petition = make_petition(pcast, status="moderation")
    url = reverse("petitions:detail", args=[petition.pk])
    assert client.get(url).status_code == 404
    client.force_login(pcast.other_citizen)
    assert client.get(url).status_code == 404
    client.force_login(pcast.citizen)
    assert client.get(url).status_code == 200


def test_rejection_public_with_ground_but_offensive_hidden(client: Any, pcast: Any, grounds: dict[str, Any]) -> None:
    banned = make_petition(pcast, status="moderation", title="Change the state language rules now")
    ground = next(g for code, g in grounds.items() if code.startswith("petitions.banned."))
    services.petition_reject(actor=pcast.moderator, petition=banned, ground=ground)
    page = client.get(reverse("petitions:detail", args=[banned.pk]))
    assert page.status_code == 200 and ground.text in page.content.decode()
    assert banned.title in client.get(reverse("petitions:index"), {"list": "rejected"}).content.decode()

    rude = make_petition(pcast, status="moderation", title="Something offensive and rude")
    services.petition_reject(actor=pcast.moderator, petition=rude, ground=grounds["petitions.offensive"])
    assert client.get(reverse("petitions:detail", args=[rude.pk])).status_code == 404
    assert rude.title not in client.get(reverse("petitions:index"), {"list": "rejected"}).content.decode()


def test_duplicate_rejection_links_the_original(client: Any, pcast: Any, grounds: dict[str, Any]) -> None:
    original = make_petition(pcast, status="open")
    dup = make_petition(pcast, status="moderation")
    client.force_login(pcast.moderator)
    url = reverse("petitions:moderate", args=[dup.pk])
    missing = client.post(url, {"ground": grounds["petitions.duplicate"].pk})
    assert missing.status_code == 200 and missing.context["form"].errors["duplicate_of"]
    done = client.post(url, {"ground": grounds["petitions.duplicate"].pk, "duplicate_of": original.pk})
    assert done.status_code == 302
    client.logout()
    page = client.get(reverse("petitions:detail", args=[dup.pk])).content.decode()
    assert reverse("petitions:detail", args=[original.pk]) in page


def test_draft_to_moderation_to_approval_through_pages(client: Any, pcast: Any) -> None:
    client.force_login(pcast.citizen)
    data = {
        "title": "Light the park path in the evening",
        "request_text": "Install lights along the park path. " * 2,
        "background": "",
        "addressee": pcast.body_a.pk,
        "idempotency_key": "6f1c1bd8-56b1-4c7e-9a39-2d2e0cf4b0a1",
    }
    response = client.post(reverse("petitions:create"), data)
    assert response.status_code == 302
    again = client.post(reverse("petitions:create"), data)  # double submit
    assert Petition.objects.count() == 1 and again.status_code == 302
    petition = Petition.objects.get()
    assert client.post(reverse("petitions:submit", args=[petition.pk])).status_code == 302
    client.force_login(pcast.moderator)
    assert petition.title in client.get(reverse("petitions:moderation")).content.decode()
    assert client.post(reverse("petitions:approve", args=[petition.pk])).status_code == 302
    petition.refresh_from_db()
    assert petition.status == "open"


def test_similar_suggestions_partial_and_no_js_fallback(client: Any, pcast: Any, open_petition: Petition) -> None:
    sign_confirmed(open_petition, 50)
    services.recount_signatures()
    partial = client.get(reverse("petitions:similar"), {"title": "A footbridge for children"})
    assert open_petition.title in partial.content.decode()
    client.force_login(pcast.citizen)
    page = client.post(reverse("petitions:create"), {"title": "Another footbridge please", "check_similar": "1"})
    assert page.status_code == 200 and open_petition.title in page.content.decode()
    assert Petition.objects.count() == 1


def test_respond_page_for_the_body_official(client: Any, pcast: Any, open_petition: Petition) -> None:
    Petition.objects.filter(pk=open_petition.pk).update(status="forwarded")
    url = reverse("petitions:respond", args=[open_petition.pk])
    client.force_login(pcast.official_b)
    assert client.get(url).status_code == 404
    client.force_login(pcast.official_a)
    response = client.post(url, {"outcome": "granted", "text": "We will build the footbridge in 2027. " * 3})
    assert response.status_code == 302
    page = client.get(reverse("petitions:detail", args=[open_petition.pk])).content.decode()
    assert "2027" in page


def test_open_data_json_csv_count_and_no_personal_data(client: Any, pcast: Any, open_petition: Petition) -> None:
    sig = services.signature_create(
        petition_id=open_petition.pk,
        first_name="Зарина",
        last_name="Ахметова",
        iin=make_iin(3),
        email="zarina.secret@example.kz",
        region_id=pcast.region.pk,
        show_name=True,
        notify_on_response=True,
        ip="10.9.9.9",
        language="kk",
    )
    services.signature_confirm(token=services.confirmation_token(sig.pk))
    services.recount_signatures()
    body = client.get(f"/api/v1/petitions/{open_petition.pk}")
    assert body.status_code == 200
    data = body.json()
    assert data["signature_count"] == 1 and data["by_region"] == [{"region": "KZ-71", "count": 1}]
    csv_text = client.get(f"/api/v1/petitions/{open_petition.pk}/csv").content.decode()
    assert "KZ-71" in csv_text
    count = client.get(f"/api/v1/petitions/{open_petition.pk}/count").json()
    assert count["signature_count"] == 1
    page = client.get(reverse("petitions:detail", args=[open_petition.pk])).content.decode()
    assert "Зарина А." in page
    everything = json.dumps(data) + csv_text + page
    for secret in ("Ахметова", make_iin(3), "zarina.secret", "10.9.9.9"):
        assert secret not in everything
    assert client.get("/api/v1/petitions/", {"list": "open"}).status_code == 200


def test_page_and_one_step_query_budgets(client: Any, pcast: Any, open_petition: Petition) -> None:
    sign_confirmed(open_petition, 60, region=pcast.region)
    services.recount_signatures()
    url = reverse("petitions:detail", args=[open_petition.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get(url).status_code == 200
    assert len(page_queries) <= 1  # cached page data; only the session-less render
    verify_citizen(pcast.other_citizen, make_iin(500))
    client.force_login(pcast.other_citizen)
    client.get(reverse("petitions:sign", args=[open_petition.pk]))
    surge.signable(open_petition.pk)  # the signing state is cached after the first signature
    with CaptureQueriesContext(connection) as sign_queries:
        response = client.post(reverse("petitions:sign", args=[open_petition.pk]), {})
    assert response.status_code == 302
    # Session, user, verified identity, INSERT (plus the test transaction's savepoint pair):
    # no petition row is read or written.
    sqls = [q["sql"] for q in sign_queries]
    assert len(sqls) <= 6, sqls
    assert not any("petitions_petition" in q for q in sqls)


@pytest.mark.parametrize("name", ["index", "create", "mine", "moderation"])
def test_pages_render_for_roles(client: Any, pcast: Any, name: str) -> None:
    for user in (pcast.citizen, pcast.moderator):
        client.force_login(user)
        response = client.get(reverse(f"petitions:{name}"))
        assert response.status_code in (200, 403)


def test_open_data_unknown_petition_is_404_json(client: Any, db: Any) -> None:
    for url in ("/api/v1/petitions/999999", "/api/v1/petitions/999999/count", "/api/v1/petitions/999999/csv"):
        assert client.get(url).status_code == 404


def test_checking_for_similar_petitions_judges_only_the_title(client: Any, pcast: Any, open_petition: Petition) -> None:
    """Issue 10.27: the no-JS check validated the whole form and said nothing when there were none."""
    from django.utils import translation

    client.force_login(pcast.citizen)
    typed = {"title": "Plant trees along Abai avenue", "request_text": "short", "check_similar": "1"}
    with translation.override("en"):
        page = client.post(reverse("petitions:create"), typed)
        partial = client.get(reverse("petitions:similar"), {"title": "Plant trees along Abai avenue"})
        empty = client.get(reverse("petitions:similar"), {"title": ""})
    html = page.content.decode()
    assert page.status_code == 200 and "No similar petitions found." in html
    assert "usa-error-message" not in html and "usa-form-group--error" not in html  # nothing judged yet
    assert 'value="Plant trees along Abai avenue"' in html and "short</textarea>" in html  # what was typed stays
    assert Petition.objects.count() == 1
    assert "No similar petitions found." in partial.content.decode()
    assert "No similar petitions found." not in empty.content.decode()


def test_a_signed_in_unverified_citizen_finds_the_sign_form_filled_in(
    client: Any, pcast: Any, open_petition: Petition
) -> None:
    """Issue 10.27: what the account knows is filled in; the page is private (it shows the own IIN)."""
    from tyndau.accounts.models import CitizenProfile
    from tyndau.core.pii import encrypt, iin_hash

    CitizenProfile.objects.update_or_create(
        user=pcast.citizen,
        defaults={"iin_hash": iin_hash(make_iin(4)), "iin_encrypted": encrypt(make_iin(4)), "region": pcast.region},
    )
    client.force_login(pcast.citizen)
    page = client.get(reverse("petitions:sign", args=[open_petition.pk]))
    form = page.context["form"]
    assert page.context["one_step"] is False
    assert {name: form[name].value() for name in ("first_name", "last_name", "email", "iin", "region")} == {
        "first_name": pcast.citizen.first_name,
        "last_name": pcast.citizen.last_name,
        "email": pcast.citizen.email,
        "iin": make_iin(4),
        "region": pcast.region.pk,
    }
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    anonymous = client.__class__().get(reverse("petitions:sign", args=[open_petition.pk]))
    assert anonymous.context["form"]["email"].value() is None


def test_the_hidden_petitions_count_is_404_like_its_page(client: Any, pcast: Any, grounds: dict[str, Any]) -> None:
    """Issue 10.27: an offensive petition, rejected without publishing it, answered 200 on /count."""
    rude = make_petition(pcast, status="moderation")
    services.petition_reject(actor=pcast.moderator, petition=rude, ground=grounds["petitions.offensive"])
    assert client.get(reverse("petitions:detail", args=[rude.pk])).status_code == 404
    assert client.get(f"/api/v1/petitions/{rude.pk}/count").status_code == 404
    public = make_petition(pcast, status="moderation", title="Repair the school roof in the village")
    services.petition_reject(actor=pcast.moderator, petition=public, ground=grounds["petitions.unclear"])
    assert client.get(f"/api/v1/petitions/{public.pk}/count").status_code == 200


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_response_form_offers_petition_grounds_with_their_meaning(
    client: Any, pcast: Any, open_petition: Petition, grounds: dict[str, Any], language: str
) -> None:
    """Issue 10.10: the response form offered the appeal grounds, by citation only."""
    from django.utils import translation

    from tyndau.authorities.models import LegalGround

    Petition.objects.filter(pk=open_petition.pk).update(status="forwarded")
    client.force_login(pcast.official_a)
    with translation.override(language):  # the request activates its language; the block restores ours
        page = client.get(reverse("petitions:respond", args=[open_petition.pk]))
    field = page.context["form"].fields["ground"]
    offered = set(field.queryset.values_list("code", flat=True))  # type: ignore[attr-defined]
    assert offered == {code for code, g in grounds.items() if g.is_active}
    html = page.content.decode()
    ground = grounds["petitions.not-competent"]
    assert getattr(ground, f"text_{language}") in html
    assert not offered & set(LegalGround.objects.filter(domain="appeals").values_list("code", flat=True))
