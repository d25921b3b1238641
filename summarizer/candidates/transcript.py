"""A transcript's speakers are actors even where the candidate rules never see their names: a
call lists "Priya Sen, Chief Financial Officer" among its participants and heads her turns with
"Priya Sen" or "A - Priya Sen", all lines the rules read as headings. Each speaker named by two or
three capitalised words becomes a person, with the title the participants' list gives."""

from __future__ import annotations

import dataclasses
import re

from ..segmentation import Segmentation
from .finder import Candidate
from .lexicon import ROLE_NOUNS
from .speakers import person_like, with_speakers

_MOST_SPEAKERS = 40  # each role look-up scans the text: a call has a few speakers, a hostile text thousands


def with_turn_speakers(segmentation: Segmentation, candidates: list[Candidate]) -> list[Candidate]:
    """`candidates`, with each person who speaks a transcript's turns a person, added where the
    rules missed them, and given the title a "Name, Title" line of the text gives them."""
    labels = [q.speaker for q in segmentation.quotes if q.attribution == "label" and q.speaker]
    speakers = [label for label in dict.fromkeys(labels) if person_like(label)][:_MOST_SPEAKERS]
    if not speakers:
        return candidates
    candidates = with_speakers(segmentation, candidates, speakers, persons=True)
    spoken = set(speakers)
    return [
        _titled(segmentation, dataclasses.replace(c, kind="person") if c.kind == "other" else c)
        if c.name in spoken and c.kind in ("person", "other")
        else c
        for c in candidates
    ]


def _titled(segmentation: Segmentation, candidate: Candidate) -> Candidate:
    """`candidate` with the title of a line "Priya Sen, Chief Financial Officer" (one with a role
    noun: "Owen Burke, Barclays" names an employer, not a title), when it has none."""
    if candidate.role:
        return candidate
    line = re.compile(rf"{re.escape(candidate.name)}\s*,\s*(?P<title>[^\n]{{2,80}}?)\s*")
    text = segmentation.document.text
    for region in segmentation.document.kept:
        match = line.fullmatch(text, region.start, region.end)
        if match and any(w.lower() in ROLE_NOUNS for w in re.findall(r"[\w-]+", match.group("title"))):
            return dataclasses.replace(candidate, role=match.group("title"))
    return candidate
