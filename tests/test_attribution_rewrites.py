"""The attribution rules' faster forms match exactly what the plain regexes they replace match.

Each check compares a rewritten search with the original pattern on many generated strings
(fixed seeds), so a change to either side that makes them disagree fails here first.
"""

from __future__ import annotations

import random
import re

import pytest

from summarizer.attribution.foreign import _Language
from summarizer.attribution.mentions import _NAMING
from summarizer.attribution.sentence import (
    _CONJUNCTION_AT_END,
    _NUMBER_COMMA,
    _PRONOUN_AT_END,
    _ROLE_AT_END,
    _VERB,
    _VERB_RE,
    _last_words_start,
    _without_fillers,
)
from summarizer.lexicon import MENTION_CUE, ORGANISATION_NOUNS, ROLE_NOUNS, according_words, speech_verbs

_SEPARATORS = [" ", "  ", "\n", "\t", "\u00a0", "", " \n", ","]


def _texts(words: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = rng.choice(["", " ", "\n"]) + "".join(
            rng.choice(words) + rng.choice(_SEPARATORS) for _ in range(rng.randint(0, 8))
        )
        texts.append(text.rstrip() if rng.random() < 0.6 else text)
    return texts


def test_fillers_are_cut_as_the_regex_cut_them() -> None:
    fillers = re.compile(
        r"(?:\s+(?:\w+ly|has|had|have|also|then|later|again|once|previously|had\s+also))+\s*$"
    )
    words = ["has", "had", "have", "also", "then", "later", "again", "once", "previously", "recently", "ly",
             "x.ly", "Also", "really,", "_ly", "3ly", "Holt", "said"]  # fmt: skip
    for text in _texts(words, 20000, seed=1):
        text = text.rstrip()
        assert _without_fillers(text) == fillers.sub("", text), repr(text)


@pytest.mark.parametrize(
    ("pattern", "count"),
    [(_PRONOUN_AT_END, 1), (_CONJUNCTION_AT_END, 1), (_ROLE_AT_END, 5), (_NAMING, 3), (MENTION_CUE, 3)],
)
def test_searching_the_last_words_finds_what_searching_everything_finds(
    pattern: re.Pattern[str], count: int
) -> None:
    words = ["he", "She", "they", "I", "the", "The", "a", "An", "another", "its", "Their", "and", "but",
             "x-and", "(the", "Northgate", "co-op", "x.y", "said", "call", "named", "it", "them", "so-called",
             "known", "as", "term", "film", "FILM", ":", "x,", "—", "“",
             *sorted(ROLE_NOUNS | ORGANISATION_NOUNS)[:6]]  # fmt: skip
    found = 0
    for text in _texts(words, 20000, seed=2):
        everywhere = pattern.search(text)
        at_end = pattern.search(text, _last_words_start(text, count))
        assert (everywhere and everywhere.span()) == (at_end and at_end.span()), repr(text)
        found += everywhere is not None
    assert found > 20  # the strings exercise the pattern


def test_the_verb_trie_finds_the_verbs_the_flat_alternation_finds() -> None:
    flat = re.compile(rf"\b(?:{_VERB}|according\s+to)\b")
    words = [
        *speech_verbs("en"),
        "according",
        "to",
        "Said",
        "saidx",
        "xsaid",
        "said2",
        "saidé",
        "sa",
        "according  to",
    ]
    for text in _texts(words, 5000, seed=3):
        assert [m.span() for m in _VERB_RE.finditer(text)] == [m.span() for m in flat.finditer(text)], repr(
            text
        )


@pytest.mark.parametrize("code", ["de", "es", "fr", "ru", "zh", "it"])
def test_the_foreign_verb_lookahead_changes_no_match(code: str) -> None:
    language = _Language(code)
    verbs = sorted(speech_verbs(code), key=len, reverse=True)
    according = sorted(according_words(code), key=len, reverse=True)
    alternation = "|".join(re.escape(v) for v in [*according, *verbs])
    flat = re.compile(alternation if language.cjk else rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    rng = random.Random(4)
    words = [*according, *verbs]
    variants = [str.upper, str.lower, str.capitalize, str.title, lambda w: w[:-1], lambda w: w + "x"]
    text = "".join(
        rng.choice(variants)(rng.choice(words)) + rng.choice([*_SEPARATORS, "«", "。"]) for _ in range(3000)
    )
    assert [m.span() for m in language.verb.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_number_commas_are_the_lookbehind_regexs() -> None:
    original = re.compile(r"(?<=\d),(?=\d{3})")
    for text in _texts(["3", "100", "1,000", ",", "12,34", "x,123", "5,", ",999", "٣,٠٠٠"], 5000, seed=5):
        assert _NUMBER_COMMA.sub(" ", text) == original.sub(" ", text), repr(text)


def test_role_and_organisation_nouns_are_one_word_so_the_role_window_holds() -> None:
    """_ROLE_AT_END is searched in a sentence's last five words only (a determiner, up to three
    words, the noun): that holds while every role and organisation noun is a single word."""
    from summarizer.lexicon import ORGANISATION_NOUNS, ROLE_NOUNS

    assert all(re.fullmatch(r"[\w’'-]+", noun) for noun in ROLE_NOUNS | ORGANISATION_NOUNS)
