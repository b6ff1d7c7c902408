"""Background work of appeals: thin tasks that call services."""

from __future__ import annotations

from django_tasks import task

from tyndau.appeals.systemic.services import group_appeal


@task()
def group_appeal_task(appeal_id: int) -> int | None:
    """Group a newly filed appeal into a systemic issue (enqueued by `appeal_file` after commit)."""
    issue = group_appeal(appeal=appeal_id)
    return issue.pk if issue is not None else None
