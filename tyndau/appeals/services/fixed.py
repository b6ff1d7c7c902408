""" "Was it fixed?" (FixMyStreet's questionnaire): weeks after an appeal is answered as satisfied,
its applicant is asked by e-mail whether the problem was actually solved. The answers are counted in
the body's figures beside "answered on time": a body that answers on time but fixes nothing shows."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.appeals import rules
from tyndau.appeals.errors import FixLinkInvalid
from tyndau.appeals.models import Appeal, FixAnswer, FixReport, Outcome
from tyndau.audit.services import record_event
from tyndau.notifications.services import notify

_SALT = "tyndau.appeals.fixed"
# The questionnaire link works for half a year after it is sent.
LINK_MAX_AGE = 183 * 86400


def fix_token(report_id: int) -> str:
    return signing.dumps({"r": report_id}, salt=_SALT, compress=False)


def read_fix_token(token: str) -> int | None:
    if not token or len(token) > 200:
        return None
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    value = data.get("r") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


def due_for_questionnaire(*, now: dt.datetime | None = None, limit: int = 500) -> list[int]:
    """Appeals answered as satisfied at least `fix_questionnaire_days` ago, with an applicant to ask,
    not yet asked."""
    before = (now or timezone.now()) - dt.timedelta(days=rules.fix_questionnaire_days())
    return list(
        Appeal.objects.filter(
            answer__outcome=Outcome.SATISFIED,
            answer__created_at__lte=before,
            applicant__isnull=False,
            fix_report__isnull=True,
        )
        .order_by("answered_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def fix_questionnaires_send(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Ask each due applicant once (the one-to-one report is the claim: safe on two machines)."""
    sent = 0
    for appeal_id in due_for_questionnaire(now=now, limit=limit):
        try:
            with transaction.atomic():
                appeal = Appeal.objects.select_related("applicant").get(pk=appeal_id)
                report = FixReport.objects.create(appeal=appeal, body_id=appeal.body_id, asked_at=timezone.now())
                record_event(actor=None, action="appeals.appeal.fix_asked", obj=appeal, payload={})
                with translation.override(getattr(appeal.applicant, "preferred_language", None) or appeal.language):
                    url = settings.SITE_URL + reverse("appeals:fixed", args=[fix_token(report.pk)])
                notify(to=appeal.applicant, template="appeals/email/fixed", context={"appeal": appeal, "url": url})
        except IntegrityError:  # another runner asked first
            continue
        sent += 1
    return sent


def fix_report_for_token(token: str) -> FixReport:
    report_id = read_fix_token(token)
    report = FixReport.objects.select_related("appeal").filter(pk=report_id).first() if report_id else None
    if report is None:
        raise FixLinkInvalid()
    return report


def fix_report_answer(*, token: str, answer: str, comment: str = "") -> FixReport:
    """The applicant's answer, once. The comment stays with the appeal (it may name people); the
    public sees only the counts."""
    if answer not in FixAnswer.values:
        raise FixLinkInvalid()
    report_id = read_fix_token(token)
    with transaction.atomic():
        report = FixReport.objects.select_for_update().filter(pk=report_id).first() if report_id else None
        if report is None:
            raise FixLinkInvalid()
        if report.answered_at is not None:
            return report
        report.answer, report.comment = answer, comment.strip()[: rules.FIX_COMMENT_MAX]
        report.answered_at = timezone.now()
        report.save(update_fields=["answer", "comment", "answered_at"])
        record_event(
            actor=None,
            action="appeals.appeal.fix_reported",
            obj=report.appeal,
            payload={"fixed": answer},
            actor_label="applicant",
        )
    return report
