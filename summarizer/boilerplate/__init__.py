"""Which lines are boilerplate, and why: one reason name per rule family.

The rules are written for the furniture that survives text extraction of news sites,
press-release wires and transcript services (bylines, datelines, share bars, section labels,
photo credits, author bios, newsletter promos, help-line notices, editing credits), not for one
source. Each rule has a reason name, so a removed line can say why it went. They err on the side
of keeping a line: a sentence that merely contains "by", "said", "photo" or "newsletter" stays.

The families live in their own modules: `patterns` (whole-line patterns, caption credits),
`bylines` (bylines, staff lines, credits), `furniture` (datelines, share bars, section labels,
meta lines), `notices` (bios, help lines, promos in a sentence) and `sections` (what the lines
around a line give away: two-line bylines, link lists, media contacts, pull quotes).
"""

from __future__ import annotations

from collections.abc import Callable

from .bylines import is_byline, is_contact_line, is_credit_line, is_role_line, is_staff_line
from .furniture import is_dateline, is_meta_line, is_section_label, is_share_bar
from .notices import is_bio, is_helpline, is_promo_sentence
from .patterns import PATTERN_RES, is_caption, may_match_a_pattern
from .sections import read_sections

__all__ = ["boilerplate_reason", "is_boilerplate", "read_sections"]

# (reason, rule, longest line it can match): furniture is short, so a paragraph is checked only
# against the rules that can match something that long, which keeps cleaning cheap.
_RULES: list[tuple[str, Callable[[str], bool], int]] = [
    ("byline", is_byline, 200),
    ("byline", is_staff_line, 200),
    ("byline", is_role_line, 60),
    ("credits", is_credit_line, 400),
    ("contact", is_contact_line, 300),
    ("dateline", is_dateline, 120),
    ("share", is_share_bar, 150),
    ("section", is_section_label, 60),
    ("bio", is_bio, 600),
    ("helpline", is_helpline, 600),
    ("promotion", is_promo_sentence, 400),
    ("caption", is_caption, 400),
    ("meta", is_meta_line, 300),
]
# For each distinct limit, the rules (in order) that can match a line that long: a line of length n
# is checked against the rules of the smallest limit >= n, which are exactly those with longest >= n.
_RULES_UP_TO: list[tuple[int, tuple[tuple[str, Callable[[str], bool]], ...]]] = [
    (limit, tuple((reason, rule) for reason, rule, longest in _RULES if longest >= limit))
    for limit in sorted({longest for _, _, longest in _RULES})
]


def _rules_for(length: int) -> tuple[tuple[str, Callable[[str], bool]], ...]:
    for limit, rules in _RULES_UP_TO:
        if length <= limit:
            return rules
    return ()


def boilerplate_reason(line: str) -> str | None:
    """Why `line` is boilerplate ("byline", "caption", "promotion", ...), or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    if may_match_a_pattern(stripped):
        for reason, regex in PATTERN_RES:
            if regex.fullmatch(stripped):
                return reason
    for reason, rule in _rules_for(len(stripped)):
        if rule(stripped):
            return reason
    return None


def is_boilerplate(line: str) -> bool:
    return boilerplate_reason(line) is not None
