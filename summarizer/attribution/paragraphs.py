"""A quote's speaker from around it: the quote before it in the paragraph, an introduction
("Holt said:"), and the other parts of the same quote."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..segmentation import Segment
from .sentence import _in_sentence


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
