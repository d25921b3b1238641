"""An eval report for people: a terminal table and Markdown (the HTML page is in `html.py`)."""

from __future__ import annotations

from .summary import visible

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


# The terminal table keeps to 80 columns: per case the score and the five metrics a reader
# looks at first. Every metric, per case and with precision and recall, is in the JSON report
# (--report), the Markdown (--markdown) and the HTML page (--html).
TABLE_COLUMNS = (
    ("score", "score"),
    ("actor_f1", "actors"),
    ("quote_f1", "quotes"),
    ("speaker_accuracy", "speaker"),
    ("stance_recall", "stances"),
    ("risk_coverage", "risks"),
)
TABLE_LEGEND = "actors, quotes: F1 · speaker: accuracy on matched quotes · stances: recall · risks: coverage"


def _fmt(value: float | None, delta: float | None = None) -> str:
    """A score, with its change under it (a second line keeps the column narrow)."""
    text = "–" if value is None else f"{value:.2f}"
    if delta:
        colour = "green" if delta > 0 else "red"
        text += f"\n[{colour}]{delta:+.2f}[/{colour}]"
    return text


def _aggregate_line(report) -> str:  # type: ignore[no-untyped-def]
    agg = report.aggregate
    valid = sum(case.valid for case in report.cases)

    def score(key: str) -> str:
        value = agg.get(key)
        return "–" if value is None else f"{value:.2f}"

    return (
        f"{len(report.cases)} cases, {valid} with a valid summary · grounded {score('grounding_rate')} · "
        f"position accuracy {score('position_accuracy')} · risk precision {score('risk_precision')} · "
        f"forbidden actors {int(agg.get('forbidden_actors') or 0)} · {int(agg.get('calls') or 0)} calls · "
        f"{int(agg.get('tokens') or 0):,} tokens · {agg.get('seconds') or 0:.1f} s"
    )


def eval_table(report, comparison=None):  # type: ignore[no-untyped-def]
    """A rich renderable that fits an 80-column terminal: one row per case, the aggregate row,
    deltas under the scores when comparing, and the remaining aggregate figures in one line."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"eval · {report.provider} · {report.model or 'recorded model'}",
        caption=TABLE_LEGEND,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),  # with the box's spaces, two blanks between columns
    )
    table.add_column("case", overflow="fold")
    for _, title in TABLE_COLUMNS:
        table.add_column(title, justify="right")
    case_deltas = (comparison or {}).get("cases", {})
    for case in report.cases:
        deltas = case_deltas.get(case.case, {})
        name = visible(case.case) if case.valid else f"{visible(case.case)}\n  [red]no valid summary[/red]"
        table.add_row(name, *[_fmt(getattr(case, key), deltas.get(key)) for key, _ in TABLE_COLUMNS])
    agg = report.aggregate
    agg_deltas = (comparison or {}).get("aggregate", {})
    table.add_section()
    table.add_row(
        "[bold]aggregate[/bold]", *[_fmt(agg.get(key), agg_deltas.get(key)) for key, _ in TABLE_COLUMNS]
    )
    return Group(
        table,
        Text(_aggregate_line(report), style="dim"),
        Text("Every metric per case: --report FILE (JSON), --markdown FILE or --html FILE.", style="dim"),
    )


# --- batch progress ----------------------------------------------------------------------------


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
