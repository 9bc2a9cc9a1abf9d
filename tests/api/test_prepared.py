"""Compiled-once queries (api.prepared) give exactly the rows the ORM gives."""

import pytest

from api.prepared import MARKER, prepare, prepared
from conflict.models import Claim, ClaimLink, Loss

COLUMNS = ("id", "stated_on", "is_direct_quote", "created_at", "claimant__slug", "channel")


@pytest.mark.parametrize("count", [0, 1, 2, 7, 55])
def test_rows_equal_values_list_for_any_number_of_ids(seed, count):
    ids = list(Claim.objects.order_by("-id").values_list("id", flat=True)[:count])
    query = prepare(Claim.objects.order_by("id").values_list(*COLUMNS), "id")
    expected = [list(row) for row in Claim.objects.filter(id__in=ids).values_list(*COLUMNS)]
    assert query.rows(ids) == expected
    if count:
        # Converted as values_list converts: dates, booleans, aware datetimes.
        assert {type(row[2]) for row in expected} == {bool}
        assert any(row[1] is not None for row in expected)


def test_parameters_around_the_id_list_keep_their_places(seed):
    """Filters before and after the slot (statuses, a join's condition) still apply."""
    statuses = ("published",)
    build = (
        Loss.objects.filter(status__in=statuses, claim__status__in=statuses)
        .exclude(count_best=None)
        .order_by("id")
        .values_list("id", "claim_id", "count_best")
    )
    ids = list(Claim.objects.values_list("id", flat=True))
    expected = [list(row) for row in build.filter(claim_id__in=ids)]
    assert expected
    assert prepare(build, "claim_id").rows(ids) == expected


def test_compiled_once_per_key(seed):
    built = []

    def build():
        built.append(1)
        return ClaimLink.objects.order_by("id").values_list("source_id", "target_id")

    ids = list(Claim.objects.values_list("id", flat=True))
    first = prepared(("test links", "once"), build, "source_id").rows(ids)
    second = prepared(("test links", "once"), build, "source_id").rows(ids)
    assert first == second == [list(row) for row in build()]
    assert len(built) == 2  # one for the cache, one for the expectation above


def test_dicts_equal_values_with_an_annotation_among_the_fields(seed):
    """values() selects in the order given, annotations included: names follow the SQL."""
    columns = ("id", "contested", "stance", "created_at")
    queryset = Claim.objects.with_contested(("published",)).values(*columns)
    ids = list(Claim.objects.values_list("id", flat=True))
    expected = list(queryset.filter(id__in=ids).order_by("id"))
    assert {row["contested"] for row in expected} == {True, False}
    assert prepare(queryset.order_by("id"), "pk").dicts(ids) == expected


@pytest.mark.parametrize("count", [1, 3, 55])
def test_a_union_reads_the_ids_in_each_part(seed, count):
    """``field=None``: every ``__in=[MARKER]`` of the queryset is a slot for the same ids
    (a claim's links in both directions, one query)."""
    ends = ClaimLink.objects.values_list("source_id", "target_id")
    ids = sorted({pk for pair in ends for pk in pair})[:count]
    ids.append(10**9)  # an id no claim has: read as no row in either part
    outgoing, incoming = (
        ClaimLink.objects.filter(**{f"{own}__in": [MARKER]})
        .values_list(own, "relation", "id")
        .order_by()
        for own in ("source_id", "target_id")
    )
    query = prepare(outgoing.union(incoming, all=True).order_by("id", "source_id"), None)
    expected = sorted(
        [[row.source_id, row.relation, row.id] for row in ClaimLink.objects.filter(source__in=ids)]
        + [
            [row.target_id, row.relation, row.id]
            for row in ClaimLink.objects.filter(target__in=ids)
        ],
        key=lambda row: (row[2], row[0]),
    )
    assert expected
    assert [list(row) for row in query.rows(ids)] == expected


def test_a_queryset_without_its_slot_is_refused(seed):
    with pytest.raises(ValueError, match="id list"):
        prepare(Claim.objects.values_list("id"), None)
