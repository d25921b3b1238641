"""Who a sentence says is speaking: verbs of saying with their subject before or after them,
"according to X", "X:", names cleaned of titles; quoted words blanked first."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable

from ..lexicon import (
    GENERIC_SPEAKERS,
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_STEMS,
    SPEECH_VERB_PATTERN,
    SPEECH_VERBS,
)
from ..names import PARTY_AND_STATE, TITLES
from ..segmentation import Segment, blank_quotes

# A proper name: capitalised words, allowing particles and connectors inside ("Ministry of
# Foreign Affairs", "Ursula von der Leyen"), initials and hyphens.
_CAP = r"[A-Z][\w’'.-]*"
_LINK = r"(?:of|for|the|and|de|da|di|du|del|della|des|dos|das|van|von|der|den|ten|ter|al|el|bin|ibn|le|la)"
_NAME = rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP}){{0,5}}"
_PRONOUN = r"\b(?:he|she|they|I|we|He|She|They|We)\b"
# The words that open a role phrase: an article or a possessive, and "one", "another".
_DETERMINER = r"[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir"
_ROLE_OPENER = rf"\b(?:{_DETERMINER}|[Oo]ne|[Aa]nother)"
# "the minister", "a Northgate spokeswoman", "a courier": an article and up to four words.
_ROLE = rf"{_ROLE_OPENER}(?:\s+[\w’'-]+){{1,4}}?"
# A role phrase whose head says it stands for someone: "the minister", "a Northgate spokeswoman".
_KNOWN_ROLE = (
    _ROLE_OPENER + r"\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(sorted(ROLE_NOUNS | ORGANISATION_NOUNS)) + r")\b"
)
_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_KNOWN_ROLE})"
_VERB = rf"(?:{SPEECH_VERB_PATTERN})"  # lowercase: "Point" in "Gullet Point" is no verb

# Lowercase words that may stand between a verb and the speaker's name: titles and roles
# ("said DHWU general secretary Mara Kell"), never words of a clause ("said it had ... Dunmarsh").
_NOT_ROLE_WORDS = {
    "it", "its", "he", "she", "they", "had", "has", "have", "was", "were", "is", "are", "to", "that", "would",
    "will", "on", "in", "at", "for", "by", "with", "from", "this", "there", "and", "but", "not", "be",
    "of", "a", "an",  # "said a friend of Smith": Smith is not the speaker
}  # fmt: skip
# What may follow the speaker's name in an inverted attribution right after a quote ("..., said
# Holloway after the vote", "said Mayor Ruiz on Tuesday"): the clause's end or an adverbial.
_ADVERBIAL = (
    r"(?:after|on|in|at|during|before|following|outside|from|of|with|via|ahead|earlier|later|last|this"
    r"|yesterday|today|tonight|when|while|as|who|whose)"
)
_ROLE_WORD = rf"(?!(?:{'|'.join(sorted(_NOT_ROLE_WORDS | {'the', 'who', 'which'}))})\s)[a-z][\w’'-]*"
# The speaker right after a quote: '"...," Forte quipped.', '"...," quipped Forte', '"...," said
# board chair Denise Holloway after the vote.', '"...," said Cal Fire battalion chief Marisol Vega
# at a briefing.' (an employer and role words may stand before the name). Used with
# match(frame, position), so no "^", which would match only at the frame's start.
_AFTER_QUOTE = re.compile(
    rf"[\s,”\"’'—–-]*(?:{_WHO}\s+(?:\w+ly\s+)?(?P<verb>{_VERB})\b"
    rf"|(?P<verb2>{_VERB})\s+(?:{_NAME}\s+(?={_ROLE_WORD}))?(?:{_ROLE_WORD}\s+){{0,3}}(?P<who2>{_NAME})"
    rf"(?=\s*(?:[,.;:!?]|$)|\s+{_ADVERBIAL}\b))"
)
# The sentence's full stop that a name pattern took with the name ("asked Smith."), not an initial's.
_FULL_STOP = re.compile(r"(?<=[\w’'-]{2})(?<!\b(?:Jr|Sr|St))\.$")
_NOT_VERBS = {"called"}  # '"a promise on paper," Delgado called it': a term, not her words
_WORD = re.compile(r"[\w’'-]+")


@dataclasses.dataclass(frozen=True)
class _Found:
    who: str
    kind: str  # "name", "pronoun", "role", or "proxy" (a name someone speaks for)
    distance: int


# The comma of a number ("3,100"). Written to start with the comma, which the regex engine finds
# by a fast scan, rather than with the lookbehind for the digit, which it tries at every position.
_NUMBER_COMMA = re.compile(r",(?<=\d,)(?=\d{3})")


def _blank_quotes(sentence: Segment, quotes: list[Segment]) -> str:
    """The sentence with every quoted passage in it replaced by spaces (offsets kept), and the
    commas of numbers ("3,100") too, so that commas only separate clauses."""
    return _NUMBER_COMMA.sub(" ", blank_quotes(sentence, quotes))


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


_TITLE_LINKS = {"of", "the", "to"}


def clean_name(name: str) -> str:
    """A speaker as the text names them, without leading titles or roles: 'NVDA CEO Jensen Huang'
    -> 'Jensen Huang', 'Treasury Secretary Scott Bessent' -> 'Scott Bessent'."""
    words = name.strip(" ,").split()
    titles = [w.lower().strip(".") in TITLES for w in words]
    last_title = -1
    for i, title in enumerate(titles):
        # "of", "the" and "to" belong to a title only inside one ("Secretary of State"); after a
        # name they start a place: "Mayor Ana Ruiz of Springfield".
        if title and (i == 0 or titles[i - 1] or words[i].lower() not in _TITLE_LINKS):
            last_title = i
        elif title:
            titles[i] = False
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1 :]
        if (link := next((i for i, w in enumerate(words) if w.lower() in ("of", "from")), 0)) > 0:
            words = words[:link]  # a titled person's place: "Ana Ruiz of Springfield"
    return " ".join(words).removesuffix("’s").removesuffix("'s")


def _classify(who: str) -> tuple[str, str]:
    if who.lower() in PRONOUNS:
        return who, "pronoun"
    if who.split()[0].lower() in {"the", "a", "an", "one", "another"}:
        return who, "role"
    return _name_or_title(clean_name(who))


def _name_or_title(name: str) -> tuple[str, str]:
    """A name, or a title standing alone for the person who holds it: "Mayor vows" in a headline
    is the mayor, not someone called Mayor."""
    if all(word.lower().strip(".") in TITLES for word in name.split()):
        return f"the {name.lower()}", "role"
    return name, "name"


# Verbs after which the speaker may follow ("said Mara Kell"); after "told", "asked" or
# "criticized" the next name is the listener or the target, never the speaker.
_POSTPOSED = {"said", "says", "added", "adds", "continued", "explained", "wrote", "writes", "noted", "notes",
              "insisted", "replied", "warned", "warns", "stated", "declared", "remarked", "recalled",
              "quipped", "argued", "argues", "admitted", "conceded", "acknowledged", "observed", "mused",
              "joked", "sighed", "laughed", "agreed", "countered", "retorted", "confirmed", "claimed",
              "complained", "promised", "predicted", "boasted", "lamented", "answered", "recounted",
              "cautioned", "stressed", "suggested", "tweeted", "posted", "wondered", "pleaded",
              "according"}  # fmt: skip


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of `words` sharing their prefixes ("sa(?:id|ys)"), which the regex engine
    rules out in a letter or two where a flat list of ~340 verbs is tried one by one at every word.
    Between word boundaries it matches the same words as the flat list, whatever the order."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + f"(?:{_trie(longer)})" + ("?" if "" in rests else ""))
    return "|".join(branches)


# The lookahead for the verbs' first letters (a class, one test) rules out most positions before
# the word boundary and the trie are tried there.
# "According to" may open the sentence.
_VERB_INITIALS = "".join(sorted({verb[0] for verb in SPEECH_VERBS} | {"a", "A"}))
_VERB_RE = re.compile(rf"(?=[{re.escape(_VERB_INITIALS)}])\b(?:{_trie(SPEECH_VERBS)}|[Aa]ccording\s+to)\b")
_NAME_RE = re.compile(_NAME)
_PRONOUN_RE = re.compile(_PRONOUN)
_ROLE_RE = re.compile(_ROLE)
# A longer role phrase, read only where a name follows it after a comma.
_LONG_ROLE_RE = re.compile(rf"(?:{_DETERMINER})(?:\s+[\w’'-]+){{1,7}}")
_POSSESSIVE_ROLE_RE = re.compile(r"[A-Z][\w’'-]*[’']s(?:\s+[a-z][\w’'-]*){1,4}")  # "Ruiz's neighbor"
_KNOWN_ROLE_RE = re.compile(_KNOWN_ROLE)
_NAME_AT_END = re.compile(rf"(?P<name>{_NAME})\s*$")
_PRONOUN_AT_END = re.compile(rf"(?P<name>{_PRONOUN})\s*$")
_ROLE_AT_END = re.compile(rf"(?P<name>{_KNOWN_ROLE})\s*$")  # five words at most
# Someone the text introduces without naming: "one protester", "a woman in the crowd" (any noun).
_SOMEONE = (
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)"
    r"(?:\s+(?!(?:was|were|is|are|be|been|would|will|could|should|can|may|might|must|had|has|have|did|does"
    r"|do|that|who|which|if|whether)\b)[a-z][\w’'-]*){1,4}"  # "said a walkout was likely" is what was said
)
_SOMEONE_RE = re.compile(_SOMEONE)
# ... as the subject that opens a clause: '“...,” one protester said', not "... a fair deal and said".
_SOMEONE_AT_END = re.compile(
    rf"(?:^|[,;:—–][\"”’']?)\s*(?P<name>{_SOMEONE})(?<!\band)(?<!\bor)(?<!\bbut)\s*$"
)
# Someone who speaks for the name after them: "a spokesman for Gov. Gavin Newsom said".
_PROXIES = r"(?:spokes(?:person|woman|man)|aide|lawyer|attorney|representative|adviser|advisor|assistant)s?"
_PROXY_LEAD = rf"(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[\w’'-]+\s+){{0,2}}?{_PROXIES}\s+(?:for|of|to)\s+"
_PROXY_CLAUSE = re.compile(
    rf"\s*{_PROXY_LEAD}(?P<name>(?:[A-Z][a-z]{{1,4}}\.\s+)?{_NAME})(?=\s*(?:[,.;:!?]|$))"
)
_CONJUNCTION_AT_END = re.compile(r"\b(?:and|but|then|before|after)$")
# Words that may stand between a speaker and the verb: "Bessent recently clarified", "Kell has
# also said". ("had also" is two of them.)
_FILLER_WORDS = frozenset({"has", "had", "have", "also", "then", "later", "again", "once", "previously"})
_ADVERB = re.compile(r"\w+ly")
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
    if _PRONOUN_RE.fullmatch(first):
        return first, "pronoun"
    proxy = _PROXY_CLAUSE.match(frame, position)
    if proxy and (name := _as_name(_FULL_STOP.sub("", proxy.group("name")))):
        return name, "proxy"  # "said a spokesman for Gov. Gavin Newsom"
    at_end = _NAME_AT_END.search(first)
    lead = first[: at_end.start()].split() if at_end else []
    if at_end and len(lead) <= 3 and not {w.lower() for w in lead} & _NOT_ROLE_WORDS:
        name = _as_name(at_end.group("name"))
        if name:
            return _name_or_title(name)
    if _ROLE_RE.fullmatch(first) or _POSSESSIVE_ROLE_RE.fullmatch(first) or _LONG_ROLE_RE.fullmatch(first):
        if len(parts) > 1 and (name := _as_name(parts[1])):
            # "said a courier, Talia Obi", "said Ruiz's neighbor, Tom Lee", "said a lawyer for
            # the Reed family, Ana Cho"
            return name, "name"
        if _KNOWN_ROLE_RE.fullmatch(first) or _SOMEONE_RE.fullmatch(first):
            return first, "role"
    return None


_ACRONYM_AT_END = re.compile(r"\s*\([^()]{1,40}\)$")
_AGE_AT_END = re.compile(r",\s*\d{1,3}$")
_RELATIVE_CLAUSE_AT_END = re.compile(r",\s+(?:which|who|whose)\b[^“”\"]*,$")


def _last_words_start(text: str, count: int) -> int:
    """Where the whitespace before the last `count` words of `text` begins (0 when it has no more
    words). A pattern that ends the text and spans at most `count` words matches after it, so its
    search may start there instead of trying every position of a long sentence; a search from a
    position still sees the text before it for "\b" and lookbehinds."""
    parts = text.rsplit(None, count)
    return len(parts[0]) if len(parts) > count else 0


def _is_filler(word: str) -> bool:
    return word in _FILLER_WORDS or _ADVERB.fullmatch(word) is not None


def _without_fillers(left: str) -> str:
    """`left` (which ends in no whitespace) without the filler words that end it, each of them
    after whitespace: 'Bessent recently' -> 'Bessent'. Word by word from the end, where a regex
    ending in "$" would try every position of the sentence."""
    while True:
        parts = left.rsplit(None, 1)  # the head comes without its trailing whitespace
        if not parts or not _is_filler(parts[-1]):
            return left
        if len(parts) == 2:
            left = parts[0]
        elif left[0].isspace():  # the sentence's only word, after blanked space
            return ""
        else:
            return left  # a first word has no whitespace before it to be cut with


def _subject_before(frame: str, position: int) -> tuple[str, str] | None:
    """The speaker right before a verb: 'Mara Kell said', 'Bessent recently clarified',
    'Kell, the union's secretary, said', 'former ambassador to Russia, Michael McFaul, calling'."""
    left = _without_fillers(frame[:position].rstrip())
    # `left` ends in no whitespace, so only text ending in ")" or "," can match these; testing
    # that first spares a regex scan of the whole sentence (its blanked quotes are long runs of
    # spaces, which an unanchored "\s*...$" search retries at every one).
    if left.endswith(")"):
        left = _ACRONYM_AT_END.sub("", left)  # "Wagering Industry Association (WIA) said"
    if left.endswith(","):
        left = _RELATIVE_CLAUSE_AT_END.sub(",", left)  # "X, which collected ..., said"
    if left.endswith(",") and PARTY_AND_STATE.fullmatch(party := left[:-1].rsplit(",", 1)[-1].strip()):
        left = left[: -len(party) - 1].rstrip().rstrip(",")  # "John Thune, R-S.D., said": the name
    if left.endswith(","):
        parts = left[:-1].split(",")
        if len(parts) >= 2:
            # The name may follow a quote's closing mark: '"...," Pike, who has worked there, said'.
            appositive = parts[-1].strip().lstrip('"”’»').strip()
            if (name := _as_name(appositive)) and _NAME_RE.fullmatch(appositive):
                return name, "name"
            # An age before the role goes too: "Ana Ruiz, 54, a retired teacher, told".
            left = _AGE_AT_END.sub("", ",".join(parts[:-1]).rstrip())
        else:
            left = parts[0].rstrip()
    for pattern, kind, words in (
        (_PRONOUN_AT_END, "pronoun", 1),
        (_NAME_AT_END, "name", None),
        (_ROLE_AT_END, "role", 5),
        (_SOMEONE_AT_END, "role", 5),
    ):
        match = pattern.search(left, _last_words_start(left, words) if words else 0)
        if match:
            who = match.group("name")
            if kind == "name":
                name = _as_name(who)
                if name and " " not in name and frame[position:].split()[0] in SPEECH_STEMS:
                    return None  # "Locals call", "Critics say": a plural noun, not a person
                return _name_or_title(name) if name else None
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
        start, end = verb.span()
        if _NOT_SPEECH.match(frame, start):
            continue  # "wrote off $5.5 billion"
        word = verb.group().split()[0].lower()  # the verbs are lowercase, but for "According"
        after = _subject_after(frame, end) if word in _POSTPOSED else None
        before = None if word == "according" else _subject_before(frame, start)
        left = frame[:start].rstrip()
        if before is None and after is None:
            if found and _CONJUNCTION_AT_END.search(left, _last_words_start(left, 1)):
                before = found[-1][:2]  # "Kell said ... and described it as"
            elif word.endswith("ing") and left.endswith(","):
                # "Ivic dismissed it, calling them": the participle's subject is the sentence's.
                subject = _SENTENCE_SUBJECT.match(frame)
                name = _as_name(subject.group("who")) if subject else None
                before = found[-1][:2] if found else ((name, "name") if name else None)
        for who in (before, after):
            if who and who[0].lower() not in GENERIC_SPEAKERS:
                found.append((who[0], who[1], start, end))
    return found


_NAME_INTRODUCING = re.compile(rf"(?P<who>{_NAME})\s*:\s*$")  # "Mara Kell: ..."


def _in_sentence(
    frame: str, quote_start: int, quote_end: int, attributions: list[tuple[str, str, int, int]] | None = None
) -> _Found | None:
    """The attribution nearest the quote in its (blanked) sentence. `attributions`: the
    frame's `_attributions`, when the caller has them already."""
    found: list[_Found] = []
    after = _AFTER_QUOTE.match(frame, quote_end + 1) if quote_end < len(frame) else None
    if after:
        who = after.group("who") or _FULL_STOP.sub("", after.group("who2") or "")
        verb = after.group("verb") or after.group("verb2") or ""
        # After "told" the name is the listener; "asked" right after a question is its speaker.
        inverted = after.group("verb2") is None or verb in _POSTPOSED or verb in ("asked", "asks")
        if who and inverted and verb not in _NOT_VERBS and who.lower() not in GENERIC_SPEAKERS:
            name, kind = _classify(who)
            if kind != "name" or _as_name(name):
                found.append(_Found(name, kind, 0))
    for who, kind, start, end in _attributions(frame) if attributions is None else attributions:
        distance = quote_start - end if end <= quote_start else start - quote_end
        found.append(_Found(who, kind, abs(distance)))
    before = frame[:quote_start].rstrip(' “"«„')
    # Only text ending in ":" can match; the test spares scanning every name in the sentence.
    intro = _NAME_INTRODUCING.search(before) if before.rstrip().endswith(":") else None
    if intro and (introduced := _as_name(intro.group("who"))):
        found.append(_Found(introduced, "name", 1))
    if not found:
        return None
    nearest = min(found, key=lambda f: f.distance)
    # A name in the sentence beats a pronoun or role, unless that is right next to the quote
    # ("“...,” she said"): "Huang criticized controls as “...”, revealing his company wrote".
    named = sorted((f for f in found if f.kind == "name"), key=lambda f: f.distance)
    if named and (nearest.kind == "name" or nearest.distance > 3):
        return _as_proxy(named[0], frame)
    return _as_proxy(nearest, frame) if nearest.kind == "name" else nearest


def _as_proxy(found: _Found, frame: str) -> _Found:
    """`found`, or its "proxy" kind when the text gives the words to someone speaking for the
    name: a person's spokesman says them, not the person; a company speaks through one."""
    if " " not in frame or found.who not in frame:
        return found
    pattern = rf"\b{_PROXY_LEAD}(?:[A-Z][\w.’'-]*\s+){{0,3}}?{re.escape(found.who)}\b"
    return dataclasses.replace(found, kind="proxy") if re.search(pattern, frame) else found
