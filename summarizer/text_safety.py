"""Text that reaches a person: no invisible characters, no links, no runaway length.

Documents and model answers can carry characters a reader cannot see: zero-width spaces and
joiners, right-to-left overrides that reverse what a terminal or browser shows, byte-order
marks, tag characters, C0/C1 control codes. They are used to hide text from a reader or to make
one string look like another. Everything the views print goes through `strip_invisible`
(free text) or `reveal_invisible` (document text, whose exact characters matter), and short
echoes of dropped items (warnings) go through `short_name`.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode "format" characters (Cf: zero-width space/joiners, bidi embeddings, overrides and
# isolates, soft hyphen, word joiner, BOM, tag characters...) and control codes other than
# tab and newline.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"


# Unicode 14's Cf characters that have no visible form of their own (the Arabic and
# hieroglyph number/format signs, which render, are left out).
_FORMAT = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U000e0001\U000e0020-\U000e007f"
)


# Hangul fillers and the Mongolian vowel separator render as nothing but are not Cf.
INVISIBLE = re.compile(f"[{_CONTROL}{_FORMAT}\u115f\u1160\u3164\uffa0\u180e]")

# Links in any of the forms a model or a document writes them.
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
LINK = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\b(?:javascript|vbscript|data|mailto|file|tel|sms):|//|\bwww\.)"
    r"[^\s<>\"'“”‘’\]]*[^\s<>\"'“”‘’\].,;:!?]"
    r"|\b(?:[a-z0-9-]{1,63}\.)+(?:com|org|net|io|co|info|biz|xyz|ru|cn|me|ly|gg|app|dev|ai|"
    r"example|top|site|online|link|click|zip|mov|uk|de|fr|us)\b(?:/[^\s<>\"'“”‘’\]]*[^\s<>\"'“”‘’)\].,;:!?])?",
    re.IGNORECASE,
)


def strip_invisible(text: str) -> str:
    """`text` without invisible characters (format characters and control codes; tab and
    newline stay)."""
    return INVISIBLE.sub("", text)


def reveal_invisible(text: str) -> str:
    """`text` with each invisible character shown as an escape (`\\u202e`), so a reader sees
    that it is there without its effect. For document text, where every character counts."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return INVISIBLE.sub(escape, text)


def has_invisible(text: str) -> bool:
    return INVISIBLE.search(text) is not None


def strip_links(text: str) -> str:
    """`text` without links: `[label](url)` keeps its label; bare URLs, `www.` and domain
    names are removed."""
    text = _MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    return LINK.sub("", text)


def short_name(text: str, limit: int = 60) -> str:
    """A short, safe echo of model or document text for a warning: invisible characters and
    links removed, whitespace collapsed, cut to `limit` characters with an ellipsis."""
    cleaned = " ".join(strip_links(strip_invisible(unicodedata.normalize("NFC", text))).split())
    cleaned = re.sub(r"\s+([,.;:!?)])", r"\1", cleaned).strip(" ,;:-")
    if len(cleaned) <= limit:
        return cleaned
    cut = cleaned[: max(1, limit - 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"
