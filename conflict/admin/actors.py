from __future__ import annotations

from django.contrib import admin

from ..models import Actor
from .common import RECORD_FIELDSET, TIMESTAMPS
from .forms import ActorAdminForm
from .history import HistoryAdmin
from .review import ReviewAdminMixin


@admin.register(Actor)
class ActorAdmin(ReviewAdminMixin, HistoryAdmin):
    form = ActorAdminForm
    list_display = ("name", "kind", "country", "parent", "role")
    list_filter = ("kind", "country")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "aliases", "role", "wikidata_id", "notes")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "country", "parent", "role")}),
        ("Other names", {"fields": ("aliases",)}),
        (None, {"fields": ("wikidata_id", "notes")}),
        RECORD_FIELDSET,
    )
