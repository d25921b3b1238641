"""Read one piece of capitalised words: what it names by its form (country, government,
organisation, group, place, person), and the title before a name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import (
    AUX,
    CALENDAR,
    CORP_END,
    DIRECTIONS,
    GOV_LEXICON,
    GOV_QUALIFIERS,
    GOV_SOFT,
    GOV_WORDS,
    GROUP_SUFFIXES,
    HONORIFICS,
    JOBS,
    NAME_SUFFIXES,
    ORG_HEAD_LINKS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PARTICLES,
    PLACE_SUFFIXES,
    PLURAL_TITLES,
    ROLE_HEADS,
    ROLE_WORDS,
    SPEECH,
    STOP,
)
from .tokens import Doc


@dataclass
class Mention:
    i0: int  # first and last token of the name (titles excluded)
    i1: int
    kind: str  # person organization government group country place unknown
    key: tuple[str, ...] = ()
    strong: bool = False  # a title, role, suffix, speech verb or definition makes it an actor
    weak: bool = False  # inside a title ("Silverbend Chief Executive"): joins, never creates
    role: str | None = None
    role_rank: int = 9
    role_head: str | None = None
    titled: str | None = None  # the name with its title as written ("President Donald Trump")
    acronym: str | None = None  # "International Monetary Fund (IMF)"
    ticker: str | None = None  # "(NASDAQ: NVDA)"
    capital: bool = False  # "Beijing" standing for China
    personal: bool = False  # a personal title or role ("Mayor", "an economist"): a person
    lower: bool = False  # a lower-case institution ("the state transportation commission")
    ctx_start: int = -1  # first token of the whole mention, titles included
    # Context.
    initial: bool = False
    poss: bool = False
    speech: bool = False
    verbish: bool = False
    role_after: bool = False
    locative: bool = False
    adjectival: bool = False
    numbered: bool = False
    the_before: bool = False
    label: bool = False
    named_thing: bool = False
    employer: bool = False  # after a job's "of" or "at": "chief executive of Kalmstad Terminals"

    @property
    def actorish(self) -> bool:
        return self.poss or self.speech or self.verbish or self.role_after

    @property
    def negative(self) -> bool:
        return self.locative or self.adjectival or self.numbered or self.named_thing


# Trailing words a mention's key drops: "Acme Corp." and "Acme" are one actor.
_KEY_TAIL = CORP_END | {"corporation", "company", "&", "and", "of", "the"}


def mention_key(doc: Doc, i0: int, i1: int) -> tuple[str, ...]:
    words = doc.keys[i0 : i1 + 1]
    while len(words) > 1 and words[-1].rstrip(".") in _KEY_TAIL:
        words.pop()
    return tuple(words)


def country_of(doc: Doc, i0: int, i1: int) -> str | None:
    canonical = doc.countries.get(tuple(doc.keys[i0 : i1 + 1]))
    if canonical is None:
        canonical = doc.countries.get(tuple(doc.lows[i0 : i1 + 1]))
    if canonical and i0 == i1 and len(doc.words[i0]) <= 3 and not doc.uppers[i0]:
        return None  # "US" and "UK" only in capitals: never "us"
    return canonical


def classify(doc: Doc, i0: int, i1: int) -> str:
    kind = doc.kinds.get((i0, i1))
    if kind is None:
        kind = doc.kinds[(i0, i1)] = _kind_of(doc, i0, i1)
    return kind


_CENTRAL_BANK = frozenset(["central", "reserve", "federal"])


def _kind_of(doc: Doc, i0: int, i1: int) -> str:
    """What tokens i0..i1 name by their form: country, government, organization, group, place,
    person (several capitalised words) or unknown (one)."""
    words = doc.keys[i0 : i1 + 1]
    caps = doc.caps[i0 : i1 + 1].count(True)
    last = words[-1]
    if len(words) > 1 and last in NAME_SUFFIXES and words[-2] in PLACE_SUFFIXES:
        last = words[-2]  # "World War II"
    if len(words) > 2 and words[-2] == "local" and last.isdigit():
        return "organization"  # "Teamsters Local 727" (mentions.raw_mentions adds the number)
    if tuple(words) in GOV_LEXICON:
        return "government"
    if country_of(doc, i0, i1):
        return "country"
    org_end = last in ORG_SUFFIXES and caps > 1
    org_head = any(w in ORG_HEADS for w, nxt in zip(words, words[1:], strict=False) if nxt in ORG_HEAD_LINKS)
    if org_end or org_head:
        if last in GROUP_SUFFIXES:
            return "group"
        if "bank" in words and not any(w in _CENTRAL_BANK for w in words):
            return "organization"  # "Royal Bank of Canada", "First National Bank"; not "Central Bank"
        if any(w in GOV_WORDS for w in words) or (
            (last in GOV_SOFT or org_head) and any(w in GOV_QUALIFIERS for w in words)
        ):
            return "government"
        return "organization"
    if last in GROUP_SUFFIXES and caps > 1:
        return "group"
    if caps > 1 and (last in PLACE_SUFFIXES or words[0] in DIRECTIONS):
        return "place"
    return "unknown" if caps == 1 else "person"


def _is_role_word(doc: Doc, i: int) -> bool:
    return doc.keys[i] in ROLE_WORDS or doc.lows[i] in ROLE_WORDS


def title_split(doc: Doc, piece: list[int]) -> int:
    """Position in `piece` where a name starts after its title ("Treasury Secretary | Scott
    Bessent"), or 0 when the piece has no title."""
    caps, keys = doc.caps, doc.keys
    last_role = max((p for p, i in enumerate(piece) if _is_role_word(doc, i)), default=-1)
    if last_role < 0 or last_role == len(piece) - 1:
        return 0
    if not any(keys[i] in ROLE_HEADS for i in piece[: last_role + 1]):
        return 0
    if keys[piece[last_role]] in ("of", "for", "the"):
        # "Director of Communications Lena Vos": the title goes on to the last two words (less
        # their particles); "Head of Investor Relations" is a title alone.
        if len(piece) - last_role <= 3:
            return len(piece)
        start, named = len(piece), 0
        while start > last_role + 2 and named < 2:
            start -= 1
            named += not (doc.lows[piece[start]] in PARTICLES and not caps[piece[start]])
        last_role = start - 1
    name = piece[last_role + 1 :]
    if any(not caps[i] and doc.lows[i] not in PARTICLES for i in name) or not caps[name[0]]:
        return 0
    if all(keys[i] in NAME_SUFFIXES or len(keys[i].rstrip(".")) < 2 for i in name):
        return 0  # "Martin Luther King Jr.": a surname that is also a title; "Gen Z"
    return last_role + 1


# Month names that are also given names ("Jan Ek", "May Ng"), and the words before a date.
_NAMES_IN_CALENDAR = frozenset(["jan", "may", "june", "april", "august"])
_BEFORE_A_DATE = frozenset(
    ["in", "on", "since", "until", "till", "by", "from", "last", "next", "this", "early", "late"]
    + ["mid", "of", "through", "during", "before", "after", "each", "every"]
)


def dated(doc: Doc, i: int) -> bool:
    """Token i is a date word: "In May Acme said", "Monday Acme said"; not the given name in
    "Jan Ek, an analyst, said" (a month that is also a name, with no date word before it)."""
    if doc.keys[i] not in CALENDAR:
        return False
    if doc.keys[i] not in _NAMES_IN_CALENDAR or doc.words[i].endswith("."):
        return True
    prev = doc.prev_word(i)
    return prev is not None and doc.lows[prev] in _BEFORE_A_DATE


def is_common(doc: Doc, i: int) -> bool:
    low = doc.lows[i]
    return (
        low in STOP
        or dated(doc, i)
        or (low in doc.lower_vocab and not _is_role_word(doc, i))
        or low.endswith("ing")
        or low.endswith("ly")
    )


def _singular(title: str) -> str:
    """ "Councilmembers" -> "Councilmember", "Aldermen" -> "Alderman", "Reps." -> "Rep."."""
    stop = "." if title.endswith(".") else ""
    word = title.removesuffix(".")
    if word.endswith("men"):
        return word[:-3] + "man" + stop
    return word.removesuffix("s") + stop


_TITLE_LINKS = frozenset(["of", "the", "to"])


def _body_title_person(doc: Doc, piece: list[int], split: int) -> bool:
    """ "Bank of England Governor Andrew Bailey": a body, a person's title and a person's name in
    one run (the body alone, "Bank of England", is read before the title)."""
    if not 0 < split < len(piece) or len(piece) - split not in (2, 3):
        return False
    title = doc.keys[piece[split - 1]]
    body = classify(doc, piece[0], piece[split - 2]) if split >= 2 else "unknown"
    return title in ROLE_HEADS and body in ("organization", "government", "country")


def read_piece(doc: Doc, piece: list[int], split: int) -> list[Mention]:
    keys = doc.keys
    if keys[piece[-1]] == "time" and len(piece) > 1:
        return []  # a time zone: "8 a.m. to 5 p.m. Pacific Time", "Greenwich Mean Time"
    if all(keys[i].rstrip(".") in CORP_END for i in piece):
        return []  # "Inc." alone names no company
    if keys[piece[0]] in ("unidentified", "unknown", "anonymous"):
        return []  # a transcript's "UNIDENTIFIED MALE" names no one
    kind = classify(doc, piece[0], piece[-1])
    if kind in ("organization", "government", "group", "country") and not _body_title_person(
        doc, piece, split
    ):
        split = 0
    if split == len(piece):
        return []  # a title alone: "Head of Investor Relations"
    if not split:
        if kind in ("person", "unknown") and (
            all(_is_role_word(doc, i) for i in piece) or keys[piece[-1]] in ROLE_HEADS
        ):
            return []  # a title alone: "President", "Chief Financial Officer"
        m = Mention(piece[0], piece[-1], kind, ctx_start=piece[0])
        m.strong = kind in ("organization", "government", "group")
        return [m]
    out: list[Mention] = []
    role_part, name_part = piece[:split], piece[split:]
    # "of", "the" and "to" belong to a title only inside one: "Bank of England Governor".
    first_role = next(
        (p for p, i in enumerate(role_part) if _is_role_word(doc, i) and keys[i] not in _TITLE_LINKS), 0
    )
    if first_role:
        # Words before the title name the employer ("Silverbend Chief Executive").
        pre = role_part[:first_role]
        body = classify(doc, pre[0], pre[-1])
        employer = Mention(pre[0], pre[-1], body, weak=True, ctx_start=pre[0])
        # A body its name shows ("Bank of England Governor") is an actor by itself (grouping makes
        # it one where no longer name takes it); a bare name ("Lumen Air Chief Executive") only
        # with other evidence.
        employer.strong = body in ("organization", "government")
        employer.employer = any(
            keys[i] in JOBS for i in role_part[first_role:]
        )  # "Lumen Air Chief Executive"
        out.append(employer)
    for i in role_part[first_role:]:
        if country_of(doc, i, i):  # "U.S. Deputy Secretary of State"
            out.append(Mention(i, i, "country", weak=True, ctx_start=i))
    name_kind = classify(doc, name_part[0], name_part[-1])
    m = Mention(name_part[0], name_part[-1], "person" if name_kind in ("unknown", "place") else name_kind)
    m.strong = True
    m.personal = True
    if not all(keys[i] in HONORIFICS for i in role_part):  # "Dr." and "Ms" are no roles
        m.role, m.role_rank = doc.span(role_part[0], role_part[-1]), 0
        m.role_head = keys[role_part[-1]]
        if m.role_head in PLURAL_TITLES:  # one of the "Councilmembers" is a Councilmember
            m.role = _singular(m.role)
    m.titled = doc.span(piece[0], piece[-1])
    m.ctx_start = piece[0]
    out.append(m)
    return out


_LOWER_GOV_NOUNS = (
    "commission", "board", "agency", "ministry", "council", "office", "regulator", "legislature",
    "department", "authority", "assembly",
)  # fmt: skip
_LOWER_GOV_LEVELS = (
    "(?:state|federal|national|city|town|county|parish|borough|village|regional|provincial|municipal)"
)
_LOWER_GOV = re.compile(
    r"(?:\b[Tt]he |(?<![\w’'])(?=[A-Z]))((?:[A-Z][\w’'-]+ ){0,3}"
    + _LOWER_GOV_LEVELS
    + r"(?: (?!of\b|and\b|the\b)[a-z][a-z-]+){0,2} (?:"
    + "|".join(_LOWER_GOV_NOUNS)
    + r"))\b"
)
# What every match contains, without the pattern's openings, which are slow to try at every
# character: text without it has no match.
_LOWER_GOV_CORE = re.compile(
    _LOWER_GOV_LEVELS + r"(?: [a-z][a-z-]+){0,2} (?:" + "|".join(_LOWER_GOV_NOUNS) + ")"
)


def lowercase_bodies(doc: Doc) -> list[Mention]:
    """Institutions written in lower case ("the state transportation commission") that act."""
    starts = doc.starts
    out: list[Mention] = []
    if not _LOWER_GOV_CORE.search(doc.text):
        return out
    for rstart, rend in doc.kept:
        if not _LOWER_GOV_CORE.search(doc.text, rstart, rend):
            continue
        for match in _LOWER_GOV.finditer(doc.text, rstart, rend):
            i0 = bisect.bisect_left(starts, match.start(1))
            i1 = bisect.bisect_left(starts, match.end(1)) - 1
            if i0 > i1 or starts[i0] != match.start(1) or doc.quiet[i0]:
                continue
            nxt = doc.next_word(i1)
            if nxt is not None and (doc.lows[nxt] in AUX or doc.lows[nxt] in SPEECH):
                m = Mention(i0, i1, "government", strong=True, lower=True, ctx_start=i0)
                out.append(m)
    return out
