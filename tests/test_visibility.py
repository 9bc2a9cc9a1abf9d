"""conflict.visibility.select: which records a reader sees, listed or fetched, as a plain
function of (reader, listing, statuses requested), for every reviewed model and for losses."""

import datetime as dt
from typing import Any

import pytest
from django.db.models import Model, Q

from conflict.models import Actor, Article, Claim, Incident, Loss, Place
from conflict.visibility import (
    EDITOR,
    PUBLIC_READER,
    HiddenStatuses,
    Reader,
    fetchable,
    select,
    selection,
    visible,
)

BODY = "One. Two. Three. Four. Five. Six. Seven. Eight. Nine."
STATUSES = ("draft", "published", "retracted")


def claim(article: Article, quote: str, status: str = "published") -> Claim:
    start = article.body.index(quote)
    return Claim.objects.create(
        article=article,
        quote=quote,
        text=quote,
        span_start=start,
        span_end=start + len(quote),
        status=status,
    )


@pytest.fixture
def article(db) -> Article:
    return Article.objects.create(
        title="An article", slug="an-article", published_on=dt.date(2020, 10, 8), body=BODY
    )


def one_per_status(model: type[Model], article: Article) -> dict[str, Model]:
    """A record of ``model`` in each review status (a loss: on a published claim)."""
    if model is Claim:
        quotes = dict(zip(STATUSES, ("One.", "Two.", "Three."), strict=True))
        return {status: claim(article, quotes[status], status) for status in STATUSES}
    if model is Loss:
        backing = claim(article, "Four.")
        return {
            status: Loss.objects.create(
                claim=backing, category="killed", population="civilian", count_best=1, status=status
            )
            for status in STATUSES
        }
    if model is Incident:
        return {
            status: Incident.objects.create(
                title=status, slug=f"i-{status}", kind="armed_clash", status=status
            )
            for status in STATUSES
        }
    fields: dict[str, Any] = {"kind": "state"} if model is Actor else {"kind": "city_town"}
    return {
        status: model.objects.create(name=status, slug=f"x-{status}", status=status, **fields)
        for status in STATUSES
    }


def seen(records: dict[str, Model], reader: Reader, **how: Any) -> set[str]:
    model = type(next(iter(records.values())))
    ids = {record.pk: status for status, record in records.items()}
    found = select(model.objects.filter(pk__in=ids), reader, **how).values_list("pk", flat=True)
    return {ids[pk] for pk in found}


REVIEWED = [Actor, Place, Incident, Claim, Loss]
ALL_THREE = set(STATUSES)

# (reader, listing, statuses requested): the statuses of the records seen.
CASES = [
    (PUBLIC_READER, True, (), {"published"}),
    (PUBLIC_READER, True, ("retracted",), {"retracted"}),
    (PUBLIC_READER, True, ("published", "retracted"), {"published", "retracted"}),
    (PUBLIC_READER, False, (), {"published", "retracted"}),
    (EDITOR, True, (), ALL_THREE),
    (EDITOR, True, ("draft",), {"draft"}),
    (EDITOR, True, ("draft", "retracted"), {"draft", "retracted"}),
    (EDITOR, False, (), ALL_THREE),
]


@pytest.mark.parametrize("model", REVIEWED, ids=lambda m: m.__name__)
@pytest.mark.parametrize(("reader", "listing", "requested", "expected"), CASES, ids=str)
def test_each_reviewed_model(article, model, reader, listing, requested, expected):
    records = one_per_status(model, article)
    how = {"listing": listing, "statuses_requested": requested}
    assert seen(records, reader, **how) == expected


@pytest.mark.parametrize("model", REVIEWED, ids=lambda m: m.__name__)
@pytest.mark.parametrize("requested", [("draft",), ("published", "draft")], ids=str)
def test_the_public_may_not_ask_a_list_for_drafts(model, requested):
    with pytest.raises(HiddenStatuses):
        selection(model, PUBLIC_READER, listing=True, statuses_requested=requested)


@pytest.mark.parametrize("model", REVIEWED, ids=lambda m: m.__name__)
def test_an_editors_list_and_fetch_select_everything_without_a_condition(model):
    """No condition at all (not ``status IN (every status)``): the same query as the table's."""
    assert selection(model, EDITOR, listing=True) == Q()
    assert selection(model, EDITOR, listing=False) == Q()


@pytest.mark.parametrize("reader", [PUBLIC_READER, EDITOR], ids=str)
@pytest.mark.parametrize("listing", [True, False])
def test_articles_carry_no_status_everyone_sees_them(article, reader, listing):
    assert selection(Article, reader, listing=listing, statuses_requested=("retracted",)) == Q()
    assert list(select(Article.objects.all(), reader, listing=listing)) == [article]


@pytest.mark.parametrize("model", REVIEWED, ids=lambda m: m.__name__)
def test_visible_and_fetchable_are_the_list_and_the_fetch(article, model):
    records = one_per_status(model, article)
    queryset = model.objects.filter(pk__in=[r.pk for r in records.values()])
    for reader in (PUBLIC_READER, EDITOR):
        assert set(visible(queryset, reader)) == set(select(queryset, reader, listing=True))
        assert set(fetchable(queryset, reader)) == set(select(queryset, reader, listing=False))


# -- a loss stands on its claim and its incident ------------------------------------------------


def backed_loss(article: Article, claim_status: str, incident_status: str | None) -> Loss:
    """A published loss on a claim (and an incident, unless None) in these statuses."""
    backing = claim(article, "Five.", claim_status)
    incident = None
    if incident_status is not None:
        incident = Incident.objects.create(
            title="An incident", slug="an-incident", kind="armed_clash", status=incident_status
        )
    return Loss.objects.create(
        claim=backing,
        incident=incident,
        category="killed",
        population="civilian",
        count_best=1,
        status="published",
    )


# (claim status, incident status or None): seen by the public in a list, in a list that
# asks for published and retracted records, and fetched by id; editors always see it.
LOSS_CASES = [
    ("published", None, True, True, True),
    ("published", "published", True, True, True),
    ("draft", None, False, False, False),
    ("draft", "published", False, False, False),
    ("published", "draft", False, False, False),
    ("retracted", None, False, True, True),
    ("retracted", "published", False, True, True),
    ("published", "retracted", False, True, True),
]


@pytest.mark.parametrize(
    ("claim_status", "incident_status", "listed", "listed_on_request", "fetched"),
    LOSS_CASES,
    ids=str,
)
def test_a_loss_is_seen_with_its_claim_and_incident(
    article, claim_status, incident_status, listed, listed_on_request, fetched
):
    loss = backed_loss(article, claim_status, incident_status)
    one = Loss.objects.filter(pk=loss.pk)

    def shown(reader: Reader, **how: Any) -> bool:
        return select(one, reader, **how).exists()

    assert shown(PUBLIC_READER, listing=True) is listed
    on_request = ("published", "retracted")
    assert shown(PUBLIC_READER, listing=True, statuses_requested=on_request) is listed_on_request
    assert shown(PUBLIC_READER, listing=False) is fetched
    assert shown(EDITOR, listing=True)
    assert shown(EDITOR, listing=True, statuses_requested=("published",))
    assert shown(EDITOR, listing=False)


def test_a_retracted_loss_on_a_published_claim_is_listed_only_on_request(article):
    loss = backed_loss(article, "published", None)
    Loss.objects.filter(pk=loss.pk).update(status="retracted")
    one = Loss.objects.filter(pk=loss.pk)
    assert not select(one, PUBLIC_READER, listing=True).exists()
    assert select(one, PUBLIC_READER, listing=True, statuses_requested=("retracted",)).exists()
    assert select(one, PUBLIC_READER, listing=False).exists()
