"""A corpus with known truth: many reports of the same events, in different words.

Each event (a strike or a clash at one town on one day, with a toll and a claimant) is
written up by two to four outlets, each with its own sentence, verbs, date expression and
name for the claimant ("Azerbaijan's Defence Ministry", "the Ministry of Defence of
Azerbaijan", "Baku"). Distractors make matching hard: other events at the same town a few
days apart, and at a town a few kilometres away on the same day. The places and actors
are invented here (published, with coordinates and countries), so nothing depends on the
seed. :func:`evaluate` ingests the corpus through the real pipeline and scores the
incidents and actors the ingest matched against the truth.
"""

import datetime as dt
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from ..ingestion import ingest_article
from ..models import Actor, ActorMatch, Claim, Incident, IncidentMatch, MatchOutcome, Place
from ..models.choices import ReviewStatus, Stance

PUBLISHED = ReviewStatus.PUBLISHED
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
OUTLETS = ["Caspian Ledger", "Evening Courier", "Radio Meridian", "The Northern Post",
           "Highland Wire", "Daily Tribune"]  # fmt: skip
# Invented towns: (name, latitude, longitude); each has a twin about 8 km away.
TOWNS = [("Velmira", 40.10, 46.20), ("Tarkhan", 40.40, 46.90), ("Sorvan", 39.80, 47.30),
         ("Kelbat", 40.70, 45.90), ("Ishmir", 39.50, 46.60), ("Dornag", 40.95, 47.10),
         ("Yelvan", 39.95, 45.60), ("Marzan", 40.55, 47.55)]  # fmt: skip
TWIN_OFFSET = 0.07  # degrees of latitude: about 8 km north

# Each way an outlet may tell a strike: {town}, {dead}, {who}, {when}; the claimant speaks.
STRIKE = [
    "Shells hit homes in {town} {when}, killing {dead} civilians, {who} said.",
    "{who} said {dead} civilians were killed when artillery shelled {town} {when}.",
    "Artillery fire struck the centre of {town} {when} and killed {dead} civilians, {who} said.",
    "{dead} civilians died after shelling in {town} {when}, according to {who}.",
    "Residential streets in {town} were shelled {when}, leaving {dead} civilians dead, {who} said.",
]
CLASH = [
    "Fighting broke out near {town} {when} and {dead} soldiers were killed, {who} said.",
    "{who} said {dead} soldiers were killed in clashes near {town} {when}.",
    "Heavy clashes near {town} {when} killed {dead} soldiers, {who} said.",
    "{dead} soldiers died in fighting around {town} {when}, according to {who}.",
]
DENIALS = [
    "{other} denied the claim.",
    "{other} rejected the report as false.",
    "{other} denied any involvement.",
]


@dataclass(frozen=True)
class Party:
    """A side: its state, its ministry (the curated actor), and the names reports use."""

    code: str
    state: str
    capital: str
    adjective: str


PARTIES = [
    Party("AZ", "Azerbaijan", "Baku", "Azerbaijani"),
    Party("AM", "Armenia", "Yerevan", "Armenian"),
]


def ministry_names(party: Party) -> list[str]:
    """How reports name the party's defence ministry (the first is the curated name)."""
    return [
        f"the Ministry of Defence of {party.state}",
        f"{party.state}'s Defence Ministry",
        f"the {party.adjective} Defence Ministry",
        f"{party.state}'s Ministry of Defense",
        f"{party.state}'s defence ministry",
        f"{party.state}'s Defence Minstry",  # a misspelling: fuzzy, so asked, not merged
        party.capital,
    ]


@dataclass
class Report:
    body: str
    published_on: dt.date
    publisher: str
    event: int
    town: str
    claimant: str  # the curated actor's slug the claim should end with
    claimant_words: str


@dataclass
class Corpus:
    reports: list[Report] = field(default_factory=list)
    events: int = 0


def _when(day: dt.date, published: dt.date, rng: random.Random) -> str:
    options = [f"on {WEEKDAYS[day.weekday()]}", f"on {MONTHS[day.month - 1]} {day.day}"]
    if published - day == dt.timedelta(days=1):
        options.append("yesterday")
    return rng.choice(options)


def build(events: int, seed: int = 1) -> Corpus:
    """``events`` events, each told by 2-4 outlets; a third of them have a distractor at the
    same town three to five days later or at its twin town the same day."""
    rng = random.Random(seed)
    corpus = Corpus()
    start = dt.date(2021, 3, 1)
    plans = []
    for number in range(events):
        town = TOWNS[number % len(TOWNS)][0]
        day = start + dt.timedelta(days=rng.randrange(0, 200))
        plans.append((town, day, rng.choice(["strike", "clash"])))
        if number % 3 == 0:
            if rng.random() < 0.5:
                plans.append((town, day + dt.timedelta(days=rng.randint(3, 5)), plans[-1][2]))
            else:
                plans.append((f"North {town}", day, plans[-1][2]))
    for event, (town, day, kind) in enumerate(plans):
        attacked, attacker = rng.sample(PARTIES, 2)
        dead = rng.randint(2, 9)
        templates = rng.sample(STRIKE if kind == "strike" else CLASH, rng.randint(2, 4))
        outlets = rng.sample(OUTLETS, len(templates))
        for template, outlet in zip(templates, outlets, strict=True):
            published = day + dt.timedelta(days=rng.randint(0, 1))
            who = rng.choice(ministry_names(attacked))
            sentence = template.format(
                town=town, dead=NUMBERS[dead], who=who, when=_when(day, published, rng)
            )
            sentence = sentence[0].upper() + sentence[1:]
            denial = rng.choice(DENIALS).format(other=f"{attacker.state}'s government")
            title = f"{outlet}: {town} report"
            body = f"{title}\n\n{sentence} {denial}\n"
            corpus.reports.append(
                Report(body, published, outlet, event, town, f"mod-{attacked.code.lower()}", who)
            )
    corpus.events = len(plans)
    rng.shuffle(corpus.reports)
    return corpus


def install_world() -> None:
    """The curated places and actors the corpus names (published, as an editor left them)."""
    region = Place.objects.create(
        name="Corpus Region", slug="corpus-region", kind="region", status=PUBLISHED
    )
    for name, lat, lon in TOWNS:
        for town, north in ((name, 0.0), (f"North {name}", TWIN_OFFSET)):
            Place.objects.create(
                name=town, slug=town.lower().replace(" ", "-"), kind="city_town",
                parent=region, latitude=lat + north, longitude=lon, precision="exact",
                status=PUBLISHED,
            )  # fmt: skip
    for party in PARTIES:
        code = party.code.lower()
        state = Actor.objects.filter(country=party.code, kind="state").first()
        if state is None:
            state = Actor.objects.create(
                name=party.state, slug=f"state-{code}", kind="state", country=party.code,
                status=PUBLISHED,
            )  # fmt: skip
        Actor.objects.create(
            name=f"Government of {party.state}", slug=f"government-{code}",
            kind="government_body", country=party.code, parent=state, status=PUBLISHED,
            aliases=[f"{party.state}'s government"],
        )  # fmt: skip
        Actor.objects.create(
            name=f"Ministry of Defence of {party.state}", slug=f"mod-{code}",
            kind="ministry_agency", country=party.code, parent=state, status=PUBLISHED,
        )  # fmt: skip


@dataclass
class Figures:
    articles: int
    events: int
    incident_tp: int = 0
    incident_fp: int = 0
    incident_fn: int = 0
    possible_tp: int = 0  # true pairs an editor is asked about (a ranked possible_match)
    actor_tp: int = 0
    actor_fp: int = 0
    actor_fn: int = 0
    actor_asked: int = 0  # missed ones ranked first as a possible match for the right actor
    seconds: float = 0.0

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def incident_precision(self) -> float:
        return self.ratio(self.incident_tp, self.incident_tp + self.incident_fp)

    @property
    def incident_recall(self) -> float:
        return self.ratio(self.incident_tp, self.incident_tp + self.incident_fn)

    @property
    def actor_precision(self) -> float:
        return self.ratio(self.actor_tp, self.actor_tp + self.actor_fp)

    @property
    def actor_recall(self) -> float:
        return self.ratio(self.actor_tp, self.actor_tp + self.actor_fn)

    def lines(self) -> list[str]:
        return [
            f"{self.articles} articles about {self.events} events, ingested in "
            f"{self.seconds:.1f} s ({60 * self.articles / max(self.seconds, 1e-9):.0f}/min)",
            f"incidents (pairs of reports of one event on one incident): precision "
            f"{self.incident_precision:.3f}, recall {self.incident_recall:.3f} "
            f"(tp {self.incident_tp}, fp {self.incident_fp}, fn {self.incident_fn}; "
            f"{self.possible_tp} of the missed pairs are ranked possible matches for an editor)",
            f"actors (claimants named other than by a curated name): precision "
            f"{self.actor_precision:.3f}, recall {self.actor_recall:.3f} "
            f"(tp {self.actor_tp}, fp {self.actor_fp}, fn {self.actor_fn}; "
            f"{self.actor_asked} of the missed are ranked first as possible matches)",
        ]


def evaluate(corpus: Corpus) -> Figures:
    """Ingest every report in order, then score what matching made of them."""
    import time

    began = time.perf_counter()
    stored = []
    for report in corpus.reports:
        result = ingest_article(report.body, report.published_on, publisher=report.publisher)
        stored.append((report, result.article))
    figures = Figures(articles=len(stored), events=corpus.events)
    figures.seconds = time.perf_counter() - began
    # What each report's event became: the incidents its claims (not its denial) are about.
    # A report attached to the wrong event shares that event's incident: a false pair.
    at_town: dict[int, set[int]] = {}
    for _report, article in stored:
        at_town[article.pk] = set(
            Incident._base_manager.filter(
                claims__article=article, claims__stance=Stance.ASSERTS
            ).values_list("pk", flat=True)
        )
    asked = defaultdict(set)
    for incident, candidate in IncidentMatch.objects.filter(
        outcome=MatchOutcome.POSSIBLE
    ).values_list("incident_id", "candidate_id"):
        asked[incident].add(candidate)
        asked[candidate].add(incident)
    for (ra, a), (rb, b) in itertools.combinations(stored, 2):
        same = bool(at_town[a.pk] & at_town[b.pk])
        truth = ra.event == rb.event
        if same and truth:
            figures.incident_tp += 1
        elif same:
            figures.incident_fp += 1
        elif truth:
            figures.incident_fn += 1
            if any(asked[x] & at_town[b.pk] for x in at_town[a.pk]):
                figures.possible_tp += 1
    # Actors: every claimant named other than by its curated name ends as that actor?
    for report, article in stored:
        if report.claimant_words.startswith("the Ministry of Defence of"):
            continue  # the curated name: the gazetteer's job, not matching's
        claim = (
            Claim._base_manager.filter(article=article)
            .filter(~Q(stance="denies"))
            .select_related("claimant")
            .first()
        )
        actor = claim.claimant if claim is not None else None
        expected = (
            f"government-{report.claimant[-2:]}"
            if report.claimant_words in ("Baku", "Yerevan")
            else report.claimant
        )
        if actor is None or actor.status == ReviewStatus.DRAFT:
            figures.actor_fn += 1
            figures.actor_asked += ActorMatch.objects.filter(
                actor=actor, rank=1, candidate__slug=expected, outcome=MatchOutcome.POSSIBLE
            ).exists()
        elif actor.slug == expected:
            figures.actor_tp += 1
        else:
            figures.actor_fp += 1
    return figures
