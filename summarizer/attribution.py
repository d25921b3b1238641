"""Who said each quote, as the text itself says it, before any model is asked.

For every quote span the segmenter found, the rules look for its speaker in this order:
- `label`: the transcript turn's speaker label;
- `sentence`: the quote's own sentence names the speaker next to a verb of saying ("said X",
  "X said", "X, calling it", "according to X", "X: ..."), with the quoted words blanked out so a
  name inside the quote never counts;
- `continuation`: the other half of a split quote, or the earlier paragraphs of a quote that runs
  over several paragraphs, has a speaker;
- `paragraph`: an earlier sentence of the same paragraph introduces a speaker ("Holt said:");
- `pronoun`: "she said" or "the minister added", resolved to the person who spoke or was named
  last before it in the paragraph (or the paragraph before). The weakest kind.

It also tells speech from mention: a short quoted phrase that nobody is said to say (a film
title, a nickname, scare quotes, "you will say ...") is a mention, not a quote of anyone.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any

from .language import is_english
from .lexicon import (
    CJK_ROLE_NOUNS,
    FOREIGN_AND,
    FOREIGN_ARTICLES,
    FOREIGN_PRONOUNS,
    FOREIGN_ROLE_WORDS,
    FOREIGN_TITLE_STEMS,
    FOREIGN_TITLES,
    GENERIC_SPEAKERS,
    MENTION_CUE,
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_STEMS,
    SPEECH_VERB_PATTERN,
    according_words,
    speech_verbs,
)
from .names import TITLES
from .segmentation import Segment, Segmentation

# A proper name: capitalised words, allowing particles and connectors inside ("Ministry of
# Foreign Affairs", "Ursula von der Leyen"), initials and hyphens.
_CAP = r"[A-Z][\w’'.-]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:of|for|the|and|de|da|di|del|van|von|der|den|al|bin|le|la)\s+)*{_CAP}){{0,5}}"
_PRONOUN = r"\b(?:he|she|they|I|we|He|She|They|We)\b"
# "the minister", "a Northgate spokeswoman", "a courier": an article and up to four words.
_ROLE = r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)(?:\s+[\w’'-]+){1,4}?"
# A role phrase whose head says it stands for someone: "the minister", "a Northgate spokeswoman".
_KNOWN_ROLE = (
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(sorted(ROLE_NOUNS | ORGANISATION_NOUNS))
    + r")\b"
)
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_KNOWN_ROLE})"
_VERB = rf"(?:{SPEECH_VERB_PATTERN})"  # lowercase: "Point" in "Gullet Point" is no verb

# "..., Forte quipped." or "..., quipped Forte" right after a quote: any -ed verb counts there.
_AFTER_QUOTE = re.compile(
    rf"^[\s,”\"’'—–-]*(?:{_WHO}\s+(?:\w+ly\s+)?(?P<verb>[a-z]+ed|{_VERB})\b"
    rf"|(?P<verb2>[a-z]+ed|{_VERB})\s+(?P<who2>{_NAME}))"
)
_NOT_VERBS = {"used", "based", "needed", "owned", "planned", "required", "called", "expected", "started"}
_WORD = re.compile(r"[\w’'-]+")


@dataclasses.dataclass(frozen=True)
class _Found:
    who: str
    kind: str  # "name", "pronoun" or "role"
    distance: int


def _blank_quotes(sentence: Segment, quotes: list[Segment]) -> str:
    """The sentence with every quoted passage in it replaced by spaces (offsets kept), and the
    commas of numbers ("3,100") too, so that commas only separate clauses."""
    text = re.sub(r"(?<=\d),(?=\d{3})", " ", sentence.text)
    for quote in quotes:
        if quote.end > sentence.start and quote.start < sentence.end:
            a = max(quote.start, sentence.start) - sentence.start
            b = min(quote.end, sentence.end) - sentence.start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


class _QuotesNear:
    """The quotes that may overlap a span, found by bisection: scanning every quote of the
    document for every sentence grew with the square of its length."""

    def __init__(self, quotes: list[Segment]):
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        self.longest = max((q.end - q.start for q in self.quotes), default=0)

    def __call__(self, sentence: Segment) -> list[Segment]:
        # A quote that overlaps the sentence starts before its end, and less than the longest
        # quote's length before its start.
        lo = bisect.bisect_left(self.starts, sentence.start - self.longest)
        return self.quotes[lo : bisect.bisect_left(self.starts, sentence.end)]


def clean_name(name: str) -> str:
    """A speaker as the text names them, without leading titles or roles: 'NVDA CEO Jensen Huang'
    -> 'Jensen Huang', 'Treasury Secretary Scott Bessent' -> 'Scott Bessent'."""
    words = name.strip(" ,").split()
    last_title = max((i for i, w in enumerate(words) if w.lower().strip(".") in TITLES), default=-1)
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1 :]
    return " ".join(words).removesuffix("’s").removesuffix("'s")


def _classify(who: str) -> tuple[str, str]:
    if who.lower() in PRONOUNS:
        return who, "pronoun"
    if who.split()[0].lower() in {"the", "a", "an", "one", "another"}:
        return who, "role"
    return clean_name(who), "name"


# Verbs after which the speaker may follow ("said Mara Kell"); after "told", "asked" or
# "criticized" the next name is the listener or the target, never the speaker.
_POSTPOSED = {"said", "says", "added", "adds", "continued", "explained", "wrote", "writes", "noted", "notes",
              "insisted", "replied", "warned", "warns", "stated", "declared", "remarked", "recalled",
              "quipped", "argued", "argues", "admitted", "conceded", "acknowledged", "observed", "mused",
              "joked", "sighed", "laughed", "agreed", "countered", "retorted", "confirmed", "claimed",
              "complained", "promised", "predicted", "boasted", "lamented", "answered", "recounted",
              "cautioned", "stressed", "suggested", "tweeted", "posted", "wondered", "pleaded",
              "according"}  # fmt: skip
_VERB_RE = re.compile(rf"\b(?:{_VERB}|according\s+to)\b")
_NAME_RE = re.compile(_NAME)
_NAME_AT_END = re.compile(rf"(?P<name>{_NAME})\s*$")
_PRONOUN_AT_END = re.compile(rf"(?P<name>{_PRONOUN})\s*$")
_ROLE_AT_END = re.compile(rf"(?P<name>{_KNOWN_ROLE})\s*$")
_FILLERS = re.compile(r"(?:\s+(?:\w+ly|has|had|have|also|then|later|again|once|previously|had\s+also))+\s*$")
_CLAUSE_END = re.compile(r"[.;:!?“”\"«»]|\s{3,}")
_CALENDAR = {  # fmt: skip
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
}
_LEADING = {"but", "and", "then", "however", "meanwhile", "so", "yet", "still", "also", "while", "when"}


def _as_name(text: str) -> str | None:
    words = text.split()
    while words and words[0].lower().strip(",") in _LEADING:
        words = words[1:]
    name = clean_name(" ".join(words))
    if not name or name.lower().strip(".") in _CALENDAR or name.split()[-1].lower().strip(".,") in _CALENDAR:
        return None
    return name if _NAME_RE.fullmatch(name) else None


# Lowercase words that may stand between a verb and the speaker's name: titles and roles
# ("said DHWU general secretary Mara Kell"), never words of a clause ("said it had ... Dunmarsh").
_NOT_ROLE_WORDS = {
    "it", "its", "he", "she", "they", "had", "has", "have", "was", "were", "is", "are", "to", "that", "would",
    "will", "on", "in", "at", "for", "by", "with", "from", "this", "there", "and", "but", "not", "be",
}  # fmt: skip


def _subject_after(frame: str, position: int) -> tuple[str, str] | None:
    """The speaker right after a verb: 'said Mara Kell', 'said DHWU secretary Mara Kell',
    'said a courier, Talia Obi', 'said the minister'. The name must end its clause, so in
    'Lenz said Drevnia would ask' Drevnia is no speaker."""
    end = _CLAUSE_END.search(frame, position)
    clause = frame[position : end.start() if end else min(len(frame), position + 160)]
    parts = [p.strip() for p in clause.split(",")]
    first = parts[0]
    if not first or len(first.split()) > 7:
        return None
    if re.fullmatch(_PRONOUN, first):
        return first, "pronoun"
    at_end = _NAME_AT_END.search(first)
    lead = first[: at_end.start()].split() if at_end else []
    if at_end and len(lead) <= 3 and not {w.lower() for w in lead} & _NOT_ROLE_WORDS:
        name = _as_name(at_end.group("name"))
        if name:
            return name, "name"
    if re.fullmatch(_ROLE, first):
        if len(parts) > 1 and (name := _as_name(parts[1])):
            return name, "name"  # "said a courier, Talia Obi"
        if re.fullmatch(_KNOWN_ROLE, first):
            return first, "role"
    return None


def _subject_before(frame: str, position: int) -> tuple[str, str] | None:
    """The speaker right before a verb: 'Mara Kell said', 'Bessent recently clarified',
    'Kell, the union's secretary, said', 'former ambassador to Russia, Michael McFaul, calling'."""
    left = _FILLERS.sub("", frame[:position].rstrip())
    left = re.sub(r"\s*\([^()]{1,40}\)$", "", left)  # "Wagering Industry Association (WIA) said"
    left = re.sub(r",\s+(?:which|who|whose)\b[^“”\"]*,$", ",", left)  # "X, which collected ..., said"
    if left.endswith(","):
        parts = left[:-1].split(",")
        if len(parts) >= 2:
            appositive = parts[-1].strip()
            if (name := _as_name(appositive)) and _NAME_RE.fullmatch(appositive.strip()):
                return name, "name"
            left = ",".join(parts[:-1]).rstrip()
        else:
            left = parts[0].rstrip()
    for pattern, kind in ((_PRONOUN_AT_END, "pronoun"), (_NAME_AT_END, "name"), (_ROLE_AT_END, "role")):
        match = pattern.search(left)
        if match:
            who = match.group("name")
            if kind == "name":
                name = _as_name(who)
                if name and " " not in name and frame[position:].split()[0] in SPEECH_STEMS:
                    return None  # "Locals call", "Critics say": a plural noun, not a person
                return (name, kind) if name else None
            return who, kind
    return None


# A sentence that opens with its subject: "Former ambassador Michael McFaul, ..., criticized".
_SENTENCE_SUBJECT = re.compile(
    rf"^\W*(?P<who>(?:{_CAP}\s+)?(?:[a-z]+\s+){{0,3}}?{_NAME})(?:\s*,[^,]{{1,80}},)?\s+[a-z]"
)
_NOT_SPEECH = re.compile(r"\b(?:wrote|writes|write|writing)\s+(?:off|down|up)\b", re.IGNORECASE)


def _attributions(frame: str) -> list[tuple[str, str, int, int]]:
    """Every (who, kind, start, end) the sentence attributes speech to, quotes blanked."""
    found: list[tuple[str, str, int, int]] = []
    for verb in _VERB_RE.finditer(frame):
        if _NOT_SPEECH.match(frame, verb.start()):
            continue  # "wrote off $5.5 billion"
        word = verb.group().split()[0].lower()
        after = _subject_after(frame, verb.end()) if word in _POSTPOSED else None
        before = None if word == "according" else _subject_before(frame, verb.start())
        left = frame[: verb.start()].rstrip()
        if before is None and after is None:
            if re.search(r"\b(?:and|but|then|before|after)$", left) and found:
                before = found[-1][:2]  # "Kell said ... and described it as"
            elif word.endswith("ing") and left.endswith(","):
                # "Ivic dismissed it, calling them": the participle's subject is the sentence's.
                subject = _SENTENCE_SUBJECT.match(frame)
                name = _as_name(subject.group("who")) if subject else None
                before = found[-1][:2] if found else ((name, "name") if name else None)
        for who in (before, after):
            if who and who[0].lower() not in GENERIC_SPEAKERS:
                found.append((who[0], who[1], verb.start(), verb.end()))
    return found


def _in_sentence(frame: str, quote_start: int, quote_end: int) -> _Found | None:
    """The attribution nearest the quote in its (blanked) sentence."""
    found: list[_Found] = []
    after = _AFTER_QUOTE.match(frame, quote_end + 1) if quote_end < len(frame) else None
    if after:
        who = after.group("who") or after.group("who2")
        verb = after.group("verb") or after.group("verb2") or ""
        if who and verb.lower() not in _NOT_VERBS and who.lower() not in GENERIC_SPEAKERS:
            name, kind = _classify(who)
            if kind != "name" or _as_name(name):
                found.append(_Found(name, kind, 0))
    for who, kind, start, end in _attributions(frame):
        distance = quote_start - end if end <= quote_start else start - quote_end
        found.append(_Found(who, kind, abs(distance)))
    intro = re.search(rf"(?P<who>{_NAME})\s*:\s*$", frame[:quote_start].rstrip(' “"«„'))
    if intro and (introduced := _as_name(intro.group("who"))):
        found.append(_Found(introduced, "name", 1))
    if not found:
        return None
    nearest = min(found, key=lambda f: f.distance)
    # A name in the sentence beats a pronoun or role, unless that is right next to the quote
    # ("“...,” she said"): "Huang criticized controls as “...”, revealing his company wrote".
    named = sorted((f for f in found if f.kind == "name"), key=lambda f: f.distance)
    if named and (nearest.kind == "name" or nearest.distance > 3):
        return named[0]
    return nearest


def _generic_only(frame: str) -> bool:
    """'you will say', 'people say': speech that nobody in the story is said to speak."""
    return bool(
        re.search(rf"\b(?:you|one|people|everyone)\s+(?:\w+\s+)?(?:{SPEECH_VERB_PATTERN})\b", frame, re.I)
    )


# "call the barrier “the Great Wall”": a name given to something, when the quote is Title Case.
_NAMING = re.compile(
    r"\b(?:call|calls|called|calling|name|names|named|dub|dubs|dubbed)\s+(?:it|him|her|them|this|that|the\s+[\w-]+)\s*$"
)


def _title_case(words: list[str]) -> bool:
    return all(w[0].isupper() or w.lower() in {"of", "the", "a", "and", "in", "on", "for"} for w in words)


# ', the planners' term for ...' right after a quote: the quote was a term, not speech.
_DEFINED_AFTER = re.compile(
    r"^[\s,”\"’']*(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}(?:term|phrase|word|name|nickname|slogan)\b"
)


def _mention(quote: Segment, before: str, after: str) -> str | None:
    """Whether a quoted phrase names or labels something rather than reporting anyone's words:
    "strong" when the text says so (a title after "the film", a name given with "call it", a
    term defined right after), "weak" when it is only short or Title Case."""
    words = _WORD.findall(quote.text)
    if quote.speaker_hint:
        return None
    before = before.rstrip(" “\"‘'«„")
    titled = _title_case(words)
    if (_NAMING.search(before) and titled) or (MENTION_CUE.search(before) and (titled or len(words) <= 4)):
        return "strong"  # 'call the barrier “the Great Wall”', 'the programme “Open Line”'
    if _DEFINED_AFTER.match(after):
        return "strong"  # '“managed retreat”, the planners' term for ...'
    if len(words) <= 4 or (_title_case(words) and len(words) <= 8 and not re.search(r"[.!?,]$", quote.text)):
        return "weak"  # scare quotes, terms, short titles: speech only if someone says them
    return None


def attribute(segmentation: Segmentation, people: dict[str, tuple[str, str]] | None = None) -> Segmentation:
    """The segmentation with each quote's `speaker`, `attribution` and `speech` filled in.

    `people`: the actors the document names (candidates) as name -> (kind, role), used to resolve
    "she said", "the minister said" and "a Northgate spokeswoman said".
    """
    people = people or {}
    if not is_english(segmentation.language):
        return _attribute_foreign(segmentation, people)
    sentences = segmentation.sentences
    position = {s.id: i for i, s in enumerate(sentences)}
    regions = segmentation.document.kept
    text = segmentation.document.text
    starts = [r.start for r in regions]

    def paragraph_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    near = _QuotesNear(segmentation.quotes)
    frames = {s.id: _blank_quotes(s, near(s)) for s in sentences}
    # Who the text says is speaking, sentence by sentence, for pronouns: (offset, name).
    spoken: list[tuple[int, str]] = []
    for sentence in sentences:
        for who, kind, start, _ in _attributions(frames[sentence.id]):
            if kind == "name":
                spoken.append((sentence.start + start, who))

    def latest(names: list[str], start: int, end: int) -> str | None:
        """The name in `names` mentioned last in text[start:end]."""
        placed = [(max(text.rfind(n, start, end), text.rfind(n.split()[-1], start, end)), n) for n in names]
        placed = [(at, n) for at, n in placed if at >= 0]
        return max(placed)[1] if placed else None

    def last_spoken(start: int, end: int) -> str | None:
        """The last speaker the text attributes words to in text[start:end]."""
        return next((n for at, n in reversed(spoken) if start <= at < end), None)

    def resolve(offset: int, phrase: str) -> str | None:
        """'she', 'the minister', 'a Northgate spokeswoman': who the phrase stands for, from the
        actors named before it (this paragraph first, then the one before)."""
        paragraph = paragraph_of(offset)
        here = regions[paragraph].start if paragraph >= 0 else 0
        window = regions[max(paragraph - 1, 0)].start if paragraph >= 0 else 0
        words = phrase.split()
        persons = [n for n, (kind, _) in people.items() if kind == "person"]
        persons += [n for _, n in spoken if n not in people]
        if phrase.lower() not in PRONOUNS:
            for word in (w for w in words[1:] if w[0].isupper()):  # "a Northgate spokeswoman"
                owner = latest([n for n in people if word in n.split()], 0, offset)
                if owner:
                    return owner
            if words[0].lower() in {"a", "an", "one", "another"}:
                return None  # "a neighbour" is someone new, not the last person named
            noun = words[-1].lower()
            holders = [n for n, (_, role) in people.items() if noun in role.lower().split()]
            if holders:  # "the mayor": the person the text calls mayor
                return latest(holders, 0, offset)
            if noun in ORGANISATION_NOUNS:
                bodies = [n for n, (kind, _) in people.items() if kind != "person"]
                named = [n for n in bodies if noun in n.lower().split()]
                return latest(named, 0, offset) or latest(bodies, window, offset)
            if noun not in ROLE_NOUNS:
                return None  # "the plan said" names no one
        if phrase.lower() == "they":
            persons += [n for n, (kind, _) in people.items() if kind != "person"]
        return (
            last_spoken(here, offset)
            or latest(persons, here, offset)
            or last_spoken(window, offset)
            or latest(persons, window, offset)
        )

    def only_person_here(offset: int) -> str | None:
        """The one person the paragraph names before `offset`, if it names exactly one."""
        here = regions[paragraph_of(offset)].start
        before = text[here:offset]
        named = {n for n, (kind, _) in people.items() if kind == "person" and n.split()[-1] in before}
        return named.pop() if len(named) == 1 else None

    quotes: list[Segment] = []
    for quote in segmentation.quotes:
        if quote.speaker_hint:
            label = re.sub(r"\s*\(.*\)$", "", quote.speaker_hint)
            quotes.append(dataclasses.replace(quote, speaker=label, attribution="label"))
            continue
        index = position.get(quote.sentence_id or "", -1)
        if index < 0:
            quotes.append(quote)
            continue
        sentence = sentences[index]
        frame = frames[sentence.id]
        a, b = quote.start - sentence.start, quote.end - sentence.start
        found = _in_sentence(frame, a, b)
        speaker, how = None, None
        if found and found.kind == "name":
            speaker, how = found.who, "sentence"
        elif found:
            speaker, how = resolve(quote.start, found.who), "pronoun"
        elif not frame.strip(" \t,.;:!?“”\"‘’'«»—–-"):
            before = _speaker_before(quotes, quote, sentences, index, paragraph_of)
            speaker, how = before or only_person_here(quote.start), "paragraph"
        elif re.search(r":\s*$", frame[:a].rstrip(" “\"‘'«„")):
            # "Her message to Orsk was blunt: “Open the gates.”" introduces its speaker's words.
            intro = re.search(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\b", frame[:a])
            speaker, how = (resolve(quote.start, "she"), "pronoun") if intro else (None, None)
            found = found or _Found("", "role", 0)  # introduced words are speech
        else:
            speaker, how = _introduced(sentences, frames, index, paragraph_of), "paragraph"
        words = _WORD.findall(quote.text)
        mention = _mention(quote, frame[:a], frame[b:])
        if mention == "strong" or (_generic_only(frame[:a]) and speaker is None):
            speech = False
        elif mention == "weak":
            # Said by someone the text names; two words said by nobody named are a term.
            speech = speaker is not None or (found is not None and len(words) > 2)
        else:
            speech = True
        # "said a neighbour": the text gives the words to someone it does not name.
        how = how if speaker else ("unnamed" if found else None)
        quotes.append(dataclasses.replace(quote, speaker=speaker, attribution=how, speech=speech))
    return dataclasses.replace(segmentation, quotes=_share_along_continuations(quotes))


def _speaker_before(
    done: list[Segment], quote: Segment, sentences: list[Segment], index: int, paragraph_of: Any
) -> str | None:
    """A sentence that is nothing but a quote goes on with the speaker of the quote just before
    it: in the same paragraph, or ending the paragraph before (news style)."""
    if not done or not done[-1].speaker or done[-1].speaker_hint:
        return None
    previous = done[-1]
    here, there = paragraph_of(quote.start), paragraph_of(previous.start)
    if there == here:
        return previous.speaker
    if there == here - 1 and index > 0 and sentences[index - 1].end >= previous.end:
        return previous.speaker  # the previous paragraph ends with that speaker's words
    return None


def _introduced(
    sentences: list[Segment], frames: dict[str, str], index: int, paragraph_of: Any
) -> str | None:
    """An earlier sentence of the paragraph that introduces the speaker ("Holt said:")."""
    paragraph = paragraph_of(sentences[index].start)
    for earlier in reversed(sentences[max(0, index - 3) : index]):
        if paragraph_of(earlier.start) != paragraph:
            return None
        frame = frames[earlier.id]
        if re.search(r":\s*$", frame.rstrip(' “"«„')):
            intro = _in_sentence(frame, len(frame), len(frame))
            return intro.who if intro and intro.kind == "name" else None
    return None


def _share_along_continuations(quotes: list[Segment]) -> list[Segment]:
    """The parts of one quote share a speaker: a split quote's halves, a quote's paragraphs."""
    by_id = {q.id: q for q in quotes}
    changed = True
    while changed:
        changed = False
        for quote in list(by_id.values()):
            head = by_id.get(quote.continues or "")
            if head is None:
                continue
            for source, target in ((head, quote), (quote, head)):
                if source.speaker and not target.speaker:
                    by_id[target.id] = dataclasses.replace(
                        target, speaker=source.speaker, attribution="continuation", speech=True
                    )
                    changed = True
    return [by_id[q.id] for q in quotes]


# Other languages. The English rules above lean on English word order and capitalisation; these
# are the same ideas (a verb of saying with its subject before or after it, "según X", a pronoun
# resolved to the last speaker, split quotes sharing a speaker) with each language's words, and
# capitalised runs in any alphabet (or, in Chinese, the names a role noun introduces).
_UPPER = "".join(chr(c) for c in [*range(0x41, 0x250), *range(0x370, 0x530)] if chr(c).isupper())
_UCAP = rf"[{_UPPER}][\w’'.-]*"
_UNAME = rf"{_UCAP}(?:\s(?:(?:de|del|la|von|van|der|den|da|di|du|le)\s)*{_UCAP}){{0,5}}"
_UNAME_RE = re.compile(_UNAME)
_UNAME_AT_END = re.compile(rf"(?P<name>{_UNAME})\s*$")
_FOREIGN_CLAUSE_END = re.compile(r"[.;:!?«»“”„\"—–「」『』()]|\s{3,}")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_CLAUSE = re.compile(r"[，。：；！？、,.;:!?「」“”]")


class _Language:
    """The words of one language, compiled once."""

    def __init__(self, language: str):
        self.code = language
        self.cjk = language in {"zh", "ja"}
        verbs = sorted(speech_verbs(language), key=len, reverse=True)
        according = sorted(according_words(language), key=len, reverse=True)
        self.according = {a.lower() for a in according}
        alternation = "|".join(re.escape(v) for v in [*according, *verbs])
        self.verb = re.compile(alternation if self.cjk else rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        self.pronouns = FOREIGN_PRONOUNS.get(language, frozenset())
        self.and_ = re.compile(rf"(?:^|\s)(?:{FOREIGN_AND.get(language, 'and')})$")


_LANGUAGES: dict[str, _Language] = {}


def _is_title(word: str) -> bool:
    low = word.lower().strip(".,")
    return low in FOREIGN_TITLES or low in TITLES or any(stem in low for stem in FOREIGN_TITLE_STEMS)


def _foreign_name(run: str) -> str | None:
    """A capitalised run as a name: titles, roles and articles before the name dropped."""
    words = run.split()
    while words and words[0].lower() in FOREIGN_ARTICLES:
        words = words[1:]
    last_title = max((i for i, w in enumerate(words) if _is_title(w)), default=-1)
    words = words[last_title + 1 :]
    return " ".join(words) if words else None


def foreign_name(name: str, language: str) -> str | None:
    """A name as a non-English text writes it, without a leading 'según'/'so'/'selon', article,
    title or role: 'Según Salcedo' -> 'Salcedo', 'Экономист Ирина Карпова' -> 'Ирина Карпова'."""
    according = {a.lower() for a in according_words(language)}
    words = name.split()
    while words and words[0].lower() in according:
        words = words[1:]
    name = _foreign_name(" ".join(words)) or ""
    if name[:1].islower():  # "Ministerio de Transportes" is no title before "de Transportes"
        name = " ".join(w for w in words if w.lower() not in FOREIGN_ARTICLES or w is not words[0])
    return name or None


def _acronym_only(name: str) -> bool:
    return all(w.isupper() for w in name.split())


def _cjk_names(text: str, people: dict[str, tuple[str, str]]) -> list[str]:
    """Chinese person names: those a role noun introduces ("董事长周立峰在会上"), two or three
    characters up to a word that follows a subject, plus the candidates' names in Han script."""
    roles = "|".join(CJK_ROLE_NOUNS)
    follow = "在|表示|说|则|是|认为|回应|还|指出|同时|称|的|，|、|也|对|和|提醒|强调|反问|质疑"
    found = re.findall(rf"(?:{roles})([\u4e00-\u9fff]{{2,3}}?)(?={follow})", text)
    found += [n for n, (kind, _) in people.items() if kind == "person" and _CJK.search(n)]
    return list(dict.fromkeys(found))


def _foreign_after(frame: str, position: int, language: _Language, according: bool) -> tuple[str, str] | None:
    """The speaker right after a verb: 'dijo Ramón Iturbe, presidente de ...', 'advirtió la
    secretaria general del SEV, Marta Echeverría', 'сказал генеральный директор Андрей Горелов'."""
    end = _FOREIGN_CLAUSE_END.search(frame, position)
    clause = frame[position : end.start() if end else min(len(frame), position + 160)]
    fallback = None
    for part in clause.split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() in language.pronouns:
            return part, "pronoun"
        match = _UNAME_RE.search(part)
        if not match:
            if according:
                return None
            continue
        lead = part[: match.start()].split()
        if according and len(lead) > 1 or len(lead) > 4 or any(w[:1].isupper() for w in lead):
            return fallback
        name = _foreign_name(match.group())
        if name and not _acronym_only(name):
            return name, "name"
        fallback = fallback or ((name, "name") if name else None)
    return fallback


def _foreign_before(
    frame: str, position: int, language: _Language, cjk_names: list[str]
) -> tuple[str, str] | None:
    """The speaker right before a verb: 'Горелов заявил', 'El presidente ..., Joaquín Salcedo,
    calificó', 'SWK-Geschäftsführer Dr. Matthias Ebeling nannte', '周立峰在会上表示'."""
    left = frame[:position].rstrip()
    if language.cjk:
        clause = _CJK_CLAUSE.split(left)[-1]
        placed = [(clause.rfind(n), n) for n in cjk_names if n in clause]
        if placed:
            return max(placed)[1], "name"
        if any(p in clause for p in language.pronouns):
            return "", "pronoun"
        return ("", "role") if any(r in clause for r in FOREIGN_ROLE_WORDS) else None
    left = re.sub(r"\s*\([^()]{1,40}\)$", "", left)
    inverted = re.search(r"-t?-?(?P<who>\w+)\s*$", left)  # "a-t-il ajouté", "dit-elle"
    if inverted and inverted.group("who").lower() in language.pronouns:
        return inverted.group("who"), "pronoun"
    if left.endswith(","):
        parts = left[:-1].split(",")
        if len(parts) >= 2 and _UNAME_RE.fullmatch(parts[-1].strip()):
            name = _foreign_name(parts[-1].strip())
            return (name, "name") if name else None
        left = left[:-1].rstrip()
    words = left.split()
    if words and words[-1].lower() in language.pronouns:
        return words[-1], "pronoun"
    match = _UNAME_AT_END.search(left)
    if match:
        name = _foreign_name(match.group("name"))
        return (name, "name") if name else None
    if words and any(w.lower() in FOREIGN_ROLE_WORDS for w in words[-5:]):
        return "", "role"
    return None


def _foreign_attributions(
    frame: str, language: _Language, cjk_names: list[str]
) -> list[tuple[str, str, int, int]]:
    """Every (who, kind, start, end) the sentence attributes speech to, quotes blanked."""
    found: list[tuple[str, str, int, int]] = []
    for verb in language.verb.finditer(frame):
        according = verb.group().lower() in language.according
        after = None if language.cjk else _foreign_after(frame, verb.end(), language, according)
        before = None if according else _foreign_before(frame, verb.start(), language, cjk_names)
        if before is None and after is None and not according:
            left = frame[: verb.start()].rstrip()
            if language.and_.search(left) or language.cjk:
                subject = _UNAME_RE.match(frame.lstrip(' «„“"')) if not language.cjk else None
                name = _foreign_name(subject.group()) if subject else None
                before = found[-1][:2] if found else ((name, "name") if name else None)
            elif not left.strip(" \t,.;:!?“”\"‘’'«»„—–-「」"):
                before = ("", "pronoun")  # "«…?», preguntó.": the subject is implied
        order = (
            (before, after)
            if before and before[1] == "name" or not (after and after[1] == "name")
            else (after, before)
        )
        for who in order:
            if who:
                found.append((who[0], who[1], verb.start(), verb.end()))
                break
    return found


def _stem_match(said: str, name: str) -> bool:
    """'Карповой' and 'Карпова', 'Echeverría' and 'Echeverría': one word, allowing case endings."""
    if said == name:
        return True
    shorter = len(min(said, name, key=len))
    common = shorter - 1 if shorter <= 6 else shorter - 2
    return common >= 4 and said[:common] == name[:common] and said[0].isupper()


def _attribute_foreign(segmentation: Segmentation, people: dict[str, tuple[str, str]]) -> Segmentation:
    language = _LANGUAGES.setdefault(segmentation.language, _Language(segmentation.language))
    sentences = segmentation.sentences
    text = segmentation.document.text
    regions = segmentation.document.kept
    starts = [r.start for r in regions]
    kept = segmentation.document.kept_text()
    cjk_names = _cjk_names(kept, people) if language.cjk else []
    full_names = []
    runs = [
        re.sub(r"(?<=\w{4})\.$", "", part)
        for run in _UNAME_RE.findall(kept)
        for part in re.split(r"(?<=\w{4}\.)\s+", run)
    ]
    for run in dict.fromkeys(runs):  # "Lyon. Selon Pierre Martin" is two runs
        words = run.split()
        while words and (words[0].lower() in language.according or words[0].lower() in FOREIGN_ARTICLES):
            words = words[1:]
        if len(words) >= 2:
            full_names.append(" ".join(words))

    def paragraph_start(offset: int, back: int = 0) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return regions[max(index - back, 0)].start if index >= 0 else 0

    def canonical(name: str, offset: int) -> str:
        """The fullest form of a name the text used by `offset`: 'Карповой' -> 'Ирина Карпова'."""
        last = name.split()[-1]
        for full in reversed(full_names):
            core = _foreign_name(full) or full
            fuller = len(core.split()) >= len(name.split()) and _stem_match(last, core.split()[-1])
            if fuller and 0 <= text.find(full) < offset:
                return core
        return name

    near = _QuotesNear(segmentation.quotes)
    frames = {s.id: _blank_quotes(s, near(s)) for s in sentences}
    spoken: list[tuple[int, str]] = []
    for sentence in sentences:
        for who, kind, start, _ in _foreign_attributions(frames[sentence.id], language, cjk_names):
            if kind == "name":
                spoken.append((sentence.start + start, canonical(who, sentence.start + start)))

    def resolve(offset: int) -> str | None:
        """'she', 'un portavoz', an implied subject: the last speaker, else the last person named."""
        for back in (0, 1):
            start = paragraph_start(offset, back)
            speaker = next((n for at, n in reversed(spoken) if start <= at < offset), None)
            if speaker:
                return speaker
            names = cjk_names or [n for n, (kind, _) in people.items() if kind == "person"]
            placed = [(text.rfind(n, start, offset), n) for n in names]
            placed = [(at, n) for at, n in placed if at >= 0]
            if placed:
                return canonical(max(placed)[1], offset)
        return None

    position = {s.id: i for i, s in enumerate(sentences)}
    quotes: list[Segment] = []
    for quote in segmentation.quotes:
        index = position.get(quote.sentence_id or "", -1)
        if index < 0:
            quotes.append(quote)
            continue
        sentence = sentences[index]
        frame = frames[sentence.id]
        a, b = quote.start - sentence.start, quote.end - sentence.start
        found = []
        for who, kind, start, end in _foreign_attributions(frame, language, cjk_names):
            distance = a - end if end <= a else start - b
            found.append(_Found(who, kind, abs(distance)))
        speaker, how = None, None
        if found:
            nearest = min(found, key=lambda f: f.distance)
            named = sorted((f for f in found if f.kind == "name"), key=lambda f: f.distance)
            best = named[0] if named and (nearest.kind == "name" or nearest.distance > 3) else nearest
            if best.kind == "name":
                speaker, how = canonical(best.who, quote.start), "sentence"
            else:
                speaker, how = resolve(quote.start), "pronoun"
        elif not frame.strip(" \t,.;:!?“”\"‘’'«»„—–-「」『』。！？，"):
            before = _speaker_before(
                quotes, quote, sentences, index, lambda o: bisect.bisect_right(starts, o) - 1
            )
            speaker, how = before, "paragraph"
        words = _WORD.findall(quote.text)
        before_quote = text[sentence.start : quote.start].rstrip(' «„“"‚‘「『”»')
        # «Лесэкспорт», „Takt 2030“: a short capitalised name inside running text, not speech.
        name_like = (
            len(words) <= 3
            and quote.text[:1].isupper()
            and not re.search(r"[.!?。！？]$", quote.text)
            and before_quote[-1:].isalnum()
        )
        if name_like:
            speaker, how = None, None
        speech = speaker is not None or not (name_like or len(words) <= 4 or _generic_only(frame[:a]))
        how = how if speaker else ("unnamed" if found and not name_like else None)
        quotes.append(dataclasses.replace(quote, speaker=speaker or None, attribution=how, speech=speech))
    return dataclasses.replace(segmentation, quotes=_share_along_continuations(quotes))
