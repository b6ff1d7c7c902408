"""Signing: the e-mail path, one step, links, duplicates, anti-fraud, counting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tyndau.audit.models import Event
from tyndau.petitions import services
from tyndau.petitions.errors import ExpiredLink, InvalidLink, RateLimited
from tyndau.petitions.fraud import is_disposable, normalise_email
from tyndau.petitions.models import Petition, Signature

from .conftest import make_iin, sign_confirmed, verify_citizen

pytestmark = pytest.mark.django_db


def _form(region: Any, n: int = 0, **extra: Any) -> dict[str, Any]:
    data = {
        "first_name": "Айгүл",
        "last_name": "Серікова",
        "iin": make_iin(n),
        "email": f"aigul{n}@example.kz",
        "region": region.pk,
        "show_name": "on",
        "notify_on_response": "on",
    }
    data.update(extra)
    return data


def _sign(client: Any, petition: Petition, data: dict[str, Any]) -> Any:
    return client.post(reverse("petitions:sign", args=[petition.pk]), data)


def _link(body: str) -> str:
    return next(line for line in body.splitlines() if "/confirm/" in line).strip()


def test_email_path_counts_only_after_confirmation(
    client: Any, pcast: Any, open_petition: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign(client, open_petition, _form(pcast.region))
    assert response.status_code == 302 and response["Location"].endswith("/sign/sent/")
    assert len(mail.outbox) == 1
    signature = Signature.objects.get()
    assert signature.status == "pending" and signature.public_name == "Айгүл С."
    assert make_iin(0) not in signature.iin_encrypted and signature.iin_hash != make_iin(0)
    services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 0

    url = _link(mail.outbox[0].body).replace("http://127.0.0.1:8000", "")
    page = client.get(url)
    assert page.status_code == 200
    assert client.get(url).status_code == 200  # a second click is harmless
    services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 1


def test_same_iin_twice_answers_alike_and_tells_only_the_address_given(
    client: Any, pcast: Any, open_petition: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    """Issue 10.2: the answer must not tell anyone whether an IIN has signed (it was 409 vs 302)."""
    with django_capture_on_commit_callbacks(execute=True):
        first = _sign(client, open_petition, _form(pcast.region))
        again = _sign(client, open_petition, _form(pcast.region, email="other@example.kz"))
    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"]) == (302, first["Location"])
    assert client.get(again["Location"]).content == client.get(first["Location"]).content
    assert Signature.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["aigul0@example.kz"], ["other@example.kz"]]
    truth = mail.outbox[1]
    with translation.override("kk"):  # the signer's language
        assert truth.subject.startswith(gettext("About your signature"))  # the truth, and no link to confirm
    assert "/confirm/" not in truth.body
    assert f"/petitions/{open_petition.pk}/" in truth.body


def test_expired_and_forged_links(client: Any, open_petition: Petition, pcast: Any) -> None:
    sig = services.signature_create(
        petition_id=open_petition.pk,
        first_name="A",
        last_name="B",
        iin=make_iin(1),
        email="a@example.kz",
        region_id=pcast.region.pk,
        show_name=False,
        notify_on_response=False,
        ip=None,
        language="kk",
    )
    token = services.confirmation_token(sig.pk)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=8)):
        with pytest.raises(ExpiredLink):
            services.signature_confirm(token=token)
        assert client.get(reverse("petitions:confirm", args=[token])).status_code == 410
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(InvalidLink):
        services.signature_confirm(token=forged)
    page = client.get(reverse("petitions:confirm", args=[forged]))
    assert page.status_code == 400 and "petitions/link_problem.html" in [t.name for t in page.templates]
    sig.refresh_from_db()
    assert sig.status == "pending"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("iin", "123"),
        ("iin", "061211600013"),  # wrong check digit
        ("iin", "121211600011"),  # born 2012: a child (checked below is the message, not the digit)
        ("email", "bot@mailinator.com"),
        ("email", "not-an-email"),
        ("first_name", ""),
    ],
)
def test_bad_input_gets_translated_field_errors(
    client: Any, pcast: Any, open_petition: Petition, field: str, value: str
) -> None:
    response = _sign(client, open_petition, _form(pcast.region, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert Signature.objects.count() == 0


def test_underage_signer_refused(pcast: Any, open_petition: Petition) -> None:
    from tyndau.petitions.forms import SignForm

    child = make_iin(0, born=dt.date(2015, 5, 5))
    form = SignForm(_form(pcast.region, iin=child))
    assert not form.is_valid() and "iin" in form.errors


def test_email_normalisation_and_disposable_domains() -> None:
    assert normalise_email("A.Ygul+petition@GoogleMail.com") == "aygul@gmail.com"
    assert normalise_email("ai.gul+x@mail.ru") == "ai.gul@mail.ru"
    assert is_disposable("mailinator.com") and is_disposable("x.yopmail.com") and not is_disposable("mail.kz")


def test_same_mailbox_limited_per_petition(pcast: Any, open_petition: Petition) -> None:
    for i in range(3):
        services.signature_create(
            petition_id=open_petition.pk,
            first_name="A",
            last_name="B",
            iin=make_iin(i),
            email=f"family+{i}@gmail.com",
            region_id=None,
            show_name=False,
            notify_on_response=False,
            ip=None,
            language="kk",
        )
    with pytest.raises(RateLimited):
        services.signature_create(
            petition_id=open_petition.pk,
            first_name="A",
            last_name="B",
            iin=make_iin(9),
            email="f.a.m.i.l.y@gmail.com",
            region_id=None,
            show_name=False,
            notify_on_response=False,
            ip=None,
            language="kk",
        )


def test_rate_limit_by_ip_and_small_domain(settings: Any, pcast: Any, open_petition: Petition) -> None:
    settings.TYNDAU_PETITION_RULES = {"rate_limit_per_ip_per_hour": 2, "rate_limit_per_domain_per_hour": 3}

    def sign(i: int, ip: str, domain: str) -> None:
        services.signature_create(
            petition_id=open_petition.pk,
            first_name="A",
            last_name="B",
            iin=make_iin(i),
            email=f"u{i}@{domain}",
            region_id=None,
            show_name=False,
            notify_on_response=False,
            ip=ip,
            language="kk",
        )

    sign(0, "10.0.0.1", "gmail.com")
    sign(1, "10.0.0.1", "gmail.com")
    with pytest.raises(RateLimited):
        sign(2, "10.0.0.1", "gmail.com")
    sign(3, "10.0.0.2", "bots.kz")
    sign(4, "10.0.0.3", "bots.kz")
    sign(5, "10.0.0.4", "bots.kz")
    with pytest.raises(RateLimited):
        sign(6, "10.0.0.5", "bots.kz")
    sign(7, "10.0.0.6", "gmail.com")  # large providers are not limited per domain


def test_verified_citizen_signs_in_one_step(client: Any, pcast: Any, open_petition: Petition) -> None:
    verify_citizen(pcast.citizen, make_iin(5), region=pcast.region)
    client.force_login(pcast.citizen)
    page = client.get(reverse("petitions:sign", args=[open_petition.pk]))
    assert page.context["one_step"] is True
    response = client.post(reverse("petitions:sign", args=[open_petition.pk]), {"show_name": "on"})
    assert response.status_code == 302
    sig = Signature.objects.get()
    assert sig.status == "confirmed" and sig.region_id == pcast.region.pk and sig.public_name == "Айгүл С."
    again = client.post(reverse("petitions:sign", args=[open_petition.pk]), {})
    assert again.status_code == 409
    # The same person through the e-mail path is the same IIN: nothing stored (the truth goes by e-mail).
    assert (
        services.signature_create(
            petition_id=open_petition.pk,
            first_name="A",
            last_name="B",
            iin=make_iin(5),
            email="x@example.kz",
            region_id=None,
            show_name=False,
            notify_on_response=False,
            ip=None,
            language="kk",
        )
        is None
    )
    assert Signature.objects.count() == 1


def test_unverified_citizen_gets_the_full_form(client: Any, pcast: Any, open_petition: Petition) -> None:
    client.force_login(pcast.other_citizen)
    assert client.get(reverse("petitions:sign", args=[open_petition.pk])).context["one_step"] is False


def test_signing_refused_when_not_collecting(client: Any, pcast: Any, open_petition: Petition) -> None:
    Petition.objects.filter(pk=open_petition.pk).update(status="closed")
    response = _sign(client, open_petition, _form(pcast.region))
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_fraud_invalidation_by_domain_ip_and_window_recounts(pcast: Any, open_petition: Petition) -> None:
    sign_confirmed(open_petition, 60)
    Signature.objects.filter(pk__in=list(Signature.objects.values_list("pk", flat=True)[:20])).update(
        email_domain="bots.example", ip_address="10.1.2.3"
    )
    services.recount_signatures()
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 60 and open_petition.listed_at is not None

    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        services.signatures_invalidate(
            actor=pcast.citizen, petition=open_petition, criteria={"domain": "x"}, reason="bots"
        )
    count = services.signatures_invalidate(
        actor=pcast.moderator,
        petition=open_petition,
        criteria={"domain": "bots.example"},
        reason="Burst of bot sign-ups",
    )
    assert count == 20
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 40
    event = Event.objects.get(action="petitions.signature.invalidated")
    assert event.payload["count"] == 20 and "bots" not in str(event.payload.get("reason", ""))
    # By IP range and time window (nothing left to match in the range: already invalidated).
    assert (
        services.signatures_invalidate(
            actor=pcast.moderator, petition=open_petition, criteria={"ip_range": "10.1.2.0/24"}, reason="same"
        )
        == 0
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert (
        services.signatures_invalidate(
            actor=pcast.moderator, petition=open_petition, criteria={"since": later}, reason="window"
        )
        == 0
    )


def test_fraud_page_for_moderators_only(client: Any, pcast: Any, open_petition: Petition) -> None:
    sign_confirmed(open_petition, 5)
    url = reverse("petitions:fraud", args=[open_petition.pk])
    client.force_login(pcast.citizen)
    assert client.get(url).status_code == 403
    client.force_login(pcast.moderator)
    page = client.get(url, {"domain": "example.kz"})
    assert page.status_code == 200 and page.context["summary"]["total"] == 5
    response = client.post(url, {"domain": "example.kz", "reason": "test batch"})
    assert response.status_code == 302
    open_petition.refresh_from_db()
    assert open_petition.signature_count == 0
