"""Merge the grounded parts of a chunked document into one: typed, deduplicated, exact.

Offsets need no translation: every chunk's segments already point into the original document.
Actor ids are made unique across chunks and then merged like actors within one answer
(`names.merge_actors`); quotes are deduplicated by span (chunks overlap); stances by holder,
topic and position; risks by near-identical descriptions.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from .fields import merge_extra
from .grounding import SAME_WORDING, Grounded, same_stance, union_spans
from .names import merge_actors, normalize
from .schemas import Actor, Risk


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

    for index, part in enumerate(parts):
        out.problems.extend(part.problems)
        out.notes.extend(part.notes)
        for quote in part.quotes:
            if (quote.start, quote.end) not in seen_quotes:
                seen_quotes.add((quote.start, quote.end))
                out.quotes.append(quote.model_copy(update={"speaker_id": final(index, quote.speaker_id)}))
        for stance in part.stances:
            stance = stance.model_copy(update={"actor_id": final(index, stance.actor_id)})
            kept = next((s for s in out.stances if same_stance(s, stance)), None)
            if kept is None:
                out.stances.append(stance)
            else:
                kept.evidence = union_spans(kept.evidence, stance.evidence)
        for risk in part.risks:
            same = next(
                (
                    r
                    for r in out.risks
                    if fuzz.token_set_ratio(normalize(r.description), normalize(risk.description))
                    >= SAME_WORDING
                ),
                None,
            )
            if same is None:
                out.risks.append(Risk(**risk.model_dump()))
            else:
                same.evidence = union_spans(same.evidence, risk.evidence)
    out.quotes.sort(key=lambda q: q.start)
    out.notes = list(dict.fromkeys(out.notes))
    out.extra = merge_extra([part.extra for part in parts])
    return out
