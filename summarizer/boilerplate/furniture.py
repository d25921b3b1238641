"""Page furniture: datelines and time stamps, share bars, section labels, and meta lines made
of several such pieces ("By Jane Doe | Published 3:42 PM | 5 min read").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .bylines import is_byline, is_name, is_outlet
from .patterns import any_pattern

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


_DIGITS = re.compile(r"\d+")
# The words between separators: what re.split(r"[\s,|•·]+", line) leaves, less the empty strings.
_STAMP_WORD = re.compile(r"[^\s,|•·]+")


def _stamp_tokens(line: str) -> Iterator[str]:
    """The words of `line`, one at a time, without the punctuation around them."""
    for word in _STAMP_WORD.finditer(line):
        token = word.group().strip(".,:;()[]")
        if token:
            yield token


def is_dateline(line: str) -> bool:
    """ "Published 3:42 PM EST, Tue March 4, 2025", "Updated 2 hours ago", "March 4, 2025"."""
    # Tokens are read one at a time: a 17th token or one that is not a stamp word rejects the line
    # whatever the others are, so the rest need not be read.
    has_number = has_anchor = False
    first = ""
    for count, token in enumerate(_stamp_tokens(line), 1):
        if count > 16:
            return False
        if count == 1:
            first = token
        low = token.lower()
        if _NUMBERISH.fullmatch(token):
            has_number = True
            has_anchor = has_anchor or ":" in token or len(_DIGITS.findall(token)) >= 3
        elif low in _MONTHS or low in _DAYS or low in {"ago", "yesterday", "today"}:
            has_anchor = True
        elif low in _STAMP_WORDS:
            pass
        elif not (token.isupper() and token.isalpha() and 2 <= len(token) <= 5):  # time zone
            return False
    if not first:  # no tokens
        return False
    if first.lower() in _STAMP_PREFIX:
        return has_number or has_anchor
    return has_number and has_anchor


_SHARE_CORE = {
    "share", "save", "print", "email", "e-mail", "facebook", "twitter", "x", "linkedin", "whatsapp",
    "reddit", "pinterest", "telegram", "flipboard", "messenger", "bluesky", "threads", "mastodon",
    "comment", "comments", "bookmark", "gift", "tweet", "copy", "link", "copied",
}  # fmt: skip
_SHARE_GLUE = {"this", "article", "story", "page", "the", "on", "via", "to", "a", "an", "and", "or", "url",
               "show", "view", "hide", "more", "options", "sharing", "shares", "saved", "post"}  # fmt: skip


# The words between separators: what re.split(r"[\s|•·,/]+", line) leaves, less the empty strings.
_SHARE_WORD = re.compile(r"[^\s|•·,/]+")
_COUNT = re.compile(r"\d[\d,.]*k?")


def is_share_bar(line: str) -> bool:
    """ "Share", "Save", "Share Save", "Facebook Twitter Email Copy link", "Comments (12)"."""
    # Tokens are read one at a time: a 13th token or a word outside the share vocabulary rejects
    # the line whatever the others are, so the rest need not be read.
    count = 0
    has_core = False
    for word in _SHARE_WORD.finditer(line):
        token = word.group().strip("()[]:.!|•·").lower()
        if not token:
            continue
        count += 1
        if count > 12:
            return False
        if _COUNT.fullmatch(token):
            continue
        if token in _SHARE_CORE:
            has_core = True
        elif token not in _SHARE_GLUE:
            return False
    # Some word is a core share word (so there is a word), and every word is core or glue.
    return has_core


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
    words = segment.split(maxsplit=3)  # a fourth item means four words or more: too many
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


# Lines of several furniture pieces: "By Jane Doe | Published 3:42 PM | 5 min read". A separator
# is a mark (| • · › ») or a dash, slash or ">" with whitespace on both sides, together with the
# whitespace around it: r"\s*(?:\||•|·|›|»|\s>\s|\s/\s|\s[-–—]\s)\s*". The regex below matches
# exactly the same spans (it starts at a mark, or at the whitespace run before a mark or a spaced
# dash, and takes the whitespace after), but opens with a character class, so re skips quickly to
# the places where a separator can start.
_PIECE_SPLIT = re.compile(r"[\s|•·›»](?:(?<=[|•·›»])|\s*(?:[|•·›»]|[>/\-–—](?=\s)))\s*")
_PIECE_MARKS = ("|", "•", "·", "›", "»")
# A dash, slash or ">" with whitespace on both sides, one regex per character: each opens with its
# character, which re finds fast, and runs only on a line that has the character.
_SPACED_DASHES = {dash: re.compile(rf"{re.escape(dash)}(?<=\s.)(?=\s)") for dash in (">", "/", "-", "–", "—")}


def _has_piece_separator(line: str) -> bool:
    """Whether _PIECE_SPLIT matches anywhere in `line` (a mark, or a dash between whitespace)."""
    if any(mark in line for mark in _PIECE_MARKS):
        return True
    return any(dash in line and regex.search(line) for dash, regex in _SPACED_DASHES.items())


def is_meta_line(line: str) -> bool:
    # Without a separator the line is a single piece, and a meta line needs two or more.
    if not _has_piece_separator(line):
        return False
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


# The whole-line patterns for read times and comment counters, at once.
_STAMP_OR_COMMENTS = any_pattern({"dateline", "comments"})


def _is_single_pattern(line: str) -> bool:
    return _STAMP_OR_COMMENTS.fullmatch(line) is not None
