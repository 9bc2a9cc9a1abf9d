from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import Claim, ClaimLink
from ..quotes import find_all, paragraph_bounds
from ..rules import incidents_backed_only_by
from .common import (
    RECORD_FIELDSET,
    TIMESTAMPS,
    ClaimChoicesMixin,
    ContestedListFilter,
    excerpt,
)
from .forms import ClaimAdminForm, CurationForm
from .history import HistoryAdmin
from .losses import ClaimLossInline
from .review import ReviewAdminMixin


def quote_in_context(claim: Claim) -> SafeString | str:
    """The paragraph of the article holding the claim's quote, the quote marked.

    Every piece of the body goes through format_html, so markup in the source text is
    shown as text, never run.
    """
    if claim.pk is None or claim.span_start is None or claim.span_end is None:
        return "Shown once the claim is saved."
    body = claim.article.body
    start, end = claim.span_start, claim.span_end
    if body[start:end] != claim.quote:
        return "The article text at these offsets is no longer this quote."
    para_start, para_end = paragraph_bounds(body, start, end)
    context = format_html(
        '<div class="quote-context" style="white-space: pre-wrap; max-width: 60em">'
        "{}<mark>{}</mark>{}</div>",
        body[para_start:start],
        body[start:end],
        body[end:para_end],
    )
    starts = find_all(body, claim.quote)
    if len(starts) > 1 and start in starts:
        context = format_html(
            '{}<p class="help">The quote occurs {} times in the article; '
            "this claim is occurrence {}.</p>",
            context,
            len(starts),
            starts.index(start) + 1,
        )
    return context


class ClaimLinkOutInline(ClaimChoicesMixin, admin.TabularInline):
    """Links from this claim: it contradicts / supports / responds to another."""

    model = ClaimLink
    form = CurationForm
    fk_name = "source"
    fields = ("relation", "target", "notes")
    autocomplete_fields = ("target",)
    verbose_name = "link to another claim"
    verbose_name_plural = "links to other claims"
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("target__claimant")


class ClaimLinkInInline(admin.TabularInline):
    """Links from other claims to this one; edited on the other claim's page."""

    model = ClaimLink
    fk_name = "target"
    fields = ("source", "relation", "notes")
    readonly_fields = fields
    verbose_name = "link from another claim"
    verbose_name_plural = "links from other claims"
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("source__claimant")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(ReviewAdminMixin, HistoryAdmin):
    form = ClaimAdminForm
    list_display = (
        "who",
        "stance",
        "category",
        "text_excerpt",
        "article",
        "stated_on",
        "contested",
    )
    list_display_links = ("text_excerpt",)
    list_filter = (
        "stance",
        "category",
        ContestedListFilter,
        "is_direct_quote",
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    )
    date_hierarchy = "stated_on"
    search_fields = ("text", "quote", "channel", "notes", "claimant__name", "article__title")
    autocomplete_fields = ("article", "claimant", "channel_actor", "incidents")
    readonly_fields = ("span_start", "span_end", "quote_in_context", "contested", *TIMESTAMPS)
    fieldsets = (
        (
            "Quote",
            {
                "fields": (
                    "article",
                    "quote",
                    "occurrence",
                    "quote_in_context",
                    ("span_start", "span_end"),
                    "is_direct_quote",
                ),
                "description": "Paste the quote as it appears in the article; "
                "its offsets are found on save.",
            },
        ),
        (
            "Attribution",
            {
                "fields": (
                    "claimant",
                    "stance",
                    "category",
                    "text",
                    ("channel", "channel_actor"),
                    ("stated_on", "stated_on_inferred"),
                    "contested",
                )
            },
        ),
        ("About", {"fields": ("incidents", "notes")}),
        RECORD_FIELDSET,
    )
    inlines = (ClaimLinkOutInline, ClaimLinkInInline, ClaimLossInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("article", "claimant").with_contested()

    @admin.display(description="claimant", ordering="claimant__name")
    def who(self, obj: Claim) -> str:
        return obj.claimant.name if obj.claimant_id else "(narration)"

    @admin.display(description="text", ordering="text")
    def text_excerpt(self, obj: Claim) -> str:
        return excerpt(obj.text)

    @admin.display(boolean=True, ordering="contested")
    def contested(self, obj: Claim) -> bool | None:
        # Unknown (None) on the add form, where the object is not annotated.
        return getattr(obj, "contested", None)

    @admin.display(description="quote in its paragraph")
    def quote_in_context(self, obj: Claim) -> SafeString | str:
        return quote_in_context(obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        """Refuse to delete the last claim backing an incident (DESIGN.md invariant)."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        orphaned = incidents_backed_only_by(obj.pk for obj in objs)
        for incident in orphaned:
            url = reverse("admin:conflict_incident_change", args=[incident.pk])
            protected.append(
                format_html(
                    'Incident: <a href="{}">{}</a> (it would have no backing claim left)',
                    url,
                    incident,
                )
            )
        return deleted, model_count, perms_needed, protected


@admin.register(ClaimLink)
class ClaimLinkAdmin(ClaimChoicesMixin, HistoryAdmin):
    form = CurationForm
    list_display = ("source", "relation", "target")
    list_filter = ("relation",)
    list_select_related = ("source__claimant", "target__claimant")
    search_fields = (
        "source__text",
        "source__quote",
        "target__text",
        "target__quote",
        "notes",
    )
    autocomplete_fields = ("source", "target")
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (None, {"fields": ("source", "relation", "target", "notes")}),
        RECORD_FIELDSET,
    )
