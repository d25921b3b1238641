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
            visible(case.case),
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
