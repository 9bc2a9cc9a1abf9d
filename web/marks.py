"""An article's body as HTML with every claim's quote in a ``<mark>``.

Quotes may overlap or nest (two claims in one sentence), so the body is cut at every quote's
start and end; each piece is wrapped in one ``<mark>`` per claim covering it, outermost the
claim that started first. A claim's first piece carries ``id="claim-N"`` (the target of links
from other pages); after its last piece comes a reference naming the claimant that leads to
the claim's note. Everything else is the body's own text, escaped, line breaks kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from conflict.models import Claim


def claimant_name(claim: Claim) -> str:
    return claim.claimant.name if claim.claimant_id else "The article"


def marked_body(body: str, claims: Sequence[Claim]) -> SafeString:
    bounds = sorted({0, len(body)} | {c.span_start for c in claims} | {c.span_end for c in claims})
    order = {claim.pk: index for index, claim in enumerate(claims)}
    started: set[int] = set()
    ends: dict[int, list[Claim]] = {}
    for claim in claims:
        ends.setdefault(claim.span_end, []).append(claim)
    parts: list[str] = []
    for start, end in pairwise(bounds):
        text = escape(body[start:end])
        covering = sorted(
            (c for c in claims if c.span_start <= start and end <= c.span_end),
            key=lambda c: (c.span_start, -c.span_end, order[c.pk]),
        )
        # Innermost first, so each <mark> wraps the ones inside it.
        for claim in reversed(covering):
            anchor = "" if claim.pk in started else f' id="claim-{claim.pk}"'
            started.add(claim.pk)
            attributes = f'class="stance-{claim.stance}" data-claim="{claim.pk}"{anchor}'
            text = f"<mark {attributes}>{text}</mark>"
        parts.append(text)
        for claim in ends.get(end, []):
            parts.append(
                format_html(
                    '<sup class="ref">'
                    '<a href="#note-{}" aria-label="{} ({}), note {}">{}</a></sup>',
                    claim.pk,
                    claimant_name(claim),
                    claim.get_stance_display().lower(),
                    order[claim.pk] + 1,
                    claimant_name(claim),
                )
            )
    return mark_safe("".join(parts))
