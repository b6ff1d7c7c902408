"""Read-only admin for the audit log: history is looked at, never edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tyndau.audit.models import ChainCheck, Event, LogHead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "occurred_at", "action", "actor_label", "object_type", "object_id"]
    list_filter = ["action", "actor_label"]
    search_fields = ["action", "object_id", "hash"]
    ordering = ["-seq"]
    raw_id_fields = ["actor"]


@admin.register(LogHead)
class LogHeadAdmin(ReadOnlyAdmin):
    list_display = ["seq", "signed_at", "hash"]
    ordering = ["-seq"]


@admin.register(ChainCheck)
class ChainCheckAdmin(ReadOnlyAdmin):
    list_display = ["checked_at", "ok", "event_count", "broken_seq", "reason"]
