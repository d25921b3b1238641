"""A summary as JSON or Markdown, for pipes and for people.

Nothing a document or a model wrote can change what a view shows beyond its own text:

- JSON keeps every string exact (offsets still index the source), but invisible characters
  (bidi overrides, zero-width characters, control codes) are written as `\\uXXXX` escapes, so a
  terminal shows them instead of obeying them; `json.loads` gives the same strings back.
- Markdown escapes every field: no raw HTML, no headings, lists, emphasis or tables injected, no
  line breaks inside a field, and no link that is not in the source (free text loses it; links
  the document itself contains stay as plain text). Invisible characters are removed from free
  text and shown as escapes in quotes.
- HTML autoescapes (see `html.py`) and gets the same invisible-character treatment
  (`displayable`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from ..schemas import Summary
from ..text_safety import INVISIBLE, LINK, reveal_invisible, strip_invisible

# Control characters (ANSI escapes among them) from a document are shown, never replayed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with control and invisible characters shown as escapes."""
    return reveal_invisible(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def to_json(summary: Summary) -> str:
    """The summary as JSON; invisible characters inside strings become `\\uXXXX` escapes."""
    return INVISIBLE.sub(lambda m: json.dumps(m.group())[1:-1], summary.model_dump_json(indent=2))


def displayable(summary: Summary) -> Summary:
    """A copy for display: invisible characters removed from the model's free text and shown as
    escapes in document text (quotes, evidence). Only for views: its spans are no longer exact."""
    data = summary.model_dump()

    def clean(value: object, exact: bool = False) -> object:
        if isinstance(value, str):
            return reveal_invisible(value) if exact else strip_invisible(value)
        if isinstance(value, list):
            return [clean(v, exact) for v in value]
        if isinstance(value, dict):
            return {k: clean(v, exact or k in ("text", "missed")) for k, v in value.items()}
        return value

    return Summary.model_validate(clean(data))


# --- Markdown ------------------------------------------------------------------------------------

# Every ASCII character that can start Markdown or HTML structure inside a line.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#!|~&^])")
# What makes a line a heading, list item, quote block, rule or table when it starts one.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def _md(value: str, source: str = "", *, exact: bool = False) -> str:
    """One field as Markdown text: one line, every special character escaped.

    Free text (exact=False) loses invisible characters and any link absent from `source`;
    document text (exact=True) shows invisible characters as escapes and keeps its links.
    """
    if exact:
        value = reveal_invisible(value)
    else:
        value = strip_invisible(value)
        value = LINK.sub(lambda m: m.group() if m.group() in source else "[link removed]", value)
    value = " ".join(value.split())  # no line breaks: no structure of its own
    value = _INLINE.sub(r"\\\1", value)
    # A bare link the document contains stays, but as text: GFM would autolink `www.` and `://`.
    value = re.sub(r"(?i)\b(https?|ftp)://", r"\1:\\/\\/", value)
    value = re.sub(r"(?i)\bwww\.", r"www\\.", value)
    return _LINE_START.sub(r"\1\\\2", value)


def _cell(value: str, source: str = "") -> str:
    return _md(value, source)


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *items, ""] if items else []


def to_markdown(summary: Summary, source: str = "") -> str:
    """The summary as Markdown. `source` is the document: links in free text that it does not
    contain are removed (without it, every link in free text is)."""
    names = {a.id: a.name for a in summary.actors}

    def name(actor_id: str) -> str:
        return _md(names.get(actor_id, actor_id), source)

    actors = [
        f"| {_md(a.id)} | {_cell(a.name, source)} | {a.kind} | {_cell(a.role, source)} | "
        f"{_cell(', '.join(a.aliases), source)} |"
        for a in summary.actors
    ]
    table = ["| id | name | kind | role | aliases |", "|---|---|---|---|---|", *actors] if actors else []
    meta = summary.meta
    lines = [
        f"# {_md(summary.headline, source)}",
        "",
        _md(summary.tldr, source),
        "",
        *_section("Actors", table),
        *_section(
            "Quotes",
            [
                f"- **{name(q.speaker_id)}**: “{_md(q.text, source, exact=True)}” (chars {q.start}–{q.end})"
                for q in summary.quotes
            ],
        ),
        *_section(
            "Stances",
            [
                f"- **{name(s.actor_id)}** on {_md(s.topic, source)}: **{s.position}**"
                for s in summary.stances
            ],
        ),
        *_section(
            "Risks",
            [
                f"- \\[{r.severity}\\] {_md(r.description, source)} ({_md(r.category, source)})"
                for r in summary.risks
            ],
        ),
        *_extra_sections(summary, source),
        *_section("Warnings", [f"- {_md(w, source)}" for w in summary.warnings]),
        f"_{_md(meta.provider)} · {_md(meta.model)} · template {_md(meta.template.name)} · "
        f"{meta.attempts} attempt(s), {meta.usage.total_tokens} tokens_",
    ]
    return visible("\n".join(lines)) + "\n"


def _extra_sections(summary: Summary, source: str = "") -> list[str]:
    """The user's own fields, one section each, evidence quoted with its offsets."""
    from ..fields import user_fields

    lines = []
    for name, value in user_fields(summary).items():
        items = value if isinstance(value, list) else [] if value is None else [value]
        lines += _section(_md(name), [f"- {extra_item(v, source)}" for v in items])
    return lines


def _is_span(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"text", "start", "end"}


def extra_item(value: Any, source: str = "") -> str:
    """One item of an extra field as a line: `label: revenue · evidence: “...” (chars 0–69)`,
    escaped like every other field (the span's text is the document's own)."""
    data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    if _is_span(data):
        return f"“{_md(data['text'], source, exact=True)}” (chars {data['start']}–{data['end']})"
    if isinstance(data, list):
        return "; ".join(extra_item(v, source) for v in data)
    if isinstance(data, dict):
        return " · ".join(f"{_md(str(k))}: {extra_item(v, source)}" for k, v in data.items())
    return _md(str(data), source)
