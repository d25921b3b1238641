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
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PARTICLES,
    ROLE_WORDS,
    STOP,
)
from .reading import Mention, classify, country_of, is_common, lowercase_bodies, read_piece, title_split
from .tokens import Doc, Tok

_QUOTE_BEFORE = re.compile(r"(?:^|\s)[“‘\"'](?:[Tt]he )?$")
_QUOTE_AFTER = re.compile(r"[,.!?]?[”’\"']")


def _name_like(t: Tok) -> bool:
    return t.cap and t.text != "I" and not t.text.startswith(("I'", "I’"))


def _chunks(doc: Doc) -> list[list[int]]:
    """Runs of name-like token indices joined by single spaces, particles and connectors."""
    toks, gaps = doc.toks, doc.gaps
    n = len(toks)
    out: list[list[int]] = []
    i = 0
    for first in doc.name_starts:
        if first < i:
            continue  # inside the last run
        run, j = [first], first
        while True:
            last, gap = toks[j], gaps[j]
            if gap is None or last.stop_after:
                break
            if last.poss:
                # "Dock and Harbour Workers’ Union", "St Brendan's Hospital": a possessive inside
                # a name.
                nxt = toks[j + 1]
                inside = gap in ("’ ", "' ") or (
                    gap in ("’s ", "'s ") and toks[run[0]].key in ("st", "saint")
                )
                if inside and _name_like(nxt) and _org_ahead(doc, j + 1):
                    run.append(j + 1)
                    j += 1
                    continue
                break
            if gap != " ":
                break
            if _name_like(toks[j + 1]):
                run.append(j + 1)
                j += 1
                continue
            # Up to two lower-case connectors between capitalised words ("of the", "von der").
            k, joined = j + 1, False
            while k <= j + 2 and k < n:
                t = toks[k]
                if not (t.low in PARTICLES or t.low in ORG_CONNECTORS or t.low == "&"):
                    break
                if t.poss or t.stop_after or gaps[k] != " ":
                    break
                if _name_like(toks[k + 1]):
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
    while k < len(doc.toks) and _name_like(doc.toks[k]):
        last = doc.toks[k]
        if doc.gap(k) != " " or last.poss or last.stop_after:
            break
        k += 1
    return last is not None and last.key in ORG_SUFFIXES


def _split_run(doc: Doc, run: list[int]) -> list[list[int]]:
    """Split a run where a connector does not belong to an institution's name, and after a
    corporate suffix ("NVIDIA Corp. NVDA CEO Jensen Huang")."""
    toks = doc.toks
    pieces: list[list[int]] = [[]]
    for pos, idx in enumerate(run):
        t = toks[idx]
        if t.cap or t.low == "&" or t.low in PARTICLES:
            pieces[-1].append(idx)
            continue
        left = [toks[x].key for x in pieces[-1]]
        rest = [toks[x].key for x in run[pos + 1 :] if toks[x].cap]
        nxt = toks[run[pos + 1]] if pos + 1 < len(run) else None
        if nxt is not None and nxt.cap and (nxt.key in CALENDAR or nxt.low in STOP):
            keep = False
        elif t.low == "on":
            keep = bool(left) and left[-1] in ORG_HEADS
        elif t.low in ("of", "for"):
            # "Secretary of State Jane Roe" stays one run; "Chief Executive Officer of Acme
            # Robotics" is a title and an organisation.
            titled = bool(left) and left[-1] in ROLE_WORDS and not (rest and rest[-1] in ORG_SUFFIXES)
            keep = bool(left) and (left[-1] in ORG_HEADS or titled)
        elif t.low == "the":
            keep = bool(left) and left[-1] in ("of", "for", "on")
        elif t.low == "and":
            caps_left = [w for w in left if w != "the"]
            ends = any(w in ORG_SUFFIXES or w in COMPLEMENTS for w in rest[-1:])
            keep = ends and ("of" in left or (len(caps_left) == 1 and rest[-1] in ORG_SUFFIXES))
        else:
            keep = False
        if keep:
            pieces[-1].append(idx)
        else:
            pieces.append([])
    result: list[list[int]] = []
    for piece in pieces:
        while piece and not toks[piece[-1]].cap:
            piece.pop()
        cur: list[int] = []
        for idx in piece:
            cur.append(idx)
            if toks[idx].key in CORP_END and len(cur) > 1 and idx != piece[-1]:
                result.append(cur)
                cur = []
        if cur:
            result.append(cur)
    return result


def raw_mentions(doc: Doc) -> list[Mention]:
    toks = doc.toks
    out: list[Mention] = []
    for run in _chunks(doc):
        if all(toks[i].headline or toks[i].quiet for i in run) or _fills_quote(doc, run):
            continue
        for piece in _split_run(doc, run):
            # Words that open sentences but name nobody: "The", "However", "Residents".
            while piece and (toks[piece[0]].low in STOP or toks[piece[0]].key in CALENDAR):
                if len(piece) > 1 and toks[piece[0]].initial:
                    toks[piece[1]].initial = True
                piece = piece[1:]
            while piece and not toks[piece[0]].cap:
                piece = piece[1:]
            if not piece or any(toks[i].quiet for i in piece):
                continue
            split = title_split(doc, piece)
            if not split and len(piece) > 1 and classify(doc, piece[0], piece[-1]) in ("person", "unknown"):
                # A country's name run into the next word: "a former European Union Brexit negotiator".
                for cut in range(len(piece) - 1, 0, -1):
                    form = toks[piece[0] : piece[cut - 1] + 1]
                    if country_of(doc, piece[0], piece[cut - 1]) and (cut > 1 or form[0].upper):
                        out.append(Mention(piece[0], piece[cut - 1], "country", ctx_start=piece[0]))
                        piece = piece[cut:]
                        break
            head = toks[piece[0]]
            if (
                not split
                and head.initial
                and len(piece) > 1
                and is_common(doc, head)
                and classify(doc, piece[0], piece[-1]) in ("person", "unknown", "place")
            ):
                toks[piece[1]].initial = True  # "Residents Of ..." -> drop the opening word
                piece = piece[1:]
            out.extend(read_piece(doc, piece, split))
    out.extend(lowercase_bodies(doc))
    for m in out:
        read_context(doc, m)
    return out


def _fills_quote(doc: Doc, run: list[int]) -> bool:
    """A run that is a whole quotation ("“Last Mile Home”", "the "Great Wall of Marlow"") is the
    title of a work or a nickname, not an actor."""
    text = doc.text
    before = text[max(0, doc.toks[run[0]].start - 6) : doc.toks[run[0]].start]
    after = text[doc.toks[run[-1]].end : doc.toks[run[-1]].end + 3]
    return bool(_QUOTE_AFTER.match(after) and _QUOTE_BEFORE.search(before))
