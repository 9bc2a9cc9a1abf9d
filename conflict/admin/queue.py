"""The review queue: one page per article listing its drafts, each with its words marked in
the text, and buttons to publish, reject or merge them (the rules are in conflict.drafts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from ..drafts import Drafts, article_drafts, merge_actor, merge_place, publish, publish_all, reject
from ..matching.decisions import decide
from ..models import (
    Actor,
    ActorMatch,
    Article,
    Claim,
    Incident,
    IncidentMatch,
    IncidentParticipant,
    Loss,
    MatchOutcome,
    Place,
)
from ..models.choices import ReviewStatus
from .claims import quote_in_context

# The POSTed ``record`` is "<kind>:<id>"; kind names the list in Drafts.
KINDS = {
    "claim": "claims",
    "incident": "incidents",
    "loss": "losses",
    "actor": "actors",
    "place": "places",
}
# Publishing everything or merging changes records of all these kinds.
TOUCHED = (Actor, Place, Claim, Incident, IncidentParticipant, Loss)


def loss_in_context(loss: Any) -> SafeString | str:
    """The loss's claim quote with the words of the number marked."""
    quote, words = loss.claim.quote, loss.count_text
    at = quote.find(words) if words else -1
    if at == -1:
        return quote
    return format_html(
        "{}<mark>{}</mark>{}", quote[:at], quote[at : at + len(words)], quote[at + len(words) :]
    )


def by_doubt(records: list[Any]) -> list[Any]:
    """Drafts the extractor was least sure of first; records made by hand (no confidence)
    last. The sort is stable, so equal doubts keep the article's order."""
    return sorted(
        records,
        key=lambda r: (r.extraction_confidence is None, r.extraction_confidence or 0.0),
    )


class ReviewQueueMixin:
    """For ArticleAdmin: ``/admin/conflict/article/<id>/review/``."""

    def get_urls(self) -> list[URLPattern]:
        review = path(
            "<int:pk>/review/",
            self.admin_site.admin_view(self.review_view),
            name="conflict_article_review",
        )
        return [review, *super().get_urls()]

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            self._act(request, article)
            return HttpResponseRedirect(reverse("admin:conflict_article_review", args=[pk]))
        drafts = article_drafts(article)
        incident_matches = list(
            IncidentMatch.objects.filter(
                article=article, outcome=MatchOutcome.POSSIBLE, incident__isnull=False
            ).select_related("incident", "candidate")
        )
        actor_matches = list(
            ActorMatch.objects.filter(
                article=article, outcome=MatchOutcome.POSSIBLE, actor__isnull=False
            ).select_related("actor", "candidate")
        )
        possible = [
            (
                "incident",
                m,
                m.incident,
                reverse("admin:conflict_incident_change", args=[m.candidate_id]),
            )
            for m in incident_matches
        ] + [
            ("actor", m, m.actor, reverse("admin:conflict_actor_change", args=[m.candidate_id]))
            for m in actor_matches
        ]
        context = {
            "incident_matches": incident_matches,
            "actor_matches": actor_matches,
            "possible_matches": possible,
            **self.admin_site.each_context(request),
            "title": f"Review drafts: {article}",
            "opts": Article._meta,
            "article": article,
            "drafts": drafts,
            "claims": [(claim, quote_in_context(claim)) for claim in by_doubt(drafts.claims)],
            "incidents": by_doubt(drafts.incidents),
            "losses": [(loss, loss_in_context(loss)) for loss in by_doubt(drafts.losses)],
            "actor_targets": Actor.objects.filter(status=ReviewStatus.PUBLISHED).only(
                "name", "kind"
            ),
            "place_targets": Place.objects.filter(status=ReviewStatus.PUBLISHED).only(
                "name", "kind"
            ),
        }
        return TemplateResponse(request, "admin/conflict/review_queue.html", context)

    def _act(self, request: HttpRequest, article: Article) -> None:
        action = request.POST.get("do", "")
        try:
            if action == "publish_all":
                self._require(request, "change", *TOUCHED)
                count = publish_all(article, request.user)
                messages.success(
                    request, ngettext("%d draft published.", "%d drafts published.", count) % count
                )
                return
            if action in ("match_same", "match_different"):
                self._require(request, "change", *TOUCHED)
                match = self._match(request, article)
                messages.success(request, decide(match, action == "match_same", request.user))
                return
            obj = self._record(request, article_drafts(article))
            if action == "publish":
                self._require(request, "change", type(obj))
                publish(obj, request.user)
                messages.success(request, f"Published: {obj}.")
            elif action == "reject":
                self._require(request, "delete", type(obj))
                removed = reject(obj, request.user)
                messages.success(request, f"Rejected and deleted: {removed}.")
            elif action == "merge" and isinstance(obj, Actor | Place):
                self._require(request, "change", *TOUCHED)
                target = self._target(request, type(obj), obj)
                merge = merge_actor if isinstance(obj, Actor) else merge_place
                changed = merge(obj, target, request.user)
                records = ngettext("%d record changed", "%d records changed", changed) % changed
                messages.success(request, f"Merged {obj} into {target}: {records}.")
            else:
                messages.error(request, f"Unknown action {action!r}.")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)

    def _record(self, request: HttpRequest, drafts: Drafts) -> Model:
        kind, _, pk = request.POST.get("record", "").partition(":")
        candidates = getattr(drafts, KINDS.get(kind, ""), None)
        found = [obj for obj in candidates or [] if str(obj.pk) == pk]
        if not found:
            raise ValidationError("That record is not a draft of this article (any more).")
        return found[0]

    def _match(self, request: HttpRequest, article: Article) -> IncidentMatch | ActorMatch:
        kind, _, pk = request.POST.get("match", "").partition(":")
        model = {"incident": IncidentMatch, "actor": ActorMatch}.get(kind)
        found = (
            model.objects.filter(article=article, pk=int(pk)).first()
            if (model is not None and pk.isdigit())
            else None
        )
        if found is None:
            raise ValidationError("That possible match is not one of this article's.")
        return found

    def _target(self, request: HttpRequest, model: type[Model], source: Model) -> Model:
        into = request.POST.get("into", "")
        target = model._base_manager.filter(pk=int(into)).first() if into.isdigit() else None
        if target is None:
            raise ValidationError(f"Choose the existing {model._meta.verbose_name} to merge into.")
        return target

    def _require(self, request: HttpRequest, action: str, *models: type[Model]) -> None:
        for model in models:
            if not request.user.has_perm(f"conflict.{action}_{model._meta.model_name}"):
                raise PermissionDenied
