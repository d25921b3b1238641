"""Notices inside prose: author bios, help-line notices and newsletter promos in a sentence."""

from __future__ import annotations

import re

from .bylines import is_name
from .patterns import REPORTING, folded, lowered

_MEDIA_ROLES = (
    "reporter", "correspondent", "editor", "writer", "journalist", "columnist", "contributor",
    "critic", "photographer", "photojournalist", "anchor", "presenter", "blogger",
)  # fmt: skip
_MEDIA_ROLE = "(?:" + "|".join(_MEDIA_ROLES) + ")s?"
_BIO = re.compile(
    rf"(?P<name>.{{1,60}}?)\s+is\s+(?P<role>(?:a|an|the|our)\s+(?:[\w'’&.,-]+\s+){{0,6}}?{_MEDIA_ROLE})\b.*",
    re.IGNORECASE,
)
_FORMER = re.compile(r"\b(former|ex|retired|one-?time|onetime)\b", re.IGNORECASE)
# What a bio goes on to say: a beat, a base, an outlet, a handle.
_BIO_CUE = re.compile(
    r"(?i:\b(?:covering|covers|reports on|reporting on|writes about|writing about|based in|focus"
    r"|speciali[sz]|follow|email|joined|previously|prior to|before that|since \d{4})\b|@\w)"
    r"|\b(?i:at|for|with)\s+(?:the\s+)?[A-Z]"
)
_FOLLOW = re.compile(
    r"\b(?i:follow)\s+(?:him|her|them|us|me|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
    r"(?:(?i:on)\s+(?i:x|twitter|instagram|facebook|linkedin|threads|bluesky|mastodon|tiktok|youtube"
    r"|social media|substack)\b|(?:(?i:at)\s+)?@\w)",
)
_HELPLINE = [
    re.compile(
        r"if you(?:'re|’re| are| or someone you know| or anyone you know| have been| feel| need)\b.{0,200}"
        r"\b(?:struggl|distress|suicid|self[- ]harm|crisis|mental health|emotional|abuse|in danger"
        r"|lonel|depress|anxi|affected by (?:any of )?(?:the|these|this) (?:issues|story|article|report))",
        re.IGNORECASE,
    ),
    re.compile(
        r".{0,200}\b(?:samaritans|lifeline|childline|befrienders|crisis (?:line|text line|support|service"
        r"|centre|center)|suicide (?:and crisis|prevention|helpline|hotline|line)"
        r"|(?:emotional|crisis|bereavement|abuse|domestic violence|mental health)"
        r" (?:helpline|hotline|support line))\b"
        r".{0,200}",
        re.IGNORECASE,
    ),
]
_HELP_WORDS = (
    "samaritans",
    "lifeline",
    "childline",
    "befrienders",
    "crisis",
    "suicide",
    "helpline",
    "hotline",
)
_HELP_CONTACT = re.compile(
    r"\b(?:call|text|contact(?:ed)?|dial|phone|ring|email|reach(?:ed)?|visit|freephone|free|available)\b"
    r".{0,80}(?:\d{3}|@|\.org|\.com|www\.)",
    re.IGNORECASE,
)
_SAYS = re.compile(r"\b(said|says|told|according to)\b", re.IGNORECASE)
_PROMO_IN_SENTENCE = re.compile(
    r"\b(?:sign up|subscribe|register)(?: now| today| here| free)?\s+(?:for|to)\s+(?:our|the)\b.{0,60}"
    r"\b(?:newsletters?|briefings?|alerts?|digest|bulletin|podcast|app)\b",
    re.IGNORECASE,
)


def is_bio(line: str) -> bool:
    """ "Jane Doe is a senior correspondent at ...", "... Follow her on X @janedoe"."""
    low = folded(line)
    # _FOLLOW cannot match without "follow", nor _BIO without one of _MEDIA_ROLES (any case).
    if "follow" in low and _FOLLOW.search(line):
        return not REPORTING.search(line)
    match = _BIO.fullmatch(line) if " is " in line and _names_a_media_role(low) else None
    if match is None or not is_name(match.group("name").strip()):
        return False
    # "... is a former correspondent" introduces an actor; a bio says what the author covers now.
    if _FORMER.search(match.group("role")) or not _BIO_CUE.search(line):
        return False
    return not REPORTING.search(line)


def _names_a_media_role(low: str) -> bool:
    return any(role in low for role in _MEDIA_ROLES)


def is_helpline(line: str) -> bool:
    low = lowered(line)
    if not low.startswith("if you") and not any(word in low for word in _HELP_WORDS):
        return False
    if _SAYS.search(line):
        return False
    if not _HELP_CONTACT.search(line):
        return False
    return any(p.match(line) for p in _HELPLINE)


def is_promo_sentence(line: str) -> bool:
    # _PROMO_IN_SENTENCE cannot match without one of these (any case); the checks are pure and all
    # must hold, so this cheap one runs first.
    low = folded(line)
    if "sign up" not in low and "subscribe" not in low and "register" not in low:
        return False
    return len(line.split()) <= 40 and not REPORTING.search(line) and bool(_PROMO_IN_SENTENCE.search(line))
