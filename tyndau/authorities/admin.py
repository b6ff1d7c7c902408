"""Admin for the reference data: operators edit regions, bodies, categories, competence
and legal grounds here (searchable by names in all three languages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tyndau.authorities.models import Category, Competence, LegalGround, PublicBody, Region

NAME_SEARCH = ("name_kk", "name_ru", "name_en")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("iso_code", "kato_code", "name_kk", "name_ru", "name_en", "kind", "population")
    list_filter = ("kind",)
    search_fields = ("iso_code", "kato_code", *NAME_SEARCH)
    ordering = ("iso_code",)


class SubordinateBodyInline(admin.TabularInline):
    model = PublicBody
    fk_name = "higher_body"
    fields = ("slug", "name_ru", "kind", "level", "is_active")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("subordinate body")
    verbose_name_plural = _("subordinate bodies")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # subordinate bodies are added from their own form


@admin.register(PublicBody)
class PublicBodyAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_ru", "kind", "level", "region", "higher_body", "population", "is_active")
    list_filter = ("kind", "level", "is_active", "region")
    list_select_related = ("region", "higher_body")
    search_fields = ("slug", *NAME_SEARCH)
    autocomplete_fields = ("region", "higher_body")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [SubordinateBodyInline]


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0
    autocomplete_fields = ("region", "body")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_kk", "name_ru", "name_en", "is_active")
    list_filter = ("is_active",)
    search_fields = ("slug", "keywords", *NAME_SEARCH)
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [CompetenceInline]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ("category", "region", "body")
    list_filter = ("category", "region")
    list_select_related = ("category", "region", "body")
    search_fields = (
        "category__name_kk",
        "category__name_ru",
        "category__name_en",
        "body__name_kk",
        "body__name_ru",
        "body__name_en",
        "region__name_ru",
        "region__iso_code",
    )
    autocomplete_fields = ("category", "region", "body")


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin):
    list_display = ("code", "domain", "law", "article", "applies_to", "is_confirmed", "is_public", "is_active")
    list_filter = ("domain", "is_confirmed", "is_public", "is_active")
    search_fields = ("code", "law", "article", "text_kk", "text_ru", "text_en")
    ordering = ("domain", "code")
