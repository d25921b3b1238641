"""The final pass: every occurrence of every group's forms over the kept text, longest first."""

from __future__ import annotations

from collections import defaultdict

from .grouping import Group
from .tokens import Doc


def all_mentions(doc: Doc, groups: list[Group], kept: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Every occurrence of every group's forms, longest first; excluded groups' forms are matched
    too, so that "Trump" is not found inside "Trump Tower" when the tower is no actor."""
    # Forms by their first two words (one-word forms by their word): few options per position.
    forms: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for gi, g in enumerate(groups):
        for m in g.mentions:
            if m.capital or m.lower:
                continue
            full = tuple(doc.keys[m.i0 : m.i1 + 1])
            codes = [(c.lower(),) for c in (m.acronym, m.ticker) if c]
            for form in (full, m.key, *codes):
                if form and form not in seen:
                    seen.add(form)
                    forms[form[:2]].append((form, gi))
    for options in forms.values():
        options.sort(key=lambda o: -len(o[0]))
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    joins = (" ", "’ ", "' ")
    gaps, keys, stops, starts, ends = doc.gaps, doc.keys, doc.stops, doc.starts, doc.ends
    n = doc.n
    i = 0  # the first token not inside a form already found
    for start in doc.form_starts:
        if start < i:
            continue
        key = keys[start]
        candidates = []
        if start + 1 < n and not stops[start] and gaps[start] in joins:
            candidates = forms.get((key, keys[start + 1]), [])
        i = start + 1
        for form, gi in [*candidates, *forms.get((key,), [])]:
            size = len(form)
            if start + size > n:
                continue
            if (
                size == 1
                and len(doc.words[start]) <= 3
                and not doc.uppers[start]
                and groups[gi].kind == "country"
            ):
                continue
            ok = True
            for k in range(start + 2, start + size):
                if keys[k] != form[k - start] or stops[k - 1] or gaps[k - 1] not in joins:
                    ok = False
                    break
            if ok:
                found[gi].append((starts[start], ends[start + size - 1]))
                i = start + size
                break
    for gi, g in enumerate(groups):
        if gi in kept:
            for m in g.mentions:
                if (m.capital or m.lower or not found.get(gi)) and not m.weak:
                    found[gi].append((starts[m.i0], ends[m.i1]))
    return found
