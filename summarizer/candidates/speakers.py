"""Speakers the text names that the candidate rules missed become candidates too, with their
exact mentions: every speaker of a non-English document (whose rules are English), and in English
a speaker named in the quote's own sentence ("Ruiz, who has led the city since 2019, said")."""

from __future__ import annotations

import bisect
import re

from ..language import is_english
from ..segmentation import Segmentation
from .finder import Candidate


def mentions_of(segmentation: Segmentation, forms: list[str]) -> tuple[tuple[int, int], ...]:
    """Every place the kept text writes one of `forms`, longest form first, none overlapping."""
    text = segmentation.document.text
    found: list[tuple[int, int]] = []
    # In English, whole words only: the surname "Sen" is not in "Senate". Elsewhere a name takes
    # endings ("Шубина") or runs on without spaces (Chinese).
    bounded = "(?<!\\w){}(?!\\w)" if is_english(segmentation.language) else "{}"
    for region in segmentation.document.kept:
        taken: list[tuple[int, int]] = []  # this line's mentions, sorted and apart
        for form in sorted(forms, key=len, reverse=True):
            for match in re.finditer(bounded.format(re.escape(form)), text[region.start : region.end]):
                start, end = region.start + match.start(), region.start + match.end()
                # Only the neighbours of a span in a sorted list of spans apart can overlap it (a
                # scan of all of them made a form written thousands of times quadratic).
                at = bisect.bisect_left(taken, (start, end))
                if (at == 0 or taken[at - 1][1] <= start) and (at == len(taken) or end <= taken[at][0]):
                    taken.insert(at, (start, end))
        found += taken
    return tuple(found)


def person_like(name: str) -> bool:
    """Two or three capitalised words (or two to four Han characters): the shape of a person's name."""
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
        return True
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words)


def with_speakers(
    segmentation: Segmentation, candidates: list[Candidate], speakers: list[str], *, persons: bool
) -> list[Candidate]:
    """`candidates` and each speaker the text names that none of them is, in document order: the
    rules missed "Ruiz, who has led the city since 2019, said". `persons`: a speaker named by
    two or three capitalised words is a person (in English such a phrase may be a company, so
    there it stays "other")."""
    result = list(candidates)
    names = {c.name for c in candidates}
    for speaker in speakers:
        if speaker in names or any(speaker in n.split() or speaker == n.split()[-1] for n in names):
            continue
        forms = [speaker]
        if " " in speaker and segmentation.document.kept_text().count(speaker.split()[-1]) > 1:
            forms.append(speaker.split()[-1])
        mentions = mentions_of(segmentation, forms)
        if not mentions:
            continue
        kind = "person" if persons and person_like(speaker) else "other"
        result.append(Candidate(speaker, kind, None, tuple(forms[1:]), mentions, mentions[0][0]))
        names.add(speaker)
    return sorted(result, key=lambda c: c.first)
