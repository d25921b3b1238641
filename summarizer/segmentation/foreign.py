"""Other languages' sentences and quotes: sentencex's boundaries with its wrong splits undone,
their quote marks (guillemets, „…“, 「…」), attributions set off by dashes inside the marks,
and dialogue that opens with a dash."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..language import is_english
from ..lexicon import speech_verbs
from .english import _ATTRIBUTION_GAP, _GAP_PUNCTUATION, _SINGLE, _trim

# The split of a quote, as in `english`, with the marks and sentence ends of other languages.
_SENTENCE_GOES_ON_I18N = re.compile(r"[^\W\d_]{3,}[.!?。！？]\s*\S")
_SPLIT_BREAK_I18N = re.compile(r"^\s*[\"”’'“»‘‚」』]?\s*[,—–-]")
_GAP_PUNCTUATION_I18N = _GAP_PUNCTUATION + "„«»‚「」『』"


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
