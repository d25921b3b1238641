"""Tokenize the kept lines of a cleaned document, mark the lines that never start a candidate
(headlines, datelines, shouting, reader comments), and hold it all in `Doc`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import COUNTRIES, MORE_COUNTRIES, MULTI_COUNTRIES, STOP, word_set

if TYPE_CHECKING:
    from ..cleaning import CleanedDocument


_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[^\W_]|[-'’&](?=[^\W_]))*\.?|&")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_ABBREVIATIONS = word_set(
    """mr mrs ms mx dr prof sen rep gov gen lt col capt sgt st jr sr inc corp co ltd bros dept
    univ assn mt ft ave blvd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec rev hon
    est approx adm cmdr supt insp det"""
)
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|bin|ibn|abu|d|de|di|da|del|van|von|le|la|l)[-'’][A-Z]")
_COMMENT_HEADER = re.compile(r"(?i)^(?:\d+\s+)?(?:reader\s+)?(?:comments?|replies)\s*(?:\(\d+\)|:)?$")
# A transcript turn whose speaker is in capitals: "SEN. MARIA CANTWELL (D-WA):", "COOPER:".
_CAPS_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:\s*\([^()\n]{1,30}\))?(?:,\s*[A-Z][A-Z.'’ ,-]{1,40})?:\s")
_LINE_END = set('.!?"”’)')
_HANDLE_LINE = re.compile(r"^@?[a-z0-9][a-z0-9_.]{1,30}:\s")
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:,[^—–\n]{0,90}?)?\s*(?:[—–]|--)\s")
# A gap with sentence punctuation, or ending in an opening quote, starts a sentence.
_OPENING = re.compile(r"[.!?:;—–]|[“‘]$|(?:^|\s)[\"']$")
_SMALL = word_set("a an the of and or in on at to for by with as from into vs via but nor is are")


@lru_cache(maxsize=1)
def _country_lexicon() -> dict[tuple[str, ...], str]:
    """Token tuple (lowercase) -> canonical country name; pycountry's names when it is installed."""
    forms: dict[str, str] = {}
    for canonical, names in COUNTRIES.items():
        for name in names:
            forms[name] = canonical
    for name in MORE_COUNTRIES.split():
        forms[name] = name
    for name in MULTI_COUNTRIES:
        forms[name] = name
    try:
        import pycountry  # noqa: PLC0415 - optional and slow to load; only when asked

        for country in pycountry.countries:
            canonical = getattr(country, "common_name", None) or country.name
            canonical = forms.get(canonical, canonical)
            for name in {country.name, getattr(country, "common_name", None)}:
                if name and "," not in name and "(" not in name:
                    forms.setdefault(name, canonical)
    except Exception:  # noqa: BLE001 - not installed or broken: the built-in list is enough
        pass
    lexicon: dict[tuple[str, ...], str] = {}
    for name, canonical in forms.items():
        lexicon[tuple(t.lower() for t in _TOKEN_RE.findall(name))] = canonical
    return lexicon


class Tok:
    __slots__ = (
        "text", "low", "key", "start", "end", "cap", "upper", "digit", "poss", "stop_after",
        "initial", "region", "headline", "quiet",
    )  # fmt: skip

    def __init__(self, text: str, start: int, end: int, region: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.region = region
        self.digit = not text.isalpha() and any(map(str.isdigit, text))
        self.upper = text.isupper() and len(text.replace(".", "")) >= 2
        first = text[0]
        self.cap = not self.digit and (
            first.isupper() or (first.islower() and bool(_PARTICLE_PREFIX.match(text)))
        )
        dotted = "." in text[:-1] and bool(_DOTTED.fullmatch(text))
        self.key = (self.low if dotted else self.low.rstrip(".")).replace("’", "'")
        self.poss = False
        self.stop_after = False
        self.initial = False
        self.headline = False
        self.quiet = False  # a dateline, a reader comment, a shouted line: never starts a candidate


def _tokenize(document: CleanedDocument) -> tuple[list[Tok], list[tuple[int, int]]]:
    text = document.text
    regions = sorted(
        [(r.start, r.end, True) for r in document.kept]
        + [(r.start, r.end, False) for r in getattr(document, "removed", ())]
    )
    toks: list[Tok] = []
    kept: list[tuple[int, int]] = []
    comments = False
    for rstart, rend, is_kept in regions:
        line = text[rstart:rend]
        if _COMMENT_HEADER.match(line.strip()) and rstart > len(text) // 2:
            # Readers' text follows a "Comments (12)" header near the end (near the top, such a
            # line is only a count).
            comments = True
            continue
        if not is_kept:
            continue
        kept.append((rstart, rend))
        quiet = comments or bool(_HANDLE_LINE.match(line))
        label = _CAPS_LABEL.match(line)
        label_end = rstart + label.end() if label else -1
        dateline = _DATELINE.match(line)
        dateline_end = rstart + dateline.end() if dateline else -1
        line_toks: list[Tok] = []
        prev_end = rstart
        for m in _TOKEN_RE.finditer(text, rstart, rend):
            raw, start, end = m.group(), m.start(), m.end()
            stop_after = False
            if raw[-1] == "." and not _DOTTED.fullmatch(raw):
                base = raw[:-1]
                if not (base.lower() in _ABBREVIATIONS or (len(base) == 1 and base.isupper())):
                    raw, end, stop_after = base, end - 1, True
            poss = False
            if len(raw) > 2 and raw[-2:] in ("'s", "’s"):
                raw, end, poss = raw[:-2], end - 2, True
            elif (
                raw.endswith("s")
                and text[end : end + 1] in ("'", "’")
                and text[end + 1 : end + 2] in (" ", "")
            ):
                poss = True  # "ranchers’ association"
            if not raw:
                continue
            tok = Tok(raw, start, end, len(kept) - 1)
            tok.poss, tok.stop_after = poss, stop_after
            if not line_toks:
                tok.initial = True
            else:
                gap = text[prev_end:start]
                tok.initial = line_toks[-1].stop_after or (gap != " " and bool(_OPENING.search(gap)))
            tok.quiet = quiet or start < dateline_end
            line_toks.append(tok)
            prev_end = m.end()
        _mark_headline(line_toks, line.rstrip()[-1:] in _LINE_END)
        if not any(c.islower() for c in line) and not label:
            for t in line_toks:
                t.quiet = True  # "ABOUT ACME ROBOTICS", "(BEGIN VIDEOTAPE)": shouting, not prose
        _mark_shouting([t for t in line_toks if t.start >= label_end])
        toks.extend(line_toks)
    return toks, kept


def _mark_headline(line: list[Tok], ends_sentence: bool) -> None:
    """Title Case lines ("Fourth Dry Year Turns Neighbors Into Rivals") and "What Happened:" labels."""
    words = [t for t in line if not t.digit and t.low not in _SMALL]
    if len(words) >= 3 and not ends_sentence and sum(t.cap for t in words) >= 0.7 * len(words):
        for t in line:
            t.headline = True
        return
    for i, t in enumerate(line[1:6], start=1):
        if t.initial:
            if line[0].low in STOP and all(x.cap for x in line[:i]):
                for x in line[:i]:
                    x.headline = True
            break


def _mark_shouting(line: list[Tok]) -> None:
    run: list[Tok] = []
    for t in [*line, None]:
        if t is not None and t.upper:
            run.append(t)
            continue
        if len(run) >= 3:
            for x in run:
                x.quiet = True
        run = []


class Doc:
    def __init__(self, document: CleanedDocument) -> None:
        self.text = document.text
        self.toks, self.kept = _tokenize(document)
        self.lower_vocab = {t.low for t in self.toks if t.text.islower()}
        self.known_caps = {
            t.key for t in self.toks if t.cap and not t.initial and not t.headline and not t.quiet
        }
        self.countries = _country_lexicon()
        self.kinds: dict[tuple[int, int], str] = {}  # classify's answers

    def gap(self, i: int) -> str | None:
        """The text between token i and token i+1 when both are on one line."""
        toks = self.toks
        if i + 1 < len(toks) and toks[i + 1].region == toks[i].region:
            return self.text[toks[i].end : toks[i + 1].start]
        return None

    def next_word(self, i: int) -> Tok | None:
        """The token right after token i when a single space separates them."""
        if self.gap(i) == " " and not self.toks[i].poss and not self.toks[i].stop_after:
            return self.toks[i + 1]
        return None

    def prev_word(self, i: int) -> Tok | None:
        if i > 0 and self.gap(i - 1) == " " and not self.toks[i - 1].poss and not self.toks[i - 1].stop_after:
            return self.toks[i - 1]
        return None

    def span(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j].end]
