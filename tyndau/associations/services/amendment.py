"""After registration: the association amends its charter, and the signed PDFs.

The association's representative (its head, who holds the organisation role since registration) starts
an amendment from the registered charter, edits clauses (`charter_save`), uploads the decision of the
supreme body, and submits: the version is frozen by its hash like a founding submission, and a new round
of the same application starts. The registrar reviews it under the same rules (review.py): register that
version by its hash (it becomes current), refuse with grounds and cited clauses, or ask for corrections
the association accepts or rejects. No path here lets a registrar write a version.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tyndau.accounts.models import Role
from tyndau.associations import charter, documents, rules
from tyndau.associations.errors import (
    CharterUnchanged,
    DecisionRequired,
    DocumentInvalid,
    InvalidTransition,
    NotRegistered,
    PermissionDenied,
    VersionNotSubmitted,
)
from tyndau.associations.models import (
    AMENDMENT_OPEN,
    AMENDMENT_TRANSITIONS,
    EDITABLE,
    Amendment,
    AmendmentStatus,
    Application,
    Author,
    CharterVersion,
    Document,
    Review,
    Status,
)
from tyndau.associations.services._common import (
    check_complete,
    lock,
    require_applicant,
    require_registrar,
    tell_applicant,
)
from tyndau.associations.services.review import (
    ClauseCitation,
    ClauseComment,
    check_comments,
    check_refusal,
    corrections_review,
    new_review,
    refusal_review,
)
from tyndau.audit.services import record_event
from tyndau.authorities.models import LegalGround
from tyndau.core.calendar import registration_date, working_days_after
from tyndau.core.files import discard_files, store_file


def is_representative(user: Any, application: Application) -> bool:
    """The association's representative: its head (the applicant), registered, holding the organisation
    role the registration granted (accounts)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and application.applicant_id == user.pk
        and application.status == Status.REGISTERED
        and user.has_any_role(Role.ORGANISATION)
    )


def require_representative(user: Any, application: Application) -> None:
    if not is_representative(user, application):
        raise PermissionDenied()


def open_amendment(application: Application) -> Amendment | None:
    return Amendment.objects.filter(application=application, status__in=AMENDMENT_OPEN).first()


def _check_amendment(amendment: Amendment, to: str) -> None:
    if to not in AMENDMENT_TRANSITIONS.get(amendment.status, set()):
        raise InvalidTransition()


def _lock_amendment(amendment: Amendment | int) -> tuple[Application, Amendment]:
    pk = amendment.pk if isinstance(amendment, Amendment) else amendment
    application_id = Amendment.objects.filter(pk=pk).values_list("application_id", flat=True).first()
    if application_id is None:
        raise PermissionDenied()
    locked = lock(application_id)
    return locked, Amendment.objects.select_for_update().get(pk=pk)


def amendment_draft(application: Application, amendment: Amendment, actor: Any) -> CharterVersion:
    """The amendment's draft version, or a new one authored by the association, copied from the
    amendment's last submitted version or else from the registered charter."""
    draft = CharterVersion.objects.filter(application=application, submitted_at__isnull=True).first()
    if draft is not None:
        return draft
    base = (
        CharterVersion.objects.filter(amendment=amendment, submitted_at__isnull=False).order_by("-number").first()
        or application.registered_version
    )
    number = (CharterVersion.objects.filter(application=application).aggregate(m=Max("number"))["m"] or 0) + 1
    now = timezone.now()
    return CharterVersion.objects.create(
        application=application,
        number=number,
        content=base.content if base is not None else charter.empty(),
        author=actor,
        author_role=Author.ASSOCIATION,
        amendment=amendment,
        created_at=now,
        updated_at=now,
    )


def editable_amendment(actor: Any, locked: Application) -> Amendment | None:
    """The amendment a charter edit goes to: None for an application not yet registered; refused when
    there is no amendment the representative may edit."""
    if locked.status in EDITABLE:
        return None
    amendment = open_amendment(locked)
    if amendment is None or amendment.status not in {
        AmendmentStatus.DRAFT,
        AmendmentStatus.CORRECTIONS_REQUESTED,
        AmendmentStatus.REFUSED,
    }:
        return None
    require_representative(actor, locked)
    return amendment


def amendment_start(*, actor: Any, application: Application | int) -> Amendment:
    """Start amending the registered charter (a new draft version from the current one). A repeated
    start returns the amendment already in progress: a double submit creates one."""
    with transaction.atomic():
        locked = lock(application)
        require_applicant(actor, locked)
        if locked.status != Status.REGISTERED:
            raise NotRegistered()
        require_representative(actor, locked)
        existing = open_amendment(locked)
        if existing is not None:
            return existing
        number = (Amendment.objects.filter(application=locked).aggregate(m=Max("number"))["m"] or 0) + 1
        amendment = Amendment.objects.create(
            application=locked, number=number, representative=actor, created_at=timezone.now()
        )
        draft = amendment_draft(locked, amendment, actor)
        record_event(
            actor=actor,
            action="associations.amendment.started",
            obj=locked,
            payload={"amendment": number, "version": draft.number, "to": amendment.status},
        )
    return amendment


def document_upload(*, actor: Any, application: Application | int, upload: Any) -> Document:
    """Attach a signed PDF, checked by its content: to the open amendment (the supreme body's decision)
    once registered, otherwise to the founding application (the signed application). The newest one
    counts; earlier ones stay in the history."""
    try:
        sha = documents.check_pdf(upload)
    except ValidationError as exc:
        raise DocumentInvalid(exc.messages[0] if exc.messages else None) from exc
    with transaction.atomic():
        locked = lock(application)
        require_applicant(actor, locked)
        amendment = editable_amendment(actor, locked)
        if amendment is None and locked.status not in EDITABLE:
            raise InvalidTransition()
        kind = Document.Kind.DECISION if amendment is not None else Document.Kind.SIGNED_APPLICATION
        row = Document(
            application=locked,
            amendment=amendment,
            kind=kind,
            original_name=str(upload.name)[:200],
            size=upload.size,
            sha256=sha,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        name = store_file(row, upload)
        try:
            row.save()
            if amendment is not None:
                record_event(
                    actor=actor,
                    action="associations.decision.uploaded",
                    obj=locked,
                    payload={"amendment": amendment.number, "sha256": sha},
                )
            else:
                record_event(actor=actor, action="associations.document.uploaded", obj=locked, payload={"sha256": sha})
        except Exception:
            discard_files([name])
            raise
    return row


def amendment_submit(*, actor: Any, amendment: Amendment | int) -> CharterVersion:
    """Submit the amended charter with the supreme body's decision: the version is frozen (its hash in
    the audit event and the receipt), a new round starts and the registrar is on the clock."""
    with transaction.atomic():
        locked, row = _lock_amendment(amendment)
        require_representative(actor, locked)
        _check_amendment(row, AmendmentStatus.SUBMITTED)
        if not Document.objects.filter(amendment=row, kind=Document.Kind.DECISION).exists():
            raise DecisionRequired()
        draft = amendment_draft(locked, row, actor)
        check_complete(draft.content)
        content_hash = charter.content_hash(draft.content)
        registered = locked.registered_version
        if registered is not None and content_hash == registered.content_hash:
            raise CharterUnchanged()
        now = timezone.now()
        locked.round += 1
        locked.save(update_fields=["round"])
        draft.submitted_at, draft.round, draft.content_hash = now, locked.round, content_hash
        draft.save(update_fields=["submitted_at", "round", "content_hash"])
        old = row.status
        row.status, row.submitted_at, row.decided_at = AmendmentStatus.SUBMITTED, now, None
        row.registered_on = registration_date(now)
        row.review_due = working_days_after(row.registered_on, rules.term("amendment_review_wd"))
        row.save(update_fields=["status", "submitted_at", "decided_at", "registered_on", "review_due"])
        record_event(
            actor=actor,
            action="associations.amendment.submitted",
            obj=locked,
            payload={
                "from": old,
                "to": row.status,
                "amendment": row.number,
                "round": locked.round,
                "version": draft.number,
                "content_hash": content_hash,
                "review_due": row.review_due,
            },
        )
        tell_applicant(locked, "amendment", amendment=row, version=draft, outcome="submitted")
    return draft


def amendment_withdraw(*, actor: Any, amendment: Amendment | int) -> Amendment:
    """The association withdraws an amendment not under review; its unsubmitted draft goes with it."""
    with transaction.atomic():
        locked, row = _lock_amendment(amendment)
        require_representative(actor, locked)
        _check_amendment(row, AmendmentStatus.WITHDRAWN)
        CharterVersion.objects.filter(application=locked, amendment=row, submitted_at__isnull=True).delete()
        old = row.status
        row.status = AmendmentStatus.WITHDRAWN
        row.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="associations.amendment.withdrawn",
            obj=locked,
            payload={"from": old, "amendment": row.number},
        )
    return row


def _under_review(actor: Any, amendment: Amendment | int, to: str) -> tuple[Application, Amendment, CharterVersion]:
    locked, row = _lock_amendment(amendment)
    require_registrar(actor, locked)
    _check_amendment(row, to)
    if locked.status != Status.REGISTERED:  # suspended or liquidated meanwhile: nothing to amend now
        raise NotRegistered()
    version = CharterVersion.objects.filter(amendment=row, round=locked.round, submitted_at__isnull=False).first()
    if version is None:
        raise VersionNotSubmitted()
    return locked, row, version


def _decide(
    *, actor: Any, locked: Application, row: Amendment, version: CharterVersion, to: str, action: str, **extra: Any
) -> None:
    old = row.status
    row.status, row.decided_at = to, timezone.now()
    row.save(update_fields=["status", "decided_at"])
    record_event(
        actor=actor,
        action=action,
        obj=locked,
        payload={
            "from": old,
            "to": to,
            "amendment": row.number,
            "round": locked.round,
            "version": version.number,
            "content_hash": version.content_hash,
            **extra,
        },
    )


def amendment_register(*, actor: Any, amendment: Amendment | int, version_hash: str) -> Amendment:
    """Register the amendment: the version the association submitted in this round, named by its hash,
    becomes the current charter. Any other hash is refused."""
    with transaction.atomic():
        locked, row, version = _under_review(actor, amendment, AmendmentStatus.REGISTERED)
        if not version_hash or version_hash.strip().lower() != version.content_hash:
            raise VersionNotSubmitted()
        review = new_review(
            actor=actor,
            locked=locked,
            version=version,
            outcome=Review.Outcome.REGISTERED,
            bin=locked.bin,
            amendment=row,
        )
        locked.registered_version = version
        locked.save(update_fields=["registered_version"])
        _decide(
            actor=actor,
            locked=locked,
            row=row,
            version=version,
            to=AmendmentStatus.REGISTERED,
            action="associations.amendment.registered",
            on_time=review.on_time,
        )
        tell_applicant(locked, "amendment", amendment=row, version=version, outcome="registered")
    return row


def amendment_refuse(
    *,
    actor: Any,
    amendment: Amendment | int,
    grounds: list[LegalGround],
    citations: list[ClauseCitation],
    reasons: str,
) -> Amendment:
    """Refuse the amendment on grounds from the catalogue, citing clauses; the registered charter stays."""
    codes = check_refusal(list(grounds), list(citations), reasons)
    with transaction.atomic():
        locked, row, version = _under_review(actor, amendment, AmendmentStatus.REFUSED)
        review = refusal_review(
            actor=actor,
            locked=locked,
            version=version,
            grounds=grounds,
            citations=citations,
            reasons=reasons,
            amendment=row,
        )
        _decide(
            actor=actor,
            locked=locked,
            row=row,
            version=version,
            to=AmendmentStatus.REFUSED,
            action="associations.amendment.refused",
            grounds=sorted(codes),
            clauses=sorted({c.clause.strip() for c in citations}),
            on_time=review.on_time,
        )
        tell_applicant(locked, "amendment", amendment=row, version=version, outcome="refused")
    return row


def amendment_request_corrections(
    *, actor: Any, amendment: Amendment | int, comments: list[ClauseComment], reasons: str = ""
) -> Amendment:
    """Ask the association for corrections: only proposals, which it accepts or rejects."""
    rows = check_comments(comments)
    with transaction.atomic():
        locked, row, version = _under_review(actor, amendment, AmendmentStatus.CORRECTIONS_REQUESTED)
        review = corrections_review(
            actor=actor, locked=locked, version=version, comments=rows, reasons=reasons, amendment=row
        )
        _decide(
            actor=actor,
            locked=locked,
            row=row,
            version=version,
            to=AmendmentStatus.CORRECTIONS_REQUESTED,
            action="associations.amendment.corrections_requested",
            clauses=sorted({c.clause.strip() for c in rows}),
            proposals=len(rows),
            on_time=review.on_time,
        )
        tell_applicant(locked, "amendment", amendment=row, version=version, outcome="corrections")
    return row
