"""Group the mentions of one actor (surnames, first names, acronyms, short forms) and decide
which groups the text gives evidence are actors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from ..names import acronym
from .lexicon import (
    CALENDAR,
    CAPITALS,
    CLUB_SUFFIXES,
    CORP_END,
    DEMONYMS,
    DIRECTIONS,
    ORG_CONNECTORS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    ROLE_NOUNS,
    STOP,
)
from .reading import Mention, country_of, is_common
from .tokens import Doc


class Group:
    def __init__(self, key: tuple[str, ...]) -> None:
        self.key = key
        self.mentions: list[Mention] = []
        self.kind = "unknown"

    def add(self, m: Mention) -> None:
        self.mentions.append(m)

    @property
    def strong(self) -> bool:
        return any(m.strong for m in self.mentions if not m.weak)

    def kinds(self) -> set[str]:
        return {m.kind for m in self.mentions if not m.weak}


_KIND_ORDER = ("country", "government", "organization", "group", "person", "place", "unknown")


def _group_kind(g: Group, final: bool = False) -> str:
    kinds = g.kinds() or {m.kind for m in g.mentions}
    if "place" in kinds and not g.strong:
        return "place"
    for kind in _KIND_ORDER:
        if kind in kinds and kind != "place":
            kind_ = kind
            break
    else:
        kind_ = "unknown"
    if kind_ in ("person", "unknown"):
        heads = [m.role_head for m in sorted(g.mentions, key=lambda x: x.role_rank) if m.role_head]
        if heads and heads[0] in ORG_NOUNS and heads[0] not in ROLE_NOUNS:
            return "organization"
        if heads and kind_ == "unknown":
            kind_ = "person"
    if final and kind_ in ("person", "unknown") and not _personal(g):
        if any(m.employer or m.ticker for m in g.mentions):  # weak ones too: "Lumen Air Chief Executive"
            # "chief executive of Kalmstad Terminals", "analysts at Jefferies", "Acme (ACME.N)"
            return "organization"
        if kind_ == "person":
            return "other"  # a name-shaped phrase ("Goldman Sachs", "Real Madrid") with no sign of a person
    return kind_


def _personal(g: Group) -> bool:
    """A title, a personal role, or a surname used alone ("Bessent said")."""
    own = [m for m in g.mentions if not m.weak]
    if any(m.personal for m in own):
        return True
    longest = max((m.key for m in own), key=len)
    return len(longest) > 1 and any(m.key == longest[-1:] and (m.speech or m.poss) for m in own)


_WORD = re.compile(r"[^\W_]+")
_LINKS = frozenset({"of", "the", "and", "for", "on"})


def _initials(surface: str) -> set[str]:
    words = [w for w in _WORD.findall(surface) if w.lower() not in _LINKS]
    split = "".join(w[0] for w in words).lower()
    return {split, acronym(surface)}


def group_mentions(doc: Doc, mentions: list[Mention]) -> list[Group]:
    keys, uppers = doc.keys, doc.uppers
    groups: dict[tuple[str, ...], Group] = {}
    weak: list[Mention] = []
    surnames = _surnames(mentions)
    for m in mentions:
        if m.weak:
            weak.append(m)
            continue
        if m.kind == "unknown" and m.i0 == m.i1:
            word, low = keys[m.i0], doc.lows[m.i0]
            if word in CAPITALS and word not in surnames:
                if not (m.poss or m.verbish or m.speech) or m.initial and not m.speech:
                    continue
                m.kind, m.capital = "country", True
                m.key = ("#country", CAPITALS[word])
            elif word in CALENDAR or word in DEMONYMS or word in DIRECTIONS or low in STOP:
                continue
            elif _opens_a_sentence_only(doc, m, word, low):
                continue  # "Opponents argued"; not "Codelco, the state miner,"
            elif m.initial and is_common(doc, m.i0):
                continue
        if m.kind == "country" and m.i0 == m.i1 and keys[m.i0] in surnames:
            m.kind = "unknown"  # "Michael Jordan ... Jordan said": the surname, not the country
        if m.kind == "country" and not m.capital:
            m.key = ("#country", country_of(doc, m.i0, m.i1) or " ".join(m.key))
        groups.setdefault(m.key, Group(m.key)).add(m)
    for g in groups.values():
        g.kind = _group_kind(g)

    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def merge(small: Group, big: Group) -> None:
        big.mentions.extend(small.mentions)
        parent[small.key] = big.key

    def index(items: list[Group], key: Callable[[Group], Iterable[Hashable]]) -> dict[Any, list[Group]]:
        out: dict[Any, list[Group]] = defaultdict(list)
        for item in items:
            for k in key(item):
                out[k].append(item)
        return out

    people = [g for g in groups.values() if g.kind == "person" and len(g.key) > 1]
    orgs = [
        g
        for g in groups.values()
        if g.key[0] != "#country" and g.kind in ("organization", "government", "group")
    ]
    by_last = index(people, lambda g: [g.key[-1]])
    by_first = index([*orgs, *people], lambda g: [g.key[0]] if len(g.key) > 1 else [])
    by_initials = index(
        orgs, lambda g: {i for m in g.mentions if m.i1 > m.i0 for i in _initials(doc.span(m.i0, m.i1))}
    )
    by_end = index(
        [g for g in orgs if not ORG_CONNECTORS.intersection(g.key)],
        lambda g: [g.key[-1]] if len(g.key) > 1 and _named_by_its_end(g.key[-1]) else [],
    )
    defined: dict[str, Group] = {}
    org_ends: dict[int, Group] = {}
    for g in orgs:
        for m in g.mentions:
            org_ends[m.i1] = g
            for code in (m.acronym, m.ticker):
                if code:
                    defined.setdefault(code.lower().replace(".", ""), g)
    # Tickers written right after a company's name: "NVIDIA Corp. NVDA".
    for m in weak:
        if m.i0 == m.i1 and uppers[m.i0] and m.i0 - 1 in org_ends and keys[m.i0 - 1] in CORP_END:
            defined.setdefault(keys[m.i0].replace(".", ""), org_ends[m.i0 - 1])

    def unique(found: list[Group]) -> Group | None:
        return found[0] if len(found) == 1 else None

    for g in list(groups.values()):
        if len(g.key) != 1 or g.key[0] == "#country" or g.kind not in ("unknown", "person", "organization"):
            continue
        word = g.key[0]
        code = word.replace(".", "")
        upper = any(uppers[m.i0] for m in g.mentions)
        target = defined.get(code) if upper else None
        if target is None and g.kind in ("unknown", "person"):
            target = unique(by_last.get(word, []))
            if target is None and len(by_last.get(word, [])) > 1:
                # "Derek Hall" and "City Hall": the surname is the one a title marks as a person.
                target = unique([p for p in by_last[word] if _personal(p)])
            if target is None and not by_last.get(word):
                target = unique([p for p in by_first.get(word, []) if p.kind == "person"])
        if target is None and upper:
            target = unique(by_initials.get(code, []))
        if target is None and any(m.actorish and not m.the_before for m in g.mentions):
            target = unique(by_first.get(word, []))
        if target is None and any(m.actorish and not m.locative for m in g.mentions):
            target = unique(by_end.get(word, []))
        if target is not None and target is not g:
            merge(g, target)
    # Short forms of one longer name: "Owl Hollow" of "Owl Hollow Spring".
    by_prefix = index(
        [g for g in groups.values() if len(g.key) > 2 and g.key[0] != "#country"],
        lambda g: [g.key[:n] for n in range(2, len(g.key))],
    )
    for g in list(groups.values()):
        if g.key in parent or len(g.key) < 2 or g.strong or g.kind not in ("person", "unknown"):
            continue
        longer = [h for h in by_prefix.get(g.key, []) if h.key not in parent]
        if len(longer) == 1:
            merge(g, longer[0])
    live = {k: g for k, g in groups.items() if k not in parent}
    by_suffix = index(
        [g for g in live.values() if g.kind in ("organization", "government", "group")],
        lambda g: [g.key[-n:] for n in range(2, len(g.key))],
    )
    for m in weak:
        code = m.key[0].replace(".", "") if len(m.key) == 1 and uppers[m.i0] else None
        if code is not None and code in defined and defined[code].key in live:
            m.weak, m.ticker = False, doc.words[m.i0]
            defined[code].add(m)
        elif m.key in live:
            live[m.key].add(m)
        elif m.kind == "country":
            key = ("#country", country_of(doc, m.i0, m.i1) or "")
            if key in live:
                live[key].add(m)
        elif len(m.key) > 1 and len(ends := by_suffix.get(m.key, [])) == 1:
            ends[0].add(m)  # "Tribal Council Chair" of the "Antelope Ridge Tribal Council"
        elif m.strong and m.kind in ("organization", "government"):
            m.weak = False  # "Bank of England Governor Andrew Bailey": the bank, named by itself
            live.setdefault(m.key, Group(m.key)).add(m)
    for g in live.values():
        g.kind = _group_kind(g, final=True)
    return list(live.values())


def _named_by_its_end(word: str) -> bool:
    """Whether a name's last word alone may stand for it: "Acme Bank" is no "Bank", but "United"
    is Manchester United."""
    return word not in ORG_SUFFIXES or word in CLUB_SUFFIXES


def _opens_a_sentence_only(doc: Doc, m: Mention, word: str, low: str) -> bool:
    """A one-word mention that only ever opens a sentence, with nothing saying it names anyone."""
    return m.initial and word not in doc.known_caps and (not m.speech or _plural(low)) and not _described(m)


def _described(m: Mention) -> bool:
    """The text says what the mention is: "Codelco, the state miner,", "Vos, an economist"."""
    return m.role_head is not None and (m.role_head in ROLE_NOUNS or m.role_head in ORG_NOUNS)


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _surnames(mentions: list[Mention]) -> set[str]:
    return {m.key[-1] for m in mentions if m.kind == "person" and len(m.key) > 1}


def has_actor_evidence(doc: Doc, g: Group) -> bool:
    """Whether the text gives evidence that the group is an actor."""
    uppers = doc.uppers
    own = [m for m in g.mentions if not m.weak]
    if not own or g.kind == "place":
        return False
    if all(doc.headline[m.i0] for m in own):
        return False
    products = sum(m.numbered for m in own)
    if g.kind == "country":
        return any(m.actorish or not m.negative for m in own if not m.capital) or any(m.capital for m in own)
    if products * 2 >= len(own) and not g.strong:
        return False
    if g.strong:
        return True
    if all(uppers[m.i0] and uppers[m.i1] for m in own) and len(g.key) > 1:
        return False  # "CNN HOST", "SENATE MAJORITY WHIP": capitals without a sign of an actor
    if len(g.key) == 1:
        word = g.key[0]
        if word in CALENDAR or word in DEMONYMS or word in DIRECTIONS or word in STOP:
            return False
        upper = all(uppers[m.i0] for m in own)
        return any(
            m.actorish
            and not m.locative
            and (upper or not m.the_before)
            and (not m.initial or m.speech or word in doc.known_caps)
            for m in own
        )
    return any(not m.negative or m.actorish for m in own)
