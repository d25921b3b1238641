"""Bylines, staff lines and editing credits, and the name shapes they are made of: a few
capitalised names, outlets, and lists of them.
"""

from __future__ import annotations

import re

from .patterns import folded, lowered

# Names: bylines, credits and bios are "a few capitalised names and nothing else".
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


_PREFIXED_NAME = re.compile(r"[a-z]{1,3}-[A-Z]\w+")  # "al-Sayed", "el-Amin"


def is_name(phrase: str, max_words: int = 4) -> bool:
    """1 to `max_words` capitalised words ("Jane Doe", "JANE DOE", "Ana de la Cruz")."""
    # The first and last words are read without splitting the whole phrase: most phrases fail here.
    first = phrase.split(maxsplit=1)
    if not first or not _is_name_word(first[0]) or not _is_name_word(phrase.rsplit(maxsplit=1)[-1]):
        return False
    if first[0].lower().strip(".") in _NOT_A_NAME:
        return False
    words = phrase.split()
    named = 0
    for word in words:
        if _is_name_word(word):
            named += 1
        elif word.lower() not in _PARTICLES and not _PREFIXED_NAME.fullmatch(word):
            return False
    return 1 <= named <= max_words


_OUTLET_GLUE = {"of", "the", "and", "&", "for", "on", "de", "du", "la", "le", "el", "news"}


def is_outlet(phrase: str) -> bool:
    """A short capitalised phrase: "BBC News", "The Daily Ledger", "Staff Writer", "9News"."""
    words = phrase.split(maxsplit=5)  # a sixth item means six words or more: too many
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
_LEADING_ARTICLE = re.compile(r"^(?:the|our)\s+", re.IGNORECASE)


def _is_name_list(text: str, *, places: bool = False) -> bool:
    """ "Jane Doe", "Jane Doe and John Roe", "Jane Doe in Lagos, John Roe in Accra", "The Staff"."""
    text = text.strip().rstrip(".").strip()
    parts = [p for p in _LIST_SPLIT.split(text) if p]
    if not parts or len(parts) > 8:
        return False
    for part in parts:
        if places and " in " in part:
            part, place = part.split(" in ", 1)
            if not is_outlet(place):
                return False
        part = _LEADING_ARTICLE.sub("", part.strip())
        if not (is_name(part) or is_outlet(part)):
            return False
    return is_name(parts[0].split(" in ")[0]) or is_outlet(parts[0])


# Bylines and staff lines.
# "By", and in German, Spanish, French and Dutch pages "Von", "Por", "Par", "Door".
BYLINE_PREFIX = r"(?i:by|von|por|par|door)"
_BYLINE = re.compile(rf"{BYLINE_PREFIX}\s+(?P<rest>.+)")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||\s[-–—]\s|\band\b|&|\bfor\b|\bat\b)\s*")
_ROLE_WORDS = {
    "writer", "reporter", "correspondent", "columnist", "contributor", "journalist", "editor",
    "critic", "photographer", "photojournalist", "anchor", "presenter", "blogger", "editor-at-large",
    "editor-in-chief", "staff", "writers", "reporters", "correspondents", "editors",
}  # fmt: skip


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, The Ledger", "By JANE DOE | Wire Service"."""
    match = _BYLINE.fullmatch(line.strip())
    if not match:
        return False
    parts = [p for p in _BYLINE_SPLIT.split(match.group("rest").rstrip(".")) if p]
    if not parts or len(parts) > 6 or not is_name(parts[0]):
        return False
    return all(is_name(p) or is_outlet(p) for p in parts[1:])


_STAFF_SPLIT = re.compile(r"\s*(?:,|\|)\s*")


def is_staff_line(line: str) -> bool:
    """ "Jane Doe, Staff Writer", "Jane Doe, Chief Political Correspondent, The Ledger"."""
    # Without a comma or a bar the line is one part, and a staff line needs two to four.
    if "," not in line and "|" not in line:
        return False
    parts = [p.strip() for p in _STAFF_SPLIT.split(line.strip().rstrip(".")) if p.strip()]
    if not 2 <= len(parts) <= 4:
        return False
    # The checks are pure and all must hold, so the cheap role check runs before is_name.
    return _is_newsroom_role(parts[1]) and is_name(parts[0]) and all(is_outlet(p) for p in parts[2:])


def is_role_line(line: str) -> bool:
    """A newsroom role on a line of its own, under the reporter's name: "Environment correspondent"."""
    return _is_newsroom_role(line.strip().rstrip("."))


def _is_newsroom_role(part: str) -> bool:
    """ "Staff Writer", "Chief Political Correspondent": up to five words ending in a role."""
    role = part.split()
    if not 1 <= len(role) <= 5 or not all(w.replace("-", "").isalpha() for w in role):
        return False
    return role[-1].lower() in _ROLE_WORDS


# Editing and reporting credits: "Reporting by X in Y; Editing by Z", "Compiled by ...".
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
# What a credit part starts with (a prefix of each opening word of _CREDIT and _CONTRIBUTING).
_CREDIT_OPENING = re.compile(
    r"additional|with|further|and|reporting|writing|edit|compiled|written|reported|research|produc"
    r"|graphics|design|photo|video|illustration|translat|fact|interview|data|sub|contribut",
    re.IGNORECASE,
)
_CREDIT_SPLIT = re.compile(r"\s*;\s*|\s*[,.]\s+(?=(?:additional\s+|with\s+)?[a-z-]+\s+by\b)", re.IGNORECASE)


def is_credit_line(line: str) -> bool:
    low = lowered(line)  # the old screen, kept as it was (str.lower); the regexes below fold more
    if " by " not in low and ":" not in low and "contributed" not in low:
        return False
    text = line.strip().lstrip("—–-").strip()  # "— Reporting by ...; Editing by ..."
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    text = text.strip().rstrip(".").strip()
    if _is_contributor_note(text):
        return True
    # `text` is stripped, so unless it opens with a separator its first part starts it, and that
    # part must match _CREDIT or _CONTRIBUTING, which open with _CREDIT_OPENING.
    if text[:1] not in (";", ",", ".") and not _CREDIT_OPENING.match(text):
        return False
    parts = [p for p in _CREDIT_SPLIT.split(text) if p.strip()]
    if not parts:
        return False
    for part in parts:
        match = _CREDIT.fullmatch(part.strip()) or _CONTRIBUTING.fullmatch(part.strip())
        if not match or not _is_name_list(match.group("names"), places=True):
            return False
    return True


# Who the contributors are, before their names: "Associated Press writers", "Staff reporter".
_NEWSROOM_PREFIX = re.compile(
    r"(?P<outlet>(?:[A-Z][\w&.'’-]*\s+){0,4}?)(?:staff\s+)?"
    r"(?:writers?|reporters?|correspondents?|journalists?|photographers?)\s+",
    re.IGNORECASE,
)


def _is_contributor_note(text: str) -> bool:
    """ "Ines Varga contributed reporting from Coldharbour", "Associated Press writers Lisa
    Mascaro and Kevin Freking contributed to this report"."""
    # _CONTRIBUTED cannot match without the word "contributed" (any case).
    if "contributed" not in folded(text):
        return False
    contributed = _CONTRIBUTED.fullmatch(text + ".") or _CONTRIBUTED.fullmatch(text)
    if contributed is None:
        return False
    names = contributed.group("names")
    prefix = _NEWSROOM_PREFIX.match(names)
    if prefix and (not prefix.group("outlet") or is_outlet(prefix.group("outlet").strip())):
        names = names[prefix.end() :]
    return _is_name_list(names)


# How to reach the reporter, after the story: "Contact Priya Raman at praman@ledger.com", "Reach the
# writer at 555-0100", "Priya Raman can be reached at ...". An address or a number must follow.
_CONTACT = re.compile(
    r"(?:(?:contact|reach|email|e-mail|write\s+to)\s+(?P<who>[^@:]{1,60}?)\s*(?:\bat\b|\bvia\b|\bon\b|:)"
    r"|(?P<who2>[^@:]{1,60}?)\s+(?:can|may)\s+be\s+(?:reached|contacted|emailed)\s+(?:at|via|on))"
    r"\s*(?P<address>\S*(?:@|\d{3})\S*)(?:\s+(?:or|and)\s+\S+(?:\s+\S+)?)?",
    re.IGNORECASE,
)
_REPORTER = re.compile(
    r"(?:the\s+)?(?:reporter|writer|author|journalist|editor|newsroom|us)s?|him|her|them", re.I
)
# The reporter's one-line bio beside the contact note: "Tom Becker covers education for the
# Ledger.", "Ana Ruiz is a staff writer at the Ledger.". Only ever removed with a contact note.
_BIO = re.compile(
    r"(?P<who>[^,.;:]{3,60}?)\s+(?:covers|writes\s+about|reports\s+on|is\s+(?:a|an|the)\s+[^.;]{0,60}?"
    r"\b(?:reporter|writer|correspondent|editor|columnist|journalist))\b[^.;]{0,80}",
    re.I,
)
_NOTE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _is_contact_note(sentence: str) -> bool:
    match = _CONTACT.fullmatch(sentence.rstrip(".").strip())
    if match is None:
        return False
    who = (match.group("who") or match.group("who2")).strip()
    return bool(_REPORTER.fullmatch(who)) or _is_name_list(who)


_THREE_DIGITS = re.compile(r"\d{3}")
# One of these is in every text _CONTACT matches (folded as IGNORECASE folds).
CONTACT_CUES = ("contact", "reach", "mail", "write")


def is_contact_line(line: str) -> bool:
    """A line of notes on reaching the reporter, with at most a contributor note or the reporter's
    bio beside them: "Contact Priya Raman at praman@ledger.com. Tom Okafor contributed reporting.",
    "Tom Becker covers education for the Ledger. Reach him at tbecker@ledger.com."."""
    low = folded(line)
    if not any(cue in low for cue in CONTACT_CUES):
        return False
    if "@" not in line and not _THREE_DIGITS.search(line):
        return False  # every contact note gives an address or a number
    notes = _NOTE_SPLIT.split(line.strip())
    contacts = [_is_contact_note(n) for n in notes]
    others = [n for n, contact in zip(notes, contacts, strict=True) if not contact]
    return any(contacts) and all(_is_contributor_note(n.rstrip(".")) or _is_bio_note(n) for n in others)


def _is_bio_note(sentence: str) -> bool:
    match = _BIO.fullmatch(sentence.rstrip(".").strip())
    return match is not None and _is_name_list(match.group("who"))
