"""Is a new draft actor one already recorded? Names, aliases, country, kind and context.

The gazetteer already finds an actor by its exact name or alias. What reaches this module
is a name nothing matched: "Armenia's Defence Ministry" when "Ministry of Defence of
Armenia" is known. (A capital that speaks, "Kyiv said", is resolved once, by the extractor's
world gazetteer: ``conflict.extraction.gazetteer.Gazetteer.state``.) Names are compared
as sets of normalised words (a country's adjective as its name, word order ignored),
fuzzily where spelling differs; a different country or an incompatible kind is a veto.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..models import Actor
from ..models.choices import ActorKind

# At or above this an identical word set of the same kind and country merges automatically;
# anything from POSSIBLE is asked.
POSSIBLE = 0.80

# Countries and the words that name them, to read whose body a name says ("Armenia's ...").
# A small table on purpose: the conflicts our sources report.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "AZ": ("azerbaijan", "azerbaijani", "azeri"),
    "AM": ("armenia", "armenian"),
    "UA": ("ukraine", "ukrainian"),
    "RU": ("russia", "russian"),
    "TR": ("turkey", "turkish", "türkiye"),
    "GE": ("georgia", "georgian"),
    "IR": ("iran", "iranian"),
    "IL": ("israel", "israeli"),
    "SY": ("syria", "syrian"),
    "SD": ("sudan", "sudanese"),
    "ML": ("mali", "malian"),
    "MM": ("myanmar", "burmese"),
    "FR": ("france", "french"),
    "US": ("united states", "american", "u.s."),
    "GB": ("britain", "british", "united kingdom"),
    "CN": ("china", "chinese"),
    "BY": ("belarus", "belarusian"),
    "PL": ("poland", "polish"),
    "DE": ("germany", "german"),
}
COUNTRY_WORDS = {word: code for code, words in COUNTRIES.items() for word in words}
# Words that say nothing about who it is; spelling variants folded together.
FILLER = {"the", "of", "s", "and", "for", "on", "in"}
SPELLING = {
    "defense": "defence",
    "ministry": "ministry",
    "mod": "defence ministry",
    "military": "army",
    "armed": "army",
    "forces": "army",
}
# Kinds that can name the same body in two reports ("the Ministry" / "the government").
KIN = {
    ActorKind.STATE: {ActorKind.STATE, ActorKind.GOVERNMENT_BODY},
    ActorKind.GOVERNMENT_BODY: {ActorKind.GOVERNMENT_BODY, ActorKind.STATE},
    ActorKind.MINISTRY_AGENCY: {ActorKind.MINISTRY_AGENCY, ActorKind.GOVERNMENT_BODY},
    ActorKind.ARMED_FORCE: {ActorKind.ARMED_FORCE},
    ActorKind.PERSON: {ActorKind.PERSON},
}


@lru_cache(maxsize=16384)  # every ingest compares the same known names
def country_of(name: str) -> str:
    """The country a name names ("Armenia's Defence Ministry": AM), or ""."""
    lower = name.lower().replace("\u2019", "'")
    found = {code for word, code in COUNTRY_WORDS.items() if f" {word} " in f" {_plain(lower)} "}
    return found.pop() if len(found) == 1 else ""


def _plain(text: str) -> str:
    text = text.replace("'s ", " ").replace("'", " ")
    return " ".join("".join(c if c.isalnum() or c == "." else " " for c in text).split())


@lru_cache(maxsize=16384)  # every ingest compares the same known names
def name_key(name: str) -> frozenset[str]:
    """A name as a set of words: case, possessives, fillers and word order ignored, a
    country's adjective as its name, spelling variants folded."""
    words = []
    for word in _plain(name.lower().replace("\u2019", "'")).split():
        word = SPELLING.get(word, word)
        for part in word.split():
            if part in FILLER:
                continue
            code = COUNTRY_WORDS.get(part)
            words.append(f"country:{code}" if code else part)
    return frozenset(words)


def one_word_misspelt(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same words but one, spelt alike ("Minstry" for "Ministry"): a typo, not a name.
    Short words never count ("army" and "navy" differ by as much)."""
    only_a, only_b = a - b, b - a
    if len(only_a) != 1 or len(only_b) != 1 or not (a & b):
        return False
    x, y = next(iter(only_a)), next(iter(only_b))
    return min(len(x), len(y)) >= 5 and SequenceMatcher(None, x, y).ratio() >= 0.85


@dataclass
class ActorScore:
    candidate: int
    value: float
    reasons: list[str]
    same_words: bool


@dataclass
class Known:
    """What is compared of an existing actor."""

    id: int
    kind: str
    country: str
    keys: list[frozenset[str]]
    names: list[str]
    words: list[str] = field(default_factory=list)  # each key's words, sorted, joined

    def __post_init__(self) -> None:
        self.words = self.words or [" ".join(sorted(key)) for key in self.keys]


@dataclass(frozen=True)
class NewName:
    """A new actor's name as compared: read once, compared with every known actor."""

    name: str
    country: str
    key: frozenset[str]
    words: str

    @classmethod
    def of(cls, name: str) -> "NewName":
        key = name_key(name)
        return cls(name, country_of(name), key, " ".join(sorted(key)))


class KnownActors:
    """The known actors, indexed so that a new name meets only those it may be.

    A known actor can score from POSSIBLE up only by sharing a word with the new name (the
    same words, or the same but one misspelt) or by a difflib ratio from POSSIBLE up, and
    difflib's ratio (2M/T, M the characters of the matching blocks it finds) never exceeds
    the Indel similarity (2·LCS/T), which rapidfuzz computes for every name at once in C.
    So :meth:`candidates` keeps every actor :func:`ranked` could keep, and the rest are not
    compared one by one in Python: matching stays flat as draft actors accumulate.
    """

    def __init__(self, known: Iterable[Known]) -> None:
        self.known = list(known)
        self._by_word: dict[str, set[int]] = {}
        self._words: list[str] = []  # every name's words, sorted, joined
        self._owner: list[int] = []  # the actor (its index in ``known``) of each
        for number, actor in enumerate(self.known):
            for key, words in zip(actor.keys, actor.words, strict=True):
                for word in key:
                    self._by_word.setdefault(word, set()).add(number)
                self._words.append(words)
                self._owner.append(number)

    def __iter__(self) -> Iterator[Known]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)

    def candidates(self, new: "NewName", cutoff: float) -> list[Known]:
        """The known actors that may score ``cutoff`` or more against ``new``."""
        found: set[int] = set()
        for word in new.key:
            found |= self._by_word.get(word, set())
        if new.words:
            # fuzz.ratio is 100·2·LCS/T; a hair under the cutoff for the floats' sake.
            alike = process.extract(
                new.words,
                self._words,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=max(cutoff * 100 - 1e-6, 0),
                limit=None,
            )
            found |= {self._owner[index] for _words, _score, index in alike}
        return [self.known[number] for number in sorted(found)]


def known_actors(exclude: set[int], rows: Iterable[tuple] | None = None) -> KnownActors:
    """Every actor but ``exclude``, as compared here; from ``rows`` (``pk, name, aliases,
    kind, country``) when the caller has read them. Actors are a small table (one per
    thousand claims in the synthetic data); incidents are never read like this."""
    if rows is None:
        rows = Actor._base_manager.values_list("pk", "name", "aliases", "kind", "country")
    return KnownActors(
        Known(pk, kind, country, [name_key(n) for n in [name, *aliases]], [name, *aliases])
        for pk, name, aliases, kind, country in rows
        if pk not in exclude
    )


def score(name: "str | NewName", kind: str, known: Known, cutoff: float = 0.0) -> ActorScore | None:
    """How alike a new actor's name is to a known actor's; None when it cannot be it.

    With a ``cutoff``, names less alike than it are not compared in full (difflib's
    quick ratios bound the ratio from above): the value is then exact only from the cutoff
    up, which is all :func:`ranked` keeps. Every new draft actor is compared with every
    known one, drafts included, so this is what keeps an ingest from slowing down as
    actors accumulate."""
    new = name if isinstance(name, NewName) else NewName.of(name)
    if kind not in KIN.get(known.kind, {known.kind}) and kind != ActorKind.OTHER:
        return None
    country, key = new.country, new.key
    if country and known.country and country != known.country:
        return None
    if not key:
        return None
    best, best_name, same = 0.0, "", False
    # The same words settle it only when they say whose body it is: a generic alias
    # ("defence ministry") in an article about another war is another ministry.
    sure = (country and country == known.country) or not known.country
    for other_key, other_name, other_words in zip(
        known.keys, known.names, known.words, strict=True
    ):
        if key == other_key:
            reasons = [f"same words as {other_name!r}"]
            if not sure:
                reasons.append(f"the name does not say its country ({known.country})")
            return ActorScore(known.id, 1.0 if sure else 0.85, reasons, bool(sure))
        if sure and one_word_misspelt(key, other_key):
            return ActorScore(known.id, 0.95, [f"{other_name!r} but for one word's spelling"], True)
        # Upper bounds first (difflib's real_quick_ratio, from the lengths alone, then its
        # quick_ratio): a name that cannot beat the best so far or the cutoff is skipped.
        floor = max(best, cutoff)
        la, lb = len(new.words), len(other_words)
        if la + lb == 0 or 2.0 * min(la, lb) / (la + lb) <= floor:
            continue
        matcher = SequenceMatcher(None, new.words, other_words)
        if matcher.quick_ratio() <= floor:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, best_name = ratio, other_name
    reasons = [f"name like {best_name!r} ({best:.2f})"]
    if kind != known.kind:
        best *= 0.9
        reasons.append(f"kinds differ ({kind} / {known.kind})")
    if country and country == known.country:
        reasons.append(f"same country ({country})")
    return ActorScore(known.id, round(best, 4), reasons, same)


def ranked(name: str, kind: str, known: "KnownActors | Sequence[Known]") -> list[ActorScore]:
    """Known actors this name may be, best first, from POSSIBLE up."""
    new = NewName.of(name)
    # Below POSSIBLE a name is dropped here, so it need not be compared in full: the cutoff
    # is a little under it (ratios are compared as floats, the kept values are exact).
    cutoff = POSSIBLE - 1e-9
    if isinstance(known, KnownActors):
        known = known.candidates(new, cutoff)  # the others cannot reach the cutoff
    scores = [s for k in known if (s := score(new, kind, k, cutoff)) and s.value >= POSSIBLE]
    return sorted(scores, key=lambda s: (-s.value, s.candidate))
