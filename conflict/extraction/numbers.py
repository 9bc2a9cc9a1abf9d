"""Numbers as losses: "30 civilians have been killed", "ten tanks ... were destroyed", "many
wounded", "a war that killed about 30,000 people", "its military death toll to 350".

Functions return :class:`FoundLoss` values with offsets into the text they were given; the
pipeline attaches sides, periods and incidents.
"""

# ruff: noqa: RUF001 (curly quotes and apostrophes are the text's own)

import re
from dataclasses import dataclass

from .clauses import AUXILIARIES, FINITE_VERBS

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
VAGUE = ["many", "some", "several", "dozens", "scores", "hundreds", "thousands", "few", "a few"]
APPROXIMATE = ["about", "around", "nearly", "almost", "roughly", "some", "approximately"]
AT_LEAST = ["at least", "more than", "over"]
AT_MOST = ["up to", "as many as", "fewer than", "less than"]

_WORDNUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?)"
QUALIFIER = "|".join(APPROXIMATE + AT_LEAST + AT_MOST)
# "between 10 and 15": a range, the low end in ``lo``.
COUNT = rf"(?:(?P<range>between (?P<lo>{NUMBER}) and )|(?P<qual>{QUALIFIER}) )?(?P<num>{NUMBER})"
VAGUE_COUNT = rf"(?P<vague>{'|'.join(VAGUE)})"

PEOPLE = (
    r"(?:civilians?|servicem[ae]n|service members?|soldiers?|troops|people|persons?|fighters?|"
    r"militants?|children|child|women|woman|residents?|police(?:men| officers?)?|officers?|"
    r"personnel|villagers?|combatants?|conscripts?|insurgents?|rebels?|jihadists?|terrorists?|"
    r"gunmen|gunman|attackers?|sailors?|pilots?|marines?|paratroopers?|guards?|journalists?|"
    r"patients?|students?|refugees?|passengers?|worshippers?|aid workers?|workers?|hostages?|"
    r"prisoners?|detainees?|crew members?|crewmen|crew|peacekeepers?|miners?|assailants?|"
    r"mercenaries|men|teenagers?|advisers?|generals?|fishermen|members?|medics?|"
    r"doctors?|nurses?|farmers?|herders?|shepherds?|displaced people|"
    r"(?-i:[A-Z][a-z]+(?:ians|ans|is|ese|ites)))"
)

CIVILIAN_WORDS = re.compile(
    r"civilian|children|women|residents|villagers|journalists|patients|students|refugees|"
    r"passengers|worshippers|workers",
    re.IGNORECASE,
)
MILITARY_WORDS = re.compile(
    r"servicem|service members|soldier|troops|fighters|militants|police|officers|military|"
    r"personnel|combatants|conscripts|insurgents|rebels|jihadists|terrorists|gunmen|attackers|"
    r"sailors|pilots|marines|paratroopers|guards",
    re.IGNORECASE,
)
PEOPLE_VERBS = {
    "killed": "killed",
    "executed": "killed",
    "executing": "killed",
    "lost": "killed",
    "losing": "killed",
    "neutralised": "killed",
    "neutralized": "killed",
    "neutralising": "killed",
    "neutralizing": "killed",
    "dead": "killed",
    "died": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "missing": "missing",
    "captured": "captured",
    "taken prisoner": "captured",
    "killing": "killed",
    "wounding": "wounded",
    "injuring": "wounded",
}
MATERIEL_VERBS = {
    "destroyed": "destroyed",
    "shot down": "shot_down",
    "downed": "shot_down",
    "intercepted": "shot_down",
    "damaged": "damaged",
    "captured": "captured",
    "seized": "captured",
    "destroying": "destroyed",
    "shooting down": "shot_down",
    "intercepting": "shot_down",
    "damaging": "damaged",
    "burned": "destroyed",
    "burnt": "destroyed",
    "razed": "destroyed",
    "torched": "destroyed",
    "sunk": "destroyed",
    "sank": "destroyed",
}
# Passive and elliptic forms only ("were killed", "143 wounded"), not participles ("killing").
_PEOPLE_VERB = "|".join(v for v in PEOPLE_VERBS if not v.endswith("ing") and v not in {"executed"})
_MATERIEL_VERB = "|".join(MATERIEL_VERBS)
LINK = r"(?:(?:have|has|had|were|was|are|is) (?:been )?|had been )?"

# Names ("Azerbaijani", "Hamas") and up to two plain adjectives ("young", "more") between a count
# and its people; never a number or a clause word, so "a statement that three hostages" is no
# count of one.
ADJECTIVES = (
    rf"(?-i:(?: (?!(?:{_WORDNUM}|that|which|who|and|or|of|the|said|says|were|was|had|have|has|"
    rf"been|are|is)\b)[a-z]+){{0,2}})"
)
# "30 civilians have been killed", "19 civilians were killed", "30 of their servicemen were
# killed", "some Azerbaijani civilians were killed and wounded", "One civilian was killed".
PEOPLE_PASSIVE = re.compile(
    rf"\b(?:{COUNT}|{VAGUE_COUNT}|(?P<zero>no))(?: of(?: their| its| his| her| our| the)?)?"
    rf"(?P<mods>(?-i:(?: [A-Z][\w’'-]+| [a-z]+-[a-z]+| al| el)*){ADJECTIVES}) "
    rf"(?P<noun>{PEOPLE}|others)\b"
    rf"(?P<gap>[^.;:]{{0,40}}?) {LINK}[\"“]?(?P<verb>{_PEOPLE_VERB})\b[\"”]?"
    rf"(?: and (?P<verb2>{_PEOPLE_VERB})\b)?",
    re.IGNORECASE,
)
# "There were no casualties", "no civilian casualties": zero killed.
NO_CASUALTIES = re.compile(
    r"\bno (?:(?:civilian|military|[a-z]+) )?(?:casualties|deaths)\b", re.IGNORECASE
)
# "no ships were damaged"
NO_MATERIEL = re.compile(
    r"\bno (?P<equipment>[a-z]+) (?:was|were|had been|have been) "
    r"(?P<verb>destroyed|damaged|shot down|downed|captured)\b",
    re.IGNORECASE,
)
# "the bodies of 14 people": that many dead.
BODIES = re.compile(rf"\bbodies of {COUNT}\b", re.IGNORECASE)
# "Hamas leader Yahya Sinwar was killed": one named person.
NAMED_KILLED = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'-]+ ){1,3}[A-Z][\w’'-]+ (?:was|has been|had been) "
    r"(?P<verb>killed|wounded|injured|captured)\b"
)
# "including 35 children", "among them six women": a part of the count just before.
INCLUDING = re.compile(
    rf"\b(?:including|among them|of them|of whom) {COUNT}"
    rf"(?P<mods>{ADJECTIVES}) (?P<noun>{PEOPLE})\b",
    re.IGNORECASE,
)
# "killing at least nine people and wounding about 2,800": the second count's people are the
# first's.
ACTIVE_FOLLOW = re.compile(
    rf"(?:,? and |, )(?P<verb>wounding|injuring|killing|wounded|injured|killed) {COUNT}"
    rf"\b(?! (?:{PEOPLE}|others)\b)",
    re.IGNORECASE,
)
# "... and 143 wounded", "... and many wounded": a second count sharing the first's people.
PEOPLE_FOLLOW = re.compile(
    rf"\b(?:and|,) (?:{COUNT}|{VAGUE_COUNT}) (?:more )?(?P<verb>{_PEOPLE_VERB})\b", re.IGNORECASE
)
# "killed about 30,000 people", "killing at least 3 civilians and wounding 12 others"
PEOPLE_ACTIVE = re.compile(
    rf"(?<![\w-])[\"“]?(?P<verb>killed|killing|wounded|wounding|injured|injuring|captured|"
    rf"executing|executed|lost|losing|neutrali[sz]ed|neutrali[sz]ing)\b[\"”]? "
    rf"[\"“]?(?:{COUNT}|{VAGUE_COUNT})[\"”]?(?: of(?: their| its| his| her| our| the)?)?"
    rf"(?P<mods>(?-i:(?: [A-Z][\w’'-]+| al| el)*){ADJECTIVES}) "
    rf"(?P<noun>{PEOPLE}|others)\b",
    re.IGNORECASE,
)
# "leaving one sailor missing", "left two fishermen dead": people in the state an event left
# them in; the state is the loss ("missing" is a loss of its own, not a death).
LEFT_IN_STATE = re.compile(
    rf"\b(?:leaving|left) (?:{COUNT}|{VAGUE_COUNT})(?: of(?: their| its| his| her| our| the)?)?"
    rf"(?P<mods>(?-i:(?: [A-Z][\w’'-]+| al| el)*){ADJECTIVES}) "
    rf"(?P<noun>{PEOPLE}|others) (?P<verb>dead|missing|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
# "... and three wounded" right after it: a second count of the same people.
LEFT_FOLLOW = re.compile(
    rf"(?:,? and |, )(?:{COUNT}|{VAGUE_COUNT}) (?:more |others )?"
    rf"(?P<verb>dead|missing|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
STATE_CATEGORY = {"dead": "killed", "missing": "missing", "wounded": "wounded"}
STATE_CATEGORY |= {"injured": "wounded", "hurt": "wounded"}
# "no one was hurt", "nobody was killed or wounded", "none of the crew were injured": zero.
NO_ONE = re.compile(
    r"\b(?:no one|no-one|nobody|none(?: of (?:them|us|(?:the |its |their )?[a-z]+))?)"
    r"(?: else)? (?:was|were|has been|had been|have been) (?:reported )?"
    r"(?P<verb>killed|wounded|injured|hurt)(?: or (?P<verb2>killed|wounded|injured|hurt))?\b",
    re.IGNORECASE,
)
# "its military death toll to 350", "the death toll rose to 42"
DEATH_TOLL = re.compile(
    rf"\b(?:(?P<pop>military|civilian) )?(?:death )?toll "
    rf"(?:(?:in|from|of) [\w -]{{1,30}}? )?(?:to|at|of|"
    rf"(?:has |had )?(?:rose|risen|climbed|jumped|reached|stands at|stood at)(?: to)?) {COUNT}\b",
    re.IGNORECASE,
)
# Materiel: "Ten tanks, six D-20 howitzers, one Akatsiya self-propelled howitzer and 30
# vehicles belonging to Armenia were destroyed"; "one unmanned air vehicle ... was shot down".
MATERIEL_ITEM = re.compile(
    rf"(?:^|(?<=[\s,]))(?:{COUNT}|(?P<vague>dozens|scores|hundreds|thousands) of)(?: of \d+)? "
    rf"(?P<equipment>(?!(?:was|were|had|have|has|is|are|been)\b)"
    rf"(?:(?:[A-Z]\.)+ )?(?:[\w’'-]+ ){{0,3}}?[\w-]+?)"
    rf"(?=[,;]|\.(?!\w)|$| and | (?:belonging|of|from|near|in|on|at|since|during|over|across|along|"
    rf"launched|used|was|were|had|have|has|overnight|yesterday|today|last|when|after|before)\b)",
    re.IGNORECASE,
)
# "launched 40 drones and three missiles, of which 35 were shot down": part of the list.
PARTITIVE = re.compile(rf"\bof (?:which|them|these|those) {COUNT} $", re.IGNORECASE)
# A verb before a passive one ends what could be its subject ("Russia had launched 40 drones").
SUBJECT_BOUNDARY = re.compile(
    r"(?<![\w-])(?:" + "|".join(AUXILIARIES + FINITE_VERBS) + r")(?![\w-])"
)
MATERIEL_VERB = re.compile(rf"\b(?:was|were|been|is|are) (?P<verb>{_MATERIEL_VERB})\b")
# "shot down 14 of 16 Shahed drones", "destroyed two HIMARS launchers and 5 tanks"
MATERIEL_ACTIVE = re.compile(rf"\b(?<!(?:was|ere|een|are|.is) )(?P<verb>{_MATERIEL_VERB}) ")


# A nationality before the equipment ("12 Russian drones", "two Israeli tanks") names whose it
# was, the loss's side, not what it was: the pipeline finds the side, the equipment drops it.
DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|i|can|ccan)(?:-(?:made|built))?|U\.S\.|U\.K\.|US|UK)"
    r"\s+(?=\S)"
)


@dataclass(frozen=True)
class FoundLoss:
    start: int
    end: int
    category: str
    population: str  # "" for materiel
    equipment: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    rule: str = "a count with a loss verb"

    @property
    def confidence(self) -> float:
        """How sure the rule is: a vague amount or a zero is less certain than a figure."""
        score = RULE_CONFIDENCE.get(self.rule, 0.85)
        if self.best is None and self.low is None:
            score -= 0.15  # "dozens", "many"
        return round(score, 2)


RULE_CONFIDENCE = {
    "a count with a loss verb": 0.85,
    "a part of the count before it ('including')": 0.75,
    "a second count sharing the first's people": 0.8,
    "a zero ('no casualties')": 0.7,
    "'the bodies of N'": 0.75,
    "a named person": 0.6,
    "a zero for materiel ('no ships were damaged')": 0.7,
    "a death toll": 0.85,
    "materiel with a loss verb": 0.8,
    "people an event left dead, wounded or missing": 0.8,
    "a zero ('no one was hurt')": 0.7,
}


# A word every loss pattern needs (a verb of loss, a toll, casualties, bodies).
LOSS_HINT = re.compile(
    r"kill|dead|died|wound|injur|hurt|missing|captur|prisoner|execut|lost|losing|neutrali|"
    r"destro|shot down|shooting down|downed|intercept|damag|seiz|burn|razed|torched|sunk|sank|"
    r"toll|casualt|deaths|bodies"
)  # matched against the lowercased text: Python's re is slow on case-blind alternations


# A verb the people patterns need (lowercased text).
PEOPLE_VERB_HINT = re.compile(
    r"kill|dead|died|wound|injur|hurt|missing|captur|prisoner|execut|lost|losing|neutrali"
)


NUMBER_WORD_BREAK = re.compile(r"[- ]")  # "twenty-one", "a hundred"


def parse_number(text: str) -> int:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    total = 0
    parts = NUMBER_WORD_BREAK.split(text)
    if len(parts) > 1 and parts[0] in {"a", "an"}:
        parts = parts[1:]  # "a dozen", "a hundred"
    for part in parts:
        value = WORD_NUMBERS[part]
        total = total * value if value == 100 else total + value
    return total


def _counts(match: re.Match[str]) -> tuple[int | None, int | None, int | None, str]:
    groups = match.groupdict()
    if groups.get("zero"):
        return 0, 0, 0, ""
    if groups.get("vague"):
        return None, None, None, groups["vague"].lower()
    value = parse_number(groups["num"])
    if groups.get("lo"):
        return parse_number(groups["lo"]), None, value, "between"
    qualifier = (groups.get("qual") or "").lower()
    if qualifier in AT_LEAST:
        return value, value, None, qualifier
    if qualifier in AT_MOST:
        return None, value, value, qualifier
    if qualifier:
        return None, value, None, qualifier
    return value, value, value, ""


def _population(words: str) -> str:
    if CIVILIAN_WORDS.search(words):
        return "civilian"
    if MILITARY_WORDS.search(words):
        return "military"
    return "unknown"


def find_losses(text: str) -> list[FoundLoss]:
    """Every loss the text states, in order."""
    lower = text.lower()
    if not LOSS_HINT.search(lower):
        return []  # no loss word: one cheap look instead of every pattern
    found: list[FoundLoss] = []
    people = PEOPLE_VERB_HINT.search(lower) is not None
    left = _left_in_state(text) if people and ("left" in lower or "leaving" in lower) else []
    found.extend(left)
    for match in PEOPLE_PASSIVE.finditer(text) if people else ():
        if any(loss.start <= match.start() < loss.end for loss in left):
            continue  # "left two fishermen missing and three wounded": read as left, above
        population = _population(match.group("noun") + (match.group("mods") or ""))
        low, best, high, qualifier = _counts(match)
        end_of_count = match.end("noun")
        for verb in (match.group("verb"), match.group("verb2")):
            if verb:
                found.append(
                    FoundLoss(
                        match.start(),
                        end_of_count,
                        PEOPLE_VERBS[verb.lower()],
                        population,
                        "",
                        low,
                        best,
                        high,
                        qualifier,
                    )
                )
        for follow in PEOPLE_FOLLOW.finditer(text, match.end(), match.end() + 60):
            f_low, f_best, f_high, f_qual = _counts(follow)
            found.append(
                FoundLoss(
                    min(
                        follow.start(g)
                        for g in ("range", "qual", "num", "vague")
                        if follow.group(g)
                    ),
                    follow.end(),
                    PEOPLE_VERBS[follow.group("verb").lower()],
                    population,
                    "",
                    f_low,
                    f_best,
                    f_high,
                    f_qual,
                )
            )
    population = "unknown"
    # Found once, read twice: for their own counts, then for a second count after each.
    active = list(PEOPLE_ACTIVE.finditer(text)) if people else []
    for match in active:
        low, best, high, qualifier = _counts(match)
        # "wounding 12 others": the same people as the count before
        if match.group("noun").lower() != "others":
            population = _population(match.group("noun") + (match.group("mods") or ""))
        count_start = min(
            match.start(g) for g in ("range", "qual", "num", "vague") if match.group(g)
        )
        found.append(
            FoundLoss(
                count_start,
                match.end(),
                PEOPLE_VERBS[match.group("verb").lower()],
                population,
                "",
                low,
                best,
                high,
                qualifier,
            )
        )
    for match in active:
        # "killing nine people and wounding about 2,800"
        follow = ACTIVE_FOLLOW.match(text, match.end())
        if follow:
            low, best, high, qualifier = _counts(follow)
            found.append(
                FoundLoss(
                    follow.start("verb"),
                    follow.end(),
                    PEOPLE_VERBS[follow.group("verb").lower()],
                    _population(match.group("noun")),
                    "",
                    low,
                    best,
                    high,
                    qualifier,
                    "a second count sharing the first's people",
                )
            )
    for match in INCLUDING.finditer(text) if ("includ" in lower or " of " in lower) else ():
        # a part of the count before it, with that count's category
        before = [loss for loss in found if loss.end <= match.start()]
        if not before:
            continue
        low, best, high, qualifier = _counts(match)
        category = max(before, key=lambda loss: loss.end).category
        population = _population(match.group("noun") + (match.group("mods") or ""))
        found.append(
            FoundLoss(
                match.start(),
                match.end(),
                category,
                population,
                "",
                low,
                best,
                high,
                qualifier,
                "a part of the count before it ('including')",
            )
        )
    for match in NO_CASUALTIES.finditer(text) if "no " in lower else ():
        population = _population(match.group(0))
        found.append(
            FoundLoss(
                match.start(),
                match.end(),
                "killed",
                population,
                "",
                0,
                0,
                0,
                "",
                "a zero ('no casualties')",
            )
        )
    for match in BODIES.finditer(text) if "bodies" in lower else ():
        low, best, high, qualifier = _counts(match)
        found.append(
            FoundLoss(
                match.start(),
                match.end(),
                "killed",
                "unknown",
                "",
                low,
                best,
                high,
                qualifier,
                "'the bodies of N'",
            )
        )
    if not found:
        for match in NAMED_KILLED.finditer(text):
            category = PEOPLE_VERBS[match.group("verb")]
            found.append(
                FoundLoss(
                    match.start(),
                    match.end(),
                    category,
                    "unknown",
                    "",
                    1,
                    1,
                    1,
                    "",
                    "a named person",
                )
            )
    for match in NO_MATERIEL.finditer(text) if "no " in lower else ():
        category = MATERIEL_VERBS[match.group("verb").lower()]
        equipment = _singular(match.group("equipment"))
        found.append(
            FoundLoss(
                match.start(),
                match.end(),
                category,
                "",
                equipment,
                0,
                0,
                0,
                "",
                "a zero for materiel ('no ships were damaged')",
            )
        )
    for match in NO_ONE.finditer(text) if ("no" in lower or "none" in lower) else ():
        for verb in (match.group("verb"), match.group("verb2")):
            if verb:
                found.append(
                    FoundLoss(
                        match.start(),
                        match.end(),
                        PEOPLE_VERBS[verb.lower()],
                        "unknown",
                        "",
                        0,
                        0,
                        0,
                        "",
                        "a zero ('no one was hurt')",
                    )
                )
    for match in DEATH_TOLL.finditer(text) if "toll" in lower else ():
        low, best, high, qualifier = _counts(match)
        population = (match.group("pop") or "unknown").lower()
        found.append(
            FoundLoss(
                match.start(),
                match.end(),
                "killed",
                population,
                "",
                low,
                best,
                high,
                qualifier,
                "a death toll",
            )
        )
    found.extend(_materiel(text, found))
    return sorted(found, key=lambda loss: loss.start)


def _left_in_state(text: str) -> list[FoundLoss]:
    found = []
    for match in LEFT_IN_STATE.finditer(text):
        population = _population(match.group("noun") + (match.group("mods") or ""))
        counts = [(match, match.group("verb"))]
        follow = LEFT_FOLLOW.match(text, match.end())
        if follow:
            counts.append((follow, follow.group("verb")))
        for index, (counted, state) in enumerate(counts):
            start = min(
                counted.start(g) for g in ("range", "qual", "num", "vague") if counted.group(g)
            )
            found.append(
                FoundLoss(
                    start,
                    counted.end("noun") if index == 0 else counted.end(),
                    STATE_CATEGORY[state.lower()],
                    population,
                    "",
                    *_counts(counted),
                    "people an event left dead, wounded or missing",
                )
            )
    return found


# What may stand between two items of one list: ", ", " and ", ", and " (fullmatch).
LIST_JOINER = re.compile(r"\s*(?:,|and|, and)?\s*")
# An item that is people, not materiel ("two tanks and 12 soldiers"): fullmatch, any case.
PEOPLE_OR_OTHERS = re.compile(PEOPLE + "|others", re.IGNORECASE)


def _materiel(text: str, people: list[FoundLoss]) -> list[FoundLoss]:
    found: list[FoundLoss] = []
    # Active voice: the items follow the verb, one list ("destroyed two X and 5 Y near Z").
    for verb in MATERIEL_ACTIVE.finditer(text):
        category = MATERIEL_VERBS[verb.group("verb")]
        position = verb.end()
        for match in MATERIEL_ITEM.finditer(text, position):
            if not LIST_JOINER.fullmatch(text[position : match.start()]):
                break
            loss = _materiel_loss(match, category, people)
            if loss:
                found.append(loss)
            position = match.end()
    if found:
        return found
    verb = MATERIEL_VERB.search(text)
    if verb is None:
        return []
    category = MATERIEL_VERBS[verb.group("verb")]
    # Passive voice: the items are listed before the verb, in the clause's subject, which
    # starts after any verb before it.
    before = text[: verb.start()]
    start = max((m.end() for m in SUBJECT_BOUNDARY.finditer(before)), default=0)
    partitive = PARTITIVE.search(before, start)
    if partitive:
        return _partitive(text, start, partitive, category, people)
    for match in MATERIEL_ITEM.finditer(text, start, verb.end()):
        loss = _materiel_loss(match, category, people)
        if loss:
            found.append(loss)
    return found


def _partitive(
    text: str, start: int, partitive: re.Match[str], category: str, people: list[FoundLoss]
) -> list[FoundLoss]:
    """ "40 drones and three missiles, of which 35 were shot down": one loss of 35, of the
    kinds listed before "of which"."""
    listed = [
        loss
        for match in MATERIEL_ITEM.finditer(text, start, partitive.start())
        if (loss := _materiel_loss(match, category, people))
    ]
    if not listed:
        return []
    kinds = list(dict.fromkeys(loss.equipment for loss in listed))
    low, best, high, qualifier = _counts(partitive)
    count_start = min(partitive.start(g) for g in ("range", "qual", "num") if partitive.group(g))
    return [
        FoundLoss(
            count_start,
            partitive.end("num"),
            category,
            "",
            " or ".join(kinds),
            low,
            best,
            high,
            qualifier,
        )
    ]


def _materiel_loss(
    match: re.Match[str], category: str, people: list[FoundLoss]
) -> FoundLoss | None:
    equipment = match.group("equipment")
    if PEOPLE_OR_OTHERS.fullmatch(equipment.split()[-1]):
        return None
    if any(p.start <= match.start() < p.end for p in people):
        return None
    low, best, high, qualifier = _counts(match)
    return FoundLoss(
        match.start(),
        match.end(),
        category,
        "",
        _singular(DEMONYM.sub("", equipment)),
        low,
        best,
        high,
        qualifier,
    )


def _singular(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])
