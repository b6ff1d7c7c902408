"""The signing fast path (tyndau/petitions/surge): each hand-written statement and shortcut against
the ORM or Django path it mirrors — one parity test each — and the fence around the package."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db.models import Q
from django.utils import timezone

from tyndau.core.calendar import local
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import compose, notify
from tyndau.petitions import surge
from tyndau.petitions.models import SIGNABLE_STATUSES, Petition, Signature, SignatureStatus

from .conftest import make_iin, make_petition, sign_by_email, verify_citizen
from .test_signing import _form

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
ROW_FIELDS = [f.attname for f in Signature._meta.concrete_fields if f.attname not in ("id", "petition_id")]


def _row(signature_id: int) -> dict[str, Any]:
    return Signature.objects.filter(pk=signature_id).values(*ROW_FIELDS).get()


def letters_to(address: str) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to_address=address).order_by("pk"))


def _pending(petition: Petition, n: int) -> Signature:
    return Signature(
        petition_id=petition.pk,
        iin_hash=f"hash-{n}",
        iin_encrypted="enc-iin",
        name_encrypted="enc-name",
        public_name="Айгүл С.",
        email_hash="email-hash",
        email_encrypted="enc-email",
        email_domain="example.kz",
        ip_address="10.0.0.1",
        region_id=None,
        notify_on_response=True,
        status=SignatureStatus.PENDING,
        created_at=timezone.now(),
    )


@time_machine.travel(NOW, tick=False)
def test_the_one_step_insert_writes_what_the_orm_would(pcast: Any) -> None:
    petitions = [make_petition(pcast, status="open", title=f"Build a footbridge number {i}") for i in (1, 2)]
    citizen = verify_citizen(pcast.citizen, make_iin(3), region=pcast.region)
    identity = surge.citizen_identity(citizen)
    assert identity is not None
    by_statement = surge.insert_verified(
        petition_id=petitions[0].pk,
        identity=identity,
        user_id=citizen.pk,
        first_name=citizen.first_name,
        last_name=citizen.last_name,
        email=citizen.email.upper(),
        show_name=True,
        notify_on_response=True,
        ip="10.1.2.3",
    )
    assert by_statement is not None
    by_orm = Signature.objects.create(
        petition=petitions[1],
        iin_hash=identity["iin_hash"],
        iin_encrypted=identity["iin_encrypted"],
        public_name=surge.public_name(citizen.first_name, citizen.last_name),
        email_domain=citizen.email.rpartition("@")[2].lower(),
        ip_address="10.1.2.3",
        region_id=identity["region_id"],
        user=citizen,
        notify_on_response=True,
        status=SignatureStatus.CONFIRMED,
        created_at=NOW,
        confirmed_at=NOW,
    )
    assert _row(by_statement) == _row(by_orm.pk)
    assert (
        surge.insert_verified(  # a repeat writes nothing and says so
            petition_id=petitions[0].pk,
            identity=identity,
            user_id=citizen.pk,
            first_name="",
            last_name="",
            email=citizen.email,
            show_name=False,
            notify_on_response=False,
            ip=None,
        )
        is None
    )


@time_machine.travel(NOW, tick=False)
def test_a_pending_signature_and_its_letter_are_what_the_orm_and_notify_would_write(
    open_petition: Petition, django_capture_on_commit_callbacks: Any
) -> None:
    """On PostgreSQL one statement (the letter CTE), elsewhere the INSERT and the outbox row in a
    transaction: either way the rows equal a model save and `notify` with a full render."""

    def letter_context(signature_id: int) -> dict[str, Any]:
        return {
            "title": open_petition.title,
            "petition_id": open_petition.pk,
            "hours": 48,
            "url": f"URL-{signature_id}",
        }

    fast = _pending(open_petition, 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = surge.insert_pending(
            fast,
            lambda sid: compose(
                to="a@example.kz",
                template="petitions/email/confirm_signature",
                language="ru",
                varying=("url",),
                context=letter_context(sid),
            ),
        )
    assert stored and fast.pk is not None and len(callbacks) == 1  # the letter is handed to the sender on commit
    slow = _pending(open_petition, 2)
    slow.save()
    notify(
        to="a@example.kz",
        template="petitions/email/confirm_signature",
        language="ru",
        context=letter_context(slow.pk),
    )
    assert {**_row(fast.pk), "iin_hash": ""} == {**_row(slow.pk), "iin_hash": ""}
    letters = {
        email.body.replace(f"URL-{sid}", "URL"): (email.to_address, email.language, email.subject, email.status)
        for email, sid in zip(letters_to("a@example.kz"), (fast.pk, slow.pk), strict=True)
    }
    assert len(letters) == 1, letters  # the same letter, link aside
    assert (
        surge.insert_pending(
            _pending(open_petition, 1),
            lambda sid: compose(
                to="x@example.kz", template="petitions/email/confirm_signature", context=letter_context(sid)
            ),
        )
        is False
    )
    assert not letters_to("x@example.kz")  # a held IIN: no signature and no letter


CONFIRM_CASES = {
    "pending": lambda s, p: None,
    "lapsed": lambda s, p: Signature.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(hours=49)),
    "just in time": lambda s, p: Signature.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(hours=48)),
    "confirmed": lambda s, p: Signature.objects.filter(pk=s.pk).update(status=SignatureStatus.CONFIRMED),
    "invalidated": lambda s, p: Signature.objects.filter(pk=s.pk).update(status=SignatureStatus.INVALIDATED),
    "petition closed": lambda s, p: Petition.objects.filter(pk=p.pk).update(status="closed"),
    "petition forwarded": lambda s, p: Petition.objects.filter(pk=p.pk).update(status="forwarded"),
    "period over": lambda s, p: Petition.objects.filter(pk=p.pk).update(closes_on=dt.date(2026, 12, 6)),
    "last day": lambda s, p: Petition.objects.filter(pk=p.pk).update(closes_on=dt.date(2026, 12, 7)),
}


def _orm_confirm(signature_id: int, *, lapsed_before: dt.datetime) -> int | None:
    """What the confirming UPDATE does, in the ORM."""
    today = local(timezone.now()).date()
    found = Signature.objects.filter(
        Q(petition__closes_on__isnull=True) | Q(petition__closes_on__gte=today),
        pk=signature_id,
        status=SignatureStatus.PENDING,
        created_at__gte=lapsed_before,
        petition__status__in=SIGNABLE_STATUSES,
    )
    petition_id = found.values_list("petition_id", flat=True).first()
    changed = found.update(status=SignatureStatus.CONFIRMED, confirmed_at=timezone.now())
    return petition_id if changed else None


@pytest.mark.parametrize("case", CONFIRM_CASES)
@time_machine.travel(NOW, tick=False)
def test_the_confirming_update_does_what_the_orm_would(pcast: Any, case: str) -> None:
    outcomes = []
    for i, confirm in enumerate((surge.confirm_pending, _orm_confirm)):
        petition = make_petition(pcast, status="open", title=f"Build a footbridge number {i}")
        signature = sign_by_email(petition, i, email=f"s{i}@example.kz")
        CONFIRM_CASES[case](signature, petition)
        petition_id = confirm(signature.pk, lapsed_before=NOW - dt.timedelta(hours=48))
        row = _row(signature.pk)
        outcomes.append((petition_id == petition.pk, petition_id is None, row["status"], row["confirmed_at"]))
    assert outcomes[0] == outcomes[1]


def test_the_lane_identity_query_agrees_with_the_views(pcast: Any) -> None:
    """The lane's variant of the identity SQL (user row joined) finds the same identity."""
    from django.db import connection

    from tyndau.petitions.surge.identity import identity_sql, minimum_level

    def lane_identity() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            cursor.execute(identity_sql(with_user=True), [minimum_level(), pcast.citizen.pk])
            return tuple(cursor.fetchone()[5:])

    assert lane_identity() == (None, None, None)
    verify_citizen(pcast.citizen, make_iin(11), region=pcast.region)
    from tyndau.accounts.models import User

    identity = surge.citizen_identity(User.objects.get(pk=pcast.citizen.pk))
    assert identity is not None and lane_identity() == tuple(identity.values())


PUBLIC = set(surge.__all__)


def _imports_of_surge(path: Path) -> list[str]:
    """What `path` takes from the fast path: the names it imports from the package, or a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("tyndau.petitions.surge."):
                found.append(node.module)
            elif node.module == "tyndau.petitions.surge":
                found += [alias.name for alias in node.names if alias.name not in PUBLIC]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "surge":
            found += [f"surge.{node.attr}"] if node.attr not in PUBLIC else []
    return found


def test_nothing_outside_the_fast_path_uses_more_than_its_interface() -> None:
    root = Path(__file__).resolve().parents[3]
    offenders = {}
    for path in [*root.joinpath("tyndau").rglob("*.py"), *root.joinpath("config").rglob("*.py")]:
        relative = path.relative_to(root).as_posix()
        if relative.startswith(("tyndau/petitions/surge/", "tyndau/petitions/tests/")):
            continue
        used = _imports_of_surge(path)
        if relative == "config/wsgi.py":
            used = [name for name in used if name != "tyndau.petitions.surge.lane"]  # its one entry point
        if used:
            offenders[relative] = used
    assert offenders == {}


def test_one_step_identity_agrees_with_accounts_rule(pcast: Any) -> None:
    from django.utils import timezone

    from tyndau.accounts.models import IdentityVerification, User
    from tyndau.accounts.selectors import is_verified_citizen

    def fresh() -> Any:  # a new request loads the user anew
        return User.objects.get(pk=pcast.citizen.pk)

    assert surge.citizen_identity(fresh()) is None and not is_verified_citizen(fresh())
    verify_citizen(pcast.citizen, make_iin(11))
    assert surge.citizen_identity(fresh()) is not None and is_verified_citizen(fresh())
    IdentityVerification.objects.filter(user=pcast.citizen).update(revoked_at=timezone.now())
    assert surge.citizen_identity(fresh()) is None and not is_verified_citizen(fresh())


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"show_name": "", "notify_on_response": ""},
        {"iin": "123"},
        {"iin": make_iin(0)[:-1] + str((int(make_iin(0)[-1]) + 1) % 10)},  # wrong check digit
        {"iin": make_iin(0, born=dt.date(2015, 5, 5))},  # a child
        {"iin": make_iin(0, born=dt.date(1890, 5, 5))},  # not plausible
        {"email": "not an address"},
        {"email": "bot@mailinator.com"},
        {"first_name": ""},
        {"last_name": "x" * 81},
        {"region": "999999"},
        {"region": "north"},
        {"region": ""},
        {"iin": " 900101 300005 "},
    ],
)
def test_fast_validation_equals_the_form(pcast: Any, open_petition: Petition, change: dict[str, Any]) -> None:
    """The signing POST validates without building a form (SignForm.cleaned_or_none); it must accept
    and refuse exactly what the form does, and clean to the same values."""
    from django.http import QueryDict

    from tyndau.petitions.forms import SignForm

    data = QueryDict(mutable=True)
    for key, value in {**_form(pcast.region), **change}.items():
        if value != "":
            data[key] = str(value)
    form = SignForm(data)
    expected = form.cleaned_data if form.is_valid() else None
    assert surge.cleaned_or_none(SignForm, data) == expected
