"""Lowercase text so that a literal check can stand in front of a case-insensitive regex.

`re.IGNORECASE` matches a few characters to a letter that `str.lower()` leaves alone (or, for
"İ", lowers to two characters): "İ" and "ı" match "i", "ſ" matches "s", and the old Cyrillic
letter forms U+1C80-U+1C88 match в, д, о, с, т, ъ, ѣ and ꙋ. `fold_like_ignorecase` maps those
first, so "the regex needs this lowercase literal" checked on its result can only let through
more than the regex would (tests/test_casefold.py scans every code point for the Latin and
Cyrillic letters). A literal in another script (Greek, ß) needs its letters added to that test,
and to the table if the test then fails.
"""

from __future__ import annotations

import re

_RE_ONLY = str.maketrans(
    {
        "\u0130": "i",  # İ
        "\u0131": "i",  # ı
        "\u017f": "s",  # ſ
        "\u1c80": "в",
        "\u1c81": "д",
        "\u1c82": "о",
        "\u1c83": "с",
        "\u1c84": "т",
        "\u1c85": "т",
        "\u1c86": "ъ",
        "\u1c87": "ѣ",
        "\u1c88": "ꙋ",
    }
)


_ANY_RE_ONLY = re.compile("[" + "".join(chr(c) for c in _RE_ONLY) + "]")


def fold_like_ignorecase(text: str) -> str:
    """`text.lower()`, with the characters IGNORECASE folds onto another letter folded first."""
    if not text.isascii() and _ANY_RE_ONLY.search(text):  # str.translate is slow; they are rare
        text = text.translate(_RE_ONLY)
    return text.lower()
