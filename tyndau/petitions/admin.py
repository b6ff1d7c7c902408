"""Admin: read-mostly views; statuses change only through services (no status field editing)."""

from __future__ import annotations

from django.contrib import admin

from tyndau.petitions.models import Petition, SignatureInvalidation


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "status", "addressee", "signature_count", "threshold", "listed_at")
    list_filter = ("status",)
    search_fields = ("title",)
    readonly_fields = [f.name for f in Petition._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SignatureInvalidation)
class SignatureInvalidationAdmin(admin.ModelAdmin):
    list_display = ("id", "petition", "created_at", "count")
    readonly_fields = ("petition", "actor", "created_at", "criteria", "reason", "count")

    def has_add_permission(self, request: object) -> bool:
        return False
