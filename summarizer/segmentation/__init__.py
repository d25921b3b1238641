"""Split cleaned text into numbered sentences and direct-quote spans, with original offsets.

Sentences get ids S1, S2, ...; direct-quote candidates get Q1, Q2, .... The model cites these
ids, and the library copies the text, so quotes are exact by construction.

Direct quotes are found deterministically: straight and curly double quotes, single quotes
(told apart from apostrophes), a quote split by its attribution ("We are not," she said, "going
to be rushed.") and transcript turns (`NAME (Title): words`) whose speech has no quote marks.

The package: `english` (the English rules), `foreign` (other languages: sentencex and their
quote marks); here the segments, transcript turns, quotes that run over paragraphs, and
`segment`, which strings them together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..cleaning import CleanedDocument
from ..injection import looks_like_instructions
from ..language import detect_language, is_english
from ..names import SPEAKER_LINE, TIMESTAMP, dashed_title
from .english import (
    _GAP_PUNCTUATION,
    _SENTENCE_GOES_ON,
    _SPLIT_BREAK,
    _quote_spans,
    _split_sentences,
    _trim,
)
from .foreign import (
    _GAP_PUNCTUATION_I18N,
    _SENTENCE_GOES_ON_I18N,
    _SPLIT_BREAK_I18N,
    _attribution_gap,
    _quote_spans_i18n,
    _split_sentences_sentencex,
)

# "NAME (Title): words", and in broadcast transcripts "JAKE TAPPER, CNN ANCHOR: words" (a title
# after a comma, in capitals like the name). A recording's time stamp may stand before the name or
# after it ("[00:01:05] Dana Whitfield: words", "Dana Whitfield (00:01:05): words").
_TURN = re.compile(
    rf"(?:{TIMESTAMP}\s+)?(?P<label>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,4}})(?:\s+{TIMESTAMP})?"
    r"\s*(?:\((?P<title>[^)\n]{1,60})\))?"
    r"(?:,\s*(?P<caps_title>[A-Z][A-Z0-9 .’'&/-]{1,40}))?"
    r"\s*(?P<sep>[:：]|\.)\s+(?P<speech>\S.*)$"
)


def _turn(text: str, start: int, end: int) -> re.Match[str] | None:
    """The turn a line opens: "NAME: words", and in an interview "Q. words" / "A. words" (a full
    stop after a capital is otherwise an initial: "A. Smith said")."""
    match = _TURN.match(text, start, end)
    if match and match.group("sep") == "." and match.group("label") not in ("Q", "A"):
        return None
    return match


_SENTENCE_CLOSE = tuple('.!?"”’:。！？」')


def _is_heading(line: str) -> bool:
    """A short line with no full stop: a section heading ("Questions and Answers"), which ends the
    turn of the speaker named above."""
    return len(line.split()) <= 8 and not line.rstrip().endswith(_SENTENCE_CLOSE)


def _header_turns(document: CleanedDocument) -> dict[int, str]:
    """The kept lines (by index) that name the speaker of the lines under them, with the speaker's
    hint ("Raj Patel (Morgan Stanley, Analyst)"): lines of a name and a title after a dash, or a
    name that heads two or more turns, in a text with two or more such speakers."""
    found: dict[int, re.Match[str]] = {}
    kept = document.kept
    for index, region in enumerate(kept[:-1]):
        match = SPEAKER_LINE.fullmatch(document.text, region.start, region.end)
        title = match.group("title") if match else None
        if match and not (title and title.rstrip().endswith(_SENTENCE_CLOSE)):
            found[index] = match
    # Names over words said in the first or second person head turns: "Jane Roe - Mayor" over
    # "Roe has led the city since 2019" is a profile, and its lines are nobody's words. Two
    # speakers who say "I", "we" or "you" make a transcript (a short answer may say neither).
    if len({m.group("label") for i, m in found.items() if _spoken(document, i + 1, found)}) < 2:
        return {}
    counts = Counter(m.group("label") for m in found.values())
    speakers = {m.group("label") for m in found.values() if m.group("title") or m.group("qa")}
    speakers |= {label for label, n in counts.items() if n >= 2}
    if len(speakers) < 2:
        return {}
    # In a transcript, also a name over one turn that the text names elsewhere too (the CEO the
    # operator hands over to), as for "Name: words" turns.
    once = [
        m.group("label")
        for i, m in found.items()
        if counts[m.group("label")] == 1 and _spoken(document, i + 1, found)
    ]
    speakers |= _named_elsewhere(document, once)
    headers: dict[int, str] = {}
    listed = {index for index, match in found.items() if match.group("label") in speakers}
    for index, match in found.items():
        # Lines in a row ("John Smith - Chair" / "Jane Roe - Treasurer") are a list, not turns.
        if match.group("label") in speakers and not {index - 1, index + 1} & listed:
            title = dashed_title(match.group("title") or "")
            headers[index] = match.group("label") + (f" ({title})" if title else "")
    return headers


_FIRST_OR_SECOND_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|ll|d)|we|we['’](?:re|ve|ll|d)|us|our|my|me|you|your)\b", re.I
)


def _spoken(document: CleanedDocument, first: int, headers: dict[int, re.Match[str]]) -> bool:
    """Whether the lines from `first` up to the next header or heading speak in the first or
    second person, as a speaker does."""
    text = document.text
    for index in range(first, len(document.kept)):
        region = document.kept[index]
        line = text[region.start : region.end]
        if index in headers or (index > first and _is_heading(line)):
            return False
        if _FIRST_OR_SECOND_PERSON.search(line):
            return True
    return False


def _turn_title(turn: re.Match[str]) -> str | None:
    return turn.group("title") or turn.group("caps_title")


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
    language: str = "en"  # ISO 639-1 code of the document's language
    # Grounding's searchable form of the text (names.KeptText), made once by `grounding.kept_text`;
    # kept here so that it travels with the segmentation from a process pool's worker.
    searchable: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def instruction_like(self) -> list[Segment]:
        return [s for s in self.sentences if s.instruction_like]

    def by_id(self) -> dict[str, Segment]:
        return {s.id: s for s in [*self.sentences, *self.quotes]}


_OPENERS = '“"«„'
# A single mark opens a quote only before a capital: "'Nobody at the company ..." (British style),
# where "the '90s" and "rock 'n' roll" hold apostrophes.
_OPENER = re.compile(f"[{_OPENERS}]|[‘'](?=[A-Z])")
_OPENER_AFTER_SPACE = re.compile(f"(?<=[ \t(—–-])(?:{_OPENER.pattern})")


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    return start < end and _OPENER.match(text, start, end) is not None


def _open_tail(text: str, start: int, end: int, marked: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quote opened in this paragraph and never closed in it: in news style a quote that runs
    over several paragraphs opens each with a quote mark and closes only at the end of the last."""
    position = marked[-1][1] + 1 if marked else start
    if position >= end:
        return None
    if position == start and _OPENER.match(text, position, end):
        opener = position
    else:
        match = _OPENER_AFTER_SPACE.search(text, max(position, start + 1), end)
        if match is None:
            return None
        opener = match.start()
    s, e = _trim(text, opener + 1, end)
    return (s, e) if e > s else None


_NAME_LABEL = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}")


def _turn_labels(document: CleanedDocument) -> set[str]:
    """Speaker labels that look like a transcript: titled, or used for two or more turns. In a
    transcript (two such labels), also a name that speaks once and that the text names elsewhere
    too: the analyst the operator introduces ("... comes from Leo Hart" / "Leo Hart: Thanks.")."""
    counts: Counter[str] = Counter()
    titled: set[str] = set()
    for region in document.kept:
        match = _turn(document.text, region.start, region.end)
        if match:
            counts[match.group("label")] += 1
            if _turn_title(match):
                titled.add(match.group("label"))
    labels = titled | {label for label, n in counts.items() if n >= 2}
    if len(labels) >= 2:
        labels |= _named_elsewhere(document, [label for label, n in counts.items() if n == 1])
    return labels


_MOST_ONCE_SPEAKERS = 50  # each look scans the text: a call has a few, a hostile text thousands


def _named_elsewhere(document: CleanedDocument, once: list[str]) -> set[str]:
    """Of names that head one turn, those the text writes at least once more."""
    names = [label for label in once if _NAME_LABEL.fullmatch(label)][:_MOST_ONCE_SPEAKERS]
    return {name for name in names if document.text.count(name) >= 2}


def blank_quotes(sentence: Segment, quotes: list[Segment]) -> str:
    """The sentence's text with every quoted passage in it replaced by spaces (offsets kept):
    a name inside quoted words says nothing of who spoke them."""
    text = sentence.text
    for quote in quotes:
        if quote.end > sentence.start and quote.start < sentence.end:
            a = max(quote.start, sentence.start) - sentence.start
            b = min(quote.end, sentence.end) - sentence.start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def segment(document: CleanedDocument, language: str | None = None) -> Segmentation:
    """Number the sentences and direct-quote spans of the kept regions of `document`.

    `language`: the document's ISO 639-1 code, detected when not given. English text keeps the
    English rules; other languages are split by sentencex with the fixes above."""
    text = document.text
    if language is None:
        language = detect_language(document.kept_text())
    english = is_english(language)
    result = Segmentation(document=document, language=language)
    gap_pattern = _attribution_gap(language)
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

    headers = _header_turns(document)
    speaking: str | None = None  # the hint of the speaker named on a line above, in a transcript
    running: str | None = None  # the id of a quote that runs on into the next paragraph
    for index, region in enumerate(document.kept):
        # Text addressed to an AI model, on normalized text (zero-width characters, look-alikes,
        # paraphrases): data, never speech, never evidence.
        suspect = looks_like_instructions(text[region.start : region.end])
        continuing: set[int] = set()
        if english:
            marked = _quote_spans(text, region.start, region.end)
        else:
            marked, continuing = _quote_spans_i18n(text, region.start, region.end, language)
        following = document.kept[index + 1] if index + 1 < len(document.kept) else None
        tail = _open_tail(text, region.start, region.end, marked)
        if tail and following and _opens_with_quote(text, following.start, following.end):
            marked.append(tail)
        else:
            tail = None
        if english:
            spans = _split_sentences(text, region.start, region.end, marked)
        else:
            spans = _split_sentences_sentencex(text, region.start, region.end, marked, language)
        for s, e in spans:
            sentence_id = f"S{len(result.sentences) + 1}"
            result.sentences.append(
                Segment(sentence_id, "sentence", s, e, text[s:e], instruction_like=suspect)
            )

        if index in headers:
            speaking, running = headers[index], None
            continue
        turn = _turn(text, region.start, region.end)
        if speaking and (turn or _is_heading(text[region.start : region.end])):
            speaking = None
        if speaking:
            # The lines under a speaker's name are their words, quote marks and all.
            for s, e in spans:
                add_quote(*_trim(text, s, e), hint=speaking)
            continue
        opens_with_quote = bool(marked) and marked[0][0] <= turn.start("speech") + 1 if turn else False
        if turn and turn.group("label") in labels and not opens_with_quote:
            # A transcript turn is the speaker's words; quote marks inside it are theirs too
            # ("you think, “not my child.”"), not separate quotes.
            running = None
            title = _turn_title(turn)
            hint = turn.group("label") + (f" ({title.strip()})" if title else "")
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
                and bool((_SPLIT_BREAK if english else _SPLIT_BREAK_I18N).match(raw_gap))
                and bool(
                    gap_pattern.match(
                        gap := raw_gap.strip(_GAP_PUNCTUATION if english else _GAP_PUNCTUATION_I18N)
                    )
                )
                and not (_SENTENCE_GOES_ON if english else _SENTENCE_GOES_ON_I18N).search(gap)
            ) or (previous is not None and s in continuing)
            continues = previous[2] if joined and previous else None
            if running and previous is None and s == region.start + 1:
                continues = running  # the paragraph goes on with the previous paragraph's quote
            quote_id = add_quote(s, e, continues=continues)
            previous = (s, e, quote_id)
        running = previous[2] if tail and previous else None
    return result
