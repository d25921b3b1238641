"""A transcript labels a speaker by surname in capitals ("MS. WELLS:"), where the text's own title
line gives the whole name ("Press Briefing by Press Secretary Karen Wells"): the candidate takes the
whole name, and the label stays one of its forms."""

from __future__ import annotations

import dataclasses
import re

from ..names import TITLES
from ..segmentation import Segmentation
from .finder import Candidate
from .speakers import mentions_of

_MOST_LABELS = 20


def _whole_names(surname: str, segmentation: Segmentation) -> list[str]:
    """The distinct "Given Surname" forms the kept text writes for a surname ("Karen Wells")."""
    pattern = re.compile(rf"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?)\s+{re.escape(surname)}\b")
    text = segmentation.document.text
    found = [
        m.group(0)
        for region in segmentation.document.kept
        for m in pattern.finditer(text, region.start, region.end)
        if m.group(1).lower() not in TITLES
    ]
    return list(dict.fromkeys(found))


def with_whole_names(segmentation: Segmentation, candidates: list[Candidate]) -> list[Candidate]:
    """`candidates`, a person named only by a surname in capitals ("WELLS") renamed to the one
    whole name the text gives for it, with its mentions."""
    result = []
    looked = 0  # each look scans the text: a briefing has a few speakers, a hostile text thousands
    for candidate in candidates:
        name = candidate.name
        if (
            candidate.kind != "person"
            or " " in name
            or not name.isupper()
            or len(name) < 2
            or looked >= _MOST_LABELS
        ):
            result.append(candidate)
            continue
        looked += 1
        whole = _whole_names(name.title(), segmentation)
        if len(whole) != 1 or any(c.name == whole[0] for c in candidates):
            result.append(candidate)
            continue
        mentions = tuple(sorted({*candidate.mentions, *mentions_of(segmentation, whole)}))
        result.append(
            dataclasses.replace(
                candidate,
                name=whole[0],
                aliases=(name, *candidate.aliases),
                mentions=mentions,
                first=mentions[0][0],
            )
        )
    return sorted(result, key=lambda c: c.first)
