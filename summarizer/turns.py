"""A transcript's turns are quotes only where the model picks them; when it picks none (a weak
model often does), the summary would have no quotes at all. Then the code picks each named
speaker's most substantive statements: exact text under a speaker label, chosen by rule."""

from __future__ import annotations

from collections import defaultdict

from .lexicon import opens_with_pleasantry
from .segmentation import Segment, Segmentation

PER_SPEAKER = 3
IN_ALL = 12
_SHORTEST = 8  # words: "Thanks, Megan." and "Sure." say nothing


def _weight(turn: Segment) -> int:
    """Longer statements, and those with figures, say more."""
    return len(turn.text.split()) + (10 if any(c.isdigit() for c in turn.text) else 0)


def key_turns(segmentation: Segmentation) -> list[Segment]:
    """Up to PER_SPEAKER statements of each speaker the turns name, IN_ALL in all, in document
    order: no questions, no pleasantries, nothing shorter than a clause."""
    by_speaker: dict[str, list[Segment]] = defaultdict(list)
    for turn in segmentation.quotes:
        text = turn.text.strip()
        if not (turn.speaker_hint and turn.speaker and turn.speech) or turn.instruction_like:
            continue
        if len(text.split()) < _SHORTEST or text.endswith("?") or opens_with_pleasantry(text):
            continue
        by_speaker[turn.speaker].append(turn)
    picked = [
        t for turns in by_speaker.values() for t in sorted(turns, key=_weight, reverse=True)[:PER_SPEAKER]
    ]
    picked = sorted(picked, key=_weight, reverse=True)[:IN_ALL]
    return sorted(picked, key=lambda t: t.start)
