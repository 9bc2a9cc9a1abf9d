"""Two outlets report one strike in their own words: one incident, two sources."""

import datetime as dt

import pytest

from conflict.ingestion import DecisionKind, ingest_article
from conflict.matching.decisions import decide
from conflict.models import Claim, ClaimLink, Incident, IncidentMatch, MatchOutcome
from conflict.models.choices import ClaimRelation

pytestmark = pytest.mark.django_db

SUNDAY = dt.date(2020, 10, 11)

# Texts written for these tests: the same night, the same city, different words.
FIRST = """Missile strike hits Ganja overnight

A missile struck a residential block in Ganja overnight, killing four civilians, \
Azerbaijan's Defence Ministry said on Sunday. Armenia's Defence Ministry denied firing at the city.
"""
SECOND = """Homes destroyed in Ganja

An Armenian missile slammed into apartment blocks in Ganja overnight and killed four \
civilians, Azerbaijan's Defence Ministry said in a statement on Sunday.
"""
# Another city, the same night: never the same incident.
ELSEWHERE = """Shells fall on Barda

Artillery shells hit the centre of Barda overnight, wounding two people, \
Azerbaijan's Defence Ministry said on Sunday.
"""


def ganja_incidents() -> list[Incident]:
    """Incidents that the ingested (not the seed's) claims about Ganja are about."""
    claims = Claim.objects.filter(quote__contains="Ganja", article__publisher__startswith="Outlet")
    return list(Incident.objects.filter(claims__in=claims).distinct())


def test_two_reports_of_one_strike_end_as_one_incident_with_two_sources(seed) -> None:
    first = ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    second = ingest_article(SECOND, SUNDAY, publisher="Outlet Two")

    assert second.counts["incidents_matched"] == 1
    [incident] = ganja_incidents()
    articles = set(incident.claims.values_list("article_id", flat=True))
    assert articles == {first.article.pk, second.article.pk}
    match = IncidentMatch.objects.get(article=second.article)
    assert match.outcome == MatchOutcome.ATTACHED
    assert match.candidate == incident
    assert match.incident is None
    assert "same place" in match.reasons
    assert match.score >= 0.8
    # The existing incident keeps its own title: only claims were attached.
    assert incident.title.startswith("A missile struck")


def test_the_same_claimant_restating_itself_is_linked_once(seed) -> None:
    first = ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    second = ingest_article(SECOND, SUNDAY, publisher="Outlet Two")

    links = ClaimLink.objects.filter(relation=ClaimRelation.RESTATES)
    assert links.count() >= 1
    for link in links:
        assert link.source.article == second.article
        assert link.target.article == first.article
        assert link.source.claimant == link.target.claimant


def test_a_strike_elsewhere_the_same_night_stays_its_own_incident(seed) -> None:
    ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    report = ingest_article(ELSEWHERE, SUNDAY, publisher="Outlet Two")

    assert report.counts["incidents_matched"] == 0
    [ganja] = ganja_incidents()
    # Never even asked about: the places are about 70 km apart.
    assert not IncidentMatch.objects.filter(article=report.article, candidate=ganja).exists()


def test_a_doubtful_match_is_a_ranked_decision_and_one_click_merges(seed, editor) -> None:
    ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    # The same place and night, but no shared words or claimant: not enough to attach.
    vague = "Blast in Ganja\n\nA rocket hit a street in Ganja overnight, local residents said.\n"
    report = ingest_article(vague, SUNDAY, publisher="Outlet Three")

    possible = [d for d in report.decisions if d.kind == DecisionKind.POSSIBLE_MATCH]
    matches = list(IncidentMatch.objects.filter(article=report.article))
    assert possible
    assert matches
    assert [m.rank for m in matches] == list(range(1, len(matches) + 1))
    assert all(m.outcome == MatchOutcome.POSSIBLE for m in matches)
    best = matches[0]
    new_id = best.incident_id
    decide(best, same=True, user=editor)

    best.refresh_from_db()
    assert best.outcome == MatchOutcome.SAME
    assert best.decided_by == editor
    assert not Incident.objects.filter(pk=new_id).exists()
    assert Claim.objects.filter(article=report.article, incidents=best.candidate).exists()


def test_the_review_queue_ranks_possible_matches_and_merges_in_one_click(seed, editor) -> None:
    from django.test import Client
    from django.urls import reverse

    ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    vague = "Blast in Ganja\n\nA rocket hit a street in Ganja overnight, local residents said.\n"
    report = ingest_article(vague, SUNDAY, publisher="Outlet Three")
    match = IncidentMatch.objects.get(article=report.article, rank=1)
    client = Client()
    client.force_login(editor)
    url = reverse("admin:conflict_article_review", args=[report.article.pk])

    page = client.get(url).content.decode()
    assert 'id="possible-matches"' in page
    assert match.candidate.title in page
    assert f"{match.score:.2f}" in page
    assert "same place" in page

    response = client.post(url, {"do": "match_same", "match": f"incident:{match.pk}"}, follow=True)
    assert "merged into" in response.content.decode()
    match.refresh_from_db()
    assert match.outcome == MatchOutcome.SAME
    assert 'id="possible-matches"' not in client.get(url).content.decode()


def test_totals_count_a_restated_statement_once(seed) -> None:
    from conflict.matching.restatements import canonical, outlets

    first = ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    second = ingest_article(SECOND, SUNDAY, publisher="Outlet Two")
    both = Claim.objects.filter(article__in=[first.article, second.article])
    link = ClaimLink.objects.get(relation=ClaimRelation.RESTATES, source__article=second.article)

    kept = canonical(both)
    assert link.target in kept
    assert link.source not in kept
    assert outlets([link.target_id])[link.target_id] == 2
    # The public sees neither draft: the restating claim does not hide anything from it.
    assert canonical(both, statuses=["published"]).count() == both.count()


def test_a_candidate_changed_while_the_ingest_scored_is_not_attached_to(seed) -> None:
    """Matching is scored before the write lock (issue 12); an editor correcting the date of
    the incident it chose, before the write starts, makes it another incident."""
    ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    [ganja] = ganja_incidents()
    steps = []

    def progress(step: str) -> None:
        if step == "writing" and "writing" not in steps:
            # Committed between the scoring and the write: the strike was a month earlier.
            ganja.occurred_on = SUNDAY - dt.timedelta(days=30)
            ganja.occurred_until = None
            ganja.save()
        steps.append(step)

    report = ingest_article(SECOND, SUNDAY, publisher="Outlet Two", progress=progress)

    # The scores went stale, not the gazetteer: scored again (without the lock), not
    # extracted again.
    assert steps.count("extracting") == 1
    assert steps.count("matching") == 1
    assert report.counts["incidents_matched"] == 0
    assert len(ganja_incidents()) == 2
    assert report.article.pk not in set(ganja.claims.values_list("article_id", flat=True))
    assert not IncidentMatch.objects.filter(article=report.article, candidate=ganja).exists()


@pytest.mark.parametrize(
    ("write", "extracted", "scored"),
    [
        # An actor the text never names (another ingest's draft): nothing to redo.
        ("unnamed_actor", 1, 0),
        # One it names: the extraction may find it now, so it runs again.
        ("named_actor", 2, 0),
        # An incident of another year: no candidate of this text's; the scores stand.
        ("far_incident", 1, 0),
        # One of the same kind and night: it may be the strike; scored again, unlocked.
        ("near_incident", 1, 1),
    ],
)
def test_what_another_ingest_writes_meanwhile_is_redone_only_when_it_matters(
    seed, write, extracted, scored
) -> None:
    """Two workers commit while each other extracts and scores: an ingest extracts again
    only when the actors or places changed in names its text contains, and scores again
    only when what changed could be one of its candidates."""
    from conflict.models import Actor

    ingest_article(FIRST, SUNDAY, publisher="Outlet One")
    steps: list[str] = []

    def progress(step: str) -> None:
        if step == "writing" and "writing" not in steps:
            if write == "unnamed_actor":
                Actor.objects.create(
                    name="Residents of Tovuz", slug="residents-of-tovuz", kind="other"
                )
            elif write == "named_actor":
                Actor.objects.create(name="Homes", slug="homes-actor", kind="other")
            else:
                on = SUNDAY - dt.timedelta(days=400 if write == "far_incident" else 0)
                Incident.objects.create(
                    title="Another strike", slug=f"another-strike-{write}", kind="shelling",
                    occurred_on=on, date_precision="day",
                )  # fmt: skip
        steps.append(step)

    report = ingest_article(SECOND, SUNDAY, publisher="Outlet Two", progress=progress)

    assert steps.count("extracting") == extracted, steps
    assert steps.count("matching") == scored, steps
    if write != "near_incident":
        # Decisions as without the concurrent write: the strike is one incident.
        assert report.counts["incidents_matched"] == 1
        assert len(ganja_incidents()) == 1
