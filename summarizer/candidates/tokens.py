"""Tokenize the kept lines of a cleaned document, mark the lines that never start a candidate
(headlines, datelines, shouting, reader comments), and hold it all in `Doc`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, ne, not_
from typing import TYPE_CHECKING

from ..names import SPEAKER_LINE
from .lexicon import COUNTRIES, MORE_COUNTRIES, MULTI_COUNTRIES, ROLE_NOUNS, STOP, word_set

if TYPE_CHECKING:
    from ..cleaning import CleanedDocument


# Dotted initials ("U.S."); a word, with inner hyphens, apostrophes or "&" ("AT&T"), and a full
# stop; a lone "&".
_TOKEN_RE = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)+|[^\W_]+(?:[-'’&][^\W_]+)*\.?|&")
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")  # no anchors or lookbehind: a line splits alone
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_MARKS = re.compile(r"[.'’]")  # the characters a word's suffix begins with
_ABBREVIATIONS = word_set(
    """mr mrs ms mx dr prof sen rep gov gen lt col capt sgt st jr sr inc corp co ltd bros dept
    univ assn mt ft ave blvd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec rev hon
    est approx adm cmdr supt insp det"""
)
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|bin|ibn|abu|d|de|di|da|del|van|von|le|la|l)[-'’][A-Z]")
_COMMENT_HEADER = re.compile(r"(?i)^(?:\d+\s+)?(?:reader\s+)?(?:comments?|replies)\s*(?:\(\d+\)|:)?$")
# A transcript turn whose speaker is in capitals: "SEN. MARIA CANTWELL (D-WA):", "COOPER:".
_CAPS_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:\s*\([^()\n]{1,30}\))?(?:,\s*[A-Z][A-Z.'’ ,-]{1,40})?:\s")
_QA_LABEL = re.compile(r"[QA]\.\s")
_LINE_END = set('.!?"”’)')

_HANDLE_LINE = re.compile(r"^@?[a-z0-9][a-z0-9_.]{1,30}:\s")
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:,[^—–\n]{0,90}?)?\s*(?:[—–]|--)\s")
# A gap with sentence punctuation, or ending in an opening quote, starts a sentence.
_OPENING = re.compile(r"[.!?:;—–]|[“‘]$|(?:^|\s)[\"']$")
_SMALL = word_set("a an the of and or in on at to for by with as from into vs via but nor is are")
_first_char = itemgetter(0)
_CLOCK = ("a.m.", "p.m.")


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


class _Columns:
    """The tokens of a document as one list per attribute, so that the per-token work runs a column
    at a time through `map` (C speed) and only the few tokens that need more get a Python loop.
    Each column has the name of the `Doc` field that takes it over."""

    def __init__(
        self,
        text: str,
        words: list[str],
        starts: list[int],
        match_ends: list[int],
        match_gaps: list[str | None],
        suffixed: list[int],
    ) -> None:
        """`words` as the token pattern matched them in the document's `text`, their offsets, the
        text after each up to the next word on its line (None after a line's last word), and the
        words that may lose a full stop or a possessive (`_suffixed`)."""
        n = len(words)
        self.words = words
        self.starts = starts
        self.ends = ends = match_ends.copy()
        self.poss = poss = [False] * n
        self.stops = stops = [False] * n
        shortened = []
        for i in suffixed:
            words[i], ends[i], stops[i], poss[i] = _split_suffixes(text, words[i], ends[i])
            if ends[i] != match_ends[i]:
                shortened.append(i)

        self.lows = lows = list(map(str.lower, words))
        self.keys = keys = lows.copy()
        self.caps = caps = list(map(str.isupper, map(_first_char, words)))
        self.uppers = uppers = list(map(str.isupper, words))
        self.digits = digits = [False] * n
        # A word of letters only has no digit, dot, apostrophe or particle prefix: the columns above
        # are already right for it. The others get the full rules.
        for i in compress(range(n), map(not_, map(str.isalpha, words))):
            digits[i], caps[i], keys[i] = _word_traits(words[i], lows[i])
        for i in compress(range(n), uppers):
            uppers[i] = len(words[i].replace(".", "")) >= 2

        # A word opens a sentence at a line's start, after a full stop, or after a gap with
        # sentence punctuation.
        self.initial = initial = [True, *stops[:-1]] if n else []
        for i in compress(range(1, n), map(ne, match_gaps, repeat(" "))):
            if not initial[i]:
                gap = match_gaps[i - 1]
                initial[i] = gap is None or bool(_OPENING.search(gap))
        # A clock's "a.m." or "p.m." keeps its full stop but may end a sentence ("at 5 a.m. Critics
        # said"): the word after it may open one.
        for i in suffixed:
            if lows[i] in _CLOCK and match_gaps[i] is not None:
                initial[i + 1] = True
        # The gaps after the split-off stops and possessives.
        self.gaps = gaps = match_gaps.copy()
        for i in shortened:
            if match_gaps[i] is not None:
                gaps[i] = text[ends[i] : starts[i + 1]]

        self.regions = [0] * n
        self.headline = [False] * n
        self.quiet = [False] * n


def _tokenize(document: CleanedDocument) -> tuple[_Columns, list[tuple[int, int]]]:
    text = document.text
    regions = sorted(
        [(r.start, r.end, True) for r in document.kept]
        + [(r.start, r.end, False) for r in getattr(document, "removed", ())]
    )
    kept: list[tuple[int, int]] = []
    lines: list[tuple[int, int, bool]] = []  # the tokens of each kept line, and whether it is a comment
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[str | None] = []
    suffixed: list[int] = []
    comments = False
    for rstart, rend, is_kept in regions:
        line = text[rstart:rend]
        if rstart > len(text) // 2 and _COMMENT_HEADER.match(line.strip()):
            # Readers' text follows a "Comments (12)" header near the end (near the top, such a
            # line is only a count).
            comments = True
            continue
        if not is_kept:
            continue
        kept.append((rstart, rend))
        # [text before word 1, word 1, gap, word 2, ..., word n, text after]: no match objects.
        parts = _TOKEN_SPLIT.split(line)
        offsets = list(accumulate(map(len, parts), initial=rstart))
        first = len(words)
        words += parts[1::2]
        starts += offsets[1:-1:2]
        ends += offsets[2:-1:2]
        gaps += parts[2:-1:2]
        if len(parts) > 1:
            gaps.append(None)
            suffixed += _suffixed(text, line, rstart, starts, ends, first, len(words))
        lines.append((first, len(words), comments))
    cols = _Columns(text, words, starts, ends, gaps, suffixed)
    # An interview's "Q. ..." / "A. ..." lines (two questions or more; else "A. Smith" is a name).
    interview = sum(text.startswith("Q. ", rstart) for rstart, _ in kept) >= 2
    for region, ((first, end, comments), (rstart, rend)) in enumerate(zip(lines, kept, strict=True)):
        _mark_line(cols, text[rstart:rend], rstart, region, first, end, comments, interview)
    return cols, kept


def _suffixed(
    text: str, line: str, rstart: int, starts: list[int], match_ends: list[int], first: int, end: int
) -> list[int]:
    """The words of a line (tokens `first` to `end`) that may lose a full stop or a possessive:
    those ending in ".", "'s" or "’s", and those right before an apostrophe ("ranchers’
    association"). Found from the line's few full stops and apostrophes, not by testing every word."""
    out: list[int] = []
    for mark in _MARKS.finditer(line):
        at = rstart + mark.start()
        i = bisect_right(starts, at, first, end) - 1
        if i < first:
            continue
        word_end = match_ends[i]
        char = mark.group()
        if (
            (at == word_end - 1 and char == ".")
            or (at == word_end - 2 and char != "." and text[word_end - 1] == "s")
            or (at == word_end and char != ".")
        ) and (not out or out[-1] != i):
            out.append(i)
    # The line's last word may be followed by an apostrophe just past the line's end.
    last = end - 1
    if (not out or out[-1] != last) and text.startswith(("'", "’"), match_ends[last]):
        out.append(last)
    return out


def _mark_line(
    cols: _Columns, line: str, rstart: int, region: int, first: int, end: int, comments: bool, interview: bool
) -> None:
    """Set the line's region and the flags that depend on the whole line: a headline; quiet words
    (datelines, comments, shouting, an interview's "Q." and "A.")."""
    n = end - first
    if not n:
        return
    cols.regions[first:end] = [region] * n
    starts, quiet = cols.starts, cols.quiet
    dateline = _DATELINE.match(line)
    if comments or _HANDLE_LINE.match(line):
        quiet[first:end] = [True] * n
    elif dateline:
        for i in range(first, bisect_left(starts, rstart + dateline.end(), first, end)):
            quiet[i] = True
    if interview and _QA_LABEL.match(line):
        quiet[first] = True  # "Q. How would ...", "A. Maybe": the label opens no name
    label = _CAPS_LABEL.match(line)
    if not label and not any(map(str.islower, line)):
        quiet[first:end] = [True] * n  # "ABOUT ACME ROBOTICS", "(BEGIN VIDEOTAPE)": shouting, not prose
    after_label = bisect_left(starts, rstart + label.end(), first, end) if label else first
    _mark_shouting(cols.uppers, quiet, after_label, end)
    if _is_headline(cols, first, end, line.rstrip()[-1:] in _LINE_END) and not _is_speaker_line(line):
        cols.headline[first:end] = [True] * n
        return
    for i in range(first + 1, min(end, first + 6)):
        if cols.initial[i]:
            if cols.lows[first] in STOP and all(cols.caps[first:i]):
                cols.headline[first:i] = [True] * (i - first)  # a "What Happened:" label
            break


def _is_speaker_line(line: str) -> bool:
    """A name over a title that ends in a role ("-- Chief Executive Officer", "-- Analyst"), not a
    Title Case headline ("Apple Unveils New iPhone - Tech News")."""
    match = SPEAKER_LINE.fullmatch(line.rstrip())
    title = match.group("title") if match else None
    return title is not None and title.rsplit(maxsplit=1)[-1].lower() in ROLE_NOUNS


def _abbreviation(low: str, text: str, end: int) -> bool:
    """Whether `low` before the full stop ending at `end` is an abbreviation: "No." only before a
    number ("No. 10 Downing Street"); "the minister said no. Elsewhere" ends a sentence."""
    if low == "no":
        return text[end : end + 2].strip()[:1].isdigit()
    return low in _ABBREVIATIONS


def _split_suffixes(text: str, raw: str, end: int) -> tuple[str, int, bool, bool]:
    """Split a sentence-final full stop (not an abbreviation's) and a possessive off a word:
    the word, its end, whether a stop and whether a possessive came off."""
    stop_after = False
    if raw[-1] == "." and not _DOTTED.fullmatch(raw):
        base = raw[:-1]
        if not (_abbreviation(base.lower(), text, end) or (len(base) == 1 and base.isupper())):
            raw, end, stop_after = base, end - 1, True
    poss = False
    if len(raw) > 2 and raw[-2:] in ("'s", "’s"):
        raw, end, poss = raw[:-2], end - 2, True
    elif raw.endswith("s") and text[end : end + 1] in ("'", "’") and text[end + 1 : end + 2] in (" ", ""):
        poss = True  # "ranchers’ association"
    return raw, end, stop_after, poss


def _word_traits(word: str, low: str) -> tuple[bool, bool, str]:
    """Digit, capitalised and key of a word that is not all letters."""
    digit = any(map(str.isdigit, word))
    first = word[0]
    cap = not digit and (first.isupper() or (first.islower() and bool(_PARTICLE_PREFIX.match(word))))
    dotted = "." in word[:-1] and bool(_DOTTED.fullmatch(word))
    key = (low if dotted else low.rstrip(".")).replace("’", "'")
    return digit, cap, key


def _is_headline(cols: _Columns, first: int, end: int, ends_sentence: bool) -> bool:
    """A Title Case line: "Fourth Dry Year Turns Neighbors Into Rivals"."""
    if ends_sentence:
        return False
    words = [i for i in range(first, end) if not cols.digits[i] and cols.lows[i] not in _SMALL]
    return len(words) >= 3 and sum(cols.caps[i] for i in words) >= 0.7 * len(words)


def _mark_shouting(uppers: list[bool], quiet: list[bool], first: int, end: int) -> None:
    """Three or more words in capitals in a row (tokens `first` to `end`) are quiet."""
    if uppers[first:end].count(True) < 3:
        return
    run_start = None
    for i in range(first, end + 1):
        if i < end and uppers[i]:
            if run_start is None:
                run_start = i
            continue
        if run_start is not None and i - run_start >= 3:
            quiet[run_start:i] = [True] * (i - run_start)
        run_start = None


def _form_starts(capitalised: list[int], cols: _Columns) -> list[int]:
    """Tokens that may start a form in the final matching: capitalised or in capitals, not quiet."""
    caps, quiet = cols.caps, cols.quiet
    # A word in capitals is capitalised too unless it has a digit ("3M", "F-35"): merge the few.
    in_capitals = [i for i in compress(range(len(caps)), cols.uppers) if not caps[i]]
    starts = sorted([*capitalised, *in_capitals]) if in_capitals else capitalised
    return [i for i in starts if not quiet[i]]


def _not_first_person(word: str) -> bool:
    """Not the pronoun "I" or one of its contractions ("I'm", "I’ve"); whether the word is
    capitalised is not tested here (`Doc.name_like` adds that)."""
    return word != "I" and not word.startswith(("I'", "I’"))


class Doc:
    """The kept tokens of a document, one list per attribute (index i is token i): the rules read
    the columns directly, so that no object is built per token."""

    def __init__(self, document: CleanedDocument) -> None:
        self.text = document.text
        cols, self.kept = _tokenize(document)
        self.n = n = len(cols.words)
        self.words = words = cols.words  # as written, less a split-off full stop or possessive
        self.lows = cols.lows
        self.keys = cols.keys  # lower case, no sentence-final dot, straight apostrophe: what lexicons match
        self.starts, self.ends = cols.starts, cols.ends
        self.regions = cols.regions  # index into `kept`: the line
        self.caps = cols.caps  # capitalised ("Trump", "de-Gaulle"), not a number
        self.uppers = cols.uppers  # in capitals, two letters or more ("IMF", "U.S.")
        self.digits = cols.digits
        self.poss = cols.poss  # a possessive was split off ("Trump's", "ranchers’")
        self.stops = cols.stops  # a sentence-final full stop was split off
        self.initial = cols.initial  # opens a line or a sentence
        self.headline = cols.headline
        self.quiet = cols.quiet  # a dateline, a reader comment, a shouted line: never starts a candidate
        # The text between token i and token i+1 when both are on one line, else None.
        self.gaps = cols.gaps
        self.lower_vocab = set(compress(cols.lows, map(str.islower, words)))
        # Capitalised words that open no sentence, headline or quiet line: names, not sentence starts.
        initial, headline, quiet = cols.initial, cols.headline, cols.quiet
        capitalised = list(compress(range(n), cols.caps))
        self.known_caps = {cols.keys[i] for i in capitalised if not (initial[i] or headline[i] or quiet[i])}
        # Tokens that may start a name ("I" and "I'm" do not; the first letter is the cheap test).
        self.name_starts = [i for i in capitalised if words[i][0] != "I" or _not_first_person(words[i])]
        self.form_starts = _form_starts(capitalised, cols)
        self.countries = _country_lexicon()
        self.kinds: dict[tuple[int, int], str] = {}  # classify's answers

    def name_like(self, i: int) -> bool:
        """Token i is capitalised and may be part of a name."""
        return self.caps[i] and _not_first_person(self.words[i])

    def next_word(self, i: int) -> int | None:
        """The token right after token i when a single space separates them."""
        if self.gaps[i] == " " and not self.poss[i] and not self.stops[i]:
            return i + 1
        return None

    def prev_word(self, i: int) -> int | None:
        if i > 0 and self.gaps[i - 1] == " " and not self.poss[i - 1] and not self.stops[i - 1]:
            return i - 1
        return None

    def span(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j]]
