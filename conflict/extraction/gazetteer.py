"""Known actors and places (names and aliases), and naming the ones the gazetteer lacks.

The gazetteer is built from plain entries, from the database (:meth:`Gazetteer.from_models`),
or empty. Resolution prefers the existing record; an unknown name becomes a new draft
reference whose kind is guessed from its words and flagged for an editor.
"""

# ruff: noqa: RUF001, RUF002 (curly quotes and apostrophes are the text's own)

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from .records import ActorRef, PlaceRef
from .world import World, load_world

APOSTROPHES = "’'"


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str = ""  # ISO 3166-1 alpha-2 of an actor, as recorded; "" when none

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: Entry


def _name_pattern(name: str) -> str:
    """A name as a regex in which either apostrophe matches ("Azerbaijan’s" = "Azerbaijan's")."""
    return "".join(f"[{APOSTROPHES}]" if c in APOSTROPHES else re.escape(c) for c in name)


def _in_word(char: str) -> bool:
    """What may not touch a name on either side: a word character (as regex ``\\w``) or a
    hyphen ("Kyiv" is not found in "Kyiv-based")."""
    return char.isalnum() or char in "_-"


class Index:
    """Longest-first, word-bounded, case-sensitive matching of entry names in a text.

    Names are found with an Aho-Corasick automaton (pyahocorasick): every occurrence in one
    pass, then the leftmost, longest of those standing as words, as a regex alternation of
    the names ordered longest first would find them. It builds in about a millisecond for
    a thousand names; that alternation took ~40 ms to compile, paid by every ingest after
    another had added a draft actor.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)  # shared between gazetteers (index_of): never changed
        by_name: dict[str, Entry] = {}
        for entry in self.entries:
            for name in entry.names:
                if name:
                    by_name.setdefault(_normal(name), entry)
        self._by_name = by_name
        self._automaton = ahocorasick.Automaton()
        for name in by_name:
            self._automaton.add_word(name, len(name))
        if by_name:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        if not self._by_name:
            return []
        folded = _normal(text)  # one apostrophe for the other: the offsets stay the text's
        longest: dict[int, int] = {}  # start -> end of the longest name standing as a word
        for last, length in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and _in_word(folded[start - 1]):
                continue
            if end < len(folded) and _in_word(folded[end]):
                continue
            if longest.get(start, -1) < end:
                longest[start] = end
        mentions, position = [], 0
        for start in sorted(longest):
            if start >= position:
                end = longest[start]
                mentions.append(Mention(start, end, self._by_name[folded[start:end]]))
                position = end
        return mentions

    def exact(self, name: str) -> Entry | None:
        return self._by_name.get(_normal(name))


def _names(entry: Entry, text: str) -> bool:
    """Whether ``text`` names the entry, or a people of it ("Azerbaijani", "Russian")."""
    return any(_name_or_people(name).search(text) for name in entry.names)


@lru_cache(maxsize=4096)
def _name_or_people(name: str) -> re.Pattern[str]:
    """A name or its people's adjective as a word, compiled once per name."""
    return re.compile(rf"(?<![\w-]){_name_pattern(name)}(?:i|n|ian)?(?![\w-])")


def _normal(name: str) -> str:
    return name.replace("'", "’")


@lru_cache(maxsize=8)
def index_of(entries: tuple[Entry, ...]) -> Index:
    """The index of these entries, built once per process while they stay the same.

    Compiling the names' pattern is most of an index's cost (~40 ms for a few hundred
    actors), and an ingest asks for the same entries several times (the database's, with
    the world, for its text); a queue worker asks again for every job."""
    return Index(entries)


class Gazetteer:
    def __init__(
        self, actors: Iterable[Entry] = (), places: Iterable[Entry] = (), world: World | None = None
    ) -> None:
        self.actors = index_of(tuple(actors))
        self.places = index_of(tuple(places))
        self.world = world

    def with_world(self) -> "Gazetteer":
        """This gazetteer plus the packaged world places and capitals (loaded once)."""
        gazetteer = Gazetteer(self.actors.entries, self.places.entries, load_world())
        return gazetteer

    def for_text(self, text: str) -> "Gazetteer":
        """The gazetteer for one article: a generic alias ("defence ministry") stands for its
        actor only when the text names the actor it belongs to ("Azerbaijan" for the "Ministry
        of Defence of Azerbaijan"); in an article about Myanmar it is a new actor."""
        actors = []
        for entry in self.actors.entries:
            generic = [a for a in entry.aliases if a[:1].islower()]
            owners = self._owners(entry) if generic else []
            if owners and not any(_names(owner, text) for owner in owners):
                entry = Entry(
                    entry.slug,
                    entry.name,
                    tuple(a for a in entry.aliases if a not in generic),
                    entry.kind,
                )
            actors.append(entry)
        return Gazetteer(actors, self.places.entries, self.world)

    def _owners(self, entry: Entry) -> list[Entry]:
        """Known actors and places named inside an entry's name ("... of Azerbaijan")."""
        words = entry.name.split()
        found = []
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                for index in (self.actors, self.places):
                    owner = index.exact(part)
                    if owner is not None and owner is not entry:
                        found.append(owner)
        return found

    @classmethod
    def world(cls) -> "Gazetteer":
        """Only the packaged world gazetteer: no actors or places of our own."""
        return cls(world=load_world())

    @classmethod
    def from_rows(
        cls,
        actors: Iterable[tuple[Any, ...]],
        places: Iterable[tuple[str, str, Iterable[str], str]] = (),
    ) -> "Gazetteer":
        """From plain ``(slug, name, aliases, kind)`` rows; an actor row may add its country
        (which a speaking capital needs to find its government)."""
        return cls(
            [Entry(s, n, tuple(a), k, *country) for s, n, a, k, *country in actors],
            [Entry(s, n, tuple(a), k) for s, n, a, k in places],
        )

    @classmethod
    def from_models(cls, actors: Iterable, places: Iterable) -> "Gazetteer":
        """From Actor and Place querysets (or any iterables of such objects)."""
        return cls(
            [Entry(a.slug, a.name, tuple(a.aliases), a.kind, a.country) for a in actors],
            [Entry(p.slug, p.name, tuple(p.aliases), p.kind) for p in places],
        )

    def resolve_actor(self, phrase: str) -> ActorRef:
        """The actor a speaker phrase ("Azerbaijan’s Defence Minister Anar Eyvazov") names."""
        phrase = clean_phrase(phrase)
        entry = self.actors.exact(phrase)
        if entry:
            return ActorRef(entry.name, entry.slug, entry.kind, False)
        state = self.state(phrase)
        if state is not None:
            return state
        person = person_name(phrase)
        if person:
            entry = self.actors.exact(person)
            if entry:
                return ActorRef(entry.name, entry.slug, entry.kind, False)
            return ActorRef(person, None, "person", True)
        named = organisation_name(phrase)
        if named:
            entry = self.actors.exact(named)
            if entry:
                return ActorRef(entry.name, entry.slug, entry.kind, False)
            return ActorRef(named, None, guess_actor_kind(phrase), True)
        heads = [m for m in self.actors.find(phrase) if m.end == len(phrase)]
        if heads:
            entry = max(heads, key=lambda m: m.end - m.start).entry
            return ActorRef(entry.name, entry.slug, entry.kind, False)
        return ActorRef(phrase, None, guess_actor_kind(phrase), True)

    def state(self, phrase: str) -> ActorRef | None:
        """A capital that speaks is its government ("Kyiv said"), a country speaks for itself.

        The one rule for a speaking capital (ingest matching has none of its own): the
        country's one known government body, else its one known state, else an actor named
        for the country, else a new state actor with the country's code."""
        if self.world is None:
            return None
        country = self.world.capital_of(phrase)
        capital = country is not None
        if country is None and self.world.is_country(phrase):
            country = phrase
        if country is None:
            return None
        code = self.world.code_of(country)
        named = self.actors.exact(country)
        if capital:
            entry = self._speaks_for(code, ("government_body", "state")) or named
        else:
            entry = named or self._speaks_for(code, ("state",))
        if entry:
            return ActorRef(entry.name, entry.slug, entry.kind, False, entry.country)
        return ActorRef(country, None, "state", False, code)

    def _speaks_for(self, code: str, kinds: tuple[str, ...]) -> Entry | None:
        """The one known actor of ``kinds`` (in that order) recorded for country ``code``."""
        for kind in kinds:
            found = [e for e in self.actors.entries if e.country == code and e.kind == kind]
            if code and len(found) == 1:
                return found[0]
        return None

    def is_capital(self, name: str) -> bool:
        return self.world is not None and self.world.capital_of(name) is not None

    def resolve_place(self, phrase: str, hint: str = "") -> PlaceRef:
        phrase = clean_phrase(phrase)
        entry = self.places.exact(phrase)
        if entry:
            return PlaceRef(entry.name, entry.slug, entry.kind, False)
        known = self.world.place(phrase) if self.world is not None else None
        if (
            known is not None
            and known.kind == "city_town"
            and guess_place_kind(hint)
            not in {
                "city_town",
                "site_building",
            }
        ):
            known = None  # "the Donetsk region" is not the city of Donetsk
        if known is not None:
            return PlaceRef(
                phrase,
                None,
                known.kind,
                False,
                country=known.country,
                latitude=known.latitude,
                longitude=known.longitude,
                precision=known.precision,
                from_gazetteer=True,
                geonameid=known.geonameid,
            )
        # "Dnipro river", "Lido beach": the feature word in the name tells the kind.
        feature = phrase.rsplit(" ", 1)[-1] if " " in phrase else ""
        return PlaceRef(phrase, None, guess_place_kind(hint or feature), True)


DETERMINERS = re.compile(r"^(?:the|a|an|The|A|An)\s+")
# Titles in either case ("Governor", "regional governor"); the name after them is capitalised.
TITLES = (
    r"(?i:president|prime minister|(?:defence|defense|foreign|interior) minister|minister|"
    r"chancellor|secretary|spokesperson|spokesman|spokeswoman|general|gen\.|colonel|"
    r"commander|ambassador|official|mayor|governor|king|queen|envoy|leader|chief|journalist|"
    r"reporter|witness|eyewitness|resident|activist|doctor|analyst|researcher|lawyer|director|"
    r"medic|nurse|farmer|teacher|head|adviser|advisor|negotiator|monitor)"
)
# Ranks written before a name ("Major Yahya Rasool"): part of the title, not of the name.
RANKS = re.compile(
    r"^(?:(?:Major|Maj\.|Captain|Capt\.|Lieutenant|Lt\.|Colonel|Col\.|General|Gen\.|"
    r"Brigadier|Sergeant|Sgt\.|Admiral|Commander)\s+)+"
)
PERSON = re.compile(rf"{TITLES}\s+((?:[A-Z][\w’'.-]+\s+){{0,5}}[A-Z][\w’'-]+)$")


# "the al Qaeda-linked group JNIM", "the rebel alliance Arakan Army": a description, then the name.
ORGANISATION = re.compile(
    r"^[a-z][\w’' -]*\b(?:group|militia|movement|alliance|faction|coalition|organisation|"
    r"organization|firm|company|monitor|charity|agency|broadcaster|network|outlet|newspaper)"
    r"\s+((?:[A-Z][\w’'-]+\s+){0,4}[A-Z][\w’'-]+)$"
)


def organisation_name(phrase: str) -> str | None:
    """The name in "al Qaeda-linked group JNIM": the capitalised words after the head noun."""
    match = ORGANISATION.search(phrase)
    return match.group(1) if match else None


BRACKETED_ACRONYM = re.compile(r"\s*\([A-Z]{2,}\)")  # " (RSF)"
INITIAL_AT_END = re.compile(r"\b[A-Z]\.$")  # the last letter of "U.N."


def clean_phrase(phrase: str) -> str:
    """A name without its article, punctuation or bracketed abbreviation ("... Forces (RSF)"),
    and without a description of who leads or backs it ("Kurdish-led", "Houthi-run")."""
    if "(" in phrase:
        phrase = BRACKETED_ACRONYM.sub("", phrase)
    phrase = phrase.strip(" ,;:")
    if phrase.endswith(".") and not INITIAL_AT_END.search(phrase):
        phrase = phrase[:-1]  # a full stop, not the end of "U.N."
    phrase = DETERMINERS.sub("", phrase).strip()
    stripped = SPONSOR.sub("", phrase) if "-" in phrase else phrase
    return stripped if stripped and stripped[0].isupper() else phrase


# "Kurdish-led Syrian Democratic Forces": who leads it is a description, not part of the name.
SPONSOR = re.compile(r"^[A-Z][\w’']*-(?:led|backed|run|based|linked|affiliated|aligned|allied) ")


CAPITAL_AFTER_SPACE = re.compile(r"\s[A-Z]")


def person_name(phrase: str) -> str | None:
    """The name in "Azerbaijani President Ilham Aliyev": the capitalised words after a title."""
    if not CAPITAL_AFTER_SPACE.search(phrase):
        return None  # no capitalised word after a title: the case-blind title scan is costly
    match = PERSON.search(phrase)
    if match:
        return RANKS.sub("", match.group(1)) or match.group(1)
    return None


ACTOR_KIND_WORDS = [
    (
        "person",
        r"\b(?:spokesperson|spokesman|spokeswoman|official|commander|minister|envoy)\b|"
        r"\b(?:governor|mayor)\b(?![’'])|"
        r"^(?:head|chief) of\b",
    ),
    ("ministry_agency", r"\b(?:ministry|agency|service|department|office)\b"),
    (
        "armed_force",
        r"\b(?:army|forces?|soldiers|troops|units?|regiments?|brigade|military|navy|guard|"
        r"militias?|rebels?|insurgents?|militants?|jihadists?)\b|"
        r"\b(?:armed|militant|rebel|jihadist|islamist|insurgent|linked) (?:group|movement)\b",
    ),
    (
        "government_body",
        r"\b(?:authorities|government|kremlin|presidency|parliament|cabinet|junta|"
        r"administration)\b",
    ),
    ("media_outlet", r"\b(?:newspaper|television|tv|radio|news|times|post|euronews)\b"),
    (
        "international_organisation",
        r"\b(?:organization|organisation|group|union|nations|nato|osce|council|committee)\b",
    ),
]


ACTOR_KIND_PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in ACTOR_KIND_WORDS]


BARE_PROPER_NAME = re.compile(r"[A-Z][a-z][\w’'-]*")  # fullmatch: "Athens", not "RSF"


def guess_actor_kind(phrase: str) -> str:
    """A first guess for a new actor's kind from its words; an editor confirms it."""
    lower = phrase.lower()
    for kind, pattern in ACTOR_KIND_PATTERNS:
        if pattern.search(lower):
            return kind
    # A bare proper name ("Athens", "Armenians") speaking for itself is usually a state;
    # "Witnesses" or "Officials" are sources, not states.
    # An acronym ("RSF", "JNIM") is an organisation more often than a state.
    if BARE_PROPER_NAME.fullmatch(phrase) and phrase.lower() not in COMMON_SOURCES:
        return "state"
    return "other"


COMMON_SOURCES = {
    "witnesses", "officials", "residents", "sources", "activists", "medics", "analysts",
    "police", "rescuers", "doctors", "locals", "observers", "diplomats", "monitors",
}  # fmt: skip


# Natural features are no towns: a river, sea or valley is an area (no point to give it),
# a beach or a crossing a site.
AREA_FEATURES = re.compile(
    r"\b(?:river|sea|strait|gulf|bay|lake|coast|valley|heights|mountains|hills|island|desert|"
    r"plain|plateau|delta)\b"
)
SITE_FEATURES = re.compile(r"\b(?:beach|crossing|bridge|dam)\b")
PROVINCE_WORDS = re.compile(r"\b(?:region|province|provinces|district|districts|oblast)\b")
BORDER_WORDS = re.compile(r"\b(?:border|front line)\b")
BUILDING_WORDS = re.compile(r"\b(?:cathedral|church|mosque|airport|base|hospital|school|plant)\b")


def guess_place_kind(hint: str) -> str:
    lower = hint.lower()
    if AREA_FEATURES.search(lower):
        return "region"
    if SITE_FEATURES.search(lower):
        return "site_building"
    if PROVINCE_WORDS.search(lower):
        return "province_district"
    if BORDER_WORDS.search(lower):
        return "border_area"
    if BUILDING_WORDS.search(lower):
        return "site_building"
    return "city_town"
