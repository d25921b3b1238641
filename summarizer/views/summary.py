"""A summary as JSON or Markdown, for pipes and for people."""

from __future__ import annotations

import re

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
        *_section("Warnings", [f"- {w}" for w in summary.warnings]),
        f"_{meta.provider} · {meta.model} · template {meta.template.name} · "
        f"{meta.attempts} attempt(s), {meta.usage.total_tokens} tokens_",
    ]
    return visible("\n".join(lines)) + "\n"
