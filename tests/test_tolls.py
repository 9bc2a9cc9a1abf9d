"""conflict.tolls: series per claimant, levels never summed, increments only where allowed."""

from datetime import date

import pytest

from conflict.models import Actor, Claim, ClaimLink, Loss
from conflict.models.choices import ReviewStatus
from conflict.tolls import PERIOD_FROM_LOSS, Series, own_canonical, toll_series
from conflict.visibility import EDITOR, PUBLIC_READER

pytestmark = pytest.mark.django_db


def series_of(series: list[Series], claimant: str, side: str, category: str, population: str):
    found = [
        one
        for one in series
        if one.claimant
        and one.claimant.slug == claimant
        and one.side
        and one.side.slug == side
        and one.category == category
        and one.population == population
    ]
    assert len(found) == 1, found
    return found[0]


def add_loss(claim: Claim, **fields) -> Loss:
    values = {
        "side": claim.claimant,
        "category": "killed",
        "population": "military",
        "status": claim.status,
    }
    values.update(fields)
    return Loss.objects.create(claim=claim, **values)


def new_claim(template: Claim, status: str = ReviewStatus.PUBLISHED, **fields) -> Claim:
    values = {
        "article": template.article,
        "claimant": template.claimant,
        "category": "toll",
        "text": "A toll restated.",
        "quote": template.quote,
        "span_start": template.span_start,
        "span_end": template.span_end,
        "status": status,
    }
    values.update(fields)
    return Claim.objects.create(**values)


def armenia_350_claim() -> Claim:
    return Loss.objects.get(count_best=350).claim


def test_each_claimant_has_its_own_series_and_the_350_is_a_level(seed) -> None:
    series = toll_series(Loss.objects.all(), PUBLIC_READER)
    armenia = series_of(series, "armenia", "armenia", "killed", "military")
    levels = [point for point in armenia.points if point.cumulative]
    assert [(p.period_start, p.period_end, p.count_best) for p in levels] == [
        (date(2020, 9, 27), date(2020, 10, 8), 350)
    ]
    assert levels[0].period_from == PERIOD_FROM_LOSS
    assert levels[0].claims == (armenia_350_claim().pk,)
    # The single figure of 30 and the level of 350 are not added.
    assert armenia.total is None
    # Azerbaijan's count of its civilians is another series, beside Armenia's, not merged.
    azerbaijan = series_of(series, "azerbaijan", "azerbaijan", "killed", "civilian")
    assert {p.count_best for p in azerbaijan.points} == {1, 30}
    assert azerbaijan.total is None  # one single figure: nothing to add


def test_a_later_level_from_the_same_start_gives_a_derived_increment(seed) -> None:
    first = armenia_350_claim()
    later = new_claim(first, stated_on=date(2020, 10, 12))
    add_loss(
        later,
        count_low=400,
        count_best=410,
        count_high=420,
        period_start=date(2020, 9, 27),
        period_end=date(2020, 10, 12),
        cumulative=True,
    )
    # A level from another start allows nothing.
    other = new_claim(first)
    add_loss(
        other,
        count_low=500,
        count_best=500,
        count_high=500,
        period_start=date(2020, 9, 28),
        period_end=date(2020, 10, 20),
        cumulative=True,
    )
    armenia = series_of(
        toll_series(Loss.objects.all(), PUBLIC_READER), "armenia", "armenia", "killed", "military"
    )
    derived = [point for point in armenia.points if point.derived]
    assert len(derived) == 1
    increment = derived[0]
    assert (increment.period_start, increment.period_end) == (date(2020, 10, 9), date(2020, 10, 12))
    # 400..420 minus exactly 350: a range stays a range.
    assert (increment.count_low, increment.count_best, increment.count_high) == (50, 60, 70)
    assert set(increment.claims) == {first.pk, later.pk}


def test_single_figures_are_summed_only_over_disjoint_periods(seed) -> None:
    claim = armenia_350_claim()
    day = new_claim(claim)
    add_loss(
        day,
        count_low=5,
        count_best=5,
        count_high=5,
        period_start=date(2020, 10, 9),
        period_end=date(2020, 10, 9),
    )
    add_loss(
        day,
        count_low=2,
        count_best=3,
        count_high=4,
        period_start=date(2020, 10, 10),
        period_end=date(2020, 10, 10),
    )
    series = toll_series(Loss.objects.filter(claim=day), PUBLIC_READER)
    (armenia,) = series
    assert armenia.total is not None
    assert (armenia.total.count_low, armenia.total.count_best, armenia.total.count_high) == (
        7,
        8,
        9,
    )
    add_loss(
        day,
        count_low=1,
        count_best=1,
        count_high=1,
        period_start=date(2020, 10, 10),
        period_end=date(2020, 10, 11),
    )
    (armenia,) = toll_series(Loss.objects.filter(claim=day), PUBLIC_READER)
    assert armenia.total is None
    assert "overlapping" in armenia.total_refused


def test_restatements_count_once_through_the_canonical_lookup(seed) -> None:
    first = armenia_350_claim()
    again = new_claim(first)
    add_loss(
        again,
        count_low=350,
        count_best=350,
        count_high=350,
        period_start=date(2020, 9, 27),
        period_end=date(2020, 10, 8),
        cumulative=True,
    )

    def restates(claim_ids):
        return {pk: first.pk if pk == again.pk else pk for pk in claim_ids}

    def levels(**kwargs):
        armenia = series_of(
            toll_series(Loss.objects.all(), PUBLIC_READER, **kwargs),
            "armenia",
            "armenia",
            "killed",
            "military",
        )
        return [p for p in armenia.points if p.cumulative]

    assert len(levels()) == 2  # without restatement links, two claims are two figures
    (level,) = levels(canonical=restates)
    assert level.claims == (first.pk, again.pk)

    # The stored link (what matching makes at ingest) is the default lookup.
    ClaimLink.objects.create(source=again, target=first, relation="restates")
    (level,) = levels()
    assert level.claims == (first.pk, again.pk)
    assert len(levels(canonical=own_canonical)) == 2
    # A restated claim the reader may not see groups nothing: each figure is its own.
    Claim.objects.filter(pk=first.pk).update(status=ReviewStatus.DRAFT)
    assert [p.claims for p in levels()] == [(again.pk,)]


def test_the_public_never_meets_a_draft_figure(seed) -> None:
    first = armenia_350_claim()
    draft = new_claim(first, status=ReviewStatus.DRAFT)
    add_loss(
        draft,
        count_low=999,
        count_best=999,
        count_high=999,
        cumulative=True,
        period_start=date(2020, 9, 27),
        period_end=date(2020, 10, 9),
    )
    published_loss_of_draft = add_loss(
        draft, count_low=998, count_best=998, count_high=998, status=ReviewStatus.PUBLISHED
    )

    def counts(reader):
        return {p.count_best for one in toll_series(Loss.objects.all(), reader) for p in one.points}

    assert not {999, 998} & counts(PUBLIC_READER)
    assert {999, 998} <= counts(EDITOR)
    assert published_loss_of_draft.status == ReviewStatus.PUBLISHED
    assert Actor.objects.filter(slug="armenia").exists()


def test_two_queries_however_many_figures(seed, django_assert_num_queries) -> None:
    with django_assert_num_queries(2):  # the losses, and the restatement links
        few = toll_series(Loss.objects.all(), PUBLIC_READER)
    claim = armenia_350_claim()
    for n in range(20):
        add_loss(claim, count_low=n, count_best=n, count_high=n, population="civilian")
    with django_assert_num_queries(2):  # the losses, and the restatement links
        many = toll_series(Loss.objects.all(), PUBLIC_READER)
    assert sum(len(s.points) for s in many) == sum(len(s.points) for s in few) + 20


def test_a_page_of_series_keys_gives_those_series_whole_even_without_claimant_or_side(
    seed,
) -> None:
    from conflict.tolls import series_keys, toll_series_of

    narration = new_claim(armenia_350_claim(), claimant=None)
    for day in (1, 2):
        add_loss(narration, side=None, count_best=day, period_start=date(2020, 10, day))
    add_loss(narration, side=None, status=ReviewStatus.DRAFT, count_best=99)
    every = toll_series(Loss.objects.all(), PUBLIC_READER)
    keys = list(series_keys(Loss.objects.all(), PUBLIC_READER))
    assert len(keys) == len(every)
    unnamed = [
        key
        for key in keys
        if key["claim__claimant_id"] is None
        and key["side_id"] is None
        and key["population"] == "military"
    ]
    assert len(unnamed) == 1
    (series,) = toll_series_of(Loss.objects.all(), PUBLIC_READER, unnamed)
    assert series.claimant is None
    assert series.side is None
    assert sorted(p.count_best for p in series.points) == [1, 2]  # the draft's 99 is not seen
    # Any page of keys gives those series, in the page's order, each as toll_series builds it.
    page = keys[1:4]
    built = toll_series_of(Loss.objects.all(), PUBLIC_READER, page)
    assert [one.key for one in built] == [tuple(key.values()) for key in page]
    whole = {one.key: one for one in every}
    assert all(one.points == whole[one.key].points for one in built)
    assert toll_series_of(Loss.objects.all(), PUBLIC_READER, []) == []
