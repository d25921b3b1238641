"""Strip navigation, promotional and legal boilerplate, without ever rewriting the source.

Cleaning only decides which lines of the original text are content. It never edits characters,
so every offset computed later still points into the ORIGINAL document.

The rules are written for the furniture that survives text extraction of news sites,
press-release wires and transcript services (bylines, datelines, share bars, section labels,
photo credits, author bios, newsletter promos, help-line notices, editing credits), not for one
source. Each rule has a reason name, so a removed line can say why it went. They err on the side
of keeping a line: a sentence that merely contains "by", "said", "photo" or "newsletter" stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Whole-line patterns. A line is boilerplate when its stripped text matches one in full.
# --------------------------------------------------------------------------------------------
_PATTERNS: list[tuple[str, str]] = [
    (
        "navigation",
        r"(see also|read next|read more|also read|related( coverage| articles?| stories| reading)?"
        r"|more from|recommended( for you)?|trending( now)?|most popular|don'?t miss)\s*([:\-–—].*)?",
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
    ("caption", r"(photo|image|picture|video|graphic)s?\s*(courtesy|credit|by|source|:).*"),
    ("caption", r"(photograph|illustration)s?\s*(courtesy|credit|source)?\s*:.*"),
    ("caption", r"(image|media|video|photo|picture|audio) (source|caption|credit|description)s?\s*[,:].*"),
    ("legal", r"(©|\(c\)\s|copyright\s+(©|\(c\)|\d{4})).*"),
    ("legal", r".*\ball rights reserved\b.*"),
    ("promotion", r".{0,80}\bbrought to you by\b.{0,80}"),
    ("promotion", r"(advertisement|sponsored( content)?|ad)\s*"),
    ("navigation", r"(tags?|topics?|filed under)\s*:.*"),
    ("legal", r"(this (article|story|content) (was|is) (partially )?(produced|generated|written)).*"),
    ("press-release", r"(for immediate release|#{3,}|-\s*30\s*-|-?\s*ends\s*-?|end of (press )?release)"),
    (
        "comments",
        r"((view|show|read|see|hide|load|all)\s+)?(\d[\d,.]*k?\s+)?(comments?|replies)"
        r"\s*(\(\d[\d,.]*k?\)|:?\s*\d[\d,.]*k?)?",
    ),
    ("comments", r"((leave|add|post|write) an?|be the first to) (comment|reply)\b.*"),
    ("comments", r"join the (conversation|discussion|debate)[.!]?"),
    ("comments", r"comments? (are|is) (now )?(closed|open|disabled|turned off)\b.*"),
    ("dateline", r"(estimated )?(reading|read|listening) time\s*:?\s*\d+\s*(min(ute)?s?|hours?)\.?"),
    ("dateline", r"\d+\s*-?\s*(min(ute)?s?|hours?|hrs?)\.?\s+(read|listen|watch)"),
]
_PATTERN_RES = [(reason, re.compile(p, re.IGNORECASE)) for reason, p in _PATTERNS]
# All of them at once: most lines are content, and one pass rejects them.
_ANY_PATTERN = re.compile("|".join(f"(?:{p})" for _, p in _PATTERNS), re.IGNORECASE)

# A photo credit at the END of a caption line. The caption is removed whole: the people it names
# are either named in the story too, or are photographers and agencies.
_AGENCY = (
    r"(Getty Images|Shutterstock|Alamy|AP|AFP|EPA(-EFE)?|Reuters|Bloomberg|PA( Media| Wire)?|Xinhua"
    r"|Pool|Handout|Associated Press|NurPhoto|SOPA Images|LightRocket|Anadolu|ZUMA( Press| Wire)?)"
)
_CAPTION_TAIL = [
    # "(Photo: Jane Doe/Agence X)", "(AP Photo/Jane Doe)", "(Jane Doe/Getty Images)"
    re.compile(
        r"\((?:[^()]{0,80}?\b(?:photo|photograph|pictures?|images?|credit|illustration|video|footage)s?"
        r"\s*(?::|/|\bby\b|\bcourtesy\b|\bvia\b)[^()]{0,80}"
        r"|[^()]{1,80}/[^()]{0,40}\b(?:photos?|images?|pictures?|pool|handout|press|agency|agence|wire)"
        r"\b[^()]{0,40})\)\s*\.?$",
        re.IGNORECASE,
    ),
    # "... Photograph: Jane Doe/Agence X", "... Credit: Jane Doe"
    re.compile(
        r"(?i:\b(?:photograph|photos?|pictures?|illustration|composite|images?|credit))\s*:\s*"
        r"[A-Z][\w'’.&-]*(?:(?:\s+|\s*/\s*)(?:[A-Z][\w'’.&-]*|via|for|of|and|the|de|van|von)){0,8}\s*$"
    ),
    # "... outside parliament. Jane Doe/Agence X" (a name, a slash, an organisation)
    re.compile(
        r"(?:^|[.!?)]\s+)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*/\s*[A-Z][\w&'’.-]*"
        r"(?:\s+[\w&'’.-]+){0,4}$"
    ),
    # "... outside parliament. AFP via Getty Images", "Reuters/Jane Doe"
    re.compile(rf"(?:^|[.!?)]\s+)(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]*\s*(?:/|\bvia\s)\s*{_AGENCY}\s*$"),
    re.compile(rf"(?:^|[.!?)]\s+){_AGENCY}\s*/\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}\s*$"),
    # A line that is only agency names: "Getty Images", "AFP/Getty Images"
    re.compile(rf"^{_AGENCY}(?:\s*(?:/|,|\bvia\b)\s*{_AGENCY})*$"),
]

# Words that carry news or a quote: a line with one of them is reporting, not furniture.
_REPORTING = re.compile(
    r"[\"“”]|\b(said|says|told|tells|according to|urged|tweeted|wrote|arrested|detained|jailed|"
    r"killed|kidnapped|injured|charged|sentenced|convicted|expelled|deported|missing|freed)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Names: bylines, credits and bios are "a few capitalised names and nothing else".
# --------------------------------------------------------------------------------------------
_PARTICLES = {
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "le", "la", "al", "el",
    "bin", "bint", "ibn", "dos", "das", "ter", "ten", "y", "st.", "mac",
}  # fmt: skip
# "By Tuesday, ...", "By March ...", "By then ...": time phrases, not authors.
_NOT_A_NAME = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "then", "now", "this", "that", "these", "those", "its", "his",
    "her", "their", "our", "contrast", "comparison", "far", "law", "noon", "midnight", "dawn",
    "nightfall", "tonight", "tomorrow", "yesterday", "today", "late", "early", "mid", "end",
    "christmas", "easter", "spring", "summer", "autumn", "fall", "winter", "design", "default",
    "chance", "accident", "way", "all", "some", "most", "many", "one", "two", "sunset", "sunrise",
    "evening", "morning", "afternoon", "night", "lunchtime", "weekend", "next", "last", "year",
    "week", "month", "day", "order", "mistake", "email", "phone", "car", "air", "sea",
    "land", "rail", "road", "train", "bus", "boat", "ship", "foot", "hand",
}  # fmt: skip


def _is_name_word(word: str) -> bool:
    if not word or not word[0].isupper():
        return False
    return all(c.isalpha() or c in ".'’-" for c in word) and any(c.isalpha() for c in word)


def _is_name(phrase: str, max_words: int = 4) -> bool:
    """1 to `max_words` capitalised words ("Jane Doe", "JANE DOE", "Ana de la Cruz")."""
    words = phrase.split()
    if not words or not _is_name_word(words[0]) or not _is_name_word(words[-1]):
        return False
    if words[0].lower().strip(".") in _NOT_A_NAME:
        return False
    named = 0
    for word in words:
        if _is_name_word(word):
            named += 1
        elif word.lower() not in _PARTICLES and not re.fullmatch(r"[a-z]{1,3}-[A-Z]\w+", word):
            return False
    return 1 <= named <= max_words


_OUTLET_GLUE = {"of", "the", "and", "&", "for", "on", "de", "du", "la", "le", "el", "news"}


def _is_outlet(phrase: str) -> bool:
    """A short capitalised phrase: "BBC News", "The Daily Ledger", "Staff Writer", "9News"."""
    words = phrase.split()
    if not 1 <= len(words) <= 5:
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(
        (w[0].isupper() or w[0].isdigit() or w.lower() in _OUTLET_GLUE)
        and all(c.isalnum() or c in ".'’&-" for c in w)
        for w in words
    )


_LIST_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def _is_name_list(text: str, *, places: bool = False) -> bool:
    """ "Jane Doe", "Jane Doe and John Roe", "Jane Doe in Lagos, John Roe in Accra", "The Staff"."""
    text = text.strip().rstrip(".").strip()
    parts = [p for p in _LIST_SPLIT.split(text) if p]
    if not parts or len(parts) > 8:
        return False
    for part in parts:
        if places and " in " in part:
            part, place = part.split(" in ", 1)
            if not _is_outlet(place):
                return False
        part = re.sub(r"^(?:the|our)\s+", "", part.strip(), flags=re.IGNORECASE)
        if not (_is_name(part) or _is_outlet(part)):
            return False
    return _is_name(parts[0].split(" in ")[0]) or _is_outlet(parts[0])


# --------------------------------------------------------------------------------------------
# Bylines and staff lines.
# --------------------------------------------------------------------------------------------
_BYLINE = re.compile(r"(?i:by)\s+(?P<rest>.+)")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||\s[-–—]\s|\band\b|&|\bfor\b|\bat\b)\s*")
_ROLE_WORDS = {
    "writer", "reporter", "correspondent", "columnist", "contributor", "journalist", "editor",
    "critic", "photographer", "photojournalist", "anchor", "presenter", "blogger", "editor-at-large",
    "editor-in-chief", "staff", "writers", "reporters", "correspondents", "editors",
}  # fmt: skip


def _is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, The Ledger", "By JANE DOE | Wire Service"."""
    match = _BYLINE.fullmatch(line.strip())
    if not match:
        return False
    parts = [p for p in _BYLINE_SPLIT.split(match.group("rest").rstrip(".")) if p]
    if not parts or len(parts) > 6 or not _is_name(parts[0]):
        return False
    return all(_is_name(p) or _is_outlet(p) for p in parts[1:])


def _is_staff_line(line: str) -> bool:
    """ "Jane Doe, Staff Writer", "Jane Doe, Chief Political Correspondent, The Ledger"."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|\|)\s*", line.strip().rstrip(".")) if p.strip()]
    if not 2 <= len(parts) <= 4 or not _is_name(parts[0]):
        return False
    role = parts[1].split()
    if not 1 <= len(role) <= 5 or not all(w.replace("-", "").isalpha() for w in role):
        return False
    if role[-1].lower() not in _ROLE_WORDS:
        return False
    return all(_is_outlet(p) for p in parts[2:])


# --------------------------------------------------------------------------------------------
# Editing and reporting credits: "Reporting by X in Y; Editing by Z", "Compiled by ...".
# --------------------------------------------------------------------------------------------
_CREDIT = re.compile(
    r"(?:(?:additional|with|further|and)\s+)*"
    r"(?:reporting|writing|editing|edited|compiled|written|reported|research|researched|produced"
    r"|production|graphics|design|designed|photography|photos?|video|illustrations?|translation"
    r"|translated|fact[- ]checking|fact[- ]checked|interviews?|data|sub-?editing|additional reporting)"
    r"(?:\s+(?:and|&)\s+(?:reporting|writing|editing|research|additional reporting))?"
    r"\s+by\s+(?P<names>.+)",
    re.IGNORECASE,
)
_CONTRIBUTING = re.compile(
    r"(?:contributing|contributors?|contributing (?:reporters?|writers?|editors?))\s*:\s*(?P<names>.+)",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"(?P<names>.+?)\s+contributed\s+(?:reporting|to this (?:report|story|article)"
    r"|additional reporting|research)\b[^.]{0,60}\.?",
    re.IGNORECASE,
)
_CREDIT_SPLIT = re.compile(r"\s*;\s*|\s*[,.]\s+(?=(?:additional\s+|with\s+)?[a-z-]+\s+by\b)", re.IGNORECASE)


def _is_credit_line(line: str) -> bool:
    low = line.lower()
    if " by " not in low and ":" not in low and "contributed" not in low:
        return False
    text = line.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    text = text.strip().rstrip(".").strip()
    contributed = _CONTRIBUTED.fullmatch(text + ".") or _CONTRIBUTED.fullmatch(text)
    if contributed and _is_name_list(contributed.group("names")):
        return True
    parts = [p for p in _CREDIT_SPLIT.split(text) if p.strip()]
    if not parts:
        return False
    for part in parts:
        match = _CREDIT.fullmatch(part.strip()) or _CONTRIBUTING.fullmatch(part.strip())
        if not match or not _is_name_list(match.group("names"), places=True):
            return False
    return True


# --------------------------------------------------------------------------------------------
# Datelines, read times, share bars, section labels.
# --------------------------------------------------------------------------------------------
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


def _is_dateline(line: str) -> bool:
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


def _is_share_bar(line: str) -> bool:
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


def _is_section_label(segment: str) -> bool:
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


# --------------------------------------------------------------------------------------------
# Author bios, help-line notices, newsletter promos inside a sentence.
# --------------------------------------------------------------------------------------------
_MEDIA_ROLE = (
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|critic|photographer"
    r"|photojournalist|anchor|presenter|blogger)s?"
)
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
_PROMO_IN_SENTENCE = re.compile(
    r"\b(?:sign up|subscribe|register)(?: now| today| here| free)?\s+(?:for|to)\s+(?:our|the)\b.{0,60}"
    r"\b(?:newsletters?|briefings?|alerts?|digest|bulletin|podcast|app)\b",
    re.IGNORECASE,
)


def _is_bio(line: str) -> bool:
    """ "Jane Doe is a senior correspondent at ...", "... Follow her on X @janedoe"."""
    if _FOLLOW.search(line):
        return not _REPORTING.search(line)
    match = _BIO.fullmatch(line) if " is " in line else None
    if match is None or not _is_name(match.group("name").strip()):
        return False
    # "... is a former correspondent" introduces an actor; a bio says what the author covers now.
    if _FORMER.search(match.group("role")) or not _BIO_CUE.search(line):
        return False
    return not _REPORTING.search(line)


def _is_helpline(line: str) -> bool:
    low = line.lower()
    if not low.startswith("if you") and not any(word in low for word in _HELP_WORDS):
        return False
    if re.search(r"\b(said|says|told|according to)\b", line, re.IGNORECASE):
        return False
    if not _HELP_CONTACT.search(line):
        return False
    return any(p.match(line) for p in _HELPLINE)


def _is_promo_sentence(line: str) -> bool:
    return len(line.split()) <= 40 and not _REPORTING.search(line) and bool(_PROMO_IN_SENTENCE.search(line))


# --------------------------------------------------------------------------------------------
# Lines of several furniture pieces: "By Jane Doe | Published 3:42 PM | 5 min read".
# --------------------------------------------------------------------------------------------
_PIECE_SPLIT = re.compile(r"\s*(?:\||•|·|›|»|\s>\s|\s/\s|\s[-–—]\s)\s*")


def _is_meta_line(line: str) -> bool:
    pieces = [p for p in _PIECE_SPLIT.split(line.strip()) if p]
    if len(pieces) < 2 or len(pieces) > 8:
        return False
    if all(_is_section_label(p) for p in pieces):  # "Politics | Europe", "Home › World"
        return True
    strong = 0
    for piece in pieces:
        if _is_byline(piece) or _is_dateline(piece) or _is_share_bar(piece) or _is_single_pattern(piece):
            strong += 1
        elif not (_is_section_label(piece) or _is_outlet(piece) or _is_name(piece)):
            return False
    return strong > 0


def _is_single_pattern(line: str) -> bool:
    return any(regex.fullmatch(line) for reason, regex in _PATTERN_RES if reason in {"dateline", "comments"})


# --------------------------------------------------------------------------------------------
def _is_caption(line: str) -> bool:
    """A caption that ends with a credit: "(AP Photo/Jane Doe)", "Photograph: Jane Doe/Agency"."""
    if len(line) > 40 and not any(mark in line for mark in ("/", ":", " via ", "(")):
        return False
    return any(p.search(line) for p in _CAPTION_TAIL)


# (reason, rule, longest line it can match): furniture is short, so a paragraph is checked only
# against the rules that can match something that long, which keeps cleaning cheap.
_RULES: list[tuple[str, Callable[[str], bool], int]] = [
    ("byline", _is_byline, 200),
    ("byline", _is_staff_line, 200),
    ("credits", _is_credit_line, 400),
    ("dateline", _is_dateline, 120),
    ("share", _is_share_bar, 150),
    ("section", _is_section_label, 60),
    ("bio", _is_bio, 600),
    ("helpline", _is_helpline, 600),
    ("promotion", _is_promo_sentence, 400),
    ("caption", _is_caption, 400),
    ("meta", _is_meta_line, 300),
]


def boilerplate_reason(line: str) -> str | None:
    """Why `line` is boilerplate ("byline", "caption", "promotion", ...), or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    if _ANY_PATTERN.fullmatch(stripped):
        for reason, regex in _PATTERN_RES:
            if regex.fullmatch(stripped):
                return reason
    for reason, rule, longest in _RULES:
        if len(stripped) <= longest and rule(stripped):
            return reason
    return None


def is_boilerplate(line: str) -> bool:
    return boilerplate_reason(line) is not None


_LINE_RE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True)
class Region:
    """A half-open range `[start, end)` of the original text."""

    start: int
    end: int


@dataclass(frozen=True)
class CleanedDocument:
    """The original text plus which of its lines are content and which were removed."""

    text: str
    kept: tuple[Region, ...]
    removed: tuple[Region, ...]
    # Why each removed region went, in the order of `removed` ("byline", "caption", ...).
    removed_reasons: tuple[str, ...] = ()

    def kept_text(self) -> str:
        return "\n".join(self.text[r.start : r.end] for r in self.kept)

    def is_kept(self, start: int, end: int) -> bool:
        return any(r.start <= start and end <= r.end for r in self.kept)


def clean(text: str) -> CleanedDocument:
    """Split `text` into kept content lines and removed boilerplate lines, by offsets."""
    kept: list[Region] = []
    removed: list[Region] = []
    reasons: list[str] = []
    for match in _LINE_RE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        # Offsets of the line without its surrounding whitespace.
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        reason = boilerplate_reason(stripped)
        if reason is None:
            kept.append(Region(start, end))
        else:
            removed.append(Region(start, end))
            reasons.append(reason)
    return CleanedDocument(
        text=text, kept=tuple(kept), removed=tuple(removed), removed_reasons=tuple(reasons)
    )
