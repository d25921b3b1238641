"""A summary as JSON or Markdown, for pipes and for people."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from ..schemas import Summary

# Control characters (ANSI escapes among them) from a document are shown, never replayed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def to_json(summary: Summary) -> str:
    return summary.model_dump_json(indent=2)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *items, ""] if items else []


def to_markdown(summary: Summary) -> str:
    names = {a.id: a.name for a in summary.actors}
    actors = [
        f"| {a.id} | {_cell(a.name)} | {a.kind} | {_cell(a.role)} | {_cell(', '.join(a.aliases))} |"
        for a in summary.actors
    ]
    table = ["| id | name | kind | role | aliases |", "|---|---|---|---|---|", *actors] if actors else []
    meta = summary.meta
    lines = [
        f"# {summary.headline}",
        "",
        summary.tldr,
        "",
        *_section("Actors", table),
        *_section(
            "Quotes",
            [
                f"- **{names.get(q.speaker_id, q.speaker_id)}**: “{q.text}” (chars {q.start}–{q.end})"
                for q in summary.quotes
            ],
        ),
        *_section(
            "Stances",
            [
                f"- **{names.get(s.actor_id, s.actor_id)}** on {s.topic}: **{s.position}**"
                for s in summary.stances
            ],
        ),
        *_section("Risks", [f"- [{r.severity}] {r.description} ({r.category})" for r in summary.risks]),
        *_extra_sections(summary),
        *_section("Warnings", [f"- {w}" for w in summary.warnings]),
        f"_{meta.provider} · {meta.model} · template {meta.template.name} · "
        f"{meta.attempts} attempt(s), {meta.usage.total_tokens} tokens_",
    ]
    return visible("\n".join(lines)) + "\n"


def _extra_sections(summary: Summary) -> list[str]:
    """The user's own fields, one section each, evidence quoted with its offsets."""
    from ..fields import user_fields

    lines = []
    for name, value in user_fields(summary).items():
        items = value if isinstance(value, list) else [] if value is None else [value]
        lines += _section(name, [f"- {extra_item(v)}" for v in items])
    return lines


def _is_span(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"text", "start", "end"}


def extra_item(value: Any) -> str:
    """One item of an extra field as a line: `label: revenue · evidence: “...” (chars 0–69)`."""
    data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    if _is_span(data):
        return f"“{data['text']}” (chars {data['start']}–{data['end']})"
    if isinstance(data, list):
        return "; ".join(extra_item(v) for v in data)
    if isinstance(data, dict):
        return " · ".join(f"{k}: {extra_item(v)}" for k, v in data.items())
    return _cell(str(data))
