"""`Candidate` and `find_candidates`: run the steps and build one candidate per kept group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..names import PARTY_AND_STATE, normalize
from .grouping import Group, group_mentions, has_actor_evidence
from .lexicon import BLOC_KINDS
from .matching import all_mentions
from .mentions import raw_mentions
from .tokens import Doc

if TYPE_CHECKING:
    from ..cleaning import CleanedDocument

__all__ = ["Candidate", "find_candidates"]

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Candidate:
    """One actor the text names. `mentions` are `(start, end)` offsets into `document.text`."""

    name: str
    kind: str  # person, organization, government, country, group, other
    role: str | None
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]
    first: int

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


def _candidate(doc: Doc, g: Group, spans: list[tuple[int, int]]) -> Candidate:
    text = doc.text
    own = sorted((m for m in g.mentions if not m.weak), key=lambda m: m.i0)
    named = [m for m in own if not m.capital] or own
    best = max(named, key=lambda m: (m.i1 - m.i0, not doc.uppers[m.i0], len(doc.span(m.i0, m.i1)), -m.i0))
    name = doc.span(best.i0, best.i1)
    if g.kind == "country" and g.key[0] == "#country" and g.key[1]:
        name = g.key[1]  # the country's own name ("United States"); the text's forms are aliases
    role = None
    for m in sorted(own, key=lambda m: (m.i0, m.role_rank)):
        if m.role:
            role = m.role
            break
    aliases: list[str] = []
    seen = {normalize(name)}
    spans = sorted(set(spans))
    for form in [text[s:e] for s, e in spans] + [
        x for m in own for x in (m.titled, m.acronym, m.ticker) if x
    ]:
        form = _SPACES.sub(" ", form).strip()
        if form and (norm := normalize(form)) not in seen:
            seen.add(norm)
            aliases.append(form)
    kind = g.kind if g.kind in ("person", "organization", "government", "country", "group") else "other"
    kind = BLOC_KINDS.get(name, kind) if kind == "country" else kind
    return Candidate(
        name=name, kind=kind, role=role, aliases=tuple(aliases), mentions=tuple(spans), first=spans[0][0]
    )


def find_candidates(document: CleanedDocument) -> list[Candidate]:
    """The actors the kept text of `document` names, sorted by first mention."""
    doc = Doc(document)
    if not doc.n:
        return []
    groups = group_mentions(doc, raw_mentions(doc))
    kept = {i for i, g in enumerate(groups) if has_actor_evidence(doc, g)}
    found = all_mentions(doc, groups, kept)
    out = [_candidate(doc, groups[i], found[i]) for i in kept if found.get(i)]
    # A lawmaker's party and state after their name ("John Thune, R-S.D., said") names no actor.
    # Capitalised words of unknown kind that only ever stand as a line of their own are a section
    # heading ("Company Participants", "Questions And Answers"), not an actor.
    # (Cleaning gives each kept line's offsets without the spaces around it.)
    lines = set(doc.kept)
    out = [
        c
        for c in out
        if not PARTY_AND_STATE.fullmatch(c.name) and not (c.kind == "other" and set(c.mentions) <= lines)
    ]
    return sorted(out, key=lambda c: (c.first, c.name))
