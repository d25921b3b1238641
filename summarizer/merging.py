"""Merge the grounded parts of a chunked document into one: typed, deduplicated, exact.

Offsets need no translation: every chunk's segments already point into the original document.
Actor ids are made unique across chunks and then merged like actors within one answer
(`names.merge_actors`); quotes are deduplicated by span (chunks overlap); stances by holder,
topic and position; risks by near-identical descriptions.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from .fields import merge_extra
from .grounding import Grounded
from .names import merge_actors, normalize
from .schemas import MAX_EVIDENCE, Actor, Risk, Span, Stance

_SAME_RISK = 90  # token_set_ratio at which two risk descriptions are the same risk


def _union(spans: list[Span], more: list[Span]) -> list[Span]:
    seen = {(s.start, s.end) for s in spans}
    return [*spans, *[s for s in more if (s.start, s.end) not in seen]][:MAX_EVIDENCE]


def merge_chunks(parts: list[Grounded]) -> Grounded:
    if len(parts) == 1:
        return parts[0]
    out = Grounded()
    actors: list[Actor] = []
    renamed: list[dict[str, str]] = []
    for part in parts:
        mapping = {}
        for actor in part.actors:
            mapping[actor.id] = f"A{len(actors) + 1}"
            actors.append(actor.model_copy(update={"id": mapping[actor.id]}))
        renamed.append(mapping)
    out.actors, remap, notes = merge_actors(actors)
    out.notes.extend(notes)

    def final(part_index: int, actor_id: str) -> str:
        return remap[renamed[part_index][actor_id]]

    seen_quotes: set[tuple[int, int]] = set()
    stances: dict[tuple[str, str, str], Stance] = {}
    for index, part in enumerate(parts):
        out.problems.extend(part.problems)
        out.notes.extend(part.notes)
        for quote in part.quotes:
            if (quote.start, quote.end) not in seen_quotes:
                seen_quotes.add((quote.start, quote.end))
                out.quotes.append(quote.model_copy(update={"speaker_id": final(index, quote.speaker_id)}))
        for stance in part.stances:
            holder = final(index, stance.actor_id)
            key = (holder, normalize(stance.topic), stance.position)
            if key in stances:
                stances[key].evidence = _union(stances[key].evidence, stance.evidence)
            else:
                stances[key] = stance.model_copy(update={"actor_id": holder})
        for risk in part.risks:
            same = next(
                (
                    r
                    for r in out.risks
                    if fuzz.token_set_ratio(normalize(r.description), normalize(risk.description))
                    >= _SAME_RISK
                ),
                None,
            )
            if same is None:
                out.risks.append(Risk(**risk.model_dump()))
            else:
                same.evidence = _union(same.evidence, risk.evidence)
    out.quotes.sort(key=lambda q: q.start)
    out.stances = list(stances.values())
    out.notes = list(dict.fromkeys(out.notes))
    out.extra = merge_extra([part.extra for part in parts])
    return out
