"""Public answers owed on systemic issues (issue 15), per body: silence past the term counts on the
body's scorecard beside its deemed refusals."""

from __future__ import annotations

from django.db.models import Count, Q

from tyndau.appeals.models import IssueStatus, SystemicIssue


def public_answer_counts(*, body_id: int | None = None) -> dict[int, dict[str, int]]:
    """Per body: public answers owed now, overdue now (silence past the term), and given late."""
    qs = SystemicIssue.objects.filter(status__in=[IssueStatus.OWED, IssueStatus.OVERDUE, IssueStatus.ANSWERED])
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    rows = qs.values("body_id").annotate(
        owed=Count("id", filter=Q(status=IssueStatus.OWED)),
        overdue=Count("id", filter=Q(status=IssueStatus.OVERDUE)),
        late=Count("id", filter=Q(status=IssueStatus.ANSWERED, answered_on_time=False)),
    )
    return {r["body_id"]: {"owed": r["owed"], "overdue": r["overdue"], "late": r["late"]} for r in rows}


EMPTY = {"owed": 0, "overdue": 0, "late": 0}
