"""Turn a Summary into JSON or Markdown for people and pipes."""

from __future__ import annotations

import re

from .schemas import Summary

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


FORMATS = {"json": to_json, "markdown": to_markdown}


# --- evaluation reports ------------------------------------------------------------------------

EVAL_COLUMNS = (
    ("actor_f1", "actor F1"),
    ("quote_f1", "quote F1"),
    ("speaker_accuracy", "speaker"),
    ("grounding_rate", "grounded"),
    ("stance_recall", "stance R"),
    ("position_accuracy", "position"),
    ("risk_coverage", "risk cov"),
    ("risk_precision", "risk P"),
    ("score", "score"),
)


def _fmt(value: float | None, delta: float | None = None) -> str:
    text = "–" if value is None else f"{value:.2f}"
    if delta:
        colour = "green" if delta > 0 else "red"
        text += f" [{colour}]({delta:+.2f})[/{colour}]"
    return text


def eval_table(report, comparison=None):  # type: ignore[no-untyped-def]
    """A rich Table: one row per case, then the aggregate row, with deltas when comparing."""
    from rich.table import Table

    table = Table(title=f"eval · {report.provider} · {report.model or 'recorded model'}")
    table.add_column("case", no_wrap=True)
    table.add_column("valid")
    for _, title in EVAL_COLUMNS:
        table.add_column(title, justify="right")
    table.add_column("forbidden", justify="right")
    table.add_column("calls", justify="right")
    table.add_column("tokens", justify="right")
    table.add_column("s", justify="right")
    case_deltas = (comparison or {}).get("cases", {})
    for case in report.cases:
        deltas = case_deltas.get(case.case, {})
        table.add_row(
            case.case,
            "yes" if case.valid else "[red]no[/red]",
            *[_fmt(getattr(case, key), deltas.get(key)) for key, _ in EVAL_COLUMNS],
            str(case.forbidden_actors),
            str(case.calls),
            str(case.tokens),
            f"{case.seconds:.1f}",
        )
    agg = report.aggregate
    agg_deltas = (comparison or {}).get("aggregate", {})
    table.add_section()
    table.add_row(
        "[bold]aggregate[/bold]",
        _fmt(agg.get("schema_validity_rate")),
        *[_fmt(agg.get(key), agg_deltas.get(key)) for key, _ in EVAL_COLUMNS],
        str(int(agg.get("forbidden_actors") or 0)),
        str(int(agg.get("calls") or 0)),
        str(int(agg.get("tokens") or 0)),
        f"{agg.get('seconds') or 0:.1f}",
    )
    return table


# --- batch progress ----------------------------------------------------------------------------


class batch_progress:  # noqa: N801 - used as a context manager, like rich's own
    """A rich progress bar (done, failed, tokens, ETA) fed by run_batch's on_update."""

    def __init__(self, console):  # type: ignore[no-untyped-def]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("summarizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed {task.fields[failed]}"),
            TextColumn("{task.fields[tokens]} tokens"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=None, failed=0, tokens=0)

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.progress.start()
        return self.update

    def update(self, stats) -> None:  # type: ignore[no-untyped-def]
        self.progress.update(
            self.task,
            total=stats.total,
            completed=stats.skipped + stats.done + stats.failed,
            failed=stats.failed,
            tokens=stats.usage.total_tokens,
        )

    def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
        self.progress.stop()


def batch_report(stats, output) -> str:  # type: ignore[no-untyped-def]
    """The closing lines of a batch: counts, tokens and (with a price table) the cost."""
    lines = [
        f"{stats.done} summarized, {stats.failed} failed, {stats.skipped} already done, "
        f"of {stats.total} documents -> {output}",
        f"tokens: {stats.usage.prompt_tokens} prompt + {stats.usage.completion_tokens} completion "
        f"= {stats.usage.total_tokens} in {stats.usage.calls} calls",
    ]
    if stats.cost is not None:
        lines.append(f"estimated cost: ${stats.cost:.4f}")
    if stats.stopped_for_budget:
        lines.append("Stopped at the --max-cost budget; run again with --resume to continue.")
    return "\n".join(lines)


def report_markdown(report, comparison=None) -> str:  # type: ignore[no-untyped-def]
    """The eval report as a Markdown table (deltas in brackets), then the misses per case."""
    deltas = (comparison or {}).get("cases", {})
    head = ["case", "valid", *[title for _, title in EVAL_COLUMNS]]
    lines = [
        f"# Evaluation: {report.provider} · {report.model or 'recorded model'}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]

    def cell(value, delta=None) -> str:  # type: ignore[no-untyped-def]
        text = "–" if value is None else f"{value:.2f}"
        return text + (f" ({delta:+.2f})" if delta else "")

    for case in report.cases:
        d = deltas.get(case.case, {})
        lines.append(
            "| "
            + " | ".join(
                [
                    case.case,
                    "yes" if case.valid else "**no**",
                    *[cell(getattr(case, k), d.get(k)) for k, _ in EVAL_COLUMNS],
                ]
            )
            + " |"
        )
    agg, agg_d = report.aggregate, (comparison or {}).get("aggregate", {})
    lines.append(
        "| **aggregate** | "
        + cell(agg.get("schema_validity_rate"))
        + " | "
        + " | ".join(cell(agg.get(k), agg_d.get(k)) for k, _ in EVAL_COLUMNS)
        + " |"
    )
    lines += ["", "## Misses", ""]
    for case in report.cases:
        missing = {k: v for k, v in case.misses.model_dump().items() if v}
        if case.error or missing:
            lines.append(f"- **{case.case}**" + (f": {case.error}" if case.error else ""))
            lines += [f"  - {k.replace('_', ' ')}: {'; '.join(v)}" for k, v in missing.items()]
    return visible("\n".join(lines)) + "\n"
