"""Furniture that only the lines around it give away: a byline over two lines, the links under a
"Related Topics" header, a press release's media contacts, a pull quote. (A release's
forward-looking statements stay: the risks they list are often the only ones it names.)"""

from __future__ import annotations

import re

from .bylines import BYLINE_PREFIX, is_name, is_role_line

# Navigation that heads the story's own text, not a list of links.
_STORY_GOES_ON = re.compile(r"continue reading|(?:the )?(?:story|article|report) continues", re.IGNORECASE)
_HEADER_WITH_CONTENT = re.compile(r"[:：\-–—]\s*\S")  # "Read more: <headline>", "相关阅读：<headline>"
_PHONE = r"\+?\d[\d\s().-]{6,}\d"
_CONTACT_DETAIL = re.compile(rf"\S+@\S+|{_PHONE}|(?:tel|phone|mobile|fax|e-?mail)\b.*", re.IGNORECASE)
# "Media Contact:", "Investor Contacts", "Press enquiries: press@x.example", and in Spanish,
# German, French, Russian and Chinese releases.
_CONTACT_HEADER = re.compile(
    r"(?:(?:(?:media|press|investor|investors|analyst|company|news|pr)\s+)?(?:contacts?|enquiries|inquiries)"
    r"|pressekontakt|medienkontakt|kontakt f[üu]r (?:medien|journalisten)"
    r"|contactos? (?:de|para) (?:prensa|medios)"
    r"|contact(?:s)? (?:presse|m[ée]dias?)|контакты для сми|контакт для сми|媒体联系(?:人|方式)?)"
    r"\s*(?:[:：]\s*(?P<rest>.{0,120}))?",
    re.IGNORECASE,
)
# The wire's trailer naming who issued the release: "SOURCE Northwind Robotics" (in capitals).
_WIRE_SOURCE = re.compile(r"SOURCE:?\s+[A-Z][^.!?]{0,80}")
_SHORT = 14  # words in a link or a contact line ("Sanne de Vries, Head of Communications, Helion")
_SHORT_CHARACTERS = 120
_FINISHED = ".!?:;\"”’'。！？」』"


def is_link_list_header(line: str) -> bool:
    """Whether a navigation line is a bare header ("Related Topics", "More on this story", "Most
    read"), so the short lines under it are links: not "Read more: <headline>", a link itself,
    and not "Continue reading", over the story's own text."""
    return len(line) <= 40 and not _HEADER_WITH_CONTENT.search(line) and not _STORY_GOES_ON.match(line)


def _unfinished(line: str) -> bool:
    """Short and with no full stop: a link, a heading, a name or a title, not a sentence (in any
    script: a Chinese sentence has no spaces to count words by, and ends in "。")."""
    return len(line.split()) <= _SHORT and len(line) <= _SHORT_CHARACTERS and line[-1:] not in _FINISHED


def _contact_header(line: str) -> bool:
    match = _CONTACT_HEADER.fullmatch(line)
    if match is None:
        return False
    rest = match.group("rest")
    return not rest or _CONTACT_DETAIL.search(rest) is not None


def _belongs(section: str, line: str) -> bool:
    """Whether `line` goes on with the section its header opened: a link, or a contact's name,
    title, address or number."""
    if section == "contact" and _CONTACT_DETAIL.fullmatch(line):
        return True
    return _unfinished(line)


_MOST_PULL_QUOTES = 20
_WHOLE_QUOTE = re.compile(r"[“\"](?P<words>[^“”\"]{20,})[”\"]")
_QUOTE_END = " .,;:!?…"


def _mark_pull_quotes(lines: list[str], reasons: list[str | None]) -> None:
    """A line that is only a quotation its story already gives with its speaker is a pull quote:
    a repeat with no attribution, which would read as a second, unattributed quote."""
    whole = {
        i: m for i, line in enumerate(lines) if reasons[i] is None and (m := _WHOLE_QUOTE.fullmatch(line))
    }
    if not whole or len(whole) > _MOST_PULL_QUOTES:
        return  # a page has a few pull quotes; many quotation lines are a dialogue (and each look scans)
    story = "\n".join(line for i, line in enumerate(lines) if reasons[i] is None and i not in whole)
    for i, match in whole.items():
        if match.group("words").strip(_QUOTE_END) in story:
            reasons[i] = "pull-quote"


_BYLINE_NAME = re.compile(rf"{BYLINE_PREFIX}\s+(?P<name>[^,|]{{3,60}}?)\s*(?:[,|].*)?")
_MOST_BIO_WORDS = 45


def _mark_author_bios(lines: list[str], reasons: list[str | None]) -> None:
    """A short line that says who the byline's author is ("Helena Cruz is a transportation
    planner and a contributing columnist.") is about the page, not the story: the author is no
    actor, and her bio no lead."""
    authors = {
        match.group("name")
        for i, line in enumerate(lines)
        if reasons[i] == "byline" and (match := _BYLINE_NAME.fullmatch(line))
    }
    if not authors:
        return
    openings = tuple(f"{name} is {article} " for name in authors for article in ("a", "an", "the"))
    for i, line in enumerate(lines):
        short = len(line.split()) <= _MOST_BIO_WORDS and '"' not in line and "“" not in line
        if reasons[i] is None and short and line.startswith(openings):
            reasons[i] = "bio"


def read_sections(lines: list[str], reasons: list[str | None]) -> None:
    """Give each kept line of `lines` its reason by the lines around it, in place (`reasons` holds
    each line's own reason, None for content): the reporter's name over their role ("Helen Marsh"
    / "Environment correspondent"); the short lines under a bare "Related Topics" header; the
    names, addresses and numbers under "Media Contact:"; a wire's "SOURCE Company" trailer; a pull
    quote."""
    _mark_pull_quotes(lines, reasons)
    _mark_author_bios(lines, reasons)
    section: str | None = None  # the reason the lines under the last header get
    for i, line in enumerate(lines):
        reason = reasons[i]
        if reason == "navigation" and is_link_list_header(line):
            section = "navigation"
            continue
        if reason is not None:
            continue  # furniture between a header and its lines keeps the section open
        if _contact_header(line):
            reasons[i] = section = "contact"
        elif _WIRE_SOURCE.fullmatch(line):
            reasons[i] = "press-release"
            section = None
        elif section is not None and _belongs(section, line):
            reasons[i] = section
        else:
            section = None
            if i + 1 < len(lines) and " " in line and is_role_line(lines[i + 1]) and is_name(line):
                reasons[i] = "byline"
