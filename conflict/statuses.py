"""The review statuses, outside the models package.

conflict.rules (which the models call from ``clean()``) needs them; importing them from
conflict.models would run the models package, which imports conflict.rules: a cycle.
conflict.models.choices re-exports them with the other vocabularies.
"""

from django.db import models


class ReviewStatus(models.TextChoices):
    """Where a claim, incident or loss stands in review; only published ones are public."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"
