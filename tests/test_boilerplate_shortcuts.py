"""The cheap checks in front of the boilerplate rules never hide a match: wherever a guarded regex
matches, its check lets the line through, in any letter case and with the letters re folds
differently from str.lower() ("İ", "ı", "ſ", Cyrillic variants)."""

import random
import re

import pytest

from summarizer.boilerplate import _RULES, _rules_for, bylines, furniture, notices, patterns
from summarizer.cleaning import _lines

_EXAMPLES = [
    # one line for each whole-line pattern, so that every anchored pattern is exercised
    "Continue reading below",
    "The story continues after this advertisement",
    "Listen to this article, 4 minutes",
    "Already a subscriber? Log in",
    "Support independent journalism today",
    "Disclaimer: the author holds no shares.",
    "This story has been updated to include comment from the mayor.",
    "Have a news tip? Email us at tips@tidewater.example.",
    "Correction: An earlier version of this story misstated the date.",
    "Advertisement - scroll to continue",
    "— Reporting by Orla Penhallow; Editing by Lise Amundrud",
    "Our Standards: The Tidewater News Trust Principles.",
    "Photo courtesy of the city council",
    "Photograph: Jane Doe",
    "Image caption: the harbour at dawn",
    "Tags: harbour, strike, port",
    "This article was produced with the help of our partners.",
    "### ",
    "For immediate release",
    "This article originally appeared on Dayton Daily Record: Schools brace for bus driver shortage",
    "Originally published in The Ledger.",
    "The views expressed here are the author's own.",
    "Opinions expressed in this column are those of the writer.",
    "Embargoed until 11 a.m. ET, Wednesday, June 10, 2026",
    "EMBARGO: 00:01 GMT 4 March",
    "Not for publication before 10:00 CET",
    "- 30 -",
    "Join the conversation!",
    "Suscríbete a nuestro boletín",
    "Подписывайтесь на наш канал",
    "By Orla Penhallow | Published 3:42 PM EST, Tue March 4, 2025",
    "Tidewater News • Updated 2 hours ago • 5 min read",
    "Politics | Europe",
    "Home › World › Energy & Climate",
    "CALDER BAY — The council voted 5-2 on Tuesday.",
    "Europe | Peace talks stall as winter nears",
    "Read more: Inside the port's automation plan",
    "More on this story",
    "Related Topics",
    "Most read",
    "You may also like",
    "Latest news",
    "MORE: Harbour pilots threaten their own walkout",
    "142 comments",
    "View 1.2k comments",
    "Leave a comment",
    "Comments are closed.",
    "5 min read",
    "Reading time: 7 minutes",
    "© 2025 Tidewater News. All rights reserved.",
    "This newsletter is brought to you by Harbour Bank",
    "Advertisement",
    "Sign up for our morning newsletter",
    "Want the day's top stories in your inbox? Sign up for our free evening briefing.",
    "Download the Tidewater News app for breaking alerts",
    "Foto: Ana Ruiz",
    "Фото: Иван Петров",
    "Читайте также: новости",
    "编辑：王小明",
    "关注我们的公众号",
    "Lesen Sie auch: Streik im Hafen",
    "A protester holds a sign outside parliament. (Photo: Orla Penhallow/Agence Nordmark)",
    "Police officers stand guard at the depot. (AP Photo/Kasimir Dunlevy)",
    "Dockworkers gather at the gate on Monday. Photograph: Ines Varga/Tidewater Pictures",
    "Crowds line the quay. Tomasz Orr-Bell/Harrowby Ledger",
    "Workers repair the bridge deck. AFP via Getty Images",
    "Getty Images",
    "AFP/Getty Images",
    "Credit: Ines Varga",
    "Orla Penhallow is a reporter covering energy and climate for the Tidewater News.",
    "Ines Varga is an award-winning investigative journalist. Follow her on X @ivarga_news",
    "Follow Orla Penhallow on Instagram",
    "Reporting by Orla Penhallow in Marrowgate; Writing by Kasimir Dunlevy; Editing by Lise Amundrud",
    "(Reporting by Orla Penhallow and Ines Varga in Coldharbour; Editing by Lise Amundrud)",
    "Contributing: Ines Varga, Tomasz Orr-Bell",
    "Ines Varga contributed reporting from Coldharbour.",
    "Contact Ines Varga at ivarga@tidewater.example. Tomasz Orr-Bell contributed reporting.",
    "Orla Penhallow, Staff Writer",
    "Tomasz Orr-Bell | Senior Reporter",
    "If you or someone you know is struggling, call or text the crisis line on 555 0199.",
    "Samaritans can be contacted free, day or night, on 555 123.",
    "The plan was approved by Mayor Orla Penhallow on Tuesday.",
    "“We will not be rushed,” said Kasimir Dunlevy, the union’s general secretary.",
]


def _variants(line: str) -> list[str]:
    """The line in several letter cases, with the letters re folds onto i, s and Cyrillic letters."""
    cased = [line, line.upper(), line.lower(), line.swapcase(), line.title()]
    odd = [
        line.replace("i", "ı"),
        line.replace("I", "İ").replace("i", "İ"),
        line.replace("s", "ſ").replace("S", "ſ"),
        line.replace("о", "\u1c82").replace("т", "\u1c84").replace("с", "\u1c83"),
        line.replace(" ", "\t"),
    ]
    return cased + odd


_LINES = sorted({v for line in _EXAMPLES for v in _variants(line)})
_ANCHORED = [
    re.compile(p, re.IGNORECASE) for _, p in patterns._PATTERNS if p not in patterns._FLOATING_PHRASES
]


def test_the_examples_reach_the_guarded_regexes() -> None:
    """The examples are furniture of every kind, so the checks below are not vacuous."""
    assert sum(any(r.fullmatch(line) for r in _ANCHORED) for line in _LINES) > 100
    assert sum(bool(patterns._LABELLED_CREDIT.search(line)) for line in _LINES) > 5
    assert sum(bool(notices._BIO.fullmatch(line)) for line in _LINES) > 5


@pytest.mark.parametrize("regex", _ANCHORED, ids=lambda r: r.pattern[:40])
def test_every_anchored_pattern_has_an_example(regex: re.Pattern[str]) -> None:
    """Each whole-line pattern matches some example, so the opening-word check covers it."""
    assert any(regex.fullmatch(line) for line in _LINES)


@pytest.mark.parametrize("line", _LINES)
def test_the_opening_words_cover_every_anchored_pattern(line: str) -> None:
    if any(regex.fullmatch(line) for regex in _ANCHORED):
        assert patterns._may_open_a_pattern(line)
    for pattern, phrase in patterns._FLOATING_PHRASES.items():
        if re.fullmatch(pattern, line, re.IGNORECASE):
            assert phrase in patterns.folded(line)


@pytest.mark.parametrize("line", _LINES)
def test_literal_checks_hold_wherever_their_regex_matches(line: str) -> None:
    low = patterns.folded(line)
    if patterns._PAREN_CREDIT.search(line):
        assert ")" in line
    if patterns._LABELLED_CREDIT.search(line):
        assert ":" in line and patterns._has_credit_label(line)
    if patterns._NAME_SLASH_ORG.search(line) or patterns._AGENCY_SLASH_NAME.search(line):
        assert "/" in line
    if patterns._VIA_AGENCY.search(line):
        assert "/" in line or "via" in line
    if patterns._ONLY_AGENCIES.search(line):
        assert line.startswith(patterns._AGENCY_STARTS)
    if notices._FOLLOW.search(line):
        assert "follow" in low
    if notices._BIO.fullmatch(line):
        assert notices._names_a_media_role(low)
    if notices._PROMO_IN_SENTENCE.search(line):
        assert "sign up" in low or "subscribe" in low or "register" in low
    if bylines._CONTACT.search(line):
        assert any(cue in low for cue in bylines.CONTACT_CUES)
    for text in (line, line + "."):
        if bylines._CONTRIBUTED.fullmatch(text):
            assert "contributed" in patterns.folded(text)
    for part in re.split(r"\s*;\s*", line.strip("()")):
        if bylines._CREDIT.fullmatch(part) or bylines._CONTRIBUTING.fullmatch(part):
            assert bylines._CREDIT_OPENING.match(part)


def test_the_agency_regex_is_unchanged() -> None:
    assert patterns._AGENCY == (
        r"(Getty Images|Shutterstock|Alamy|AP|AFP|EPA(-EFE)?|Reuters|Bloomberg|PA( Media| Wire)?|Xinhua"
        r"|Pool|Handout|Associated Press|NurPhoto|SOPA Images|LightRocket|Anadolu|ZUMA( Press| Wire)?)"
    )


def test_the_piece_split_matches_the_plain_separator_regex() -> None:
    """The split regex that opens with a character class splits exactly like the plain one."""
    plain = re.compile(r"\s*(?:\||•|·|›|»|\s>\s|\s/\s|\s[-–—]\s)\s*")
    rng = random.Random(7)
    alphabet = [" ", "  ", "\t", "\u00a0", *"|•·›»>/-–—", "a", "Jo", "5", "\n"]
    texts = _LINES + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14))) for _ in range(20000)
    ]
    for text in texts:
        pieces = plain.split(text)
        assert furniture._PIECE_SPLIT.split(text) == pieces, text
        assert furniture._has_piece_separator(text) == (len(pieces) > 1), text


def test_rules_by_length_are_the_rules_whose_limit_the_line_fits() -> None:
    for length in range(0, 700):
        expected = tuple((reason, rule) for reason, rule, longest in _RULES if length <= longest)
        assert _rules_for(length) == expected


def test_lines_are_the_runs_the_line_regex_finds() -> None:
    rng = random.Random(11)
    alphabet = ["\n", "\r", "\r\n", "a", "bc", " ", "\x85", "\u2028", "é"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(15)))
        expected = [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]+", text)]
        assert list(_lines(text)) == expected, repr(text)
