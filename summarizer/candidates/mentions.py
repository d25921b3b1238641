"""Raw mentions: runs of capitalised words joined by particles and connectors, split into
pieces, each read as mentions and given its context.
"""

from __future__ import annotations

import re

from .context import read_context
from .lexicon import (
    CALENDAR,
    COMPLEMENTS,
    CORP_END,
    OPENING_DESCRIPTORS,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PARTICLES,
    PERSON_NOUNS,
    PLURAL_TITLES,
    ROLE_WORDS,
    STOP,
)
from .reading import (
    Mention,
    classify,
    country_of,
    dated,
    is_common,
    lowercase_bodies,
    read_piece,
    title_split,
)
from .tokens import Doc

_QUOTE_BEFORE = re.compile(r"(?:^|\s)[“‘\"'](?:[Tt]he )?$")
_QUOTE_AFTER = re.compile(r"[,.!?]?[”’\"']")


def _chunks(doc: Doc) -> list[list[int]]:
    """Runs of name-like token indices joined by single spaces, particles and connectors."""
    gaps, lows, keys, poss, stops, name_like = (
        doc.gaps,
        doc.lows,
        doc.keys,
        doc.poss,
        doc.stops,
        doc.name_like,
    )
    n = doc.n
    out: list[list[int]] = []
    i = 0
    for first in doc.name_starts:
        if first < i:
            continue  # inside the last run
        run, j = [first], first
        while True:
            gap = gaps[j]
            if gap is None or stops[j]:
                break
            if poss[j]:
                # "Dock and Harbour Workers’ Union", "St Brendan's Hospital": a possessive inside
                # a name.
                inside = gap in ("’ ", "' ") or (gap in ("’s ", "'s ") and keys[run[0]] in ("st", "saint"))
                if inside and name_like(j + 1) and _org_ahead(doc, j + 1):
                    run.append(j + 1)
                    j += 1
                    continue
                break
            if gap != " ":
                break
            if name_like(j + 1):
                run.append(j + 1)
                j += 1
                continue
            # Up to two lower-case connectors between capitalised words ("of the", "von der").
            k, joined = j + 1, False
            while k <= j + 2 and k < n:
                low = lows[k]
                if not (low in PARTICLES or low in ORG_CONNECTORS or low == "&"):
                    break
                if poss[k] or stops[k] or gaps[k] != " ":
                    break
                if name_like(k + 1):
                    run.extend(range(j + 1, k + 2))
                    j, joined = k + 1, True
                    break
                k += 1
            if not joined:
                break
        out.append(run)
        i = run[-1] + 1
    return out


def _org_ahead(doc: Doc, k: int) -> bool:
    """Whether the capitalised words from token k end in an organisation's suffix."""
    last = None
    while k < doc.n and doc.name_like(k):
        last = k
        if doc.gaps[k] != " " or doc.poss[k] or doc.stops[k]:
            break
        k += 1
    return last is not None and doc.keys[last] in ORG_SUFFIXES


def _split_run(doc: Doc, run: list[int]) -> list[list[int]]:
    """Split a run where a connector does not belong to an institution's name, and after a
    corporate suffix ("NVIDIA Corp. NVDA CEO Jensen Huang")."""
    caps, lows, keys = doc.caps, doc.lows, doc.keys
    pieces: list[list[int]] = [[]]
    for pos, idx in enumerate(run):
        low = lows[idx]
        if caps[idx] or low == "&" or low in PARTICLES:
            pieces[-1].append(idx)
            continue
        left = [keys[x] for x in pieces[-1]]
        rest = [keys[x] for x in run[pos + 1 :] if caps[x]]
        nxt = run[pos + 1] if pos + 1 < len(run) else None
        if nxt is not None and caps[nxt] and (keys[nxt] in CALENDAR or lows[nxt] in STOP):
            keep = False
        elif low == "on":
            keep = bool(left) and left[-1] in ORG_HEADS
        elif low in ("of", "for"):
            # "Secretary of State Jane Roe" stays one run; "Chief Executive Officer of Acme
            # Robotics" is a title and an organisation.
            titled = bool(left) and left[-1] in ROLE_WORDS and not (rest and rest[-1] in ORG_SUFFIXES)
            keep = bool(left) and (left[-1] in ORG_HEADS or titled)
        elif low == "the":
            keep = bool(left) and left[-1] in ("of", "for", "on")
        elif low == "and":
            caps_left = [w for w in left if w != "the"]
            ends = any(w in ORG_SUFFIXES or w in COMPLEMENTS for w in rest[-1:])
            keep = ends and ("of" in left or (len(caps_left) == 1 and rest[-1] in ORG_SUFFIXES))
            # "Pacific Gas and Electric", "Texas Oil and Gas": two trades, one company.
            trades = len(rest) == 1 and bool(left) and left[-1] in ORG_SUFFIXES and rest[0] in ORG_SUFFIXES
            keep = keep or trades
        else:
            keep = False
        if keep:
            pieces[-1].append(idx)
        else:
            pieces.append([])
    result: list[list[int]] = []
    for piece in pieces:
        while piece and not caps[piece[-1]]:
            piece.pop()
        cur: list[int] = []
        for idx in piece:
            cur.append(idx)
            if keys[idx] in CORP_END and len(cur) > 1 and idx != piece[-1]:
                result.append(cur)
                cur = []
        if cur:
            result.append(cur)
    return result


def _titles(doc: Doc, piece: list[int]) -> bool:
    """ "First Minister Alan Cowie", "First Lady": "First" opens a title, not a sentence."""
    return len(piece) > 1 and doc.lows[piece[0]] == "first" and doc.keys[piece[1]] in ROLE_WORDS


def raw_mentions(doc: Doc) -> list[Mention]:
    caps, lows, keys, initial, headline, quiet = (
        doc.caps,
        doc.lows,
        doc.keys,
        doc.initial,
        doc.headline,
        doc.quiet,
    )
    out: list[Mention] = []
    for run in _chunks(doc):
        if all(headline[i] or quiet[i] for i in run) or _fills_quote(doc, run):
            continue
        for piece in _split_run(doc, run):
            # Words that open sentences but name nobody: "The", "However", "Residents".
            while piece and (lows[piece[0]] in STOP or dated(doc, piece[0])) and not _titles(doc, piece):
                if len(piece) > 1 and initial[piece[0]]:
                    initial[piece[1]] = True
                piece = piece[1:]
            while piece and not caps[piece[0]]:
                piece = piece[1:]
            described = None  # "Chipmaker Nvidia said": the opening word says what follows
            if len(piece) > 1 and initial[piece[0]] and keys[piece[0]] in OPENING_DESCRIPTORS:
                described, piece = piece[0], piece[1:]
            if not piece or any(quiet[i] for i in piece):
                continue
            if keys[piece[-1]] == "local" and len(piece) > 1:
                number = doc.next_word(piece[-1])
                if number is not None and doc.words[number].isdigit():
                    piece = [*piece, number]  # a union's branch: "Amalgamated Transit Union Local 1410"
            split = title_split(doc, piece)
            if (
                not split
                and len(piece) > 2
                and initial[piece[0]]
                and keys[piece[0]] in PERSON_NOUNS
                and not keys[piece[0]].endswith("s")  # "Officials Ana Roe and Tom Lee": a list's title
            ):
                split = 1  # "Resident Tom Whitaker said": who he is opens the sentence, then his name
            if not split and len(piece) > 1 and classify(doc, piece[0], piece[-1]) in ("person", "unknown"):
                # A country's name run into the next word: "a former European Union Brexit negotiator".
                for cut in range(len(piece) - 1, 0, -1):
                    if country_of(doc, piece[0], piece[cut - 1]) and (cut > 1 or doc.uppers[piece[0]]):
                        out.append(Mention(piece[0], piece[cut - 1], "country", ctx_start=piece[0]))
                        piece = piece[cut:]
                        break
            head = piece[0]
            if (
                not split
                and initial[head]
                and len(piece) > 1
                and is_common(doc, head)
                and classify(doc, piece[0], piece[-1]) in ("person", "unknown", "place")
            ):
                initial[piece[1]] = True  # "Residents Of ..." -> drop the opening word
                piece = piece[1:]
            read = read_piece(doc, piece, split)
            if described is not None and len(read) == 1 and read[0].kind in ("unknown", "person"):
                m = read[0]
                m.kind, m.strong, m.ctx_start = "organization", True, described
                m.role, m.role_rank, m.role_head = doc.span(described, described), 0, keys[described]
            out.extend(read)
    _share_plural_titles(doc, out)
    out.extend(lowercase_bodies(doc))
    for m in out:
        read_context(doc, m)
    return out


def _share_plural_titles(doc: Doc, mentions: list[Mention]) -> None:
    """ "Councilmembers Dale Ortega and Tina Walsh": the plural title is hers too."""
    titled: Mention | None = None
    for m in mentions:
        if m.role_head in PLURAL_TITLES:
            titled = m
        elif (
            titled is not None and m.role is None and m.kind in ("person", "unknown", "place") and not m.weak
        ):
            between = doc.text[doc.ends[titled.i1] : doc.starts[m.i0]]
            if between.strip(" ,") in ("and", "") and "\n" not in between:
                m.role, m.role_rank, m.role_head = titled.role, titled.role_rank, titled.role_head
                m.kind, m.personal, m.strong = "person", True, True
                titled = m
                continue
            titled = None
        else:
            titled = None


def _fills_quote(doc: Doc, run: list[int]) -> bool:
    """A run that is a whole quotation ("“Last Mile Home”", "the "Great Wall of Marlow"") is the
    title of a work or a nickname, not an actor."""
    # The cheap test first: a closing quote right after the run (at most two characters long, so
    # matching at the offset is matching the next three characters).
    if not _QUOTE_AFTER.match(doc.text, doc.ends[run[-1]]):
        return False
    start = doc.starts[run[0]]
    return bool(_QUOTE_BEFORE.search(doc.text[max(0, start - 6) : start]))
