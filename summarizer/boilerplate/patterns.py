"""Whole-line patterns (navigation, promotion, legal, comments, read times) and the photo credits
that end a caption; `REPORTING`, the words that make a line news rather than furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..casefold import fold_like_ignorecase

# Whole-line patterns. A line is boilerplate when its stripped text matches one in full. A new
# pattern needs its opening words in _OPENINGS below and an example in
# tests/test_boilerplate_shortcuts.py (which fails until both are there).
_PATTERNS: list[tuple[str, str]] = [
    (
        "navigation",
        r"(see also|read next|read more|also read"
        r"|related( coverage| articles?| stories| reading| topics| content| links| news)?"
        r"|more from|recommended( for you)?|trending( now)?|most popular|don'?t miss"
        r"|more on this (story|topic|subject)|more (stories|news)|most (read|viewed|shared|watched)"
        r"|you (may|might) (also )?(like|be interested in)|top stories|latest (news|stories))\s*([:\-–—].*)?",
    ),
    # Inline promos that need a colon: "MORE: ...", "WATCH: ...", "LISTEN: ...".
    (
        "navigation",
        r"(more|watch( now| live| the video)?|listen( now| live)?|video|audio|podcast|in pictures"
        r"|go deeper|further reading|keep reading|explore more)\s*:.*",
    ),
    ("navigation", r"(continue reading|(the )?(story|article|report) continues (below|after)).*"),
    (
        "promotion",
        r"(subscribe|sign up|newsletter|follow us|share (this|on|via)|click here|download (our|the) app"
        r"|get the latest|join our)\b.*",
    ),
    (
        "promotion",
        r"(download|get|install|try)\s+(our|the)\s+(free\s+)?([\w&'’.-]+\s+){0,4}?apps?"
        r"(\s+(for|on|to|now|today|here|and)\b.*|[.!]?)",
    ),
    (
        "promotion",
        r"listen to (this|the|our)\b.{0,60}"
        r"\b(article|story|podcast|episode|audio|interview|show|briefing)\b.*",
    ),
    (
        "promotion",
        r"(already a (subscriber|member)|support (our|independent|quality) journalism"
        r"|become a (member|subscriber|supporter)|enter your email|(start|try) (your |a )?free trial"
        r"|unlock (this|unlimited|full) )\b.*",
    ),
    ("legal", r"disclaimer\s*:.*"),
    # An opinion page's disclaimer: "The views expressed here are the author's own."
    ("legal", r"(the )?(views|opinions) expressed (here|herein|in th(is|ese)\b).{0,160}"),
    ("legal", r"our (editorial )?(standards|principles)\s*:.*"),  # "Our Standards: The ... Trust Principles."
    ("caption", r"(photo|image|picture|video|graphic)s?\s*(courtesy|credit|by|source|:).*"),
    ("caption", r"(photograph|illustration)s?\s*(courtesy|credit|source)?\s*:.*"),
    ("caption", r"(image|media|video|photo|picture|audio) (source|caption|credit|description)s?\s*[,:].*"),
    ("legal", r"(©|\(c\)\s|copyright\s+(©|\(c\)|\d{4})).*"),
    ("legal", r".*\ball rights reserved\b.*"),
    ("promotion", r".{0,80}\bbrought to you by\b.{0,80}"),
    (
        "promotion",
        r"(advertisement|sponsored( content)?|ad)(\s*[-–—:|]\s*(scroll|continue|story continues)[\w ]*)?\s*",
    ),
    ("navigation", r"(tags?|topics?|filed under)\s*:.*"),
    ("legal", r"(this (article|story|content) (was|is) (partially )?(produced|generated|written)).*"),
    (
        "meta",
        r"this (article|story|report|post) (has been|was) (updated|corrected|amended)"
        r"(\s+(to|with|on|at)\b.*|[.!]?)",
    ),
    ("promotion", r"(have|got) an?( news| story)? tip\?.*"),
    # A syndicated story's note on where it ran first.
    ("meta", r"(this (article|story|piece|post) )?originally (appeared|published|ran) (on|in)\b.{0,160}"),
    ("meta", r"(correction|clarification|editor['’]s note)s?\s*:.*"),  # notes about the story itself
    ("press-release", r"(for immediate release|#{3,}|-\s*30\s*-|-?\s*ends\s*-?|end of (press )?release)"),
    # A release's embargo line, which would otherwise stand as its headline.
    (
        "press-release",
        r"(strictly )?(embargoed|under embargo|not for (publication|release|broadcast)|hold for release)"
        r"\s+(until|till|before|to)\b.{0,80}|embargo(ed)?\s*:.{0,80}",
    ),
    (
        "comments",
        r"((view|show|read|see|hide|load|all)\s+)?(\d[\d,.]*k?\s+)?(comments?|replies)"
        r"\s*(\(\d[\d,.]*k?\)|:?\s*\d[\d,.]*k?)?",
    ),
    ("comments", r"((leave|add|post|write) an?|be the first to) (comment|reply)\b.*"),
    ("comments", r"join the (conversation|discussion|debate)[.!]?"),
    ("comments", r"comments? (are|is) (now )?(closed|open|disabled|turned off)\b.*"),
    # The same furniture in other languages (Spanish, German, French, Russian, Chinese).
    (
        "navigation",
        r"(lea también|lee también|véase también|lesen sie auch|mehr zum thema|lire aussi|à lire aussi"
        r"|читайте также|см\. также|相关阅读|延伸阅读|推荐阅读)\s*[:：].*",
    ),
    ("caption", r"(foto|fotos|imagen|bild|фото|图|图片|摄影)\s*[:：].*"),
    ("credits", r"(责任编辑|编辑|校对)\s*[:：].*"),
    ("promotion", r"(suscríbase|suscríbete|abonnieren sie|abonnez-vous|подписывайтесь|подпишитесь)\b.*"),
    ("promotion", r"(扫码)?关注.{0,40}(公众号|微博|客户端|抖音).*"),
    ("dateline", r"(estimated )?(reading|read|listening) time\s*:?\s*\d+\s*(min(ute)?s?|hours?)\.?"),
    ("dateline", r"\d+\s*-?\s*(min(ute)?s?|hours?|hrs?)\.?\s+(read|listen|watch)"),
]
PATTERN_RES = [(reason, re.compile(p, re.IGNORECASE)) for reason, p in _PATTERNS]


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One regex that fullmatches a text exactly when one of `patterns` does (IGNORECASE)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def any_pattern(reasons: set[str]) -> re.Pattern[str]:
    """One regex that fullmatches a line exactly when one of the patterns for `reasons` does."""
    return _any_of([p for reason, p in _PATTERNS if reason in reasons])


# Only these two patterns can match text that starts anywhere in the line, and each needs its
# phrase; every other pattern is tied to the line's first characters.
_FLOATING_PHRASES = {
    r".*\ball rights reserved\b.*": "all rights reserved",
    r".{0,80}\bbrought to you by\b.{0,80}": "brought to you by",
}
# The other patterns at once: most lines are content, and one short try at the start rejects them.
_ANCHORED_ANY = _any_of([p for _, p in _PATTERNS if p not in _FLOATING_PHRASES])
# What a line starts with, lowercased, whenever one of those patterns matches it: the words each
# pattern opens with, one row per pattern above. Patterns that may open with a digit (\d) or with
# whitespace (\s) are tried on any line that does.
_OPENINGS = (
    "see also", "read next", "read more", "also read", "related", "more from", "recommended",
    "trending", "most popular", "don", "more on this ", "more stories", "more news", "most ", "you may",
    "you might", "top stories", "latest",
    "more", "watch", "listen", "video", "audio", "podcast", "in pictures", "go deeper",
    "further reading", "keep reading", "explore more",
    "continue reading", "the story", "the article", "the report", "story", "article", "report",
    "subscribe", "sign up", "newsletter", "follow us", "share ", "click here", "download ",
    "get the latest", "join our",
    "download", "get", "install", "try",
    "listen to ",
    "already a ", "support ", "become a ", "enter your email", "start ", "try ", "unlock ",
    "disclaimer",
    "the views", "views", "the opinions", "opinions",
    "our ",
    "photo", "image", "picture", "video", "graphic",
    "photograph", "illustration",
    "image", "media", "video", "photo", "picture", "audio",
    "©", "(c)", "copyright",
    "advertisement", "sponsored", "ad",
    "tag", "topic", "filed under",
    "this ",
    "this ",
    "have a", "got a",
    "this ", "originally",
    "correction", "clarification", "editor",
    "for immediate release", "###", "-", "ends", "end of ",
    "strictly ", "embargo", "under embargo", "not for ", "hold for release",
    "view", "show", "read", "see", "hide", "load", "all", "comment", "replies",
    "leave a", "add a", "post a", "write a", "be the first to ",
    "join the ",
    "comment",
    "lea también", "lee también", "véase también", "lesen sie auch", "mehr zum thema", "lire aussi",
    "à lire aussi", "читайте также", "см. также", "相关阅读", "延伸阅读", "推荐阅读",
    "foto", "imagen", "bild", "фото", "图", "摄影",
    "责任编辑", "编辑", "校对",
    "suscríbase", "suscríbete", "abonnieren sie", "abonnez-vous", "подписывайтесь", "подпишитесь",
    "扫码", "关注",
    "estimated ", "reading", "read", "listening",
)  # fmt: skip
# The same openings by first character, so a line is compared only with the few that could fit.
_OPENINGS_BY_FIRST = {
    first: tuple(sorted({o for o in _OPENINGS if o[0] == first})) for first in {o[0] for o in _OPENINGS}
}


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """`text.lower()`, kept for the last few lines: several rules read the same line in lower case,
    and lowering a long line that is not ASCII (curly quotes) costs microseconds."""
    return text.lower()


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """`text` lowercased for literal checks before an IGNORECASE regex (`casefold`), kept for the
    last few lines like `lowered`."""
    return fold_like_ignorecase(text)


def _may_open_a_pattern(line: str) -> bool:
    """False only when no anchored pattern can match `line`: it opens with none of _OPENINGS."""
    first = line[:1]
    if first.isdecimal() or first.isspace():  # re's \d and \s (any script)
        return True
    low = folded(line)
    return low.startswith(_OPENINGS_BY_FIRST.get(low[:1], ()))


def may_match_a_pattern(line: str) -> bool:
    """False only when no regex of PATTERN_RES can fullmatch `line`; most lines are content."""
    if _may_open_a_pattern(line) and _ANCHORED_ANY.fullmatch(line):
        return True
    low = folded(line)
    return any(phrase in low for phrase in _FLOATING_PHRASES.values())


# A photo credit at the END of a caption line. The caption is removed whole: the people it names
# are either named in the story too, or are photographers and agencies.
_AGENCIES = [
    "Getty Images", "Shutterstock", "Alamy", "AP", "AFP", "EPA(-EFE)?", "Reuters", "Bloomberg",
    "PA( Media| Wire)?", "Xinhua", "Pool", "Handout", "Associated Press", "NurPhoto", "SOPA Images",
    "LightRocket", "Anadolu", "ZUMA( Press| Wire)?",
]  # fmt: skip
_AGENCY = "(" + "|".join(_AGENCIES) + ")"
# What each agency name starts with (the part before its optional tail).
_AGENCY_STARTS = tuple(name.split("(")[0] for name in _AGENCIES)
# "(Photo: Jane Doe/Agence X)", "(AP Photo/Jane Doe)", "(Jane Doe/Getty Images)"
_PAREN_CREDIT = re.compile(
    r"\((?:[^()]{0,80}?\b(?:photo|photograph|pictures?|images?|credit|illustration|video|footage)s?"
    r"\s*(?::|/|\bby\b|\bcourtesy\b|\bvia\b)[^()]{0,80}"
    r"|[^()]{1,80}/[^()]{0,40}\b(?:photos?|images?|pictures?|pool|handout|press|agency|agence|wire)"
    r"\b[^()]{0,40})\)\s*\.?$",
    re.IGNORECASE,
)
# "... Photograph: Jane Doe/Agence X", "... Credit: Jane Doe"
_LABELLED_CREDIT = re.compile(
    r"(?i:\b(?:photograph|photos?|pictures?|illustration|composite|images?|credit))\s*:\s*"
    r"[A-Z][\w'’.&-]*(?:(?:\s+|\s*/\s*)(?:[A-Z][\w'’.&-]*|via|for|of|and|the|de|van|von)){0,8}\s*$"
)
# The words _LABELLED_CREDIT starts with, in lower case.
_CREDIT_LABELS = ("photo", "picture", "illustration", "composite", "image", "credit")
# "... outside parliament. Jane Doe/Agence X" (a name, a slash, an organisation)
_NAME_SLASH_ORG = re.compile(
    r"(?:^|[.!?)]\s+)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*/\s*[A-Z][\w&'’.-]*"
    r"(?:\s+[\w&'’.-]+){0,4}$"
)
# "... outside parliament. AFP via Getty Images", "Reuters/Jane Doe"
_VIA_AGENCY = re.compile(rf"(?:^|[.!?)]\s+)(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]*\s*(?:/|\bvia\s)\s*{_AGENCY}\s*$")
_AGENCY_SLASH_NAME = re.compile(
    rf"(?:^|[.!?)]\s+){_AGENCY}\s*/\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}\s*$"
)
# A line that is only agency names: "Getty Images", "AFP/Getty Images"
_ONLY_AGENCIES = re.compile(rf"^{_AGENCY}(?:\s*(?:/|,|\bvia\b)\s*{_AGENCY})*$")
# Words that carry news or a quote: a line with one of them is reporting, not furniture.
REPORTING = re.compile(
    r"[\"“”]|\b(said|says|told|tells|according to|urged|tweeted|wrote|arrested|detained|jailed|"
    r"killed|kidnapped|injured|charged|sentenced|convicted|expelled|deported|missing|freed)\b",
    re.IGNORECASE,
)


def is_caption(line: str) -> bool:
    """A caption that ends with a credit: "(AP Photo/Jane Doe)", "Photograph: Jane Doe/Agency"."""
    if len(line) > 40 and not any(mark in line for mark in ("/", ":", " via ", "(")):
        return False
    # Each regex runs only when the line holds a character or word that the regex cannot match
    # without (all are case-sensitive there except _LABELLED_CREDIT's label, checked folded).
    return bool(
        (")" in line and _PAREN_CREDIT.search(line))
        or (":" in line and _has_credit_label(line) and _LABELLED_CREDIT.search(line))
        or ("/" in line and (_NAME_SLASH_ORG.search(line) or _AGENCY_SLASH_NAME.search(line)))
        or (("/" in line or "via" in line) and _VIA_AGENCY.search(line))
        or (line.startswith(_AGENCY_STARTS) and _ONLY_AGENCIES.search(line))
    )


def _has_credit_label(line: str) -> bool:
    low = folded(line)
    return any(label in low for label in _CREDIT_LABELS)
