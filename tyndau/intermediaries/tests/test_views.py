"""The pages: the whole flow without JavaScript, answers shown only with permission, access refused."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse

from tests.cast import PASSWORD
from tyndau.intermediaries.models import HelpConsent
from tyndau.intermediaries.tests.conftest import CITIZEN_IIN, code_from_outbox

pytestmark = pytest.mark.django_db


def _login(client: Any, user: Any) -> Any:
    client.login(email=user.email, password=PASSWORD)
    return client


def _answer(appeal: Any, official: Any) -> None:
    from django.utils import timezone

    from tyndau.appeals.models import Answer

    Answer.objects.create(
        appeal=appeal,
        outcome="satisfied",
        text="The streetlight is repaired.",
        answered_by=official,
        body=appeal.body,
        created_at=timezone.now(),
    )


@pytest.mark.parametrize("share", [True, False])
def test_the_flow_in_the_browser_without_javascript(
    client: Any, cast: Any, helper: Any, citizen: Any, category: Any, share: bool
) -> None:
    _login(client, helper)
    home = client.get(reverse("intermediaries:home"))
    assert home.status_code == 200 and b'name="iin"' in home.content
    data = {"iin": CITIZEN_IIN, "channel": "email"} | ({"share_answers": "on"} if share else {})
    started = client.post(reverse("intermediaries:start"), data)
    consent = HelpConsent.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("intermediaries:consent", args=[consent.ref])
    page = client.get(started["Location"])
    assert b"c***@e***" in page.content and b"citizen@example.kz" not in page.content
    wrong = client.post(reverse("intermediaries:confirm", args=[consent.ref]), {"code": "12"})
    assert wrong.status_code == 400
    ok = client.post(reverse("intermediaries:confirm", args=[consent.ref]), {"code": code_from_outbox()})
    assert ok.status_code == 302
    form = client.get(reverse("intermediaries:appeal_new", args=[consent.ref]))
    assert form.status_code == 200 and b'name="anonymous"' not in form.content
    filed = client.post(
        reverse("intermediaries:appeal_new", args=[consent.ref]),
        {
            "idempotency_key": str(uuid.uuid4()),
            "kind": "application",
            "region": cast.region.pk,
            "category": category.pk,
            "body": cast.body_a.pk,
            "subject": "Broken streetlight",
            "text": "The streetlight on our street has been broken for a month.",
        },
    )
    assert filed.status_code == 302, filed.content.decode()[:3000]
    from tyndau.appeals.models import Appeal

    appeal = Appeal.objects.get(applicant=citizen)
    _answer(appeal, cast.official_a)
    page = client.get(reverse("intermediaries:consent", args=[consent.ref]))
    assert appeal.number.encode() in page.content
    assert (b"The streetlight is repaired." in page.content) is share
    # The citizen sees it in their own account, and withdraws consent there.
    client.logout()
    _login(client, citizen)
    assert appeal.number.encode() in client.get(reverse("appeals:mine")).content
    given = client.get(reverse("intermediaries:given"))
    assert given.status_code == 200 and "Көмек қоғамы".encode() in given.content
    client.post(reverse("intermediaries:withdraw", args=[consent.ref]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    client.logout()
    _login(client, helper)
    page = client.get(reverse("intermediaries:consent", args=[consent.ref]))
    assert b"The streetlight is repaired." not in page.content


def test_citizen_may_allow_answers_later(client: Any, helper: Any, citizen: Any) -> None:
    from tyndau.intermediaries import services

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    services.consent_confirm(actor=helper, consent=consent, code=code_from_outbox())
    _login(client, citizen)
    client.post(reverse("intermediaries:sharing", args=[consent.ref]), {"share_answers": "1"})
    consent.refresh_from_db()
    assert consent.share_answers


def test_access_refused_to_others(client: Any, cast: Any, helper: Any, citizen: Any) -> None:
    from tyndau.intermediaries import services

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    _login(client, cast.other_citizen)
    assert client.get(reverse("intermediaries:consent", args=[consent.ref])).status_code == 403
    assert client.post(reverse("intermediaries:start"), {"iin": CITIZEN_IIN, "channel": "email"}).status_code == 403
    assert client.post(reverse("intermediaries:withdraw", args=[consent.ref])).status_code == 404
    nothing = client.get(reverse("intermediaries:organisations"))
    assert nothing.status_code == 200 and b"<table" not in nothing.content
    assert client.post(reverse("intermediaries:organisations"), {"email": "x@example.kz"}).status_code == 200
    client.logout()
    _login(client, cast.organisation)
    page = client.get(reverse("intermediaries:organisations"))
    assert page.status_code == 200 and b"helper@example.kz" not in page.content


def test_bad_iin_keeps_what_was_typed(client: Any, helper: Any) -> None:
    _login(client, helper)
    page = client.post(reverse("intermediaries:start"), {"iin": "123456789012", "channel": "phone"})
    assert page.status_code == 400 and b'value="123456789012"' in page.content


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_page_renders_in_each_language(client: Any, cast: Any, helper: Any, citizen: Any, lang: str) -> None:
    from tyndau.intermediaries import services

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email", share_answers=True)
    services.consent_confirm(actor=helper, consent=consent, code=code_from_outbox())
    _login(client, helper)
    for name, args in [
        ("home", []),
        ("scanned", []),
        ("consent", [consent.ref]),
        ("appeal_new", [consent.ref]),
        ("sign", [consent.ref]),
        ("assembly_new", [consent.ref]),
    ]:
        page = client.get(f"/{lang}" + reverse(f"intermediaries:{name}", args=args).split("/", 2)[2].join(["/", ""]))
        assert page.status_code == 200, name
        assert f'lang="{lang}"'.encode() in page.content
    client.logout()
    _login(client, cast.organisation)
    assert client.get(f"/{lang}/intermediaries/organisations/").status_code == 200
    _login(client, citizen)
    assert client.get(f"/{lang}/intermediaries/given/").status_code == 200


def test_scanned_consent_upload_checked_by_content(client: Any, helper: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tyndau.intermediaries.tests.conftest import valid_iin

    _login(client, helper)
    fake = SimpleUploadedFile("consent.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    page = client.post(reverse("intermediaries:scanned"), {"iin": valid_iin("90010130012"), "scan": fake})
    assert page.status_code == 400 and HelpConsent.objects.count() == 0
    assert b"PDF, JPEG" in page.content or b"PDF, JPEG" in page.content.upper()
    assert b"iin" in page.content and b'value="900101' in page.content  # the IIN typed is kept
    pdf = SimpleUploadedFile("consent.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    done = client.post(reverse("intermediaries:scanned"), {"iin": valid_iin("90010130012"), "scan": pdf})
    assert done.status_code == 302 and HelpConsent.objects.get().method == "scanned"


def test_hostile_inputs_do_not_break_anything(client: Any, helper: Any, citizen: Any) -> None:
    from tyndau.intermediaries import services

    _login(client, helper)
    for iin in ["\x00" * 12, "9" * 5000, "１２３４５６７８９０１２", ""]:
        assert client.post(reverse("intermediaries:start"), {"iin": iin, "channel": "sms"}).status_code == 400
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    for code in ["\x00", "9" * 10_000, "<script>", "１２３４５６"]:
        page = client.post(reverse("intermediaries:confirm", args=[consent.ref]), {"code": code})
        assert page.status_code == 400
    assert client.get("/kk/intermediaries/c/not-a-uuid/").status_code == 404
    assert client.get(f"/kk/intermediaries/c/{uuid.uuid4()}/").status_code == 404


def test_the_organisation_ends_an_accreditation_and_the_helper_loses_access(
    client: Any, cast: Any, helper: Any, citizen: Any
) -> None:
    from tyndau.intermediaries import selectors, services

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    accreditation = selectors.accreditation_of(helper)
    _login(client, cast.other_citizen)
    assert client.post(reverse("intermediaries:revoke", args=[accreditation.pk])).status_code == 404
    client.logout()
    _login(client, cast.organisation)
    assert client.post(reverse("intermediaries:revoke", args=[accreditation.pk])).status_code == 302
    from tyndau.accounts.models import Role, User

    fresh = User.objects.get(pk=helper.pk)
    assert selectors.accreditation_of(fresh) is None and not fresh.has_any_role(Role.INTERMEDIARY)
    client.logout()
    _login(client, helper)
    assert client.get(reverse("intermediaries:consent", args=[consent.ref])).status_code == 403
    assert client.post(reverse("intermediaries:resend", args=[consent.ref])).status_code == 403


def test_another_intermediary_never_sees_a_consent(client: Any, cast: Any, helper: Any, citizen: Any) -> None:
    from tests.cast import make_user
    from tyndau.intermediaries import services

    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email")
    other = make_user("helper2@example.kz")
    services.accreditation_grant(actor=cast.supervisor_a, user=other, service_centre=cast.body_a)
    _login(client, other)
    for name in ("consent", "appeal_new", "sign", "assembly_new"):
        assert client.get(reverse(f"intermediaries:{name}", args=[consent.ref])).status_code == 404
    assert client.post(reverse("intermediaries:confirm", args=[consent.ref]), {"code": "123456"}).status_code == 404
