"""The periodic deadline sweep: silence becomes what the law says it is. Safe to run twice."""

from __future__ import annotations

from dataclasses import dataclass

from tyndau.appeals.models import Appeal, Complaint, ComplaintStatus
from tyndau.appeals.services.complaints import complaint_pass
from tyndau.appeals.services.workflow import appeal_deem_refused
from tyndau.core.calendar import local_today as today


@dataclass
class SweepResult:
    deemed_refused: int = 0
    complaints_passed: int = 0


def sweep_deadlines(*, batch: int = 500) -> SweepResult:
    """Deem refused every open appeal whose deadline has passed (APPK art. 91(2)) and pass to the
    higher body every complaint the deciding body kept beyond its 3 WD (art. 92(3))."""
    result = SweepResult()
    day = today()
    while True:
        ids = list(
            Appeal.objects.filter(is_open=True, deadline__lt=day)
            .order_by("deadline")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            break
        changed = sum(1 for pk in ids if appeal_deem_refused(appeal=pk) is not None)
        result.deemed_refused += changed
        if changed == 0:
            break
    for pk in Complaint.objects.filter(status=ComplaintStatus.FILED, pass_due__lt=day).values_list("pk", flat=True):
        complaint_pass(actor=None, complaint=pk)
        result.complaints_passed += 1
    return result
