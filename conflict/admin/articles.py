from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Field, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from ..models import Article, Claim
from ..models.choices import ReviewStatus
from .common import RECORD_FIELDSET, TIMESTAMPS, excerpt
from .forms import ArticleAdminForm, CurationForm
from .history import HistoryAdmin
from .queue import ReviewQueueMixin


class ArticleClaimInline(admin.TabularInline):
    """The article's claims at a glance; each is edited on its own page."""

    model = Claim
    form = CurationForm
    fields = ("claimant", "stance", "category", "quote_excerpt")
    # The claimant is shown, not chosen: a chooser per row costs a query per claim.
    readonly_fields = ("claimant", "quote_excerpt")
    show_change_link = True
    extra = 0
    # Adding needs the quote (and its offsets); deleting may orphan an incident. Both
    # belong on the claim's own page, where they are checked.
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("claimant")

    @admin.display(description="quote")
    def quote_excerpt(self, obj: Claim) -> str:
        return excerpt(obj.quote)


@admin.register(Article)
class ArticleAdmin(ReviewQueueMixin, HistoryAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "publisher",
        "published_on",
        "published_on_inferred",
        "language",
        "claim_count",
        "drafts",
    )
    list_filter = ("language", "published_on_inferred", "title_is_editorial")
    date_hierarchy = "published_on"
    search_fields = ("title", "slug", "publisher", "source_url", "body", "notes")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("body_sha256", "add_claim", "review_drafts", *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": ("title", "title_is_editorial", "slug")}),
        (
            "Source",
            {
                "fields": (
                    "publisher",
                    "source_url",
                    ("published_on", "published_on_inferred"),
                    "language",
                )
            },
        ),
        ("Text", {"fields": ("body", "body_sha256", "add_claim", "review_drafts")}),
        (None, {"fields": ("notes",)}),
        RECORD_FIELDSET,
    )
    inlines = (ArticleClaimInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Django drops Meta.ordering from aggregating queries; the autocomplete's paginator
        # needs an order, so restate it.
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Count("claims"),
                draft_count=Count("claims", filter=Q(claims__status=ReviewStatus.DRAFT)),
            )
            .order_by(*Article._meta.ordering)
        )

    def formfield_for_dbfield(self, db_field: Field, request: HttpRequest, **kwargs: Any):
        if db_field.name == "body":
            # The body is kept exactly as published: no trimming of its first or last line.
            kwargs["strip"] = False
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count

    @admin.display(description="new claim")
    def add_claim(self, obj: Article) -> str:
        if obj.pk is None:
            return "Save the article first, then add its claims by pasting their quotes."
        url = reverse("admin:conflict_claim_add")
        return format_html('<a href="{}?article={}">Add a claim from this article</a>', url, obj.pk)

    @admin.display(description="draft claims", ordering="draft_count")
    def drafts(self, obj: Article) -> str:
        if not obj.draft_count:
            return "0"
        url = reverse("admin:conflict_article_review", args=[obj.pk])
        return format_html('<a href="{}">{} to review</a>', url, obj.draft_count)

    @admin.display(description="review")
    def review_drafts(self, obj: Article) -> str:
        if obj.pk is None:
            return "-"
        url = reverse("admin:conflict_article_review", args=[obj.pk])
        return format_html('<a href="{}">Review this article\'s drafts</a>', url)
