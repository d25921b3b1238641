"""Strip navigation, promotional and legal boilerplate, without ever rewriting the source.

Cleaning only decides which lines of the original text are content. It never edits characters,
so every offset computed later still points into the ORIGINAL document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line is boilerplate when its stripped text matches one of these. They are written for the
# furniture of news sites, press-release wires and transcript services, not for one source.
_BOILERPLATE = [
    r"(see also|read next|read more|also read|related( coverage| articles?| stories| reading)?"
    r"|more from|recommended( for you)?|trending( now)?|most popular|don'?t miss)\s*([:\-–—].*)?",
    r"(subscribe|sign up|newsletter|follow us|share (this|on|via)|click here|download (our|the) app"
    r"|get the latest|join our|listen to|watch:)\b.*",
    r"disclaimer\s*:.*",
    r"(photo|image|picture|video|graphic)s?\s*(courtesy|credit|by|source|:).*",
    r"(©|\(c\)\s|copyright\s+(©|\(c\)|\d{4})).*",
    r".*\ball rights reserved\b.*",
    r".{0,80}\bbrought to you by\b.{0,80}",
    r"(advertisement|sponsored( content)?|ad)\s*",
    r"(tags?|topics?|filed under)\s*:.*",
    r"(this (article|story|content) (was|is) (partially )?(produced|generated|written)).*",
]
_BOILERPLATE_RE = re.compile(r"^(?:" + "|".join(_BOILERPLATE) + r")$", re.IGNORECASE)
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

    def kept_text(self) -> str:
        return "\n".join(self.text[r.start : r.end] for r in self.kept)

    def is_kept(self, start: int, end: int) -> bool:
        return any(r.start <= start and end <= r.end for r in self.kept)


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE_RE.match(line.strip()))


def clean(text: str) -> CleanedDocument:
    """Split `text` into kept content lines and removed boilerplate lines, by offsets."""
    kept: list[Region] = []
    removed: list[Region] = []
    for match in _LINE_RE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        # Offsets of the line without its surrounding whitespace.
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        (removed if is_boilerplate(stripped) else kept).append(Region(start, end))
    return CleanedDocument(text=text, kept=tuple(kept), removed=tuple(removed))
