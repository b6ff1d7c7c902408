"""The registrar's outcomes of a round: register, refuse, ask for corrections; after registration,
suspension, resumption and liquidation by a court decision.

Each is a service with its audit event and an e-mail to the applicant, in one transaction. None of
them writes a charter version: the registrar registers the version the applicant submitted, identified
by its hash, cites clauses of it, or proposes wording the applicant alone may take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tyndau.accounts.services import representative_grant
from tyndau.associations import charter, rules
from tyndau.associations.errors import (
    ClauseCitationRequired,
    CommentRequired,
    CourtDecisionRequired,
    InvalidBin,
    LegalGroundRequired,
    ReasonsRequired,
    UnknownClause,
    VersionNotSubmitted,
    WrongDomainGround,
)
from tyndau.associations.models import Amendment, Application, CharterVersion, Citation, Proposal, Review, Status
from tyndau.associations.services._common import check_transition, lock, require_registrar, tell_applicant
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import local_today
from tyndau.core.identity import normalise, validate_bin


@dataclass(frozen=True)
class ClauseCitation:
    """A charter ground applied to one clause, with the reason."""

    ground: LegalGround
    clause: str
    reason: str


@dataclass(frozen=True)
class ClauseComment:
    """A correction asked for on one clause, optionally with a proposed wording."""

    clause: str
    comment: str
    wording_kk: str = ""
    wording_ru: str = ""


def _submitted_version(application: Application) -> CharterVersion:
    """The version the applicant submitted in the current round (the only one that can be reviewed)."""
    version = CharterVersion.objects.filter(
        application=application, round=application.round, submitted_at__isnull=False
    ).first()
    if version is None:  # the status table makes this unreachable; refuse rather than guess
        raise VersionNotSubmitted()
    return version


def new_review(
    *,
    actor: Any,
    locked: Application,
    version: CharterVersion,
    outcome: str,
    reasons: str = "",
    bin: str = "",
    amendment: Amendment | None = None,
) -> Review:
    now = timezone.now()
    due = amendment.review_due if amendment is not None else locked.review_due
    return Review.objects.create(
        application=locked,
        round=locked.round,
        version=version,
        version_hash=version.content_hash,
        outcome=outcome,
        reasons=reasons.strip(),
        bin=bin,
        amendment=amendment,
        decided_by=actor,
        body_id=locked.registering_body_id,
        created_at=now,
        on_time=due is None or local_today() <= due,
    )


def check_refusal(grounds: Sequence[LegalGround], citations: Sequence[ClauseCitation], reasons: str) -> set[str]:
    """A refusal's grounds are the catalogue's association grounds, with reasons; every ground that
    concerns the charter cites at least one clause with a reason. The codes of the grounds."""
    if not grounds:
        raise LegalGroundRequired()
    decision = LegalGround.Decision.ASSOCIATION_REFUSED
    if any(g.domain != LegalGround.Domain.ASSOCIATIONS or not g.applies(decision) for g in grounds):
        raise WrongDomainGround()
    if not reasons.strip():
        raise ReasonsRequired()
    codes = {g.code for g in grounds}
    for citation in citations:
        if citation.ground.code not in codes or not citation.reason.strip() or not citation.clause.strip():
            raise ClauseCitationRequired()
    for ground in grounds:
        if ground.code in rules.CHARTER_GROUNDS and not any(c.ground.code == ground.code for c in citations):
            raise ClauseCitationRequired()
    return codes


def check_comments(comments: Sequence[ClauseComment]) -> list[ClauseComment]:
    """The comments of a request for corrections: each names a clause and says something."""
    rows = [c for c in comments if c.clause.strip() or c.comment.strip()]
    if not rows or any(not c.clause.strip() or not c.comment.strip() for c in rows):
        raise CommentRequired()
    return rows


def _check_clauses(version: CharterVersion, clauses: Sequence[str]) -> None:
    numbers = charter.clause_numbers(version.content)
    if any(c.strip() not in numbers for c in clauses):
        raise UnknownClause()


def refusal_review(
    *,
    actor: Any,
    locked: Application,
    version: CharterVersion,
    grounds: Sequence[LegalGround],
    citations: Sequence[ClauseCitation],
    reasons: str,
    amendment: Amendment | None = None,
) -> Review:
    """The review row of a refusal with its grounds and the clauses it cites (of the submitted version)."""
    _check_clauses(version, [c.clause for c in citations])
    review = new_review(
        actor=actor,
        locked=locked,
        version=version,
        outcome=Review.Outcome.REFUSED,
        reasons=reasons,
        amendment=amendment,
    )
    review.legal_grounds.set(grounds)
    Citation.objects.bulk_create(
        Citation(review=review, ground=c.ground, clause=c.clause.strip(), reason=c.reason.strip()) for c in citations
    )
    return review


def corrections_review(
    *,
    actor: Any,
    locked: Application,
    version: CharterVersion,
    comments: Sequence[ClauseComment],
    reasons: str,
    amendment: Amendment | None = None,
) -> Review:
    """The review row of a request for corrections with its proposals (never a charter version)."""
    _check_clauses(version, [c.clause for c in comments])
    review = new_review(
        actor=actor,
        locked=locked,
        version=version,
        outcome=Review.Outcome.CORRECTIONS,
        reasons=reasons,
        amendment=amendment,
    )
    Proposal.objects.bulk_create(
        Proposal(
            review=review,
            clause=c.clause.strip(),
            comment=c.comment.strip(),
            wording_kk=c.wording_kk.strip(),
            wording_ru=c.wording_ru.strip(),
        )
        for c in comments
    )
    return review


def _close_round(*, actor: Any, locked: Application, review: Review, to: str, action: str, **extra: Any) -> None:
    """A refusal or a request for corrections ends the round: the status, and the audit event with the
    round, the version and its hash."""
    old = locked.status
    locked.status, locked.decided_at = to, review.created_at
    locked.save(update_fields=["status", "decided_at"])
    payload = {
        "from": old,
        "to": to,
        "round": locked.round,
        "version": review.version.number,
        "content_hash": review.version_hash,
        "on_time": review.on_time,
        **extra,
    }
    record_event(actor=actor, action=action, obj=locked, payload=payload)


def application_register(*, actor: Any, application: Application | int, version_hash: str, bin: str) -> Application:
    """Register the association on the version the applicant submitted in this round, named by its hash;
    the BIN entered is checksum-validated. Any other hash — a draft, an earlier round, a text the
    applicant never submitted — is refused."""
    number = normalise(bin)
    try:
        validate_bin(number)
    except ValidationError as exc:
        raise InvalidBin(exc.messages[0] if exc.messages else None) from exc
    with transaction.atomic():
        locked = lock(application)
        require_registrar(actor, locked)
        check_transition(locked, Status.REGISTERED)
        version = _submitted_version(locked)
        if not version_hash or version_hash.strip().lower() != version.content_hash:
            raise VersionNotSubmitted()
        review = new_review(actor=actor, locked=locked, version=version, outcome=Review.Outcome.REGISTERED, bin=number)
        old = locked.status
        locked.status, locked.decided_at, locked.bin, locked.registered_version = (
            Status.REGISTERED,
            review.created_at,
            number,
            version,
        )
        locked.save(update_fields=["status", "decided_at", "bin", "registered_version"])
        record_event(
            actor=actor,
            action="associations.application.registered",
            obj=locked,
            payload={
                "from": old,
                "to": locked.status,
                "round": locked.round,
                "version": version.number,
                "content_hash": version.content_hash,
                "bin": number,
                "on_time": review.on_time,
            },
        )
        # The head becomes the association's representative: they act for it elsewhere (accounts).
        representative_grant(actor=actor, user=locked.applicant, bin=number)
        tell_applicant(locked, "registered", review=review, version=version)
    return locked


def application_refuse(
    *,
    actor: Any,
    application: Application | int,
    grounds: Sequence[LegalGround],
    citations: Sequence[ClauseCitation] = (),
    reasons: str,
) -> Application:
    """Refuse on one or more grounds. Every ground that concerns the charter (rules.CHARTER_GROUNDS) must
    cite at least one clause of the submitted version with a reason; "the charter" in general is not a
    citation."""
    grounds, citations = list(grounds), list(citations)
    codes = check_refusal(grounds, citations, reasons)
    with transaction.atomic():
        locked = lock(application)
        require_registrar(actor, locked)
        check_transition(locked, Status.REFUSED)
        version = _submitted_version(locked)
        review = refusal_review(
            actor=actor, locked=locked, version=version, grounds=grounds, citations=citations, reasons=reasons
        )
        _close_round(
            actor=actor,
            locked=locked,
            review=review,
            to=Status.REFUSED,
            action="associations.application.refused",
            grounds=sorted(codes),
            clauses=sorted({c.clause.strip() for c in citations}),
        )
        tell_applicant(locked, "refused", review=review)
    return locked


def application_request_corrections(
    *, actor: Any, application: Application | int, comments: Sequence[ClauseComment], reasons: str = ""
) -> Application:
    """Ask for corrections: comments on specific clauses, each optionally with a proposed wording. Only
    proposals: the applicant accepts or rejects each one and resubmits."""
    comments = check_comments(comments)
    with transaction.atomic():
        locked = lock(application)
        require_registrar(actor, locked)
        check_transition(locked, Status.CORRECTIONS_REQUESTED)
        version = _submitted_version(locked)
        review = corrections_review(actor=actor, locked=locked, version=version, comments=comments, reasons=reasons)
        _close_round(
            actor=actor,
            locked=locked,
            review=review,
            to=Status.CORRECTIONS_REQUESTED,
            action="associations.application.corrections_requested",
            clauses=sorted({c.clause.strip() for c in comments}),
            proposals=len(comments),
        )
        tell_applicant(locked, "corrections", review=review)
    return locked


def _court_record(*, actor: Any, application: Application | int, to: str, action: str, note: str) -> Application:
    """Suspension, resumption or liquidation: recorded with the ground and the court decision reference;
    the record stays public."""
    if not note.strip():
        raise CourtDecisionRequired()
    with transaction.atomic():
        locked = lock(application)
        require_registrar(actor, locked)
        check_transition(locked, to)
        old = locked.status
        locked.status, locked.status_note = to, note.strip()[:1000]
        locked.save(update_fields=["status", "status_note"])
        record_event(
            actor=actor, action=action, obj=locked, payload={"from": old, "to": to, "court_decision": note.strip()}
        )
    return locked


def application_suspend(*, actor: Any, application: Application | int, note: str) -> Application:
    """Suspension by a court decision (the record stays public)."""
    return _court_record(
        actor=actor,
        application=application,
        to=Status.SUSPENDED,
        action="associations.application.suspended",
        note=note,
    )


def application_reinstate(*, actor: Any, application: Application | int, note: str) -> Application:
    """The suspension ends (a court decision or its term): registered again."""
    return _court_record(
        actor=actor,
        application=application,
        to=Status.REGISTERED,
        action="associations.application.reinstated",
        note=note,
    )


def application_liquidate(*, actor: Any, application: Application | int, note: str) -> Application:
    """Liquidation by a court decision or the supreme body's decision: the record stays public."""
    return _court_record(
        actor=actor,
        application=application,
        to=Status.LIQUIDATED,
        action="associations.application.liquidated",
        note=note,
    )
