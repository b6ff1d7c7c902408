"""JSON API of intermediaries' help, mounted at /api/v1/intermediaries/ (session auth).

GET /given — the signed-in citizen's consents to intermediaries (the organisation, never the helper's name).
GET /helped — an accredited intermediary's own consents and what was filed under each; an appeal's answer
or an assembly's status only where the citizen allowed it. 403 without a live accreditation.
No personal data: no IIN, contact or name of anyone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from tyndau.appeals.selectors import appeals_by_numbers
from tyndau.assemblies.selectors import assemblies_by_numbers
from tyndau.intermediaries import selectors
from tyndau.intermediaries.errors import NotAccredited
from tyndau.intermediaries.models import HelpConsent, HelpedCase

router = Router(tags=["intermediaries"])


class GivenOut(Schema):
    ref: UUID
    organisation: str
    organisation_kind: str
    confirmed_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    share_answers: bool
    cases: int


class CaseOut(Schema):
    kind: str
    reference: str
    filed_at: dt.datetime
    status: str | None
    answer_outcome: str | None
    answer_text: str | None


class HelpedOut(Schema):
    ref: UUID
    method: str
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    may_act: bool
    sees_answers: bool
    cases: list[CaseOut]


class RefusedOut(Schema):
    detail: str


def _organisation(consent: HelpConsent) -> str:
    accreditation = consent.accreditation
    organisation = accreditation.association if accreditation.association_id else accreditation.service_centre
    return str(getattr(organisation, "name", "") or "")


@router.get("/given", response=list[GivenOut], auth=django_auth, summary="Consents I gave to intermediaries")
def given(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "ref": c.ref,
            "organisation": _organisation(c),
            "organisation_kind": c.accreditation.kind,
            "confirmed_at": c.confirmed_at,
            "withdrawn_at": c.withdrawn_at,
            "share_answers": c.share_answers,
            "cases": getattr(c, "case_count", 0),
        }
        for c in selectors.consents_of_citizen(request.user)
    ]


def _cases(consent: HelpConsent) -> list[dict[str, Any]]:
    cases = selectors.cases_of(consent)
    sees = selectors.may_see_answers(consent)
    appeals = appeals_by_numbers([c.reference for c in cases if c.kind == HelpedCase.Kind.APPEAL]) if sees else {}
    assemblies = (
        assemblies_by_numbers([c.reference for c in cases if c.kind == HelpedCase.Kind.ASSEMBLY]) if sees else {}
    )
    rows = []
    for case in cases:
        appeal = appeals.get(case.reference) if case.kind == HelpedCase.Kind.APPEAL else None
        assembly = assemblies.get(case.reference) if case.kind == HelpedCase.Kind.ASSEMBLY else None
        answer = getattr(appeal, "answer", None) if appeal is not None else None
        rows.append(
            {
                "kind": case.kind,
                "reference": case.reference,
                "filed_at": case.created_at,
                "status": appeal.status if appeal else (assembly.status if assembly else None),
                "answer_outcome": answer.outcome if answer else None,
                "answer_text": answer.text if answer else None,
            }
        )
    return rows


@router.get(
    "/helped",
    response={200: list[HelpedOut], 403: RefusedOut},
    auth=django_auth,
    summary="An intermediary's consents and what was filed; answers only where the citizen allowed it",
)
def helped(request: HttpRequest) -> Any:
    if selectors.accreditation_of(request.user) is None:
        raise HttpError(403, str(NotAccredited()))
    return [
        {
            "ref": c.ref,
            "method": c.method,
            "created_at": c.created_at,
            "confirmed_at": c.confirmed_at,
            "withdrawn_at": c.withdrawn_at,
            "may_act": selectors.may_act(c),
            "sees_answers": selectors.may_see_answers(c),
            "cases": _cases(c),
        }
        for c in selectors.consents_of_intermediary(request.user)
    ]
