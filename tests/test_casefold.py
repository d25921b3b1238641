"""fold_like_ignorecase agrees with re.IGNORECASE for every code point (issue 15: the literal
gates in front of the injection and boilerplate regexes rely on it)."""

import re

from summarizer.casefold import fold_like_ignorecase

LETTERS = "abcdefghijklmnopqrstuvwxyz" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяѣꙋ"
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_every_character_ignorecase_matches_to_a_letter_folds_to_that_letter() -> None:
    for letter in LETTERS:
        for char in re.compile(re.escape(letter), re.IGNORECASE).findall(EVERY_CHARACTER):
            assert fold_like_ignorecase(char) == letter, (hex(ord(char)), letter)


def test_folding_keeps_ordinary_text_as_str_lower_does() -> None:
    text = "Ignore “All” Previous ИНСТРУКЦИИ, said Ünal"
    assert fold_like_ignorecase(text) == text.lower()
    assert fold_like_ignorecase("İGNORE ıgnore ſign") == "ignore ignore sign"
