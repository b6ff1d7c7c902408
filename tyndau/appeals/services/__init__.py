"""Writes and transitions of appeals and complaints. Nothing else assigns a status."""

from tyndau.appeals.services.complaints import (
    complaint_decide,
    complaint_file,
    complaint_grant,
    complaint_obstacle,
    complaint_pass,
)
from tyndau.appeals.services.filing import appeal_file, appeal_provide_info, cosigner_confirm
from tyndau.appeals.services.fixed import fix_questionnaires_send, fix_report_answer, fix_report_for_token
from tyndau.appeals.services.routing import history_import, routing_record, routing_train
from tyndau.appeals.services.sweep import SweepResult, sweep_deadlines
from tyndau.appeals.services.workflow import (
    appeal_answer,
    appeal_assign,
    appeal_close,
    appeal_deem_refused,
    appeal_extend,
    appeal_forward,
    appeal_rate,
    appeal_request_info,
)

__all__ = [
    "SweepResult",
    "appeal_answer",
    "appeal_assign",
    "appeal_close",
    "appeal_deem_refused",
    "appeal_extend",
    "appeal_file",
    "appeal_forward",
    "appeal_provide_info",
    "appeal_rate",
    "appeal_request_info",
    "complaint_decide",
    "complaint_file",
    "complaint_grant",
    "complaint_obstacle",
    "complaint_pass",
    "cosigner_confirm",
    "fix_questionnaires_send",
    "fix_report_answer",
    "fix_report_for_token",
    "history_import",
    "routing_record",
    "routing_train",
    "sweep_deadlines",
]
