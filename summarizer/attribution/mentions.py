"""Speech or mention: a quoted title, term, nickname or imagined line is nobody's words."""

from __future__ import annotations

import re

from ..lexicon import (
    MENTION_CUE,
    SPEECH_VERB_PATTERN,
)
from ..segmentation import Segment
from .sentence import _last_words_start

_GENERIC_SPEECH = re.compile(rf"\b(?:you|one|people|everyone)\s+(?:\w+\s+)?(?:{SPEECH_VERB_PATTERN})\b", re.I)


def _generic_only(frame: str) -> bool:
    """'you will say', 'people say': speech that nobody in the story is said to speak."""
    return bool(_GENERIC_SPEECH.search(frame))


# "call the barrier “the Great Wall”": a name given to something, when the quote is Title Case.
_NAMING = re.compile(
    r"\b(?:call|calls|called|calling|name|names|named|dub|dubs|dubbed)\s+(?:it|him|her|them|this|that|the\s+[\w-]+)\s*$"
)


def _title_case(words: list[str]) -> bool:
    return all(w[0].isupper() or w.lower() in {"of", "the", "a", "and", "in", "on", "for"} for w in words)


# ', the planners' term for ...' right after a quote: the quote was a term, not speech.
_DEFINED_AFTER = re.compile(
    r"^[\s,”\"’']*(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}(?:term|phrase|word|name|nickname|slogan)\b"
)


def _mention(quote: Segment, before: str, after: str, words: list[str]) -> str | None:
    """Whether a quoted phrase names or labels something rather than reporting anyone's words:
    "strong" when the text says so (a title after "the film", a name given with "call it", a
    term defined right after), "weak" when it is only short or Title Case. `words`: the quote's
    words (`_WORD.findall(quote.text)`)."""
    if quote.speaker_hint:
        return None
    before = before.rstrip(" “\"‘'«„")
    titled = _title_case(words)
    # Both cues end `before` within its last three words, so only those are searched.
    if (titled and _NAMING.search(before, _last_words_start(before, 3))) or (
        (titled or len(words) <= 4) and MENTION_CUE.search(before, _last_words_start(before, 3))
    ):
        return "strong"  # 'call the barrier “the Great Wall”', 'the programme “Open Line”'
    if _DEFINED_AFTER.match(after):
        return "strong"  # '“managed retreat”, the planners' term for ...'
    if len(words) <= 4 or (titled and len(words) <= 8 and not re.search(r"[.!?,]$", quote.text)):
        return "weak"  # scare quotes, terms, short titles: speech only if someone says them
    return None
