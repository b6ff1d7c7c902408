"""Admin: answer templates and Open311 client applications (API keys are shown once)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from tyndau.appeals.models import AnswerTemplate, ClientApplication


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_api_key(client: ClientApplication) -> str:
    key = secrets.token_urlsafe(32)
    client.api_key_hash, client.key_prefix = hash_api_key(key), key[:8]
    return key


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "body", "outcome")
    list_filter = ("category", "outcome")


@admin.register(ClientApplication)
class ClientApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "is_active", "created_at")
    readonly_fields = ("key_prefix", "created_at")
    exclude = ("api_key_hash",)
    raw_id_fields = ("on_behalf_of",)
    actions = ["rotate_key"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            key = issue_api_key(obj)
            messages.warning(request, f"API key (shown once): {key}")
        super().save_model(request, obj, form, change)

    @admin.action(description="Issue a new API key")
    def rotate_key(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            key = issue_api_key(client)
            client.save(update_fields=["api_key_hash", "key_prefix"])
            messages.warning(request, f"{client.name}: {key}")
