"""`summarizer eval`: score summaries of every case against its gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..outputs import check_output, shown, write_output
from .shared import (
    CacheDirOption,
    DebugOption,
    NoCacheOption,
    NoLogOption,
    PricesOption,
    Provider,
    SchemaOption,
    _examples,
    _extra,
    _run,
    app,
    stderr,
)


@app.command(
    "eval",
    short_help="Score summaries of every case against its gold annotations.",
    epilog=_examples(
        "summarizer eval fixtures --provider replay --report report.json",
        "summarizer eval fixtures --compare old-report.json --min-score 0.6",
        "summarizer eval fixtures --html report.html --markdown report.md",
        "summarizer eval fixtures --provider local --record",
    ),
)
def eval_command(
    root: Annotated[
        Path, typer.Argument(help="Folder of cases (each with document.txt and gold.json).")
    ] = Path("fixtures"),
    provider: Annotated[
        Provider, typer.Option(help="replay (offline, default), openai or local.")
    ] = Provider["replay"],
    model: Annotated[str | None, typer.Option(help="Model name (replay: which recordings to use).")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint for --provider openai.")
    ] = None,
    record: Annotated[bool, typer.Option(help="Record live exchanges into each case's recordings/.")] = False,
    report: Annotated[Path | None, typer.Option(help="Write the JSON report to FILE.")] = None,
    min_score: Annotated[
        float | None, typer.Option(help="Exit 1 when the aggregate score is below X.")
    ] = None,
    compare: Annotated[
        Path | None, typer.Option(help="An earlier JSON report: show the delta per metric and case.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option(help="Also write a self-contained HTML report to FILE.")
    ] = None,
    markdown: Annotated[Path | None, typer.Option(help="Also write the report as Markdown to FILE.")] = None,
    judge: Annotated[
        bool,
        typer.Option(help="Also ask the model to judge unmatched risks and stances (reported apart)."),
    ] = False,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    prices: PricesOption = None,
    schema: SchemaOption = None,
    no_log: NoLogOption = False,
    debug: DebugOption = False,
) -> None:
    """Score summaries of every case against its gold annotations (offline with replay)."""
    from ..evaluation import compare as compare_reports
    from ..evaluation import evaluate, load_report, write_report
    from ..views.report import eval_table

    def action() -> None:
        for destination in (report, html, markdown):
            if destination is not None:
                check_output(destination)
        baseline = load_report(compare) if compare else None
        options: dict[str, Any] = {"base_url": base_url} if base_url else {}
        options.update(cache=not no_cache, cache_dir=cache_dir, prices=prices, log=not no_log)
        options["extra"] = _extra(schema)
        with stderr.status("evaluating…") as status:
            result = evaluate(
                root,
                provider=provider.value,
                model=model,
                record=record,
                progress=lambda name: status.update(f"evaluating {name}…"),
                judge=judge,
                **options,
            )
        comparison = compare_reports(result, baseline) if baseline else None
        # On a terminal its width; piped, COLUMNS or rich's 80: the table is made to fit 80.
        Console(highlight=False).print(eval_table(result, comparison))
        for case in result.cases:
            if case.error:
                stderr.print(f"{shown(case.case)}: {shown(case.error)}", markup=False)
        if result.judge is not None:
            stderr.print(f"LLM judge (not in the scores): {result.judge}", markup=False)
        if report:
            write_report(result, report, comparison)
        if html:
            from ..views.html import report_html

            write_output(report_html(result, comparison), html)
        if markdown:
            from ..views.report import report_markdown

            write_output(report_markdown(result, comparison), markdown)
        score = result.aggregate.get("score") or 0.0
        if min_score is not None and score < min_score:
            stderr.print(f"Aggregate score {score:.3f} is below --min-score {min_score}.")
            raise typer.Exit(1)

    _run(debug, action)
