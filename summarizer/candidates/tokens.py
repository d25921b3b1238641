"""Tokenize the kept lines of a cleaned document, mark the lines that never start a candidate
(headlines, datelines, shouting, reader comments), and hold it all in `Doc`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import TYPE_CHECKING

from .lexicon import COUNTRIES, MORE_COUNTRIES, MULTI_COUNTRIES, STOP, word_set

if TYPE_CHECKING:
    from ..cleaning import CleanedDocument


# Dotted initials ("U.S."); a word, with inner hyphens, apostrophes or "&" ("AT&T"), and a full
# stop; a lone "&".
_TOKEN_RE = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)+|[^\W_]+(?:[-'’&][^\W_]+)*\.?|&")
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
_first_char = itemgetter(0)


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
        "text", "low", "key", "start", "end", "region", "cap", "upper", "digit", "poss", "stop_after",
        "initial", "headline", "quiet",
    )  # fmt: skip

    def __init__(
        self, text: str, low: str, key: str, start: int, end: int, region: int, cap: bool, upper: bool,
        digit: bool, poss: bool, stop_after: bool, initial: bool, headline: bool, quiet: bool,
    ) -> None:  # fmt: skip
        self.text = text
        self.low = low
        self.key = key  # lower case, no sentence-final dot, straight apostrophe: what lexicons match
        self.start = start
        self.end = end
        self.region = region  # index into Doc.kept: the line
        self.cap = cap  # capitalised ("Trump", "de-Gaulle"), not a number
        self.upper = upper  # in capitals, two letters or more ("IMF", "U.S.")
        self.digit = digit
        self.poss = poss  # a possessive was split off ("Trump's", "ranchers’")
        self.stop_after = stop_after  # a sentence-final full stop was split off
        self.initial = initial  # opens a line or a sentence
        self.headline = headline
        self.quiet = quiet  # a dateline, a reader comment, a shouted line: never starts a candidate


class _Columns:
    """The tokens of a document as one list per attribute: the per-token work is done a column at
    a time with `map` (C speed) and only the few tokens that need more get a Python loop."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.low: list[str] = []
        self.key: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.region: list[int] = []
        self.cap: list[bool] = []
        self.upper: list[bool] = []
        self.digit: list[bool] = []
        self.poss: list[bool] = []
        self.stop_after: list[bool] = []
        self.initial: list[bool] = []
        self.headline: list[bool] = []
        self.quiet: list[bool] = []

    def toks(self) -> list[Tok]:
        return list(
            map(
                Tok, self.text, self.low, self.key, self.start, self.end, self.region, self.cap,
                self.upper, self.digit, self.poss, self.stop_after, self.initial, self.headline,
                self.quiet,
            )
        )  # fmt: skip


def _tokenize(document: CleanedDocument) -> tuple[_Columns, list[tuple[int, int]]]:
    text = document.text
    regions = sorted(
        [(r.start, r.end, True) for r in document.kept]
        + [(r.start, r.end, False) for r in getattr(document, "removed", ())]
    )
    cols = _Columns()
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
        _tokenize_line(text, rstart, rend, len(kept) - 1, comments, cols)
    return cols, kept


def _tokenize_line(text: str, rstart: int, rend: int, region: int, comments: bool, cols: _Columns) -> None:
    """Append the tokens of one kept line to `cols`."""
    line = text[rstart:rend]
    matches = list(_TOKEN_RE.finditer(text, rstart, rend))
    words = list(map(re.Match.group, matches))
    starts = list(map(re.Match.start, matches))
    match_ends = list(map(re.Match.end, matches))
    ends = match_ends.copy()
    n = len(words)
    poss, stops = [False] * n, [False] * n
    # Only a word ending in "." or "s" can lose a full stop or a possessive.
    for i in compress(range(n), map(str.endswith, words, repeat((".", "s")))):
        words[i], ends[i], stops[i], poss[i] = _split_suffixes(text, words[i], ends[i])

    lows = list(map(str.lower, words))
    keys = lows.copy()
    caps = list(map(str.isupper, map(_first_char, words)))
    uppers = list(map(str.isupper, words))
    digits = [False] * n
    # A word of letters only has no digit, dot, apostrophe or particle prefix: the columns above
    # are already right for it. The others get the full rules.
    for i in compress(range(n), map(not_, map(str.isalpha, words))):
        digits[i], caps[i], keys[i] = _word_traits(words[i], lows[i])
    for i in compress(range(n), uppers):
        uppers[i] = len(words[i].replace(".", "")) >= 2

    initial = [True, *stops[:-1]] if n else []
    for i in range(1, n):
        if not initial[i]:
            gap = text[match_ends[i - 1] : starts[i]]
            initial[i] = gap != " " and bool(_OPENING.search(gap))

    dateline = _DATELINE.match(line)
    dateline_end = rstart + dateline.end() if dateline else -1
    if comments or _HANDLE_LINE.match(line):
        quiet = [True] * n
    elif dateline:
        quiet = [s < dateline_end for s in starts]
    else:
        quiet = [False] * n
    label = _CAPS_LABEL.match(line)
    if not label and not any(map(str.islower, line)):
        quiet = [True] * n  # "ABOUT ACME ROBOTICS", "(BEGIN VIDEOTAPE)": shouting, not prose
    label_end = rstart + label.end() if label else -1
    _mark_shouting(uppers, quiet, bisect_left(starts, label_end))
    headline = _headline(lows, caps, digits, initial, line.rstrip()[-1:] in _LINE_END)

    cols.text += words
    cols.low += lows
    cols.key += keys
    cols.start += starts
    cols.end += ends
    cols.region += [region] * n
    cols.cap += caps
    cols.upper += uppers
    cols.digit += digits
    cols.poss += poss
    cols.stop_after += stops
    cols.initial += initial
    cols.headline += headline
    cols.quiet += quiet


def _split_suffixes(text: str, raw: str, end: int) -> tuple[str, int, bool, bool]:
    """Split a sentence-final full stop (not an abbreviation's) and a possessive off a word:
    the word, its end, whether a stop and whether a possessive came off."""
    stop_after = False
    if raw[-1] == "." and not _DOTTED.fullmatch(raw):
        base = raw[:-1]
        if not (base.lower() in _ABBREVIATIONS or (len(base) == 1 and base.isupper())):
            raw, end, stop_after = base, end - 1, True
    poss = False
    if len(raw) > 2 and raw[-2:] in ("'s", "’s"):
        raw, end, poss = raw[:-2], end - 2, True
    elif raw.endswith("s") and text[end : end + 1] in ("'", "’") and text[end + 1 : end + 2] in (" ", ""):
        poss = True  # "ranchers’ association"
    return raw, end, stop_after, poss


def _word_traits(text: str, low: str) -> tuple[bool, bool, str]:
    """Digit, capitalised and key of a word that is not all letters."""
    digit = any(map(str.isdigit, text))
    first = text[0]
    cap = not digit and (first.isupper() or (first.islower() and bool(_PARTICLE_PREFIX.match(text))))
    dotted = "." in text[:-1] and bool(_DOTTED.fullmatch(text))
    key = (low if dotted else low.rstrip(".")).replace("’", "'")
    return digit, cap, key


def _headline(
    lows: list[str], caps: list[bool], digits: list[bool], initial: list[bool], ends_sentence: bool
) -> list[bool]:
    """Title Case lines ("Fourth Dry Year Turns Neighbors Into Rivals") and "What Happened:" labels."""
    n = len(lows)
    if not ends_sentence:
        content = [i for i in range(n) if not digits[i] and lows[i] not in _SMALL]
        if len(content) >= 3 and sum(caps[i] for i in content) >= 0.7 * len(content):
            return [True] * n
    headline = [False] * n
    for i in range(1, min(n, 6)):
        if initial[i]:
            if lows[0] in STOP and all(caps[:i]):
                headline[:i] = [True] * i
            break
    return headline


def _mark_shouting(uppers: list[bool], quiet: list[bool], first: int) -> None:
    """Three or more words in capitals in a row (from token `first` on) are quiet."""
    if uppers.count(True) < 3:
        return
    run_start = None
    for i in range(first, len(uppers) + 1):
        if i < len(uppers) and uppers[i]:
            if run_start is None:
                run_start = i
            continue
        if run_start is not None and i - run_start >= 3:
            quiet[run_start:i] = [True] * (i - run_start)
        run_start = None


class Doc:
    def __init__(self, document: CleanedDocument) -> None:
        self.text = text = document.text
        cols, self.kept = _tokenize(document)
        self.toks = cols.toks()
        # The text between token i and token i+1 when both are on one line, else None.
        self.gaps: list[str | None] = list(map(text.__getitem__, map(slice, cols.end, cols.start[1:])))
        self.gaps.append(None)
        regions = cols.region
        for i in compress(range(len(regions) - 1), map(int.__ne__, regions, regions[1:])):
            self.gaps[i] = None
        self.starts = cols.start
        self.lower_vocab = set(compress(cols.low, map(str.islower, cols.text)))
        # Capitalised words that open no sentence, headline or quiet line: names, not sentence starts.
        initial, headline, quiet = cols.initial, cols.headline, cols.quiet
        self.known_caps = {
            cols.key[i]
            for i in compress(range(len(regions)), cols.cap)
            if not (initial[i] or headline[i] or quiet[i])
        }
        self.countries = _country_lexicon()
        self.kinds: dict[tuple[int, int], str] = {}  # classify's answers

    def gap(self, i: int) -> str | None:
        """The text between token i and token i+1 when both are on one line."""
        return self.gaps[i]

    def next_word(self, i: int) -> Tok | None:
        """The token right after token i when a single space separates them."""
        t = self.toks[i]
        if self.gaps[i] == " " and not t.poss and not t.stop_after:
            return self.toks[i + 1]
        return None

    def prev_word(self, i: int) -> Tok | None:
        if i > 0 and self.gaps[i - 1] == " ":
            t = self.toks[i - 1]
            if not t.poss and not t.stop_after:
                return t
        return None

    def span(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j].end]
