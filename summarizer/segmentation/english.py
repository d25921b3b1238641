"""English sentences and quotes: sentence ends (not after an abbreviation or an initial, never
inside a quote), quote marks told apart from apostrophes, and the attribution between the two
halves of one split quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import SPEECH_VERB_PATTERN
from ..names import TITLE_ABBREVIATIONS

# Words whose trailing period does not end a sentence (titles come from names.py).
_ABBREVIATIONS = TITLE_ABBREVIATIONS | {
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "llc",
    "vs",
    "etc",
    "no",
    "vol",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "d.c",
    "approx",
    "est",
    "dept",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NUMBER_AFTER = re.compile(r"\s+\d")

# Pairs of quote marks. Straight double quotes pair up in order within a paragraph.
_DOUBLE = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"|„([^“”\n]+)[“”]|«\s?([^»\n]+?)\s?»")
# Single quotes: the opener follows a space, start or bracket and precedes a non-space; the
# closer precedes a non-letter, so apostrophes (don’t, company’s) are not taken as closers.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘']((?:[^‘’'\n]|[’'](?=[A-Za-z]))+?)[’'](?![A-Za-z])")
# What may stand between the two halves of one quote: a short attribution, commas allowed
# ("said Mara Kell, the union's general secretary,"), ending the sentence at most at its very end
# ('"X," Forte said. "Y."'). A gap that goes on after a full stop ("Lee said. But Park insisted
# the plan") holds another speaker's words.
_ATTRIBUTION_GAP = re.compile(
    rf"^(?:[\w,’'-]+\.?\s+){{0,6}}(?:{SPEECH_VERB_PATTERN})(?:\s+[\w,’'-]+\.?){{0,8}}[.,;:]?$", re.IGNORECASE
)
# The first half of a split quote breaks off with a comma or dash, not a full stop.
# A sentence that ends inside the gap and goes on ("said. But"): the gap is more than an attribution.
_SENTENCE_GOES_ON = re.compile(r"\b[a-z]{3,}[.!?]\s+\S")
_SPLIT_BREAK = re.compile(r"^\s*[,—–-]|^\s*[\"”’']\s*[,—–-]")
_GAP_PUNCTUATION = " \t,;:“”\"‘’'—–-"


def _split_sentences(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`; never ending inside a quote, so a quote of several
    sentences stays in one sentence with its attribution ("... when it does," Sorensen said.)."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, cursor, match.start())
        word = before.group(1).lower().rstrip(".") if before else ""
        is_initial = len(word) == 1 and text[match.start()] == "."
        inside_quote = any(q_start < match.end() < q_end for q_start, q_end in quotes)
        # "No." abbreviates only before a number ("No. 10"): "she said no. Then" ends a sentence.
        abbreviation = word in _ABBREVIATIONS and (word != "no" or _NUMBER_AFTER.match(text, match.end()))
        if abbreviation or is_initial or inside_quote:
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a trailing comma that belongs to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in (_DOUBLE, _SINGLE):
        for match in pattern.finditer(text, start, end):
            group = next(i for i in range(1, (match.lastindex or 1) + 1) if match.group(i))
            s, e = _trim(text, match.start(group), match.end(group))
            overlaps = any(s < fe and fs < e for fs, fe in found)
            if e > s and not overlaps:
                found.append((s, e))
    return sorted(found)
