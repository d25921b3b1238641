"""What the words around a mention say about it: a speech verb, a verb, a possessive, a place
preposition, and the role given in parentheses, an appositive or a title before it.
"""

from __future__ import annotations

import re

from .lexicon import (
    APPOSITIVE_STOP,
    AUX,
    FUNCTION,
    INVERSION,
    LOCATIVE,
    MOVEMENT,
    NAMING,
    ORG_NOUNS,
    PERSON_NOUNS,
    PREPOSITIONS,
    RELATIVE,
    ROLE_NOUNS,
    SPEECH,
    STOP,
    VERBAL_ROLES,
)
from .reading import Mention, mention_key
from .tokens import Doc, Tok

MAX_ROLE = 120
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.\-]{1,9}")
_TICKER = re.compile(r"[A-Za-z]{2,12}\s*:\s*([A-Z][A-Z.]{0,6})")
_PARTY = re.compile(r"[A-Z]-[A-Z]{2,4}")  # "(D-WA)": a party and a state, no acronym
_LABEL_TAIL = re.compile(r"(?:,[^:\n]{1,60})?:(?:\s|$)")  # "JOHN THUNE (R-SD), SENATE WHIP: ..."
_PAREN = re.compile(r" ?\(([^()\n]{2,80})\)")
_YEAR_OR_SCORE = re.compile(r"(?:19|20)\d\d|\d+-\d+")


def read_context(doc: Doc, m: Mention) -> None:
    toks, text = doc.toks, doc.text
    first, last = toks[m.i0], toks[m.i1]
    start = m.ctx_start if m.ctx_start >= 0 else m.i0
    m.key = mention_key(doc, m.i0, m.i1)
    m.initial = toks[start].initial
    m.poss = last.poss
    after = text[last.end : last.end + 1]
    nxt = doc.next_word(m.i1)
    if after == "-" and not last.poss:
        m.adjectival = True  # "U.S.-China", "U.S.-based"
    elif nxt is not None:
        low = nxt.low
        if nxt.digit:
            # "Stride 3", "Gate 4": a model or a number; not a year, not a score ("2-1").
            m.numbered = not _YEAR_OR_SCORE.fullmatch(nxt.text)
        elif not nxt.text.islower():
            pass
        elif low in SPEECH:
            m.speech = True
        elif low in AUX or (low.endswith("ed") and len(low) > 4):
            m.verbish = True
        elif low.endswith("ly") and len(low) > 4:
            nn = doc.next_word(m.i1 + 1)
            m.verbish = nn is not None and (nn.low in AUX or nn.low in SPEECH or nn.low.endswith("ed"))
            m.speech = nn is not None and nn.low in SPEECH
        elif low in ROLE_NOUNS:
            m.role_after = True  # "A Northgate spokeswoman"
        elif low not in FUNCTION:
            m.adjectival = True
    prev = doc.prev_word(start)
    if prev is not None:
        if (
            prev.low in INVERSION
            or prev.low == "to"
            and (pp := doc.prev_word(start - 1)) is not None
            and pp.low == "according"
        ):
            m.speech = True  # "said Owen Pryce", "according to Ravi Menon"
        elif prev.low in NAMING:
            m.named_thing = True  # "which SwiftCart calls Dynamic Earnings"
        m.the_before = prev.low == "the"
    governor = _governing_word(doc, start)
    if governor in LOCATIVE or (governor in MOVEMENT and m.kind in ("country", "unknown", "place")):
        m.locative = True
    if first.quiet:
        m.locative = True
    _roles(doc, m, start)
    if m.label and (m.i1 > m.i0 or first.key in doc.known_caps):
        m.strong = True
    if m.speech and (not m.initial or m.i1 > m.i0):
        m.strong = True  # a lone capitalised word opening a sentence needs more ("Opponents said")


def _governing_word(doc: Doc, start: int) -> str | None:
    """The lower-case word that governs a name, across lists: "in the Netherlands, Belgium and Spain"."""
    toks = doc.toks
    j = start - 1
    while j >= 0 and toks[j].region == toks[start].region:
        gap = doc.gap(j) or ""
        if gap.strip(" ,") or toks[j].stop_after:
            return None
        t = toks[j]
        if t.cap or t.low in ("the", "and", "or", "&"):
            j -= 1
            continue
        return t.low
    return None


def _roles(doc: Doc, m: Mention, start: int) -> None:
    """Roles from the text around a name: parentheses, appositives, titles before a comma."""
    toks, text = doc.toks, doc.text
    last = toks[m.i1]
    # "Ingrid Halvorsen (Chief Executive Officer):", "International Monetary Fund (IMF)".
    rest = text[last.end : last.end + 90]
    paren = _PAREN.match(rest) if not last.poss else None
    tail = rest
    if paren:
        inner = paren.group(1).strip()
        ticker = _TICKER.fullmatch(inner)
        if ticker:
            m.ticker = ticker.group(1)
        elif (
            _ACRONYM.fullmatch(inner) and sum(c.isupper() for c in inner) >= 2 and not _PARTY.fullmatch(inner)
        ):
            m.acronym = inner
            m.strong = True
        elif heads := [w.lower().strip(",.") for w in inner.split() if w.lower().strip(",.") in ROLE_NOUNS]:
            _set_role(m, inner, 1, heads[0])
        tail = rest[paren.end() :]
    line_start = start == 0 or toks[start - 1].region != toks[start].region
    if line_start and _LABEL_TAIL.match(tail):
        m.label = m.personal = True  # a transcript turn: "Tomas Reyes-Berg (Chief Financial Officer): ..."
    if not last.poss and doc.gap(m.i1) == ", ":
        _appositive(doc, m)
    _role_before(doc, m, start)


_POSS_GAPS = ("’s ", "'s ", "’ ", "' ")


def _joined(doc: Doc, i: int) -> bool:
    """Whether token i runs on into token i+1 within one phrase ("the chamber’s chief")."""
    gap, t = doc.gap(i), doc.toks[i]
    return not t.stop_after and (gap == " " or (t.poss and gap in _POSS_GAPS))


def _set_role(m: Mention, role: str, rank: int, head: str | None, strong: bool = True) -> None:
    role = role.strip(" ,;:")
    if len(role) > MAX_ROLE:
        role = role[:MAX_ROLE].rsplit(" ", 1)[0]
    if role and rank < m.role_rank:
        m.role, m.role_rank = role, rank
        m.role_head = head.lower().strip(",.") if head else None
        m.strong = m.strong or strong
        if m.role_head in PERSON_NOUNS or not strong:
            m.personal = True


def _head_noun(words: list[Tok]) -> Tok | None:
    head = None
    for t in words:
        if t.low in PREPOSITIONS or t.low == "to":
            break
        head = t
    return head


def _appositive(doc: Doc, m: Mention) -> None:
    """ "Lena Vos, an economist at the Coastal Trade Institute, estimated ..." """
    toks = doc.toks
    k = m.i1 + 1
    seg: list[int] = []
    while k < len(toks) and toks[k].region == toks[m.i1].region and len(seg) < 25:
        t = toks[k]
        if t.low in RELATIVE and seg:
            break
        seg.append(k)
        gap = doc.gap(k)
        if t.stop_after or gap is None:
            break
        if gap == " " or (t.poss and gap in _POSS_GAPS) or (gap == "," and t.digit and toks[k + 1].digit):
            k += 1
            continue
        break
    if not seg:
        return
    words = [toks[i] for i in seg]
    w0 = words[0]
    if w0.low in APPOSITIVE_STOP or w0.digit or w0.low.endswith("ing"):
        return
    head = _head_noun(words)
    if head is None:
        return
    nouns = {t.key for t in words[: words.index(head) + 1]}
    if head.key not in ROLE_NOUNS | ORG_NOUNS and not (nouns & ROLE_NOUNS and not w0.cap):
        # "J. R. Smith, a former basketball player, ...": a short noun phrase set off by commas.
        closed = doc.gap(seg[-1]) in (", ", ",")
        if w0.low in ("a", "an") and closed and len(seg) <= 8 and not m.locative and m.kind != "country":
            _set_role(m, doc.span(seg[0], seg[-1]), 2, head.key, strong=False)
        return
    if w0.cap and w0.low not in ROLE_NOUNS and not any(t.poss for t in words) and head.key not in ROLE_NOUNS:
        return
    _set_role(m, doc.span(seg[0], seg[-1]), 2, head.key)


def _role_before(doc: Doc, m: Mention, start: int) -> None:
    """ "Its chief executive, Simon Attwell," / "DHWU general secretary Mara Kell"."""
    toks, text = doc.toks, doc.text
    # Lower-case title right before the name ("said DHWU general secretary Mara Kell").
    j = start
    words: list[int] = []
    while (
        (p := doc.prev_word(j)) is not None
        and p.text.islower()
        and p.key in ROLE_NOUNS
        and not (j == start and p.key in VERBAL_ROLES)  # "City host Arsenal": a verb
    ):
        j -= 1
        words.insert(0, j)
    if words:
        # The employer or country before the title: "JPMorgan Chase & Co. analyst", "DHWU".
        while (p := doc.prev_word(j)) is not None and len(words) < 10:
            if not (
                (p.cap and p.low not in STOP)
                or (p.low in ("&", "of", "and") and words and toks[words[0]].cap)
            ):
                break
            j -= 1
            words.insert(0, j)
        while not toks[words[0]].cap and toks[words[0]].key not in ROLE_NOUNS:
            words.pop(0)
        role = doc.span(words[0], words[-1])
        _set_role(m, role, 3, toks[words[-1]].key)
        m.titled = m.titled or text[toks[words[0]].start : toks[m.i1].end]
        if (pp := doc.prev_word(j)) is not None and pp.low in SPEECH:
            m.speech = True
        return
    # A title set off by a comma before the name.
    j = start - 1
    if j >= 0 and toks[j].low == "the" and doc.gap(j) == " ":
        j -= 1
    if j < 0 or doc.gap(j) != ", " or toks[j].region != toks[start].region:
        return
    after_name = doc.gap(m.i1)
    nxt = doc.next_word(m.i1)
    if not (after_name in (", ", ",", ".", ")") or (nxt is not None and nxt.low in SPEECH)):
        return
    seg = [j]
    while seg[0] > 0 and _joined(doc, seg[0] - 1) and len(seg) < 12:
        seg.insert(0, seg[0] - 1)
    if seg[0] > 0 and not toks[seg[0]].initial and _joined(doc, seg[0] - 1):
        return  # the segment does not start at a clause boundary
    while seg and toks[seg[0]].low in {
        "with",
        "and",
        "by",
        "as",
        "said",
        "from",
        "while",
        "but",
        "including",
    }:
        seg.pop(0)
    if not seg or len(seg) > 10:
        return
    words_t = [toks[i] for i in seg]
    head = _head_noun(words_t)
    if head is None or head.key not in ROLE_NOUNS | ORG_NOUNS:
        return
    while seg and toks[seg[0]].low in ("its", "his", "her", "their"):
        seg.pop(0)
    if seg:
        _set_role(m, doc.span(seg[0], seg[-1]), 4, head.key)
