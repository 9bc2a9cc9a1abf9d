"""Who says it and how: the reporting frames of news English, found in one sentence.

:func:`analyse_sentence` cuts a sentence into claim units, each with the phrase that names its
speaker as the text gives it ("the defence ministry", "he", "its Foreign Ministry"), or none
(the article's narration), or :data:`PREVIOUS` (a quotation that continues the last speaker's
words). Resolving those phrases to actors needs the sentences before, so it is the pipeline's
job (:mod:`conflict.extraction.pipeline`).
"""

# ruff: noqa: RUF001, RUF003 (curly quotes and apostrophes are the text's own)

import re
from dataclasses import dataclass, field

from .clauses import (
    AUXILIARIES,
    FINITE_VERBS,
    WORD,
    has_finite_verb,
    split_clauses,
    split_quotation,
)
from .dates import MONTH, WEEKDAY
from .segmentation import CLOSE_QUOTES, OPEN_QUOTES, Sentence, Span, inside, quotations

PREVIOUS = "<previous speaker>"

# Verbs whose complement is a clause ("said that ..."): the speech runs on through the
# sentence. Verbs whose complement is a noun phrase ("denied the allegations") end with it.
CLAUSE_VERBS = (
    r"said|says|told|tells|added|adds|claimed|claims|warned|warns|insisted|insists|stated|"
    r"states|announced|announces|confirmed|confirms|reported|reports|alleged|alleges|"
    r"argued|argues|noted|notes|stressed|stresses|wrote|writes|declared|declares|"
    r"explained|explains|estimated|estimates|revealed|reveals|acknowledged|acknowledges"
)
OBJECT_VERBS = (
    r"denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|ruled out|rules out|"
    r"refused|refuses|accused|accuses|condemned|condemns|blamed|blames|called|calls|put|puts|"
    r"described|describes|disputed|disputes|refuted|refutes|held|holds"
)
REPORTING = rf"(?:(?:has|have|had) )?(?:\w+ly )?(?P<verb>{CLAUSE_VERBS}|{OBJECT_VERBS})"
NP_WORD = r"\(?[\w’'.-]+\)?"  # "(RSF)" may follow a name
SPEAKER = rf"(?P<speaker>(?:{NP_WORD} ){{0,7}}?{NP_WORD})"
CHANNEL = (
    r"(?P<channel>\s(?:in an? (?:[A-Z][\w-]+ |video |televised |written |online |joint )?"
    r"(?:statement|interview|post|briefing|press conference|tweet|video|address|message)"
    r"(?: (?:read|posted|published|issued|carried|broadcast) (?:on|by|in) [\w’' -]{1,30}?)?"
    r"|on (?:Twitter|X|Facebook|Telegram|state television|television))"
    r"(?: on \w+)?)"
)
TOLD = rf"(?P<told>told (?P<outlet>(?:{NP_WORD} ){{0,5}}?{NP_WORD})(?: in an interview)?)"
# "Maria Ivanova, head of the regional administration, said": a role in apposition to a name.
ROLE = r"(?:an? |the )?[a-z][\w’'-]*(?: [\w’'.-]+){0,8}?"
# "..., the air force said on Tuesday." / "said in a statement late on Friday": when it was said.
STATED_ON = (
    rf"(?: (?:late |early |earlier |later )?(?:(?:on|last|this) {WEEKDAY}"
    rf"(?: (?:morning|afternoon|evening|night))?|"
    rf"on {MONTH} \d{{1,2}}|on \d{{1,2}} {MONTH})| (?:yesterday|today|earlier|later))"
)
# After the attribution, more of the sentence: ", adding that ...", ", saying ...", or another
# clause (", after the ministry said ...", ", leaving one sailor missing").
TAIL_END = (
    r"(?:(?P<adding>, (?P<participle>adding|saying|reporting|noting|warning|insisting|stressing|"
    r"claiming|calling|describing|accusing|rejecting|denying|dismissing) (?:that )?)|"
    r"(?P<more>, (?=[a-z]))|\s*[.!?]?\s*$)"
)

# `“...,” the defence ministry said in a statement.` / `..., he told Qatar’s The Peninsula
# newspaper.` / `..., the Kremlin cited President Vladimir Putin as saying, adding ...`
TAIL = re.compile(
    rf",?\s*(?:{SPEAKER}(?:, (?P<role>{ROLE}),)? (?:{TOLD}|(?P<verb>said|says|added|adds|"
    rf"claimed|wrote|reported|announced|confirmed|stated|insisted|warned|estimated|alleged|"
    rf"(?:cited|quoted) (?P<cited>(?:{NP_WORD} ){{0,4}}{NP_WORD}) as saying))"
    rf"{STATED_ON}?{CHANNEL}?{STATED_ON}?){TAIL_END}",
)
# "A military spokesman, Major Yahya Rasool, said": a name in apposition to the speaker.
NAME = r"(?:[A-Z][\w’'.-]+ ){1,4}[A-Z][\w’'-]+"
# `“The enemy lost 12 tanks,” said Colonel Oleksandr Shtupun, a military spokesman.`: the
# verb before its speaker, who may be followed by a role.
INVERTED_TAIL = re.compile(
    rf",?\s*(?P<verb>said|says|added|adds|claimed|wrote) {SPEAKER}"
    rf"(?:, (?P<role>(?:an? |the )?(?:{NP_WORD} ){{0,6}}?{NP_WORD}))?{STATED_ON}?{CHANNEL}?"
    r"\s*[.!?]?\s*$"
)
# Not a statement: the reporter says someone did not speak ("Moscow did not comment", "a
# figure the government did not confirm"). Narration, and no speaker goes on after it.
NON_STATEMENT = re.compile(
    r"\b(?:did not|does not|has not|have not|had not|could not|declined to|refused to|"
    r"was not|were not) (?:immediately )?(?:be )?(?:comment|respond|confirm|reached|verified|"
    r"independently verified|available|say|address|dispute)\b|\bno immediate comment\b|"
    r"\bneither confirmed nor denied\b",
    re.IGNORECASE,
)
SILENCE_WORDS = ("not", "declined", "refused", "neither", "no immediate")


def silent(text: str) -> re.Match[str] | None:
    """The words saying someone did not speak, if any (a cheap look for "not" first)."""
    lower = text.lower()
    if not any(word in lower for word in SILENCE_WORDS):
        return None
    return NON_STATEMENT.search(text)


# Subjects that name no speaker: "No group claimed", "Both sides blamed each other".
NO_SPEAKER = re.compile(r"^(?:no|both|neither|none|each|every|all)\b", re.IGNORECASE)
ADVERBIAL_START = (
    r"On|In|Also|Following|After|Before|Earlier|Later|Meanwhile|However|Under|At|During|Since|"
    r"Last|This|Yesterday|Today|Separately|Elsewhere|But|And|Overnight|Speaking|Writing|"
    r"Addressing|Asked|Talking|Responding|Briefing|Interviewed|Quoted|"
    # a participle clause of the speaker before it: "Calling the reports fake news, the ..."
    r"Calling|Denying|Rejecting|Dismissing|Describing|Accusing|Citing|Insisting|Warning"
)
# `..., according to the Sudanese health ministry.`
ACCORDING_TAIL = re.compile(rf",?\s*according to {SPEAKER}\s*[.!?]?\s*$")
ACCORDING_LEAD = re.compile(rf"^According to {SPEAKER}, ")
# `..., saying the army was spreading “lies.”`: the speaker goes on in a participle clause.
SPEECH_PARTICIPLES = {
    "saying", "adding", "calling", "claiming", "insisting", "arguing", "describing", "noting",
    "warning", "accusing", "denying", "stressing", "telling", "rejecting", "dismissing",
    "labelling", "labeling", "branding", "blaming", "condemning", "citing", "reporting",
}  # fmt: skip
SPEECH_PARTICIPLE = re.compile(rf"^(?:{'|'.join(sorted(SPEECH_PARTICIPLES))})\b")
# Participles that deny: ", rejecting a report that ..." is a denial by the speaker.
DENYING_PARTICIPLES = {"denying", "rejecting", "dismissing"}
# `[On Wednesday, ]Armenia has ruled out ...` / `He told Euronews in an interview that ...`
LEAD = re.compile(
    rf"^(?P<adverbial>(?:{ADVERBIAL_START})\b[\w’' -]{{0,40}}, )?{SPEAKER}"
    rf"(?:(?P<relative>, (?:who|which) [^,]+,)|(?P<apposition>, {NAME},)|(?P<role>, {ROLE},))?"
    rf"(?P<sdate>{STATED_ON})? "
    rf"(?:{TOLD}|{REPORTING})\b(?P<date> on \w+(?: \d+)?)?{CHANNEL}?(?P<that> that)?"
)
# `Azerbaijani President Ilham Aliyev’s main demand is for Armenia to ...`
POSSESSIVE = re.compile(
    rf"^{SPEAKER}[’']s (?:main |key |chief |first |only )?"
    r"(?:demand|position|condition|call|goal|aim|view|plan|proposal)s? "
    r"(?:is|was|are|were|remains)\b"
)
# `what it said were ...`, `which he said ...`: an attribution inside a clause.
EMBEDDED = re.compile(rf"\b(?:what|which|as) (?P<speaker>he|she|it|they|{NP_WORD}) said\b")
# `allegations by Azerbaijan’s government that Greece tolerated ...`
ALLEGATION_BY = re.compile(
    rf"\b(?P<noun>allegations?|accusations?|claims?|charges?) (?:by|from) "
    rf"(?P<speaker>(?:{NP_WORD} ){{0,4}}?{NP_WORD}) that\b"
)
AS_CLAIMED_BY = re.compile(
    rf"\bas (?:claimed|alleged|reported|stated|said) by (?P<speaker>(?:{NP_WORD} ){{0,4}}{NP_WORD})"
)
# "a claim denied by Kyiv", "a claim quickly denied by Moscow"
RELATIVE_PASSIVE = re.compile(
    rf"^(?:a|an|the) [a-z]+ (?:that |which )?(?:was )?(?:\w+ly )?"
    rf"(?P<verb>{OBJECT_VERBS}|{CLAUSE_VERBS}) by (?P<speaker>(?:{NP_WORD} ){{0,4}}?{NP_WORD})"
    r"(?=[\s,.;]|$)"
)
# "a claim the Israeli army dismissed as ...", "which Moscow said killed 89", "which Baku called
# a provocation", "an accusation the Gulf state has consistently rejected"
RELATIVE_ACTIVE = re.compile(
    rf"^(?:(?:a|an|the) [a-z]+ (?:that |which )?|which |in what )(?P<speaker>(?:{NP_WORD} ){{0,5}}?"
    rf"{NP_WORD}) (?:(?:has|have|had) )?(?:\w+ly )?(?P<verb>{OBJECT_VERBS}|{CLAUSE_VERBS})\b"
)
# "the M23, which denied any involvement": the speaker is the name before the comma.
RELATIVE_SUBJECT = re.compile(
    rf"^which (?:(?:has|have|had) )?(?:\w+ly )?(?P<verb>{OBJECT_VERBS}|{CLAUSE_VERBS})\b"
)
WANTING = re.compile(r"^(?:wants|want|demands|demand|calls for|urges|insists)\b")
# Words that cannot be part of a speaker's name: relative words, prepositions of place.
NOT_IN_SPEAKER = {
    "who", "which", "what", "that", "as", "whom", "whose", "if", "when", "where", "but", "to",
}  # fmt: skip
# Lowercase "-ed" words that belong in actor names ("armed wing", "Iran-backed militia");
# any other ("declined to comment but") means the phrase has swallowed a verb.
NAME_PARTICIPLES = {
    "armed", "allied", "united", "affiliated", "backed", "based", "led", "linked", "aligned",
    "supported", "occupied", "appointed", "elected", "unnamed", "named", "interim", "retired",
}  # fmt: skip


@dataclass
class Unit:
    """One claim's worth of text and how the sentence attributes it."""

    span: Span
    speaker: str | None  # the words naming the speaker, PREVIOUS, or None for narration
    verb: str = ""
    channel: str = ""
    outlet: str = ""  # a medium named in the channel ("Euronews")
    direct: bool = False
    statement_span: Span | None = None  # where the statement's own date may be written
    nested: list["Unit"] = field(default_factory=list)
    relation_to_previous: str = ""  # "as_claimed_by": the unit states what the one before denies
    person: bool = False  # the speaker phrase is a person's name (a role stood beside it)
    role: str = ""  # that role ("head of the Kherson regional military administration")


def _np_ok(phrase: str) -> bool:
    """A speaker phrase is a short noun phrase: no verb inside, not a quotation."""
    words = WORD.findall(phrase)
    if not words or any(c in phrase for c in OPEN_QUOTES + CLOSE_QUOTES):
        return False
    if any(w.lower() in NOT_IN_SPEAKER for w in words) or NO_SPEAKER.match(phrase):
        return False
    if words[0].lower() in SPEECH_PARTICIPLES:
        return False  # "calling the reports fake news": a clause of the speaker, no speaker
    if any(
        w.endswith("ed") and w.islower() and w.split("-")[-1] not in NAME_PARTICIPLES for w in words
    ):
        return False
    return not any(w.lower() in AUXILIARIES or w.lower() in FINITE_VERBS for w in words)


def analyse_sentence(body: str, sentence: Sentence) -> list[Unit]:
    text = sentence.text
    start = sentence.start
    quotes = quotations(body, sentence.start, sentence.end)

    # "Moscow did not comment.": the reporter's words about a silence.
    silence = silent(text)
    if silence and not quotes and not REPORTING_WORD.search(text, 0, silence.start()):
        return [Unit(c, None) for c in split_clauses(body, start, sentence.end, quotes)]

    # A sentence that is one quotation: the last speaker goes on.
    first = quotes[0] if quotes else None
    rest = body[first.end : sentence.end].strip(" .," + CLOSE_QUOTES) if first else None
    if first and first.start == start + 1 and rest == "":
        return [
            Unit(part, PREVIOUS, direct=True) for part in split_quotation(body, _inner(body, first))
        ]

    # A quotation first, its attribution after it.
    if first and first.start == start + 1 and first.end < sentence.end:
        tail = TAIL.match(body, first.end + 1, sentence.end) or INVERTED_TAIL.match(
            body, first.end + 1, sentence.end
        )
        if tail and _np_ok(tail.group("speaker")):
            units = [
                _tail_unit(part, tail, direct=True)
                for part in split_quotation(body, _inner(body, first))
            ]
            return units + _adding(body, sentence, tail, quotes, units[0])

    # Content first, its attribution at the end (", it said.", ", according to X.").
    according_tail = "according to" in text
    for comma in _commas(body, sentence, quotes):
        tail = (
            TAIL.match(body, comma, sentence.end)
            or (according_tail and ACCORDING_TAIL.match(body, comma, sentence.end))
            or INVERTED_TAIL.match(body, comma, sentence.end)
        )
        if tail and _np_ok(tail.group("speaker")) and _ends(body, tail, sentence):
            clauses = split_clauses(body, start, comma, quotes)
            units = [_tail_unit(c, tail, direct=False) for c in clauses]
            return units + _adding(body, sentence, tail, quotes, units[0])

    according = ACCORDING_LEAD.match(text)
    if according and _np_ok(according.group("speaker")):
        statement = Span(start, start + according.end())
        return [
            Unit(clause, according.group("speaker"), verb="according to", statement_span=statement)
            for clause in split_clauses(body, start + according.end(), sentence.end, quotes)
        ]

    lead = LEAD.match(text)
    if lead and _np_ok(lead.group("speaker")):
        return _lead_units(body, sentence, lead, quotes)

    possessive = POSSESSIVE.match(text)
    if possessive and _np_ok(possessive.group("speaker")):
        clauses = split_clauses(body, start, sentence.end, quotes)
        units = []
        for index, clause in enumerate(clauses):
            clause_text = body[clause.start : clause.end]
            if index == 0 or WANTING.match(clause_text):
                units.append(Unit(clause, possessive.group("speaker"), verb="demand"))
            else:
                units.extend(_free_units(body, clause, quotes))
        return units

    units = []
    for clause in split_clauses(body, start, sentence.end, quotes):
        units.extend(_free_units(body, clause, quotes))
    return units


def _inner(body: str, quote: Span) -> Span:
    """A quotation without the punctuation that only joins it to its attribution."""
    end = quote.end
    while end > quote.start and body[end - 1] in ",":
        end -= 1
    return Span(quote.start, end)


def _commas(body: str, sentence: Sentence, quotes: list[Span]) -> list[int]:
    return [
        i for i in range(sentence.start, sentence.end) if body[i] == "," and not inside(i, quotes)
    ]


def _ends(body: str, tail: re.Match[str], sentence: Sentence) -> bool:
    """The tail attribution closes the sentence (or hands over to ", adding ...")."""
    if tail.groupdict().get("adding") is not None or tail.groupdict().get("more") is not None:
        return True
    return body[tail.end() : sentence.end].strip(" .") == ""


def _tail_unit(span: Span, tail: re.Match[str], direct: bool) -> Unit:
    groups = tail.groupdict()
    cited = groups.get("cited")
    speaker = cited or groups["speaker"]
    person = False
    role = ""
    if (
        groups.get("role")
        and tail.start("role") < tail.start("verb" if groups.get("verb") else "told")
        and _np_ok(groups["role"])
    ):
        # "Colonel Ivan Petrov, spokesman for the southern command, told ...": a person.
        person = _looks_like_name(speaker)
        role = groups["role"] if person else ""
    elif groups.get("role") and _np_ok(groups["role"]):
        # "said Oleksandr Shtupun, a military spokesman": the role names what he is.
        speaker = f"{groups['role']} {speaker}"
    channel = (groups.get("told") or "") + (groups.get("channel") or "")
    if cited:
        # "the Kremlin cited President Vladimir Putin as saying": the words are the channel.
        channel = tail.string[tail.start("speaker") : tail.end("verb")]
    statement = Span(tail.start("speaker"), tail.end())
    verb = groups.get("verb") or ("told" if groups.get("told") else "according to")
    return Unit(
        span,
        speaker,
        verb=verb,
        channel=channel.strip(),
        outlet=groups.get("outlet") or "",
        direct=direct,
        statement_span=statement,
        person=person,
        role=role,
    )


def _looks_like_name(phrase: str) -> bool:
    """ "Ivan Petrov", "Colonel Ivan Petrov": two or more capitalised words, no article."""
    words = phrase.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and words[0] not in {"The"}


# Words that open a clause after an attribution without being part of what is claimed.
LINKING = re.compile(
    r"(?:after|as|before|while|when|following|responding to|in response to|amid)\s+"
    r"(?:(?:reports?|claims?|accusations?|allegations?) (?:that|of) )?",
    re.IGNORECASE,
)


def _adding(
    body: str, sentence: Sentence, tail: re.Match[str], quotes: list[Span], first: Unit
) -> list[Unit]:
    """ ", adding the invitation follows calls ...": more words of the citing speaker;
    ", after X said ...": another clause with its own attribution; ", leaving one sailor
    missing": more of the same claim's event, by the same speaker."""
    groups = tail.groupdict()
    if groups.get("adding"):
        rest = Span(tail.end(), sentence.end)
        # ", rejecting a report that ...": the speaker denies what follows.
        participle = groups.get("participle") or ""
        verb = participle if participle in DENYING_PARTICIPLES else "added"
        return [
            # "the Kremlin cited Putin as saying, adding ...": the citing speaker adds.
            Unit(clause, tail.group("speaker"), verb=verb, person=first.person)
            for clause in split_clauses(body, rest.start, rest.end, quotes)
        ]
    if groups.get("more") is None:
        return []
    if not has_finite_verb(body[tail.end() : sentence.end]) and not ING_WORD_START.match(
        body[tail.end() : sentence.end]
    ):
        return []  # ", hours after the strikes": when it was said, not another claim
    start = tail.end()
    linking = LINKING.match(body, start, sentence.end)
    units: list[Unit] = []
    if linking:
        start = linking.end()
    for clause in split_clauses(body, start, sentence.end, quotes):
        text = body[clause.start : clause.end]
        if not linking and ING_WORD_START.match(text) and not SPEECH_PARTICIPLE.match(text):
            units.append(Unit(clause, first.speaker, verb=first.verb, person=first.person))
        else:
            units.extend(_free_units(body, clause, quotes))
    return units


def _lead_units(
    body: str, sentence: Sentence, lead: re.Match[str], quotes: list[Span]
) -> list[Unit]:
    start = sentence.start
    speaker = lead.group("speaker")
    person = False
    role = ""
    if lead.group("apposition"):
        speaker = f"{speaker} {lead.group('apposition').strip(', ')}"
    elif lead.group("role") and _looks_like_name(speaker):
        person = True
        role = lead.group("role")
    verb = lead.group("verb") or "told"
    channel = (lead.group("told") or "") + (lead.group("channel") or "")
    units: list[Unit] = []
    if lead.group("relative"):
        relative = Span(start + lead.start("relative") + 2, start + lead.end("relative") - 1)
        units.append(Unit(relative, speaker, verb=_first_verb(body[relative.start : relative.end])))
    # The claim's words include the reporting clause ("Baku denied its forces shelled ..."),
    # from the verb on when a relative clause sits between the speaker and the verb.
    if lead.group("relative"):
        content_start = start + (lead.start("verb") if lead.group("verb") else lead.start("told"))
    else:
        content_start = start + lead.start("speaker")
    statement = Span(start, start + lead.end())
    clausal = bool(CLAUSE_VERB.fullmatch(verb)) or verb == "told"
    opening = (lead.group("adverbial") or "").split(" ", 1)[0].lower()
    first_verb = verb
    if opening in SPEECH_PARTICIPLES:
        # "Calling the reports fake news, the ministry said ...": the speaker's own words too;
        # "Rejecting a report ..., the army said ...": a denial.
        content_start = start
        if opening in DENYING_PARTICIPLES:
            first_verb = opening
    clauses = split_clauses(body, content_start, sentence.end, quotes)
    for index, clause in enumerate(clauses):
        clause_text = body[clause.start : clause.end]
        if index == 0:
            units.append(
                Unit(
                    clause,
                    speaker,
                    verb=first_verb,
                    channel=channel.strip(),
                    outlet=lead.group("outlet") or "",
                    direct=any(clause.start <= q.start < clause.end for q in quotes),
                    statement_span=statement,
                    person=person,
                    role=role,
                )
            )
            units[-1].nested = _nested(body, clause)
        elif _relative_attribution(clause_text) or silent(clause_text):
            units.extend(_free_units(body, clause, quotes))
        elif index and _own_lead(clause_text):
            # "..., while the PKK said it had lost two fighters": another speaker.
            units.extend(_free_units(body, clause, quotes))
        elif SPEECH_PARTICIPLE.match(clause_text):
            verb_word = SPEECH_PARTICIPLE.match(clause_text).group(0)
            units.append(Unit(clause, speaker, verb=verb_word, person=person))
        elif REPORTING_START.match(clause_text):
            # "... called the accusation groundless and said 50 of its troops were killed"
            again = REPORTING_START.match(clause_text).group("verb")
            units.append(Unit(clause, speaker, verb=again, person=person))
        elif clausal and _continues_content(body, clauses[index - 1], clause):
            # "said its forces had repelled attacks ... and killed dozens": still the words.
            units.append(Unit(clause, speaker, verb=verb, statement_span=statement, person=person))
        elif clausal and not _starts_with_verb(clause_text):
            units.append(Unit(clause, speaker, verb=verb, statement_span=statement, person=person))
        elif clausal and WANTING.match(clause_text):
            units.append(Unit(clause, speaker, verb=verb, person=person))
        else:
            units.extend(_free_units(body, clause, quotes))
    return units


def _own_lead(text: str) -> bool:
    lead = LEAD.match(text)
    return bool(lead and lead.group("verb") and _np_ok(lead.group("speaker")))


def _relative_attribution(text: str) -> bool:
    return bool(
        RELATIVE_PASSIVE.match(text) or RELATIVE_ACTIVE.match(text) or RELATIVE_SUBJECT.match(text)
    )


def _continues_content(body: str, before: Span, clause: Span) -> bool:
    """A clause joined by "and" that starts with a verb shares the reported subject; after
    "but" ("... but have not disclosed ...") it is the reporter's comment."""
    joiner = body[before.end : clause.start]
    text = body[clause.start : clause.end]
    return (
        "and" in joiner.split()
        and (_starts_with_verb(text) or bool(ED_VERB_START.match(text)))
        and not silent(text)
    )


REPORTING_WORD = re.compile(rf"\b(?:{CLAUSE_VERBS}|{OBJECT_VERBS})\b")
# The same words, the object verbs tried first (the first reporting verb of a clause).
OBJECT_OR_CLAUSE_VERB = re.compile(rf"\b(?:{OBJECT_VERBS}|{CLAUSE_VERBS})\b")
CLAUSE_VERB = re.compile(CLAUSE_VERBS)  # fullmatch: the whole verb is a clause verb
# A clause opening with a participle ("killing 12", ", leaving one sailor missing").
ING_WORD_START = re.compile(r"\w+ing\b")
# A clause opening with a past verb ("and destroyed ...", "and have shelled ...").
ED_VERB_START = re.compile(r"(?:(?:has|have|had) )?\w+ed\b")
# The capitalised words that end a text (the name a "which" clause follows).
TRAILING_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s?)+$")
REPORTING_START = re.compile(rf"^(?:(?:has|have|had) )?(?P<verb>{CLAUSE_VERBS}|{OBJECT_VERBS})\b")


def _first_verb(text: str) -> str:
    match = OBJECT_OR_CLAUSE_VERB.search(text)
    return match.group(0) if match else ""


def _starts_with_verb(text: str) -> bool:
    words = WORD.findall(text)
    return bool(words) and (words[0].lower() in AUXILIARIES or words[0].lower() in FINITE_VERBS)


def _nested(body: str, clause: Span) -> list[Unit]:
    """Claims inside a clause: "as claimed by Armenia", "allegations by X that ..."."""
    text = body[clause.start : clause.end]
    units = []
    match = AS_CLAIMED_BY.search(text) if " by " in text else None
    if match:
        units.append(
            Unit(
                Span(clause.start + match.start(), clause.start + match.end()),
                match.group("speaker"),
                verb="claimed",
                relation_to_previous="as_claimed_by",
            )
        )
    return units


def _antecedent(body: str, start: int) -> str | None:
    """The name a "which" clause follows: "Israel blamed Hezbollah, which said ..."."""
    before = body[max(0, start - 80) : start].rstrip(" ,")
    match = TRAILING_NAME.search(before)
    return match.group(0).strip() if match else None


def _free_units(body: str, clause: Span, quotes: list[Span]) -> list[Unit]:
    """A clause without a sentence-level attribution: narration, or attributed inside."""
    text = body[clause.start : clause.end]
    if silent(text):
        return [Unit(clause, None)]
    relative = RELATIVE_PASSIVE.match(text) or RELATIVE_ACTIVE.match(text)
    if relative and _np_ok(relative.group("speaker")):
        return [Unit(clause, relative.group("speaker"), verb=relative.group("verb"))]
    subject = RELATIVE_SUBJECT.match(text)
    if subject:
        antecedent = _antecedent(body, clause.start)
        if antecedent:
            return [Unit(clause, antecedent, verb=subject.group("verb"))]
    as_claimed = AS_CLAIMED_BY.match(text)
    if as_claimed:
        speaker = as_claimed.group("speaker")
        return [Unit(clause, speaker, verb="claimed", relation_to_previous="as_claimed_by")]
    lead = LEAD.match(text)
    if lead and _np_ok(lead.group("speaker")):
        sentence = Sentence(clause.start, clause.end, text, -1)
        return _lead_units(body, sentence, lead, quotes)
    allegation = ALLEGATION_BY.search(text) if " by " in text or " from " in text else None
    embedded = EMBEDDED.search(text) if " said" in text else None
    units = []
    if allegation:
        outer_end = clause.start + allegation.end("noun")
        nested_span = Span(clause.start + allegation.start(), clause.end)
        if embedded and embedded.start() < allegation.start():
            units.append(
                Unit(Span(clause.start, outer_end), embedded.group("speaker"), verb="said")
            )
        else:
            units.append(Unit(Span(clause.start, outer_end), None))
        units.append(Unit(nested_span, allegation.group("speaker"), verb="alleged"))
        return units
    if embedded:
        return [Unit(clause, embedded.group("speaker"), verb="said")]
    return [Unit(clause, None)]
