"""Which language a document is written in, and how to name a language in a prompt.

Detection uses py3langid (BSD-3, its model ships in the wheel, no network). It is imported on
first use: its model takes about 0.6 s to load, so English is recognised without it where that
is plain (short ASCII notes; Latin-script prose whose words are often English function words),
and Latin-script text the model is not sure of falls back to English, whose rules are the
library's most complete.
"""

from __future__ import annotations

import functools
import re
from typing import Any

ENGLISH = "en"
# Below this many characters a plain-ASCII text is English for our purposes: too short for a
# detector to be sure, and every rule of the English path applies to it.
_SHORT_ASCII = 400
_MIN_CONFIDENCE = 0.9

# Names the prompt uses for an output language given as a code ("es" -> "Spanish").
LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch",
    "no": "Norwegian", "nb": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Characters outside Latin script and general punctuation: another alphabet or CJK.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u2bff]")


# English function words: a third of the words of English news prose (0.2 to 0.37 on the gold
# set), a few hundredths of Spanish or German. Enough of them settles it without the model.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "it",
        "at",
        "by",
        "said",
        "be",
        "has",
        "have",
        "are",
        "from",
        "this",
        "an",
        "not",
        "but",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "its",
        "will",
        "would",
        "who",
        "which",
    ]
)
_LATIN_WORD = re.compile(r"[A-Za-z']+")


def _plainly_english(sample: str) -> bool:
    if _NON_LATIN.search(sample):
        return False
    words = _LATIN_WORD.findall(sample.lower())
    return len(words) >= 40 and sum(map(_ENGLISH_WORDS.__contains__, words)) >= 0.12 * len(words)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("en", "es", "zh", ...)."""
    sample = text[:5000]
    if len(sample) < _SHORT_ASCII and not _NON_ASCII.search(sample):
        return ENGLISH
    if _plainly_english(sample):
        return ENGLISH
    try:
        code, confidence = _identifier().classify(sample)
    except ImportError:  # pragma: no cover - py3langid is a core dependency
        return ENGLISH
    # Latin-script text is English unless the detector is sure: a short note or a list of names
    # ("née Müller ... in Zürich") can look like anything. Another script gets the detector's answer.
    if code != ENGLISH and confidence < _MIN_CONFIDENCE and not _NON_LATIN.search(sample):
        return ENGLISH
    return str(code)


def language_name(code_or_name: str) -> str:
    """'es' -> 'Spanish'; a name ('Spanish', 'español') is returned as given."""
    key = code_or_name.strip()
    return LANGUAGE_NAMES.get(key.lower(), key)


def is_english(code: str | None) -> bool:
    return code in (None, ENGLISH)
