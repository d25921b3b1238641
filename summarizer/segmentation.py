"""Split cleaned text into numbered sentences and direct-quote spans, with original offsets.

Sentences get ids S1, S2, ...; direct-quote candidates get Q1, Q2, .... The model cites these
ids, and the library copies the text, so quotes are exact by construction.

Direct quotes are found deterministically: straight and curly double quotes, single quotes
(told apart from apostrophes), a quote split by its attribution ("We are not," she said, "going
to be rushed.") and transcript turns (`NAME (Title): words`) whose speech has no quote marks.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .cleaning import CleanedDocument
from .injection import looks_like_instructions
from .language import detect_language, is_english
from .lexicon import SPEECH_VERB_PATTERN, speech_verbs
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
_SENTENCE_GOES_ON_I18N = re.compile(r"[^\W\d_]{3,}[.!?。！？]\s*\S")
_SPLIT_BREAK_I18N = re.compile(r"^\s*[\"”’'“»‘‚」』]?\s*[,—–-]")
_GAP_PUNCTUATION_I18N = _GAP_PUNCTUATION + "„«»‚「」『』"
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
    language: str = "en"  # ISO 639-1 code of the document's language

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


# Other languages: sentencex (Wikimedia's multilingual segmenter) finds the boundaries, and
# these rules undo the splits it gets wrong: inside a quote, before a lowercase word or a dash
# ("?» — спросила она", "VALDEMAR.– Más", "т. е. под"), and after a German ordinal ("am 3. Okt.").
_GOES_ON = ",;:)»”’—–-"
_ORDINAL_END = re.compile(r"(?<!\d)\d{1,2}\.$")
_MONTH_START = re.compile(
    r"(?:Jan|Jän|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\b\.?", re.IGNORECASE
)


def _split_sentences_sentencex(
    text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], language: str
) -> list[tuple[int, int]]:
    from sentencex import get_sentence_boundaries

    pieces = []
    for piece in get_sentence_boundaries(language, text[start:end]):
        s, e = _strip(text, start + piece["start_index"], start + piece["end_index"])
        if e > s:
            pieces.append((s, e))
    spans: list[tuple[int, int]] = []
    for s, e in pieces:
        if spans:
            previous_start, previous_end = spans[-1]
            inside_quote = any(q_start < previous_end < q_end for q_start, q_end in quotes)
            lower = text[s].islower() or text[s] in _GOES_ON
            ordinal = bool(_ORDINAL_END.search(text, previous_start, previous_end)) and bool(
                _MONTH_START.match(text, s)
            )
            if inside_quote or lower or ordinal:
                spans[-1] = (previous_start, e)
                continue
        spans.append((s, e))
    return spans or [(start, end)]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


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


# Quote marks of other languages: „…“ with ‚…‘ nested (German), 「…」 and 『…』 (Chinese,
# Japanese), ”…” (Swedish, Finnish), »…« (Danish, some German).
_DOUBLE_I18N = re.compile(
    r"“([^”\n]+)”|\"([^\"\n]+)\"|„([^“”\n]+)[“”]|«\s?([^»\n]+?)\s?»|「([^」\n]+)」|『([^』\n]+)』"
    r"|(?<![\w”])”([^”“\n]+)”|»([^«»\n]+)«"
)
_SINGLE_I18N = re.compile(r"‚([^‘’‚\n]+)[‘’]")


@functools.lru_cache(maxsize=16)
def _inner_attribution(language: str) -> re.Pattern[str]:
    """An attribution set off by dashes inside one pair of quote marks:
    «No vamos a firmar —advirtió X— un convenio …», «…, — сказал X, — но …»."""
    verbs = "|".join(re.escape(v) for v in sorted(speech_verbs(language), key=len, reverse=True))
    return re.compile(rf"(?P<gap>,?\s*[—–]\s*(?:{verbs})\b[^—–«»“”„\n]{{0,120}}?,?\s*[—–]\s*)", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _attribution_gap(language: str) -> re.Pattern[str]:
    if is_english(language):
        return _ATTRIBUTION_GAP
    verbs = "|".join(re.escape(v) for v in sorted(speech_verbs(language), key=len, reverse=True))
    return re.compile(
        rf"^(?:[\w,’'-]+\.?\s+){{0,6}}(?:{verbs})(?:\s+[\w,’'-]+\.?){{0,8}}[.,;:]?$", re.IGNORECASE
    )


def _quote_spans_i18n(
    text: str, start: int, end: int, language: str
) -> tuple[list[tuple[int, int]], set[int]]:
    """Quote spans of a paragraph in any language, and the starts of second halves split off by
    an attribution inside the marks. A paragraph that opens with a dash is dialogue: its words up
    to the dash of the attribution (and after its closing dash) are a quote."""
    found: list[tuple[int, int]] = []
    continuing: set[int] = set()

    def add(s: int, e: int) -> bool:
        s, e = _trim(text, s, e)
        if e > s and not any(s < fe and fs < e for fs, fe in found):
            found.append((s, e))
            return True
        return False

    inner = _inner_attribution(language)
    for pattern in (_DOUBLE_I18N, _SINGLE_I18N, _SINGLE):
        for match in pattern.finditer(text, start, end):
            group = next(i for i in range(1, (match.lastindex or 1) + 1) if match.group(i))
            s, e = match.start(group), match.end(group)
            split = inner.search(text, s, e) if pattern is _DOUBLE_I18N else None
            if split and split.start() > s and split.end() < e:
                if add(s, split.start()) and add(split.end(), e):
                    continuing.add(_trim(text, split.end(), e)[0])
                continue
            add(s, e)
    dialogue = re.match(r"[—–]\s*", text[start:end])
    if dialogue and not found:
        s = start + dialogue.end()
        split = re.search(r"\s[—–]\s?\S[^—–]*?(?:[—–]\s*[.,]?\s*|$)", text[s:end])
        if split:
            add(s, s + split.start())
            rest = s + split.end()
            if rest < end and add(rest, end):
                continuing.add(_trim(text, rest, end)[0])
        else:
            add(s, end)
    return sorted(found), continuing


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
