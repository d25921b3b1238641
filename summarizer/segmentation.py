"""Split cleaned text into numbered sentences and direct-quote spans, with original offsets.

Sentences get ids S1, S2, ...; direct-quote candidates get Q1, Q2, .... The model cites these
ids, and the library copies the text, so quotes are exact by construction.

Direct quotes are found deterministically: straight and curly double quotes, single quotes
(told apart from apostrophes), a quote split by its attribution ("We are not," she said, "going
to be rushed.") and transcript turns (`NAME (Title): words`) whose speech has no quote marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .cleaning import CleanedDocument
from .lexicon import SPEECH_VERB_PATTERN
from .names import TITLE_ABBREVIATIONS

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
# Lines that speak to an AI model rather than report anything: kept as data, never as speech.
_INSTRUCTION_LIKE = re.compile(
    r"(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+|your\s+)?(previous|prior|above|earlier)\s+"
    r"(instructions|prompts?|rules|messages)"
    r"|<\|im_(start|end)\|>|<\|(system|assistant|user)\|>|\[/?INST\]|<</?SYS>>"
    r"|^\s*(system|assistant)\s*(prompt)?\s*:"
    r"|\byou are now\b|\bnew (rule|instruction)s?\s*:|(<<<|>>>)\s*DOCUMENT\b",
    re.IGNORECASE | re.MULTILINE,
)
_TURN = re.compile(
    r"(?P<label>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?:\((?P<title>[^)\n]{1,60})\))?"
    r"\s*[:：]\s+(?P<speech>\S.*)$"
)


@dataclass(frozen=True)
class Segment:
    """A numbered slice of the original text: `document[start:end] == text`."""

    id: str
    kind: str  # "sentence" or "quote"
    start: int
    end: int
    text: str
    sentence_id: str | None = None  # for quotes: the sentence the quote starts in
    speaker_hint: str | None = None  # for transcript turns: the speaker label
    continues: str | None = None  # for a later part of one quote: split by attribution, or paragraphs
    instruction_like: bool = False  # in a line that addresses an AI model (likely injection)
    # Set by attribution.attribute for quotes:
    speaker: str | None = None  # who the text says spoke the words, as it names them
    attribution: str | None = None  # how: label, sentence, continuation, paragraph, pronoun
    speech: bool = True  # False for a mention: a title, a term, scare quotes, imagined speech


@dataclass
class Segmentation:
    document: CleanedDocument
    sentences: list[Segment] = field(default_factory=list)
    quotes: list[Segment] = field(default_factory=list)
    candidates: list[Any] = field(default_factory=list)  # actor candidates (candidates.Candidate)

    @property
    def instruction_like(self) -> list[Segment]:
        return [s for s in self.sentences if s.instruction_like]

    def by_id(self) -> dict[str, Segment]:
        return {s.id: s for s in [*self.sentences, *self.quotes]}


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
        if word in _ABBREVIATIONS or is_initial or inside_quote:
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


_OPENERS = '“"«„'


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    return start < end and text[start] in _OPENERS


def _open_tail(text: str, start: int, end: int, marked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quote opened in this paragraph and never closed in it: in news style a quote that runs
    over several paragraphs opens each with a quote mark and closes only at the end of the last."""
    position = marked[-1][1] + 1 if marked else start
    while position < end:
        if text[position] in _OPENERS and (position == start or text[position - 1] in " \t(—–-"):
            s, e = _trim(text, position + 1, end)
            return (s, e) if e > s else None
        position += 1
    return None


def _turn_labels(document: CleanedDocument) -> set[str]:
    """Speaker labels that look like a transcript: titled, or used for two or more turns."""
    counts: Counter[str] = Counter()
    titled: set[str] = set()
    for region in document.kept:
        match = _TURN.match(document.text, region.start, region.end)
        if match:
            counts[match.group("label")] += 1
            if match.group("title"):
                titled.add(match.group("label"))
    return titled | {label for label, n in counts.items() if n >= 2}


def segment(document: CleanedDocument) -> Segmentation:
    """Number the sentences and direct-quote spans of the kept regions of `document`."""
    text = document.text
    result = Segmentation(document=document)
    labels = _turn_labels(document)

    def sentence_at(offset: int) -> str | None:
        for sentence in reversed(result.sentences):
            if sentence.start <= offset < sentence.end:
                return sentence.id
        return None

    def add_quote(s: int, e: int, *, hint: str | None = None, continues: str | None = None) -> str:
        quote_id = f"Q{len(result.quotes) + 1}"
        result.quotes.append(
            Segment(quote_id, "quote", s, e, text[s:e], sentence_at(s), hint, continues, suspect)
        )
        return quote_id

    running: str | None = None  # the id of a quote that runs on into the next paragraph
    for index, region in enumerate(document.kept):
        suspect = bool(_INSTRUCTION_LIKE.search(text, region.start, region.end))
        marked = _quote_spans(text, region.start, region.end)
        following = document.kept[index + 1] if index + 1 < len(document.kept) else None
        tail = _open_tail(text, region.start, region.end, marked)
        if tail and following and _opens_with_quote(text, following.start, following.end):
            marked.append(tail)
        else:
            tail = None
        for s, e in _split_sentences(text, region.start, region.end, marked):
            sentence_id = f"S{len(result.sentences) + 1}"
            result.sentences.append(
                Segment(sentence_id, "sentence", s, e, text[s:e], instruction_like=suspect)
            )

        turn = _TURN.match(text, region.start, region.end)
        opens_with_quote = bool(marked) and marked[0][0] <= turn.start("speech") + 1 if turn else False
        if turn and turn.group("label") in labels and not opens_with_quote:
            # A transcript turn is the speaker's words; quote marks inside it are theirs too
            # ("you think, “not my child.”"), not separate quotes.
            running = None
            hint = turn.group("label") + (f" ({turn.group('title')})" if turn.group("title") else "")
            speech_start = turn.start("speech")
            for s, e in _split_sentences(text, speech_start, region.end, marked):
                add_quote(*_trim(text, s, e), hint=hint)
            continue

        previous: tuple[int, int, str] | None = None
        for s, e in marked:
            # Two quotes with only an attribution between them are one quote, split.
            raw_gap = text[previous[1] : s] if previous else ""
            joined = (
                previous is not None
                and bool(_SPLIT_BREAK.match(raw_gap))
                and bool(_ATTRIBUTION_GAP.match(gap := raw_gap.strip(_GAP_PUNCTUATION)))
                and not _SENTENCE_GOES_ON.search(gap)
            )
            continues = previous[2] if joined and previous else None
            if running and previous is None and s == region.start + 1:
                continues = running  # the paragraph goes on with the previous paragraph's quote
            quote_id = add_quote(s, e, continues=continues)
            previous = (s, e, quote_id)
        running = previous[2] if tail and previous else None
    return result
