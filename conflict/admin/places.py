from __future__ import annotations

from django.contrib import admin

from ..models import Place
from .common import RECORD_FIELDSET, TIMESTAMPS
from .forms import PlaceAdminForm
from .history import HistoryAdmin
from .review import ReviewAdminMixin


@admin.register(Place)
class PlaceAdmin(ReviewAdminMixin, HistoryAdmin):
    form = PlaceAdminForm
    list_display = ("name", "kind", "country", "parent", "latitude", "longitude", "precision")
    list_filter = ("kind", "country", "precision")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "aliases", "wikidata_id", "notes")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "country", "parent")}),
        ("Point", {"fields": (("latitude", "longitude"), "precision")}),
        ("Other names", {"fields": ("aliases",)}),
        (None, {"fields": ("wikidata_id", "notes")}),
        RECORD_FIELDSET,
    )
