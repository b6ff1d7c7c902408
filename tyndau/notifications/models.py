"""The durable outbox: every e-mail is a row written in the transaction that causes it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to_address = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # Extra message headers (List-Unsubscribe of an alert, RFC 8058); never an address of a person.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # A pending row is due when this is in the past. A sender claims a row by moving it
    # into the future (a lease), so a crashed sender's row becomes due again by itself.
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # Exception class and SMTP code only: an SMTP error text can contain addresses.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notif_email_due")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        # Never the address: this string can reach logs.
        return f"email #{self.pk} ({self.status})"
