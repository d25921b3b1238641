"""What the words around a mention say about it: a speech verb, a verb, a possessive, a place
preposition, and the role given in parentheses, an appositive or a title before it.
"""

from __future__ import annotations

import re

from ..names import PARTY_AND_STATE, dashed_title
from .lexicon import (
    APPOSITIVE_STOP,
    AUX,
    FAMILY,
    FUNCTION,
    INVERSION,
    JOBS,
    LOCATIVE,
    MOVEMENT,
    NAMING,
    ORG_DESCRIPTORS,
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
from .tokens import Doc

MAX_ROLE = 120
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.\-]{1,9}")
_TICKER = re.compile(r"[A-Za-z]{2,12}\s*:\s*([A-Z][A-Z.]{0,6})")
_RIC = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,3}")
_PARTY = re.compile(r"[A-Z]-[A-Z]{2,4}")  # "(D-WA)": a party and a state, no acronym
_LABEL_TAIL = re.compile(r"(?:,[^:\n]{1,60})?:(?:\s|$)")  # "JOHN THUNE (R-SD), SENATE WHIP: ..."
_PAREN = re.compile(r" ?\(([^()\n]{2,80})\)")
_HEADER_TAIL = re.compile(r"[ \t]+(?:--|[-–—])[ \t]+([^\n]{1,80}?)[ \t]*(?:\n|$)")  # "Raj Patel -- Analyst"
_YEAR_OR_SCORE = re.compile(r"(?:19|20)\d\d|\d+-\d+")
_ROLE_OR_TRADE = ROLE_NOUNS | ORG_DESCRIPTORS  # what may head a title before a name
_DETERMINERS = frozenset(
    ["the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "every"]
)


def _verb_before_object(doc: Doc, i: int) -> bool:
    """Token i reads as a verb in the present tense: "-s" and then an article, a possessive or a
    number ("runs the shelter", "owns a plant", "owns 14 rental units")."""
    low = doc.lows[i]
    after = doc.next_word(i)
    return (
        len(low) > 3
        and low.endswith("s")
        and after is not None
        and (doc.lows[after] in _DETERMINERS or doc.words[after].isdigit())
    )


_HE_OR_SHE = frozenset(["he", "she"])
_SENTENCE_REACH = 40  # tokens to the end of the name's sentence


def _he_or_she_goes_on(doc: Doc, i: int) -> bool:
    """Whether the sentence after the one a name opens starts with "He" or "She", or has "he" or
    "she" speak: "Ruth Amsel owns 14 rental units. She spoke with the Ledger.", "Maria Ortega has
    run the diner for 22 years. “We lost everything,” she says." A company is "it"."""
    region, lows = doc.regions[i], doc.lows
    for k in range(i, min(doc.n - 1, i + _SENTENCE_REACH)):
        if doc.regions[k + 1] != region:
            return False
        if doc.stops[k]:
            if lows[k + 1] in _HE_OR_SHE:
                return True
            for j in range(k + 1, min(doc.n - 1, k + 1 + _SENTENCE_REACH)):
                if doc.regions[j + 1] != region or doc.stops[j]:
                    return False
                if lows[j] in _HE_OR_SHE and lows[j + 1] in SPEECH:
                    return True
            return False
    return False


def read_context(doc: Doc, m: Mention) -> None:
    text, lows = doc.text, doc.lows
    i0, i1 = m.i0, m.i1
    start = m.ctx_start if m.ctx_start >= 0 else i0
    m.key = mention_key(doc, i0, i1)
    m.initial = doc.initial[start]
    prev = doc.prev_word(start)
    m.the_before = prev is not None and lows[prev] == "the"
    m.poss = poss = doc.poss[i1]
    end = doc.ends[i1]
    after = text[end : end + 1]
    nxt = doc.next_word(i1)
    if after == "-" and not poss:
        m.adjectival = True  # "U.S.-China", "U.S.-based"
    elif nxt is not None:
        low = lows[nxt]
        if doc.digits[nxt]:
            # "Stride 3", "Gate 4": a model or a number; not a year, not a score ("2-1").
            m.numbered = not _YEAR_OR_SCORE.fullmatch(doc.words[nxt])
        elif not doc.words[nxt].islower():
            pass
        elif low in SPEECH:
            m.speech = True
        elif low in AUX or (low.endswith("ed") and len(low) > 4):
            m.verbish = True
        elif low.endswith("ly") and len(low) > 4:
            nn = doc.next_word(i1 + 1)
            nn_low = lows[nn] if nn is not None else ""
            m.verbish = nn is not None and (nn_low in AUX or nn_low in SPEECH or nn_low.endswith("ed"))
            m.speech = nn is not None and nn_low in SPEECH
        elif low in ROLE_NOUNS:
            m.role_after = True  # "A Northgate spokeswoman"
        elif low in ORG_NOUNS and m.kind in ("unknown", "person") and m.the_before:
            m.kind, m.strong = "organization", True  # "the Vereinigung Cockpit union said"
        elif _verb_before_object(doc, nxt):
            m.verbish = True  # "Maria Costa runs the shelter": a verb, where "Apple shares fell" is a noun
        elif low not in FUNCTION:
            m.adjectival = True
    if prev is not None:
        prev_low = lows[prev]
        if (
            prev_low in INVERSION
            or prev_low == "to"
            and (pp := doc.prev_word(start - 1)) is not None
            and lows[pp] == "according"
        ):
            m.speech = True  # "said Owen Pryce", "according to Ravi Menon"
        elif prev_low in NAMING:
            m.named_thing = True  # "which SwiftCart calls Dynamic Earnings"
        elif prev_low in ("of", "at") and (pp := doc.prev_word(prev)) is not None:
            if lows[pp] in JOBS or lows[pp][:-1] in JOBS:  # "analysts at Jefferies"
                m.employer = True  # "chief executive of Kalmstad Terminals": a company, not a person
            elif prev_low == "of" and lows[pp] in FAMILY:
                m.personal = True  # "the daughter of Peter Vos"
    governor = _governing_word(doc, start)
    if governor in LOCATIVE or (governor in MOVEMENT and m.kind in ("country", "unknown", "place")):
        m.locative = True
    if doc.quiet[i0]:
        m.locative = True
    if m.initial and i1 > i0 and _he_or_she_goes_on(doc, i1):
        m.personal = True
    _roles(doc, m, start)
    if m.label and (i1 > i0 or doc.keys[i0] in doc.known_caps):
        m.strong = True
    if m.speech and (not m.initial or m.i1 > m.i0):
        m.strong = True  # a lone capitalised word opening a sentence needs more ("Opponents said")


def _governing_word(doc: Doc, start: int) -> str | None:
    """The lower-case word that governs a name, across lists: "in the Netherlands, Belgium and Spain"."""
    regions, lows = doc.regions, doc.lows
    region = regions[start]
    j = start - 1
    while j >= 0 and regions[j] == region:
        gap = doc.gaps[j] or ""
        if gap.strip(" ,") or doc.stops[j]:
            return None
        if doc.caps[j] or lows[j] in ("the", "and", "or", "&"):
            j -= 1
            continue
        return lows[j]
    return None


def _roles(doc: Doc, m: Mention, start: int) -> None:
    """Roles from the text around a name: parentheses, appositives, titles before a comma."""
    text, poss = doc.text, doc.poss[m.i1]
    end = doc.ends[m.i1]
    # "Ingrid Halvorsen (Chief Executive Officer):", "International Monetary Fund (IMF)".
    rest = text[end : end + 90]
    paren = _PAREN.match(rest) if not poss else None
    tail = rest
    if paren:
        inner = paren.group(1).strip()
        ticker = _TICKER.fullmatch(inner)
        if ticker:
            m.ticker = ticker.group(1)
        elif _RIC.fullmatch(inner):
            m.ticker = inner  # Reuters' instrument code: "Acme (ACME.N)", "Toyota (7203.T)"
            m.strong = True
        elif (
            _ACRONYM.fullmatch(inner)
            and sum(c.isupper() for c in inner) >= 2
            and not (_PARTY.fullmatch(inner) or PARTY_AND_STATE.fullmatch(inner))  # "(D-CALIF.)"
        ):
            m.acronym = inner
            m.strong = True
        elif heads := [w.lower().strip(",.") for w in inner.split() if w.lower().strip(",.") in ROLE_NOUNS]:
            _set_role(m, inner, 1, heads[0])
        tail = rest[paren.end() :]
    line_start = start == 0 or doc.regions[start - 1] != doc.regions[start]
    if line_start and _LABEL_TAIL.match(tail):
        m.label = m.personal = True  # a transcript turn: "Tomas Reyes-Berg (Chief Financial Officer): ..."
    elif line_start and (header := _HEADER_TAIL.match(tail)):
        # A speaker's name over their words: "Raj Patel -- Morgan Stanley -- Analyst".
        title = header.group(1)
        heads = [w for w in re.findall(r"[\w-]+", title.lower()) if w in ROLE_NOUNS]
        if heads:
            m.label = m.personal = True
            _set_role(m, dashed_title(title), 1, heads[-1])
    if not poss and doc.gaps[m.i1] == ", ":
        _appositive(doc, m)
    _role_before(doc, m, start)


_POSS_GAPS = ("’s ", "'s ", "’ ", "' ")


def _joined(doc: Doc, i: int) -> bool:
    """Whether token i runs on into token i+1 within one phrase ("the chamber’s chief")."""
    gap = doc.gaps[i]
    return not doc.stops[i] and (gap == " " or (doc.poss[i] and gap in _POSS_GAPS))


def _set_role(m: Mention, role: str, rank: int, head: str | None, strong: bool = True) -> None:
    role = role.strip(" ,;:")
    if role.startswith("our "):
        role = role[4:]  # "Daniel Reyes, our Chief Executive Officer": the speaker's "our"
    if len(role) > MAX_ROLE:
        role = role[:MAX_ROLE].rsplit(" ", 1)[0]
    if role and rank < m.role_rank:
        m.role, m.role_rank = role, rank
        m.role_head = head.lower().strip(",.") if head else None
        m.strong = m.strong or strong
        if m.role_head in PERSON_NOUNS or not strong:
            m.personal = True


_PARTITIVES = frozenset(["one", "two", "three", "some", "several", "many", "among", "both", "each"])


def _head_noun(doc: Doc, seg: list[int]) -> int | None:
    """The last token of `seg` before a preposition; in "one of the plaintiffs", the role noun
    after "of"."""
    if len(seg) > 2 and doc.lows[seg[0]] in _PARTITIVES and doc.lows[seg[1]] == "of":
        head = _head_noun(doc, seg[2:])
        if head is not None and doc.keys[head] in ROLE_NOUNS:
            return head
    head = None
    for i in seg:
        low = doc.lows[i]
        if low in PREPOSITIONS or low == "to":
            break
        head = i
    return head


_PERSONAL_RELATIVES = frozenset(["who", "whose", "whom"])


def _appositive(doc: Doc, m: Mention) -> None:
    """ "Lena Vos, an economist at the Coastal Trade Institute, estimated ..." """
    lows, keys, digits, poss, regions = doc.lows, doc.keys, doc.digits, doc.poss, doc.regions
    k = m.i1 + 1
    if k + 1 < doc.n and doc.words[k].isdigit() and len(doc.words[k]) <= 3 and doc.gaps[k] == ", ":
        k += 1  # an age first: "Ana Ruiz, 54, a retired teacher, said"; only a person has one
        m.personal = True
    if (
        k < doc.n
        and lows[k] in _PERSONAL_RELATIVES
        and doc.gaps[m.i1] == ", "
        and regions[k] == regions[m.i1]
    ):
        m.personal = True  # "said Rosa Delgado, whose two sons attend Lincoln": "which" for a company
    seg: list[int] = []
    while k < doc.n and regions[k] == regions[m.i1] and len(seg) < 25:
        if lows[k] in RELATIVE and seg:
            break
        seg.append(k)
        gap = doc.gaps[k]
        if doc.stops[k] or gap is None:
            break
        if gap == " " or (poss[k] and gap in _POSS_GAPS) or (gap == "," and digits[k] and digits[k + 1]):
            k += 1
            continue
        break
    if not seg:
        return
    w0 = seg[0]
    if lows[w0] in APPOSITIVE_STOP or lows[w0] in AUX or digits[w0]:
        return  # "Halvorsen Capital, will join ...": the verb, not what the company is
    if lows[w0].endswith("ing") and not (len(seg) > 1 and keys[seg[1]] in ROLE_NOUNS):
        return  # ", adding that ...", where "managing partner" and "acting mayor" are titles
    if any(lows[i] in SPEECH for i in seg):
        return  # "... and Coyote, fire officials said": a clause, not what Coyote is
    head = _head_noun(doc, seg)
    if head is None:
        return
    nouns = {keys[i] for i in seg[: seg.index(head) + 1]}
    head_key, w0_cap = keys[head], doc.caps[w0]
    if head_key not in ROLE_NOUNS | ORG_NOUNS and not (nouns & ROLE_NOUNS and not w0_cap):
        # "J. R. Smith, a former basketball player, ...": a short noun phrase set off by commas.
        closed = doc.gaps[seg[-1]] in (", ", ",")
        if lows[w0] in ("a", "an") and closed and len(seg) <= 8 and not m.locative and m.kind != "country":
            _set_role(m, doc.span(seg[0], seg[-1]), 2, head_key, strong=False)
        return
    if w0_cap and lows[w0] not in ROLE_NOUNS and not any(poss[i] for i in seg) and head_key not in ROLE_NOUNS:
        return
    _set_role(m, doc.span(seg[0], seg[-1]), 2, head_key)


_BEFORE_A_VERB = frozenset(["to", "will", "would", "can", "could", "may", "might", "must", "shall", "should"])


def _after_body(doc: Doc, i: int) -> bool:
    """Token i ("chair", "coach", "head") is a title, not a verb: after a body's noun ("board chair",
    "department head") or where no subject stands before it ('," coach Erik ten Hag told').
    "City host Arsenal" and "will chair the panel" keep the verb."""
    if i > 0 and ")" in (doc.gaps[i - 1] or ""):
        return False  # "The Comets (14-6-4) host Redfield United": the subject's aside, then its verb
    p = doc.prev_word(i)
    if p is None:
        return True
    return doc.keys[p] in ORG_NOUNS or not (doc.caps[p] or doc.lows[p] in _BEFORE_A_VERB)


_OPENS_A_TITLE = frozenset(["by", "with", "from", "including", "and"])
_BEFORE_A_TITLE = _OPENS_A_TITLE | {"as", "said", "while", "but"}  # words that are no part of it
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])


def _role_before(doc: Doc, m: Mention, start: int) -> None:
    """ "Its chief executive, Simon Attwell," / "DHWU general secretary Mara Kell"."""
    words_, lows, keys, caps = doc.words, doc.lows, doc.keys, doc.caps
    # Lower-case title right before the name ("said DHWU general secretary Mara Kell").
    j = start
    words: list[int] = []
    # "Comets coach Ray Delacroix said": no verb takes a name that itself goes on to speak.
    speaks = (n := doc.next_word(m.i1)) is not None and lows[n] in SPEECH
    while (
        (p := doc.prev_word(j)) is not None
        and words_[p].islower()
        and (keys[p] in ROLE_NOUNS or (j == start and keys[p] in ORG_DESCRIPTORS))  # "state miner Codelco"
        # "City host Arsenal": a verb; "board chair Denise Holloway": a title
        and not (j == start and keys[p] in VERBAL_ROLES and not _after_body(doc, p) and not speaks)
    ):
        j -= 1
        words.insert(0, j)
    if words:
        # The employer or country before the title: "JPMorgan Chase & Co. analyst", "DHWU".
        while (p := doc.prev_word(j)) is not None and len(words) < 10:
            if not (
                (caps[p] and lows[p] not in STOP)
                or (lows[p] in ("&", "of", "and") and words and caps[words[0]])
            ):
                break
            j -= 1
            words.insert(0, j)
        while not caps[words[0]] and keys[words[0]] not in _ROLE_OR_TRADE:
            words.pop(0)
        role = doc.span(words[0], words[-1])
        _set_role(m, role, 3, keys[words[-1]])
        m.titled = m.titled or doc.span(words[0], m.i1)
        if (pp := doc.prev_word(j)) is not None and lows[pp] in SPEECH:
            m.speech = True
        return
    # A title set off by a comma before the name.
    j = start - 1
    if j >= 0 and lows[j] == "the" and doc.gaps[j] == " ":
        j -= 1
    if j < 0 or doc.gaps[j] != ", " or doc.regions[j] != doc.regions[start]:
        return
    after_name = doc.gaps[m.i1]
    nxt = doc.next_word(m.i1)
    # The name ends its clause (", " "." or the sentence's stop, split off) or speaks next.
    ends_clause = after_name in (", ", ",", ".", ")") or doc.stops[m.i1]
    if not (ends_clause or (nxt is not None and lows[nxt] in SPEECH)):
        return
    seg = [j]
    # Back to the clause's start, or to a word that opens the title's noun phrase ("a lawsuit
    # filed in 2023 by a former billing manager, Denise Ford").
    while seg[0] > 0 and _joined(doc, seg[0] - 1) and len(seg) < 12 and lows[seg[0]] not in _OPENS_A_TITLE:
        seg.insert(0, seg[0] - 1)
    if (
        seg[0] > 0
        and not doc.initial[seg[0]]
        and _joined(doc, seg[0] - 1)
        and lows[seg[0]] not in _OPENS_A_TITLE
    ):
        return  # the segment does not start at a clause boundary
    while seg and lows[seg[0]] in _BEFORE_A_TITLE:
        seg.pop(0)
    if not seg or len(seg) > 10 or lows[seg[0]] in _SUBJECT_PRONOUNS:
        return  # "He served as a lawyer, Ana Ruiz said": a clause, not her title
    head = _head_noun(doc, seg)
    if head is None or keys[head] not in ROLE_NOUNS | ORG_NOUNS:
        return
    while seg and lows[seg[0]] in ("its", "his", "her", "their"):
        seg.pop(0)
    if seg:
        _set_role(m, doc.span(seg[0], seg[-1]), 4, keys[head])
