"""Admin for people. The IIN is never shown in full here: only masked, and only on the profile.
Writes that the domain audits (roles, memberships) go through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tyndau.accounts import services
from tyndau.accounts.forms import AdminLoginForm
from tyndau.accounts.models import CitizenProfile, Consent, IdentityVerification, Membership, RoleGrant, User

# The admin's sign-in has the portal's limits (password guessing against staff accounts).
admin.site.login_form = AdminLoginForm


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("id", "email", "last_name", "first_name", "is_active", "is_staff", "email_verified_at")
    list_filter = ("is_active", "is_staff", "role_grants__role")
    search_fields = ("email", "last_name")
    ordering = ("id",)
    fields = (
        "email",
        "first_name",
        "last_name",
        "patronymic",
        "preferred_language",
        "is_active",
        "is_staff",
        "is_superuser",
        "email_verified_at",
        "date_joined",
        "last_login",
        "roles",
    )
    readonly_fields = ("email_verified_at", "date_joined", "last_login", "roles")

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(str(g.get_role_display()) for g in obj.role_grants.all()) or "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people sign up themselves; staff accounts: manage.py createsuperuser


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "granted_at")
    list_filter = ("role",)
    raw_id_fields = ("user",)
    fields = ("user", "role")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a grant is added or revoked, never edited

    def save_model(self, request: HttpRequest, obj: RoleGrant, form: Any, change: bool) -> None:
        obj.pk = services.role_grant(actor=request.user, user=obj.user, role=obj.role).pk

    def delete_model(self, request: HttpRequest, obj: RoleGrant) -> None:
        services.role_revoke(actor=request.user, user=obj.user, role=obj.role)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleGrant]) -> None:
        for grant in queryset.select_related("user"):
            services.role_revoke(actor=request.user, user=grant.user, role=grant.role)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "position", "is_supervisor", "is_active")
    list_filter = ("is_supervisor", "is_active", "body__kind")
    raw_id_fields = ("user", "body")
    fields = ("user", "body", "position", "is_supervisor", "is_active")

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> tuple[str, ...]:
        return ("user", "body") if obj else ()

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            services.membership_update(
                actor=request.user,
                membership=obj,
                position=obj.position,
                is_supervisor=obj.is_supervisor,
                is_active=obj.is_active,
            )
        else:
            saved = services.membership_add(
                actor=request.user, user=obj.user, body=obj.body, position=obj.position, is_supervisor=obj.is_supervisor
            )
            obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the record of who served where stays


@admin.register(CitizenProfile)
class CitizenProfileAdmin(ReadOnlyAdmin):
    list_display = ("user", "masked_iin", "region", "updated_at")
    list_filter = ("region",)
    fields = ("user", "masked_iin", "phone", "region", "address", "consent", "updated_at")
    readonly_fields = fields

    @admin.display(description=_("IIN (masked)"))
    def masked_iin(self, obj: CitizenProfile) -> str:
        return obj.iin_masked or "—"


@admin.register(IdentityVerification)
class IdentityVerificationAdmin(ReadOnlyAdmin):
    list_display = ("user", "method", "level", "verified_at", "revoked_at")
    list_filter = ("method", "level")
    fields = ("user", "method", "level", "verified_at", "reference", "revoked_at")
    readonly_fields = fields


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("user", "purpose", "source", "text_version", "given_at")
    list_filter = ("purpose", "source")
    fields = ("user", "purpose", "source", "text_version", "given_at")
    readonly_fields = fields
