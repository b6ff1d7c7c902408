"""Who follows what, by e-mail, and the changes waiting to reach them.

A follow names its target by a kind and an id (`Kind`, `target_id`): this app lies below the
petitions and appeals apps and never imports them; they register how to find and name their
targets (`tyndau.following.targets`) and tell it of changes (`tyndau.following.alerts.changed`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PETITION = "petition", _("Petition")
    APPEAL = "appeal", _("Published appeal")
    BODY = "body", _("Public body")
    CATEGORY = "category", _("Category")
    AREA = "area", _("Region or district")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per change")
    DAILY = "daily", _("A daily digest")


class FollowStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Unsubscribed")


class Follow(models.Model):
    # Personal data: never on a page other than the follower's own, never in a log or the audit log.
    email = models.EmailField(_("e-mail"))
    email_hash = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    target_id = models.CharField(max_length=40)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=10, choices=FollowStatus.choices, default=FollowStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["email_hash", "kind", "target_id"], name="follow_once_per_address"),
        ]
        indexes = [
            # The fan-out walks a target's active followers in id order, a batch at a time.
            models.Index(fields=["kind", "target_id", "id"], name="follow_fanout", condition=Q(status="active")),
            # An address's follows (the manage page, the limit) use the unique constraint's index.
        ]

    def __str__(self) -> str:
        # Never the address: this string can reach logs.
        return f"follow #{self.pk} ({self.kind} {self.target_id}, {self.status})"


class Change(models.Model):
    """A change to a followed thing: fanned out to its followers by a task, a batch at a time."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    target_id = models.CharField(max_length=40)
    event = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=300)  # without the language prefix
    occurred_at = models.DateTimeField(default=timezone.now)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"change #{self.pk} ({self.event} {self.kind} {self.target_id})"


class DigestItem(models.Model):
    """A change waiting for a daily-digest follower's next digest."""

    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="+")
    email_hash = models.CharField(max_length=64)
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["follow", "change"], name="digest_item_once")]
        indexes = [models.Index(fields=["email_hash", "created_at"], name="digest_by_address")]

    def __str__(self) -> str:
        return f"digest item #{self.pk}"
