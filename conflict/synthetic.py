"""A deterministic synthetic dataset for load tests and benchmarks.

The proportions follow the curated seed (one article of 55 claims: 18 incidents, 16 losses,
9 links, 39 participations; a third of the claims are narration, one in eight is a denial).
Every row satisfies the model constraints and validation: quotes are real spans of their
article's body, counts are ordered, places carry complete points, incidents are backed by
claims. Everything is published, so the public API sees it all.

Rows are written with ``bulk_create`` through the plain base managers: no history rows (a
million "created" entries would double the database and say nothing) and no signals. Ids
are assigned here, after the largest existing id, so a seed gives the same rows every time.
"""

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, models, transaction

from .models import Actor, Article, Claim, ClaimLink, Incident, IncidentParticipant, Loss, Place
from .models.choices import (
    ActorKind,
    ClaimCategory,
    ClaimRelation,
    DatePrecision,
    IncidentKind,
    LossCategory,
    ParticipantRole,
    PlaceKind,
    PlacePrecision,
    Population,
    ReviewStatus,
    Stance,
)

PUBLISHER = "Synthetic Wire"
SLUG_PREFIX = "synthetic-"
FIRST_DAY = date(2018, 1, 1)
LAST_DAY = date(2025, 12, 31)

# The seed's proportions, per claim unless said otherwise.
CLAIMS_PER_ARTICLE = (35, 75)  # the seed article has 55
INCIDENTS_PER_CLAIM = 18 / 55
LINKS_PER_CLAIM = 9 / 55
NARRATION_SHARE = 17 / 55
DENIAL_SHARE = 7 / 55
CATEGORY_WEIGHTS = {
    ClaimCategory.EVENT_REPORT: 19,
    ClaimCategory.TOLL: 8,
    ClaimCategory.POSITION: 10,
    ClaimCategory.APPEAL: 3,
    ClaimCategory.ALLEGATION: 5,
    ClaimCategory.OTHER: 10,
}
CLAIMS_PER_ACTOR = 1000  # 1,000 actors at a million claims; never fewer than the seed's 28
CLAIMS_PER_PLACE = 500

# Countries with a centre point; the first four are the parties to the fighting.
COUNTRIES = [
    ("AZ", "Azerbaijan", 40.4, 47.6),
    ("AM", "Armenia", 40.1, 45.0),
    ("GE", "Georgia", 42.3, 43.4),
    ("TR", "Turkey", 39.0, 35.0),
    ("RU", "Russia", 55.7, 37.6),
    ("IR", "Iran", 32.4, 53.7),
    ("FR", "France", 46.6, 2.2),
    ("US", "United States", 38.9, -77.0),
]
BELLIGERENTS = 4
SYLLABLES = ["ka", "ra", "ba", "dor", "vel", "san", "mir", "tal", "gan", "shu", "ter", "lin"]
MEDIA = ["Euronews", "The Peninsula", "Caucasus Herald", "Evening Courier", "Radio Meridian"]
CHANNELS = ["in a statement", "told reporters", "in a televised address", "on social media"]
EQUIPMENT = ["tank", "D-20 howitzer", "2S3 Akatsiya", "UAV", "armoured vehicle", "truck"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VIOLENT_KINDS = [
    IncidentKind.SHELLING,
    IncidentKind.SHELLING,
    IncidentKind.AIR_DRONE_STRIKE,
    IncidentKind.ARMED_CLASH,
    IncidentKind.ATTACK_ON_CIVILIANS,
    IncidentKind.DISRUPTED_WEAPONS_USE,
    IncidentKind.PROPERTY_DESTRUCTION,
]
OTHER_KINDS = [
    IncidentKind.DIPLOMATIC_MEETING,
    IncidentKind.DIPLOMATIC_MEASURE,
    IncidentKind.AGREEMENT,
    IncidentKind.CHANGE_TO_GROUP,
]
VERBS = {
    IncidentKind.SHELLING: "shelled",
    IncidentKind.AIR_DRONE_STRIKE: "struck with drones",
    IncidentKind.ARMED_CLASH: "attacked positions near",
    IncidentKind.ATTACK_ON_CIVILIANS: "fired on civilians in",
    IncidentKind.DISRUPTED_WEAPONS_USE: "launched drones over",
    IncidentKind.PROPERTY_DESTRUCTION: "destroyed houses in",
    IncidentKind.DIPLOMATIC_MEETING: "held talks in",
    IncidentKind.DIPLOMATIC_MEASURE: "recalled its ambassador from",
    IncidentKind.AGREEMENT: "signed a ceasefire in",
    IncidentKind.CHANGE_TO_GROUP: "dismissed a commander in",
}


class CuratedDataError(Exception):
    """The database already holds records; synthetic rows would mix with them."""


@dataclass
class Counts:
    articles: int = 0
    claims: int = 0
    incidents: int = 0
    losses: int = 0
    links: int = 0
    participants: int = 0
    claim_incidents: int = 0
    incident_places: int = 0
    actors: int = 0
    places: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def existing_records() -> dict[str, int]:
    """How many rows of each domain model the database holds (only those with any)."""
    found = {}
    for model in (Article, Actor, Place, Incident, Claim, Loss):
        count = model._base_manager.count()
        if count:
            found[model._meta.verbose_name_plural] = count
    return found


def next_id(model: type[models.Model]) -> int:
    return (model._base_manager.aggregate(top=models.Max("id"))["top"] or 0) + 1


def slug_for(name: str, row_id: int) -> str:
    # The id keeps slugs unique, and the leading word keeps them from being all digits.
    base = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return f"{SLUG_PREFIX}{'-'.join(filter(None, base.split('-')))}-{row_id}"


@dataclass
class World:
    """The actors and places every article draws from."""

    states: list[Actor] = field(default_factory=list)
    speakers: list[Actor] = field(default_factory=list)  # who makes claims
    forces: dict[str, list[Actor]] = field(default_factory=dict)  # by country
    mediators: list[Actor] = field(default_factory=list)
    media: list[Actor] = field(default_factory=list)
    places: dict[str, list[Place]] = field(default_factory=dict)  # incident sites by country
    regions: dict[str, list[Place]] = field(default_factory=dict)


class Generator:
    def __init__(self, claims: int, seed: int, batch_size: int = 2000) -> None:
        self.total = claims
        self.rng = random.Random(seed)
        self.seed = seed
        self.batch_size = batch_size
        self.ids = {
            model: next_id(model)
            for model in (Article, Actor, Place, Incident, Claim, Loss, ClaimLink)
        }
        self.ids[IncidentParticipant] = next_id(IncidentParticipant)
        self.counts = Counts()

    def take_id(self, model: type[models.Model]) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def name(self) -> str:
        parts = self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    # The world: actors in hierarchies, places with coordinates.

    def build_world(self) -> World:
        world = World()
        actors: list[Actor] = []
        target = max(28, self.total // CLAIMS_PER_ACTOR)

        def actor(name: str, kind: str, country: str = "", parent=None, role: str = "") -> Actor:
            row_id = self.take_id(Actor)
            obj = Actor(
                id=row_id,
                name=name,
                slug=slug_for(name, row_id),
                kind=kind,
                country=country,
                parent=parent,
                role=role,
                aliases=[],
            )
            actors.append(obj)
            return obj

        ministries: list[Actor] = []
        for code, country, _lat, _lon in COUNTRIES:
            state = actor(country, ActorKind.STATE, code)
            state.aliases = [f"{country}n authorities"]
            world.states.append(state)
            government = actor(f"Government of {country}", ActorKind.GOVERNMENT_BODY, code, state)
            defence = actor(
                f"Ministry of Defence of {country}", ActorKind.MINISTRY_AGENCY, code, government
            )
            foreign = actor(
                f"Ministry of Foreign Affairs of {country}",
                ActorKind.MINISTRY_AGENCY,
                code,
                government,
            )
            ministries += [defence, foreign]
            world.speakers += [state, defence, foreign]
            army = actor(f"Armed Forces of {country}", ActorKind.ARMED_FORCE, code, defence)
            world.forces[code] = [army]
        for name in ("OSCE Minsk Group", "International Committee of the Red Cross", "UN"):
            world.mediators.append(actor(name, ActorKind.INTERNATIONAL_ORGANISATION))
        world.speakers += world.mediators
        for name in MEDIA:
            world.media.append(actor(name, ActorKind.MEDIA_OUTLET))
        # The rest: units under the armies and spokespeople under the ministries.
        while len(actors) < target:
            code = COUNTRIES[self.rng.randrange(BELLIGERENTS)][0]
            if self.rng.random() < 0.5:
                army = world.forces[code][0]
                unit = actor(
                    f"{len(actors)}th regiment of {army.name}", ActorKind.ARMED_FORCE, code, army
                )
                world.forces[code].append(unit)
            else:
                ministry = self.rng.choice([m for m in ministries if m.country == code])
                person = actor(
                    f"{self.name()} {self.name()}",
                    ActorKind.PERSON,
                    code,
                    ministry,
                    role=f"spokesperson of the {ministry.name}",
                )
                world.speakers.append(person)
        Actor._base_manager.bulk_create(actors, batch_size=self.batch_size)
        self.counts.actors = len(actors)

        places: list[Place] = []
        target = max(17, self.total // CLAIMS_PER_PLACE)

        def place(name, kind, code, parent, lat, lon, precision) -> Place:
            row_id = self.take_id(Place)
            obj = Place(
                id=row_id,
                name=name,
                slug=slug_for(name, row_id),
                kind=kind,
                country=code,
                parent=parent,
                latitude=round(lat, 4),
                longitude=round(lon, 4),
                precision=precision,
                aliases=[],
            )
            places.append(obj)
            return obj

        for code, country, lat, lon in COUNTRIES[:BELLIGERENTS]:
            root = place(country, PlaceKind.COUNTRY, code, None, lat, lon, PlacePrecision.COUNTRY)
            world.regions[code] = [
                place(
                    f"{self.name()} region",
                    PlaceKind.REGION,
                    code,
                    root,
                    lat + self.rng.uniform(-1, 1),
                    lon + self.rng.uniform(-1, 1),
                    PlacePrecision.REGION,
                )
                for _ in range(3)
            ]
            world.places[code] = []
        while len(places) < target:
            code = COUNTRIES[self.rng.randrange(BELLIGERENTS)][0]
            region = self.rng.choice(world.regions[code])
            kind = self.rng.choice(
                (PlaceKind.CITY_TOWN, PlaceKind.CITY_TOWN, PlaceKind.SITE_BUILDING)
            )
            town = place(
                self.name(),
                kind,
                code,
                region,
                region.latitude + self.rng.uniform(-0.5, 0.5),
                region.longitude + self.rng.uniform(-0.5, 0.5),
                PlacePrecision.EXACT if kind == PlaceKind.SITE_BUILDING else PlacePrecision.NEAR,
            )
            if self.rng.random() < 0.2:
                town.aliases = [f"{town.name}i"]
            world.places[code].append(town)
        for code in world.places:
            if not world.places[code]:  # tiny datasets: every country needs a site
                world.places[code] = world.regions[code]
        Place._base_manager.bulk_create(places, batch_size=self.batch_size)
        self.counts.places = len(places)
        return world

    # Articles, one at a time, written in batches.

    def article_sizes(self) -> list[int]:
        sizes, left = [], self.total
        while left > 0:
            size = min(left, self.rng.randint(*CLAIMS_PER_ARTICLE))
            sizes.append(size)
            left -= size
        return sizes

    def run(self, progress: Callable[[Counts], None] | None = None) -> Counts:
        with transaction.atomic():
            world = self.build_world()
        sizes = self.article_sizes()
        span = (LAST_DAY - FIRST_DAY).days
        chunk = Batch()
        for number, size in enumerate(sizes):
            day = FIRST_DAY + timedelta(days=span * number // max(1, len(sizes) - 1))
            self.article(world, size, day, chunk)
            if chunk.claims_count >= self.batch_size * 5 or number == len(sizes) - 1:
                self.counts.add(chunk.write(self.batch_size))
                chunk = Batch()
                if progress:
                    progress(self.counts)
        reset_sequences()
        with connection.cursor() as cursor:
            # The planner's statistics, after a bulk load. On PostgreSQL also VACUUM, as its
            # autovacuum would after so many inserts: index-only scans need the visibility
            # map it sets (without it every index read also reads the table).
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        return self.counts

    def article(self, world: World, size: int, day: date, out: "Batch") -> None:
        rng = self.rng
        article_id = self.take_id(Article)
        belligerents = rng.sample(COUNTRIES[:BELLIGERENTS], 2)
        codes = [c[0] for c in belligerents]
        dateline = world.places[codes[0]][0] if world.places[codes[0]] else None
        lead = (
            f"SYNTHETIC REPORT {article_id}. {dateline.name if dateline else 'Capital'}, "
            f"{day:%d %B %Y}. Fighting between {belligerents[0][1]} and {belligerents[1][1]} "
            "continued, according to officials on both sides.\n\n"
        )
        body_parts = [lead]
        offset = len(lead)

        incidents = []
        for _ in range(max(1, round(size * INCIDENTS_PER_CLAIM))):
            incidents.append(self.incident(world, codes, day, out))

        claims: list[Claim] = []
        claim_incidents: list[list[Incident]] = []
        speakers = [a for a in world.speakers if a.country in codes or not a.country]
        for index in range(size):
            category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
            narration = category == ClaimCategory.OTHER or rng.random() < NARRATION_SHARE / 3
            claimant = None if narration else rng.choice(speakers)
            about = [incidents[index]] if index < len(incidents) else []
            if not about and category != ClaimCategory.OTHER and rng.random() < 0.8:
                about = [rng.choice(incidents)]
            if about and rng.random() < 0.1:
                other = rng.choice(incidents)
                if other is not about[0]:
                    about.append(other)
            incident = about[0] if about else None
            denies = (
                claimant is not None
                and incident is not None
                and category in (ClaimCategory.EVENT_REPORT, ClaimCategory.POSITION)
                and rng.random() < DENIAL_SHARE * 2.5
            )
            sentence, quote_at, text = self.sentence(category, claimant, incident, denies)
            quote = sentence[quote_at[0] : quote_at[1]]
            direct = sentence[quote_at[0] - 1 : quote_at[0]] == '"'
            channel_actor = rng.choice(world.media) if rng.random() < 0.05 else None
            channel = ""
            if claimant is not None and rng.random() < 0.2:
                channel = f"told {channel_actor.name}" if channel_actor else rng.choice(CHANNELS)
            claims.append(
                Claim(
                    id=self.take_id(Claim),
                    article_id=article_id,
                    claimant=claimant,
                    stance=Stance.DENIES if denies else Stance.ASSERTS,
                    category=category,
                    text=text,
                    quote=quote,
                    span_start=offset + quote_at[0],
                    span_end=offset + quote_at[1],
                    is_direct_quote=direct,
                    channel=channel,
                    channel_actor=channel_actor,
                    stated_on=day,
                    stated_on_inferred=rng.random() < 0.7,
                    status=ReviewStatus.PUBLISHED,
                )
            )
            claim_incidents.append(about)
            separator = "\n\n" if rng.random() < 0.3 else " "
            body_parts.append(sentence + separator)
            offset += len(sentence) + len(separator)
        body_parts.append("Discussion about this post")
        body = "".join(body_parts)
        out.articles.append(
            Article(
                id=article_id,
                title=f"Synthetic report {article_id}: {belligerents[0][1]} and "
                f"{belligerents[1][1]} trade accusations",
                title_is_editorial=True,
                slug=f"{SLUG_PREFIX}report-{article_id}",
                publisher=PUBLISHER,
                published_on=day,
                published_on_inferred=False,
                language="en",
                body=body,
                body_sha256=hashlib.sha256(body.encode()).hexdigest(),
                notes=f"Generated by generate_synthetic (seed {self.seed}).",
            )
        )
        out.claims += claims
        out.claims_count += len(claims)
        for claim, about in zip(claims, claim_incidents, strict=True):
            for incident in about:
                out.claim_incidents.append((claim.id, incident.id))
        self.losses(claims, claim_incidents, world, codes, day, out)
        self.links(claims, claim_incidents, out)

    def incident(self, world: World, codes: list[str], day: date, out: "Batch") -> Incident:
        rng = self.rng
        kind = rng.choice(VIOLENT_KINDS) if rng.random() < 0.8 else rng.choice(OTHER_KINDS)
        where = rng.choice(world.places[codes[1]])
        row_id = self.take_id(Incident)
        on = day - timedelta(days=rng.randrange(0, 4))
        until, precision, date_text = None, DatePrecision.DAY, WEEKDAYS[on.weekday()]
        if rng.random() < 0.1:
            until, on = on, on - timedelta(days=rng.randrange(1, 30))
            precision, date_text = DatePrecision.SPAN, f"since {on:%B} {on.day}"
        title = f"{kind.label} in {where.name}"
        incident = Incident(
            id=row_id,
            title=title,
            slug=slug_for(title, row_id),
            kind=kind,
            description=f"Reported {VERBS[kind]} {where.name}.",
            occurred_on=on,
            occurred_until=until,
            date_precision=precision,
            date_text=f"on {date_text}" if until is None else date_text,
            status=ReviewStatus.PUBLISHED,
        )
        incident.place = where
        incident.perpetrator = rng.choice(world.forces[codes[0]])
        out.incidents.append(incident)
        out.incident_places.append((row_id, where.id))
        if rng.random() < 0.15 and where.parent_id:
            out.incident_places.append((row_id, where.parent_id))
        roles = [
            (incident.perpetrator, ParticipantRole.PERPETRATOR),
            (world.states[[c[0] for c in COUNTRIES].index(codes[1])], ParticipantRole.TARGET),
        ]
        if kind in OTHER_KINDS or rng.random() < 0.2:
            roles.append((rng.choice(world.mediators), ParticipantRole.MEDIATOR))
        for actor, role in roles:
            out.participants.append(
                IncidentParticipant(
                    id=self.take_id(IncidentParticipant),
                    incident_id=row_id,
                    actor_id=actor.id,
                    role=role,
                )
            )
        return incident

    def sentence(
        self, category: str, claimant: Actor | None, incident: Incident | None, denies: bool
    ) -> tuple[str, tuple[int, int], str]:
        """A sentence of the body, the (start, end) of the claim's quote in it, its paraphrase."""
        rng = self.rng
        who = claimant.name if claimant else "The report"
        where = incident.place.name if incident else rng.choice(SYLLABLES).capitalize() + "li"
        verb = VERBS[incident.kind] if incident else "shelled"
        perpetrator = incident.perpetrator.name if incident else "the other side"
        if category == ClaimCategory.OTHER or claimant is None:
            sentence = rng.choice(
                (
                    f"Residents of {where} spent the night in basements as sirens sounded",
                    f"Smoke could be seen over {where} on {rng.choice(WEEKDAYS)}",
                    f"Roads into {where} were closed to traffic, witnesses said",
                )
            )
            return sentence + ".", (0, len(sentence)), sentence + "."
        if denies:
            words = f"its forces {verb} {where}"
            sentence = f"{who} denied that {words}"
            return (
                sentence + ".",
                (0, len(sentence)),
                f"{who} denied that its forces {verb} {where}.",
            )
        if category == ClaimCategory.TOLL:
            number = rng.randint(1, 400)
            words = f"{number} people were killed or wounded in {where}"
            text = f"{who} reported {number} casualties in {where}."
        elif category == ClaimCategory.ALLEGATION:
            words = f"{perpetrator} deliberately targets civilians in {where}"
            text = f"{who} accused {perpetrator} of targeting civilians in {where}."
        elif category == ClaimCategory.APPEAL:
            words = f"we call on both sides to respect the ceasefire around {where}"
            text = f"{who} called on both sides to respect the ceasefire."
        elif category == ClaimCategory.POSITION:
            words = f"there can be no talks while {where} is under fire"
            text = f"{who} ruled out talks while {where} is under fire."
        else:
            words = f"{perpetrator} {verb} {where}"
            text = f"{who} said {perpetrator} {verb} {where}."
        if rng.random() < 0.3:
            head = f'{who} said: "'
            sentence = f'{head}{words[0].upper()}{words[1:]}."'
            return sentence, (len(head), len(head) + len(words)), text
        sentence = f"{who} said {words}"
        return sentence + ".", (0, len(sentence)), text

    def losses(self, claims, claim_incidents, world, codes, day, out: "Batch") -> None:
        rng = self.rng
        for claim, about in zip(claims, claim_incidents, strict=True):
            if claim.category != ClaimCategory.TOLL:
                continue
            for _ in range(rng.choice((1, 2, 2, 3))):
                category = rng.choice(list(LossCategory))
                people = category in (
                    LossCategory.KILLED,
                    LossCategory.WOUNDED,
                    LossCategory.MISSING,
                    LossCategory.CAPTURED,
                )
                low = best = high = None
                qualifier = ""
                if rng.random() < 0.1:
                    qualifier = rng.choice(("many", "dozens of", "several"))
                else:
                    best = rng.randint(1, 300)
                    low, high = (best, best) if rng.random() < 0.7 else (best // 2, best * 2)
                cumulative = rng.random() < 0.25
                start = day - timedelta(days=rng.randrange(1, 60))
                out.losses.append(
                    Loss(
                        id=self.take_id(Loss),
                        claim_id=claim.id,
                        incident_id=about[0].id if about else None,
                        side=rng.choice(world.states[:BELLIGERENTS]),
                        category=category,
                        population=rng.choice(list(Population)) if people else "",
                        equipment="" if people else rng.choice(EQUIPMENT),
                        count_low=low,
                        count_best=best,
                        count_high=high,
                        qualifier=qualifier,
                        count_text=qualifier or str(best),
                        period_start=start if cumulative else None,
                        period_end=day if cumulative else None,
                        cumulative=cumulative,
                        status=ReviewStatus.PUBLISHED,
                    )
                )

    def links(self, claims: list[Claim], claim_incidents, out: "Batch") -> None:
        """Denials contradict an assertion about the same incident; some claims support or
        answer an earlier one."""
        rng = self.rng
        seen: set[tuple[int, int, str]] = set()
        asserted: dict[int, Claim] = {}
        for claim, about in zip(claims, claim_incidents, strict=True):
            if not about:
                continue
            key = about[0].id
            if claim.stance == Stance.DENIES and key in asserted:
                seen.add((claim.id, asserted[key].id, ClaimRelation.CONTRADICTS))
            elif key in asserted and rng.random() < 0.4:
                relation = rng.choice((ClaimRelation.SUPPORTS, ClaimRelation.RESPONDS_TO))
                seen.add((claim.id, asserted[key].id, relation))
            elif claim.stance == Stance.ASSERTS and claim.claimant_id:
                asserted[key] = claim
        for source, target, relation in sorted(seen):
            out.links.append(
                ClaimLink(
                    id=self.take_id(ClaimLink),
                    source_id=source,
                    target_id=target,
                    relation=relation,
                )
            )


@dataclass
class Batch:
    articles: list = field(default_factory=list)
    incidents: list = field(default_factory=list)
    incident_places: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    claim_incidents: list = field(default_factory=list)
    losses: list = field(default_factory=list)
    links: list = field(default_factory=list)
    claims_count: int = 0

    def write(self, batch_size: int) -> Counts:
        claim_through = Claim.incidents.through
        place_through = Incident.places.through
        with transaction.atomic():
            for model, rows in (
                (Article, self.articles),
                (Incident, self.incidents),
                (IncidentParticipant, self.participants),
                (Claim, self.claims),
                (Loss, self.losses),
                (ClaimLink, self.links),
            ):
                model._base_manager.bulk_create(rows, batch_size=batch_size)
            claim_through.objects.bulk_create(
                [claim_through(claim_id=c, incident_id=i) for c, i in self.claim_incidents],
                batch_size=batch_size,
            )
            place_through.objects.bulk_create(
                [place_through(incident_id=i, place_id=p) for i, p in self.incident_places],
                batch_size=batch_size,
            )
        return Counts(
            articles=len(self.articles),
            claims=len(self.claims),
            incidents=len(self.incidents),
            losses=len(self.losses),
            links=len(self.links),
            participants=len(self.participants),
            claim_incidents=len(self.claim_incidents),
            incident_places=len(self.incident_places),
        )


def reset_sequences() -> None:
    """PostgreSQL's id sequences must move past the ids written here."""
    models_ = [Actor, Place, Article, Incident, IncidentParticipant, Claim, Loss, ClaimLink]
    models_ += [Claim.incidents.through, Incident.places.through]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def generate(
    claims: int, seed: int, force: bool = False, progress: Callable[[Counts], None] | None = None
) -> Counts:
    """Write a synthetic dataset of ``claims`` claims; refuse a non-empty database unless
    ``force``."""
    if claims < 1:
        raise ValueError("Ask for at least one claim.")
    found = existing_records()
    if found and not force:
        held = ", ".join(f"{count} {name}" for name, count in found.items())
        raise CuratedDataError(
            f"The database already holds {held}; synthetic rows would mix with them. "
            "Use an empty database, or --force to add them anyway."
        )
    return Generator(claims, seed).run(progress)
