"""The shape of a toll series in JSON (and the schema): conflict.tolls' dataclasses, as data."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from conflict.models.choices import LossCategory, Population
from conflict.tolls import PeriodFrom


class TollPartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2, or empty.")


class TollClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()


# A claim id no claim has, reversed once per response: every claim URL is that URL with
# the id put in its place (a reverse() per claim was a third of a toll page's time).
SENTINEL = 987654321987


def claim_refs(ids: tuple[int, ...], context: dict[str, Any]) -> list[dict[str, Any]]:
    parts = context.get("_claim_url")
    if parts is None:
        url = reverse("claim-detail", kwargs={"pk": SENTINEL}, request=context.get("request"))
        parts = context["_claim_url"] = url.split(str(SENTINEL), 1)
    prefix, suffix = parts
    return [{"id": pk, "url": f"{prefix}{pk}{suffix}"} for pk in ids]


class TollPointSerializer(serializers.Serializer):
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    period_from = serializers.ChoiceField(
        choices=PeriodFrom.choices,
        help_text="Where the period came from: the figure's own dates, else its incident's, "
        "else the day the claim was made.",
    )
    cumulative = serializers.BooleanField(
        help_text="A running total ('350 since 27 September'): a level, never added to others."
    )
    count_low = serializers.IntegerField(allow_null=True)
    count_best = serializers.IntegerField(allow_null=True)
    count_high = serializers.IntegerField(allow_null=True)
    qualifier = serializers.CharField(help_text="A vague amount in the source's words ('many').")
    derived = serializers.BooleanField(
        help_text="True: not reported but derived, the increment between two running totals of "
        "this series that start on the same day (the later one minus the earlier)."
    )
    claims = serializers.SerializerMethodField()
    losses = serializers.ListField(child=serializers.IntegerField())
    incidents = serializers.ListField(child=serializers.IntegerField())

    @extend_schema_field(TollClaimSerializer(many=True))
    def get_claims(self, point: Any) -> list[dict[str, Any]]:
        return claim_refs(point.claims, self.context)


class TollTotalSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    count_low = serializers.IntegerField(allow_null=True)
    count_best = serializers.IntegerField()
    count_high = serializers.IntegerField(allow_null=True)
    claims = serializers.SerializerMethodField()

    @extend_schema_field(TollClaimSerializer(many=True))
    def get_claims(self, total: Any) -> list[dict[str, Any]]:
        return claim_refs(total.claims, self.context)


class TollSeriesSerializer(serializers.Serializer):
    claimant = TollPartySerializer(
        allow_null=True, help_text="Who reports the figures; null: the article's own narration."
    )
    side = TollPartySerializer(allow_null=True, help_text="Whose losses; null when not stated.")
    category = serializers.ChoiceField(choices=LossCategory.choices)
    population = serializers.ChoiceField(
        choices=Population.choices, allow_blank=True, help_text="For people; empty for materiel."
    )
    equipment = serializers.CharField(help_text="For materiel; empty for people.")
    points = TollPointSerializer(many=True)
    total = TollTotalSerializer(
        allow_null=True,
        help_text="The sum of the non-cumulative figures, given only when every one has a "
        "number and a period and no two periods overlap.",
    )
    total_refused = serializers.CharField(
        help_text="Why the non-cumulative figures were not summed, or empty."
    )
