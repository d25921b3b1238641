"""Actor candidates of a non-English document: the finder's, tidied, plus the speakers.

The finder's rules are English (titles, suffixes, verbs after a name). In other languages its
capitalised runs still find most organisations, but carry words that are not names ("Según
Salcedo", "GKD-Bezirksleiterin Sabine Kroll", "Экономист Ирина Карпова"), and a Chinese text
gives it nothing. So: titles, articles and words such as "según" come off each name, and every
speaker the attribution found in the text becomes a candidate too, a person when the text says
so by a verb of saying and the name is two or three words (or Han characters) long.
"""

from __future__ import annotations

from dataclasses import replace

from ..lexicon.foreign import FOREIGN_ARTICLES, PERSON_TITLE_ENDS
from ..segmentation import Segmentation
from .bodies import named_bodies
from .finder import Candidate
from .speakers import person_like, with_speakers


def _office(name: str) -> bool:
    """A title and the place it is held in, naming no one: "Bürgermeister von Hamburg", "Alcalde
    de Valencia" (the person comes with a name of their own)."""
    words = name.split()
    while words and words[0].lower() in FOREIGN_ARTICLES:
        words = words[1:]
    return len(words) > 2 and words[0].lower().endswith(PERSON_TITLE_ENDS) and words[1].islower()


def foreign_candidates(segmentation: Segmentation, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates of a non-English document (see the module docstring)."""
    from ..attribution import foreign_name

    speakers = list(dict.fromkeys(q.speaker for q in segmentation.quotes if q.speaker and q.speech))
    result: list[Candidate] = []
    names: set[str] = set()
    for candidate in candidates:
        if candidate.kind == "other" and _office(candidate.name):
            continue
        name = foreign_name(candidate.name, segmentation.language) or candidate.name
        if name in names or (" " not in name and any(name == n.split()[-1] for n in names)):
            continue  # "Salcedo" (from "Según Salcedo") once "Joaquín Salcedo" is there
        kind = candidate.kind
        if kind == "other" and name in speakers and person_like(name):
            kind = "person"
        aliases = tuple(a for a in dict.fromkeys([*candidate.aliases, candidate.name]) if a != name)
        result.append(Candidate(name, kind, candidate.role, aliases, candidate.mentions, candidate.first))
        names.add(name)
    for body in named_bodies(segmentation, names):
        if body.name not in names:
            result.append(body)
        else:  # "el sindicato «Estiba Unida»": what the finder left of kind "other" is a body
            result = [
                replace(c, kind=body.kind) if c.name == body.name and c.kind == "other" else c for c in result
            ]
    return with_speakers(segmentation, sorted(result, key=lambda c: c.first), speakers, persons=True)
