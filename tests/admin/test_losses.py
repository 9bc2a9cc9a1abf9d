"""Losses: the counts' rules are form errors an editor can fix."""

from __future__ import annotations

import pytest

from conflict.models import Loss

from .conftest import World
from .helpers import admin_url, errors_of, form_data

pytestmark = pytest.mark.django_db


def test_a_loss_is_added_with_consistent_counts(admin_client, world: World) -> None:
    data = form_data(admin_client.get(admin_url("loss", "add")))
    data.update(
        claim=str(world.toll.pk),
        side=str(world.armenia.pk),
        category="killed",
        population="civilian",
        count_low="20",
        count_best="19",
    )
    refused = admin_client.post(admin_url("loss", "add"), data)
    assert refused.status_code == 200
    assert errors_of(refused) == {"count_low": ["The low count is above the best estimate."]}

    data["count_low"] = "19"
    assert admin_client.post(admin_url("loss", "add"), data).status_code == 302
    assert Loss.objects.filter(claim=world.toll, population="civilian").get().count_best == 19


def test_the_changelist_shows_counts_and_filters_by_category(admin_client, world: World) -> None:
    Loss.objects.create(claim=world.report, category="destroyed", equipment="tank", count_best=2)
    response = admin_client.get(admin_url("loss", "changelist"), {"category__exact": "killed"})
    assert list(response.context["cl"].result_list) == [world.loss]
    html = response.content.decode()
    assert '<td class="field-count_best">30</td>' in html
    assert '<td class="field-population">Military</td>' in html
