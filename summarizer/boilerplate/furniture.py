"""Page furniture: datelines and time stamps, share bars, section labels, and meta lines made
of several such pieces ("By Jane Doe | Published 3:42 PM | 5 min read").
"""

from __future__ import annotations

import re

from .bylines import is_byline, is_name, is_outlet
from .patterns import PATTERN_RES

_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
_DAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}  # fmt: skip
_STAMP_WORDS = {
    "published", "updated", "posted", "modified", "created", "first", "last", "originally", "date",
    "on", "at", "am", "pm", "a.m", "p.m", "ago", "the", "of", "and", "today", "yesterday", "just",
    "now", "hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "second",
    "seconds", "sec", "secs", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "local", "time", "an", "a", "edited",
}  # fmt: skip
_STAMP_PREFIX = {"published", "updated", "posted", "modified", "created", "originally", "last", "first"}
_NUMBERISH = re.compile(r"\d{1,4}(?:[:./-]\d{1,4})*(?:st|nd|rd|th|am|pm|h|a\.m|p\.m)?", re.IGNORECASE)


def _stamp_tokens(line: str) -> list[str]:
    return [t.strip(".,:;()[]") for t in re.split(r"[\s,|•·]+", line.strip()) if t.strip(".,:;()[]")]


def is_dateline(line: str) -> bool:
    """ "Published 3:42 PM EST, Tue March 4, 2025", "Updated 2 hours ago", "March 4, 2025"."""
    tokens = _stamp_tokens(line)
    if not tokens or len(tokens) > 16:
        return False
    has_number = has_anchor = False
    for token in tokens:
        low = token.lower()
        if _NUMBERISH.fullmatch(token):
            has_number = True
            has_anchor = has_anchor or ":" in token or len(re.findall(r"\d+", token)) >= 3
        elif low in _MONTHS or low in _DAYS or low in {"ago", "yesterday", "today"}:
            has_anchor = True
        elif low in _STAMP_WORDS:
            pass
        elif not (token.isupper() and token.isalpha() and 2 <= len(token) <= 5):  # time zone
            return False
    if tokens[0].lower() in _STAMP_PREFIX:
        return has_number or has_anchor
    return has_number and has_anchor


_SHARE_CORE = {
    "share", "save", "print", "email", "e-mail", "facebook", "twitter", "x", "linkedin", "whatsapp",
    "reddit", "pinterest", "telegram", "flipboard", "messenger", "bluesky", "threads", "mastodon",
    "comment", "comments", "bookmark", "gift", "tweet", "copy", "link", "copied",
}  # fmt: skip
_SHARE_GLUE = {"this", "article", "story", "page", "the", "on", "via", "to", "a", "an", "and", "or", "url",
               "show", "view", "hide", "more", "options", "sharing", "shares", "saved", "post"}  # fmt: skip


def is_share_bar(line: str) -> bool:
    """ "Share", "Save", "Share Save", "Facebook Twitter Email Copy link", "Comments (12)"."""
    tokens = [t.strip("()[]:.!|•·") for t in re.split(r"[\s|•·,/]+", line.strip())]
    tokens = [t.lower() for t in tokens if t]
    if not tokens or len(tokens) > 12:
        return False
    words = [t for t in tokens if not re.fullmatch(r"\d[\d,.]*k?", t)]
    return (
        bool(words)
        and all(t in _SHARE_CORE or t in _SHARE_GLUE for t in words)
        and any(t in _SHARE_CORE for t in words)
    )


_SECTIONS = {
    "news", "world", "business", "politics", "economy", "economics", "markets", "market", "money",
    "finance", "tech", "technology", "science", "health", "sport", "sports", "football", "soccer",
    "cricket", "tennis", "golf", "rugby", "entertainment", "culture", "arts", "books", "music",
    "film", "movies", "tv", "television", "media", "opinion", "opinions", "analysis", "commentary",
    "editorial", "editorials", "lifestyle", "life", "style", "fashion", "food", "travel", "climate",
    "environment", "education", "local", "national", "international", "global", "nation", "metro",
    "regional", "europe", "asia", "africa", "americas", "america", "us", "u.s", "uk", "middle",
    "east", "latin", "pacific", "live", "video", "videos", "audio", "podcast", "podcasts", "photos",
    "pictures", "gallery", "weather", "crime", "justice", "courts", "property", "housing", "real",
    "estate", "companies", "industry", "energy", "investing", "wealth", "careers", "obituaries",
    "letters", "features", "investigations", "explainer", "exclusive", "breaking", "latest", "top",
    "stories", "headlines", "home", "fact", "check", "wellness", "wellbeing", "family",
    "parenting", "religion", "royals", "celebrity", "gaming", "puzzles", "magazine", "newsletters",
    "elections", "government", "policy", "defense", "defence", "security", "transport",
    "transportation", "agriculture", "innovation", "startups", "ai", "crypto", "sustainability",
    "diplomacy", "personal",
}  # fmt: skip


def is_section_label(segment: str) -> bool:
    """ "WORLD", "Business", "Middle East", "Energy & Climate": a category, not a headline."""
    words = segment.split()
    if not 1 <= len(words) <= 3:
        return False
    if not all(w == "&" or w.replace(".", "").replace("-", "").replace("&", "").isalpha() for w in words):
        return False
    low = [w.lower().strip(".") for w in words]
    content = [w for w in low if w not in {"&", "and"}]
    if content and all(w in _SECTIONS for w in content) and low[0] not in {"and"}:
        return True
    # ALL CAPS: one word of any kind ("METRO"), two words if one is a section word ("GULF NEWS").
    caps = [w for w in words if w != "&"]
    if segment.isupper() and all(len(w) >= 2 for w in caps):
        return len(caps) == 1 or (len(caps) == 2 and any(w in _SECTIONS for w in content))
    return False


# Lines of several furniture pieces: "By Jane Doe | Published 3:42 PM | 5 min read".
_PIECE_SPLIT = re.compile(r"\s*(?:\||•|·|›|»|\s>\s|\s/\s|\s[-–—]\s)\s*")


def is_meta_line(line: str) -> bool:
    pieces = [p for p in _PIECE_SPLIT.split(line.strip()) if p]
    if len(pieces) < 2 or len(pieces) > 8:
        return False
    if all(is_section_label(p) for p in pieces):  # "Politics | Europe", "Home › World"
        return True
    strong = 0
    for piece in pieces:
        if is_byline(piece) or is_dateline(piece) or is_share_bar(piece) or _is_single_pattern(piece):
            strong += 1
        elif not (is_section_label(piece) or is_outlet(piece) or is_name(piece)):
            return False
    return strong > 0


def _is_single_pattern(line: str) -> bool:
    return any(regex.fullmatch(line) for reason, regex in PATTERN_RES if reason in {"dateline", "comments"})
