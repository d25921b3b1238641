"""The words the attribution rules know: speech verbs, pronouns, role nouns, cues of a mention.

Kept apart from the rules so that segmentation (joining split quotes) and attribution (finding
who spoke) agree on what counts as a verb of saying. English has the full set (forms are
generated from stems); Spanish, German, French, Russian and Chinese have the common verbs as
written (`foreign`).

The words live in `english` and `foreign` (one module per language family); every name is
importable from here.
"""

from .english import (
    GENERIC_SPEAKERS,
    MENTION_CUE,
    ORGANISATION_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_STEMS,
    SPEECH_VERB_PATTERN,
    SPEECH_VERBS,
    opens_with_pleasantry,
)
from .foreign import (
    CJK_ROLE_NOUNS,
    FOREIGN_AND,
    FOREIGN_ARTICLES,
    FOREIGN_PRONOUNS,
    FOREIGN_ROLE_WORDS,
    FOREIGN_TITLE_STEMS,
    FOREIGN_TITLES,
    according_words,
    knows_language,
    speech_verbs,
)

__all__ = [
    "CJK_ROLE_NOUNS",
    "FOREIGN_AND",
    "FOREIGN_ARTICLES",
    "FOREIGN_PRONOUNS",
    "FOREIGN_ROLE_WORDS",
    "FOREIGN_TITLES",
    "FOREIGN_TITLE_STEMS",
    "GENERIC_SPEAKERS",
    "MENTION_CUE",
    "ORGANISATION_NOUNS",
    "PRONOUNS",
    "ROLE_NOUNS",
    "SPEECH_STEMS",
    "SPEECH_VERBS",
    "opens_with_pleasantry",
    "SPEECH_VERB_PATTERN",
    "according_words",
    "knows_language",
    "speech_verbs",
]
