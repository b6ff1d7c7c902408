"""The applicant's and the founders' side: apply, confirm or withdraw as a founder, edit the draft
charter, submit (freezing a version), withdraw, answer the registrar's proposals.

Every write locks the application, checks the transition table and the actor, appends its audit event
in the same transaction and queues the e-mail. Only the applicant ever writes a charter version.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from tyndau.accounts.selectors import is_verified_citizen
from tyndau.associations import charter, rules
from tyndau.associations.errors import (
    ApplicantNotEligible,
    CharterMalformed,
    CharterNotEditable,
    FounderNotEligible,
    FoundersLocked,
    IdempotencyKeyTaken,
    InvalidTransition,
    NotAFounder,
    NotARegisteringBody,
    PermissionDenied,
    ProposalAlreadyAnswered,
    ProposalWithoutWording,
    TooFewFounders,
)
from tyndau.associations.models import (
    EDITABLE,
    AmendmentStatus,
    Application,
    CharterVersion,
    Founder,
    Proposal,
    Status,
)
from tyndau.associations.services._common import (
    check_complete,
    check_transition,
    lock,
    new_number,
    require_applicant,
    review_due,
    tell_applicant,
)
from tyndau.associations.services.amendment import amendment_draft, editable_amendment, require_representative
from tyndau.audit.services import record_event
from tyndau.authorities.models import PublicBody
from tyndau.core.calendar import registration_date


def can_apply(user: Any) -> bool:
    """Founders are citizens (art. 10): the applicant is one of them, with a verified identity."""
    return is_verified_citizen(user)


def is_registering_body(body: PublicBody, form: str) -> bool:
    if not body.is_active:
        return False
    if rules.form_rule(form).ministry:
        return body.slug == rules.MINISTRY_OF_JUSTICE_SLUG
    return body.kind == PublicBody.Kind.JUSTICE


def confirmed_founders(application: Application) -> int:
    return Founder.objects.filter(application=application, withdrawn_at__isnull=True).count()


def application_create(
    *,
    actor: Any,
    idempotency_key: uuid.UUID | str,
    form: str,
    name_kk: str,
    name_ru: str,
    address: str,
    head_name: str,
    registering_body: PublicBody,
    language: str = "kk",
) -> Application:
    """Start an application (a draft): the applicant is its first founder. A repeated idempotency key
    returns the first application."""
    key = uuid.UUID(str(idempotency_key))
    existing = Application.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.applicant_id != getattr(actor, "pk", None):
            raise IdempotencyKeyTaken()
        return existing
    if not can_apply(actor):
        raise ApplicantNotEligible()
    if form not in rules.FORMS or not is_registering_body(registering_body, form):
        raise NotARegisteringBody()
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                number=new_number(registration_date(now)),
                idempotency_key=key,
                invite_token=secrets.token_urlsafe(24),
                form=form,
                name_kk=name_kk.strip(),
                name_ru=name_ru.strip(),
                address=address.strip(),
                head_name=head_name.strip(),
                applicant=actor,
                registering_body=registering_body,
                status=Status.DRAFT,
                language=language[:2],
                created_at=now,
            )
            Founder.objects.create(application=application, user=actor, confirmed_at=now)
            CharterVersion.objects.create(
                application=application,
                number=1,
                content=charter.empty(),
                author=actor,
                created_at=now,
                updated_at=now,
            )
            record_event(
                actor=actor,
                action="associations.application.created",
                obj=application,
                payload={"to": application.status, "form": form, "registering_body": registering_body.pk},
            )
            tell_applicant(application, "created")
    except IntegrityError:
        existing = Application.objects.filter(idempotency_key=key).first()
        if existing is None or existing.applicant_id != actor.pk:
            raise
        return existing
    return application


def founder_confirm(*, actor: Any, invite_token: str) -> Application:
    """A founder confirms from their own verified account, by the applicant's invitation link."""
    found = Application.objects.filter(invite_token=invite_token).only("pk").first()
    if found is None:
        raise PermissionDenied()
    if not is_verified_citizen(actor):
        raise FounderNotEligible()
    with transaction.atomic():
        locked = lock(found)
        if locked.status not in EDITABLE:
            raise FoundersLocked()
        founder, created = Founder.objects.get_or_create(
            application=locked, user=actor, defaults={"confirmed_at": timezone.now()}
        )
        if not created:
            if founder.withdrawn_at is None:
                return locked  # already a founder: a repeated confirmation changes nothing
            founder.withdrawn_at, founder.confirmed_at = None, timezone.now()
            founder.save(update_fields=["withdrawn_at", "confirmed_at"])
        record_event(
            actor=actor,
            action="associations.founder.confirmed",
            obj=locked,
            payload={"founders": confirmed_founders(locked)},
        )
    return locked


def founder_withdraw(*, actor: Any, application: Application | int) -> Application:
    """A founder withdraws consent before the application is submitted (the applicant cannot: they
    withdraw the application instead)."""
    with transaction.atomic():
        locked = lock(application)
        founder = Founder.objects.filter(application=locked, user=actor, withdrawn_at__isnull=True).first()
        if founder is None or not getattr(actor, "is_authenticated", False):
            raise NotAFounder()
        if locked.status not in EDITABLE or locked.applicant_id == actor.pk:
            raise FoundersLocked()
        founder.withdrawn_at = timezone.now()
        founder.save(update_fields=["withdrawn_at"])
        record_event(
            actor=actor,
            action="associations.founder.withdrawn",
            obj=locked,
            payload={"founders": confirmed_founders(locked)},
        )
    return locked


def draft_of(application: Application) -> CharterVersion | None:
    return CharterVersion.objects.filter(application=application, submitted_at__isnull=True).first()


def last_submitted(application: Application) -> CharterVersion | None:
    return (
        CharterVersion.objects.filter(application=application, submitted_at__isnull=False).order_by("-number").first()
    )


def _open_draft(application: Application, actor: Any) -> CharterVersion:
    """The application's draft version, or a new one copied from the last submitted version."""
    draft = draft_of(application)
    if draft is not None:
        return draft
    base = last_submitted(application)
    number = (CharterVersion.objects.filter(application=application).aggregate(m=Max("number"))["m"] or 0) + 1
    now = timezone.now()
    return CharterVersion.objects.create(
        application=application,
        number=number,
        content=base.content if base is not None else charter.empty(),
        author=actor,
        created_at=now,
        updated_at=now,
    )


def charter_save(*, actor: Any, application: Application | int, content: Any) -> CharterVersion:
    """The applicant saves the draft charter (sections and clauses in kk and ru). A submitted version
    is never touched: after a submission the draft is a new version."""
    try:
        normal = charter.normalise(content)
    except charter.CharterInvalid as exc:
        raise CharterMalformed() from exc
    with transaction.atomic():
        locked = lock(application)
        require_applicant(actor, locked)
        # Once registered, the association edits the draft of its open amendment (by its representative).
        amendment = editable_amendment(actor, locked)
        if locked.status not in EDITABLE and amendment is None:
            raise CharterNotEditable()
        draft = amendment_draft(locked, amendment, actor) if amendment else _open_draft(locked, actor)
        draft.content, draft.updated_at, draft.author = normal, timezone.now(), actor
        draft.save(update_fields=["content", "updated_at", "author"])
        if amendment is not None:
            record_event(
                actor=actor,
                action="associations.amendment.edited",
                obj=locked,
                payload={"version": draft.number, "amendment": amendment.number},
            )
        else:
            record_event(
                actor=actor, action="associations.charter.edited", obj=locked, payload={"version": draft.number}
            )
    return draft


def application_submit(*, actor: Any, application: Application | int) -> CharterVersion:
    """Submit the draft charter: it is frozen (its hash goes into the audit event and the receipt), a
    new round starts and the registrar is on the clock. Refused until the minimum of founders have
    confirmed and every required section is present."""
    with transaction.atomic():
        locked = lock(application)
        require_applicant(actor, locked)
        check_transition(locked, Status.SUBMITTED)
        founders, required = confirmed_founders(locked), rules.min_founders(locked.form)
        if founders < required:
            raise TooFewFounders(founders, required)
        # Resubmitting the same text after rejecting every proposal is a new version with the same hash.
        draft = _open_draft(locked, actor)
        check_complete(draft.content)
        now = timezone.now()
        locked.round += 1
        draft.submitted_at, draft.round = now, locked.round
        draft.content_hash = charter.content_hash(draft.content)
        draft.save(update_fields=["submitted_at", "round", "content_hash"])
        old = locked.status
        locked.status, locked.submitted_at = Status.SUBMITTED, now
        locked.registered_on = registration_date(now)
        locked.review_due = review_due(locked.registered_on)
        locked.decided_at = None
        locked.save(update_fields=["status", "round", "submitted_at", "registered_on", "review_due", "decided_at"])
        record_event(
            actor=actor,
            action="associations.application.submitted",
            obj=locked,
            payload={
                "from": old,
                "to": locked.status,
                "round": locked.round,
                "version": draft.number,
                "content_hash": draft.content_hash,
                "review_due": locked.review_due,
                "founders": founders,
            },
        )
        tell_applicant(locked, "submitted", version=draft)
    return draft


def application_withdraw(*, actor: Any, application: Application | int) -> Application:
    with transaction.atomic():
        locked = lock(application)
        require_applicant(actor, locked)
        check_transition(locked, Status.WITHDRAWN)
        old = locked.status
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status"])
        record_event(actor=actor, action="associations.application.withdrawn", obj=locked, payload={"from": old})
    return locked


def _lock_proposal(actor: Any, proposal: Proposal | int) -> tuple[Application, Proposal]:
    pk = proposal.pk if isinstance(proposal, Proposal) else proposal
    application_id = Proposal.objects.filter(pk=pk).values_list("review__application_id", flat=True).first()
    if application_id is None:
        raise PermissionDenied()
    locked = lock(application_id)
    require_applicant(actor, locked)
    row = Proposal.objects.select_related("review__amendment").get(pk=pk)
    amendment = row.review.amendment
    if amendment is not None:
        # A proposal on an amendment: the association (its representative) answers it.
        require_representative(actor, locked)
        if amendment.status != AmendmentStatus.CORRECTIONS_REQUESTED or row.review.round != locked.round:
            raise InvalidTransition()
    elif locked.status != Status.CORRECTIONS_REQUESTED or row.review.round != locked.round:
        raise InvalidTransition()
    if row.response != Proposal.Response.PENDING:
        raise ProposalAlreadyAnswered()
    return locked, row


def proposal_accept(*, actor: Any, proposal: Proposal | int) -> CharterVersion:
    """The applicant accepts a proposed wording: the draft (a new version authored by the applicant)
    takes it. The registrar's proposal itself never becomes a version."""
    with transaction.atomic():
        locked, row = _lock_proposal(actor, proposal)
        if not row.has_wording:
            raise ProposalWithoutWording()
        amendment = row.review.amendment
        draft = amendment_draft(locked, amendment, actor) if amendment else _open_draft(locked, actor)
        draft.content = charter.with_wording(draft.content, row.clause, text_kk=row.wording_kk, text_ru=row.wording_ru)
        draft.accepted_proposals = sorted({*draft.accepted_proposals, row.pk})
        draft.updated_at, draft.author = timezone.now(), actor
        draft.save(update_fields=["content", "accepted_proposals", "updated_at", "author"])
        row.response, row.responded_at = Proposal.Response.ACCEPTED, timezone.now()
        row.save(update_fields=["response", "responded_at"])
        payload = {"version": draft.number, "clauses": [row.clause]}
        if amendment is not None:
            record_event(actor=actor, action="associations.amendment_proposal.accepted", obj=locked, payload=payload)
        else:
            record_event(actor=actor, action="associations.proposal.accepted", obj=locked, payload=payload)
    return draft


def proposal_reject(*, actor: Any, proposal: Proposal | int) -> Proposal:
    """The applicant rejects a proposal: the clause keeps its text."""
    with transaction.atomic():
        locked, row = _lock_proposal(actor, proposal)
        row.response, row.responded_at = Proposal.Response.REJECTED, timezone.now()
        row.save(update_fields=["response", "responded_at"])
        if row.review.amendment_id is not None:
            record_event(
                actor=actor,
                action="associations.amendment_proposal.rejected",
                obj=locked,
                payload={"clauses": [row.clause]},
            )
        else:
            record_event(
                actor=actor, action="associations.proposal.rejected", obj=locked, payload={"clauses": [row.clause]}
            )
    return row
