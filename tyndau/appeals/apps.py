from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "tyndau.appeals"
    label = "appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from tyndau.audit.actions import register_actions, register_payload_fields
        from tyndau.notifications.periodic import register_periodic

        register_actions(
            {
                "appeals.appeal.filed": _("Appeal registered"),
                "appeals.appeal.cosigned": _("Co-signer confirmed"),
                "appeals.appeal.assigned": _("Assigned to an official"),
                "appeals.appeal.forwarded": _("Forwarded to the competent body"),
                "appeals.appeal.info_requested": _("Information requested from the applicant"),
                "appeals.appeal.info_provided": _("Applicant replied"),
                "appeals.appeal.extended": _("Deadline extended"),
                "appeals.appeal.answered": _("Answer sent"),
                "appeals.appeal.deemed_refused": _("No answer in time: deemed refusal"),
                "appeals.appeal.closed": _("Case closed"),
                "appeals.appeal.rated": _("Answer rated"),
                "appeals.complaint.filed": _("Complaint filed"),
                "appeals.complaint.granted": _("Complaint granted by the body"),
                "appeals.complaint.passed": _("Complaint passed to the higher body"),
                "appeals.complaint.decided": _("Complaint decided by the higher body"),
            }
        )
        register_payload_fields(
            {
                "deadline": _("Deadline"),
                "new_deadline": _("New deadline"),
                "outcome": _("Outcome"),
                "on_time": _("On time"),
                "decision_due": _("Decision due by"),
                "pass_due": _("To be passed on by"),
            }
        )
        # APPK art. 91(2): silence turns into a deemed refusal without anyone pressing a button.
        register_periodic("sweep_appeal_deadlines", every_seconds=300)
