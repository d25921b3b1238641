"""Turn a Summary into JSON or Markdown for people and pipes."""

from __future__ import annotations

from .schemas import Summary


def to_json(summary: Summary) -> str:
    return summary.model_dump_json(indent=2)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def to_markdown(summary: Summary) -> str:
    names = {a.id: a.name for a in summary.actors}
    lines = [f"# {summary.headline}", "", summary.tldr, ""]
    if summary.actors:
        lines += ["## Actors", "", "| id | name | kind | role | aliases |", "|---|---|---|---|---|"]
        lines += [f"| {a.id} | {_cell(a.name)} | {a.kind} | {_cell(a.role)} | {_cell(', '.join(a.aliases))} |"
                  for a in summary.actors]
        lines.append("")
    if summary.quotes:
        lines += ["## Quotes", ""]
        lines += [f"- **{names.get(q.speaker_id, q.speaker_id)}**: “{q.text}” (chars {q.start}–{q.end})"
                  for q in summary.quotes]
        lines.append("")
    if summary.stances:
        lines += ["## Stances", ""]
        lines += [f"- **{names.get(s.actor_id, s.actor_id)}** on {s.topic}: **{s.position}**"
                  for s in summary.stances]
        lines.append("")
    if summary.risks:
        lines += ["## Risks", ""]
        lines += [f"- [{r.severity}] {r.description} ({r.category})" for r in summary.risks]
        lines.append("")
    if summary.warnings:
        lines += ["## Warnings", ""] + [f"- {w}" for w in summary.warnings] + [""]
    meta = summary.meta
    lines.append(f"_{meta.provider} · {meta.model} · template {meta.template.name} · "
                 f"{meta.attempts} attempt(s), {meta.usage.total_tokens} tokens_")
    return "\n".join(lines) + "\n"


FORMATS = {"json": to_json, "markdown": to_markdown}
