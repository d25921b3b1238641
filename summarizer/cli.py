"""The command line: parse, call the library, print; errors become one-line messages here.

Exit codes: 0 success; 1 the input or the model's answer could not become a valid summary;
2 usage or configuration error.

Start-up is kept short: this module imports only the registries (providers, modes, formats);
the pipeline, and so the `openai` SDK and instructor, load inside a command when it runs, so
`--help`, `--version` and argument errors never pay for them.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from . import __version__
from .documents import read_source
from .errors import ConfigError, SummarizerError
from .outputs import check_output, shown, write_output
from .providers import REGISTRY
from .settings import MODES, resolve_settings
from .views import formats, render

app = typer.Typer(
    help="Typed, grounded summaries of articles, press releases and transcripts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


# Choices come from the registries: a new provider, mode or format needs no edit here.
Provider = Enum("Provider", {name: name for name in REGISTRY}, type=str)  # type: ignore[misc]
Mode = Enum("Mode", {name: name for name in MODES}, type=str)  # type: ignore[misc]
Format = Enum("Format", {name: name for name in formats()}, type=str)  # type: ignore[misc]
Selection = Enum("Selection", {"all": "all", "selected": "selected"}, type=str)  # type: ignore[misc]


DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks and HTTP logs.")]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Do not answer repeated requests from the response cache.")
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(help="Response cache folder (default SUMMARIZER_CACHE_DIR, else ~/.cache/summarizer)."),
]
PricesOption = Annotated[
    Path | None,
    typer.Option(
        help="JSON price table: model -> {input, output} dollars per million tokens "
        "(overrides genai-prices for the models it lists)."
    ),
]
SchemaOption = Annotated[
    str | None,
    typer.Option(
        "--schema",
        help="Your own grounded fields: module:Class (a Pydantic model) or a fields .json file.",
    ),
]
NoLogOption = Annotated[
    bool, typer.Option("--no-log", help="Do not add this run to the history (or SUMMARIZER_NO_LOG=1).")
]


def _run(debug: bool, action):  # type: ignore[no-untyped-def]
    """Run `action`, turning library errors into a message and an exit code."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.CRITICAL)
    try:
        return action()
    except SummarizerError as exc:
        if debug:  # the traceback too, but the same exit code as without --debug
            traceback.print_exc(file=sys.stderr)
        stderr.print(f"error: {exc}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr.print("Interrupted.")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug, not a user error: still one sentence without --debug
        if debug:
            raise
        stderr.print(
            f"error: unexpected {type(exc).__name__}: {shown(str(exc)[:200])}. Run again with --debug for "
            "the details, and please report it.",
            markup=False,
        )
        raise typer.Exit(1) from None


def _examples(*commands: str) -> str:
    """An epilog of example commands, kept as written (\\b) and within 80 columns."""
    lines = []
    for command in commands:
        while len(command) > 74:  # continue a long command on the next line, shell-style
            cut = command.rfind(" --", 0, 72)
            lines.append(f"  {command[:cut]} \\")
            command = "    " + command[cut + 1 :]
        lines.append(f"  {command}")
    return "Examples:\n\n\b\n" + "\n".join(lines)


def _extra(schema: str | None) -> Any:
    """The extra fields `--schema` names (None without it); a bad schema is a ConfigError."""
    if schema is None:
        return None
    from .fields import load_schema

    return load_schema(schema)


def _write(text: str, output: Path | None) -> None:
    write_output(text if text.endswith("\n") else text + "\n", output)


@app.command(
    short_help="Summarize one document into JSON, Markdown or HTML.",
    epilog=_examples(
        "summarizer summarize seeds/us_china_diplomacy.txt --provider replay --fixtures fixtures",
        "summarizer summarize article.txt --format html -o view.html",
        "OPENAI_API_KEY=... summarizer summarize article.txt --format markdown",
        "summarizer summarize call.txt --base-url http://localhost:11434/v1 --model llama3.1",
        "cat article.txt | summarizer summarize - -o summary.json",
    ),
)
def summarize(
    path: Annotated[
        str, typer.Argument(help="Document to summarize: a file, an http(s) URL, or - for standard input.")
    ],
    provider: Annotated[
        Provider | None,
        typer.Option(
            help="Where the model runs. Default: SUMMARIZER_PROVIDER, else openai if "
            "OPENAI_API_KEY/OPENAI_BASE_URL is set, else local."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name (default gpt-4o-mini for openai).")] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama."),
    ] = None,
    mode: Annotated[
        Mode | None,
        typer.Option(help="How the schema is enforced: tools (default), json_schema or md_json."),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help=f"Output format: {', '.join(formats())}.")
    ] = Format["json"],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    fixtures: Annotated[
        Path | None, typer.Option(help="Folder of recorded exchanges (for replay or --record).")
    ] = None,
    record: Annotated[bool, typer.Option(help="Record the live exchange into --fixtures.")] = False,
    template: Annotated[
        Path | None,
        typer.Option(help="Your own prompt: a system .j2 file, or a folder with system.j2 and user.j2."),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Fail (exit 1) instead of dropping items that cannot be grounded.")
    ] = False,
    quotes: Annotated[
        Selection,
        typer.Option(
            help="all: every quote whose speaker the text states; selected: only the model's picks."
        ),
    ] = Selection["all"],
    actors: Annotated[
        Selection,
        typer.Option(help="all: every actor the document names; selected: the model's and those needed."),
    ] = Selection["all"],
    max_tokens: Annotated[int, typer.Option(help="Output token limit per call.")] = 2048,
    model_path: Annotated[
        Path | None,
        typer.Option(help="GGUF file for --provider local (default: the embedded SmolLM2-135M)."),
    ] = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    prices: PricesOption = None,
    schema: SchemaOption = None,
    no_log: NoLogOption = False,
    debug: DebugOption = False,
    output_language: Annotated[
        str | None,
        typer.Option(
            help="Language of the headline, tldr and descriptions (es, German, ...; default: the document's)."
        ),
    ] = None,
) -> None:
    """Summarize one document (a file, - for standard input, or an http(s) URL) into JSON,
    Markdown or HTML, with grounded quotes and evidence."""

    def action() -> None:
        document = read_source(path)
        text = document.text
        settings = resolve_settings(
            provider.value if provider else None,
            model=model,
            base_url=base_url,
            mode=mode.value if mode else None,
            fixtures=fixtures,
            record=record,
            template=template,
            strict=strict,
            quotes=quotes.value,
            actors=actors.value,
            max_tokens=max_tokens,
            model_path=model_path,
            cache=not no_cache,
            cache_dir=cache_dir,
            prices=prices,
            log=not no_log,
            extra=_extra(schema),
            output_language=output_language,
        )
        check_output(output)  # before the model call is paid for
        from .pipeline import summarize as summarize_text  # the SDK loads only when it is needed

        with stderr.status("summarizing…"):  # shown on a terminal only; a local model takes seconds
            summary = summarize_text(text, settings=settings, source=path)
        summary.meta.source_url, summary.meta.retrieved_at = document.url, document.retrieved_at
        _write(render(format.value, summary, text), output)

    _run(debug, action)


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
    from .evaluation import compare as compare_reports
    from .evaluation import evaluate, load_report, write_report
    from .views.report import eval_table

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
            from .views.html import report_html

            write_output(report_html(result, comparison), html)
        if markdown:
            from .views.report import report_markdown

            write_output(report_markdown(result, comparison), markdown)
        score = result.aggregate.get("score") or 0.0
        if min_score is not None and score < min_score:
            stderr.print(f"Aggregate score {score:.3f} is below --min-score {min_score}.")
            raise typer.Exit(1)

    _run(debug, action)


@app.command(
    "batch",
    short_help="Summarize many documents into one JSONL file.",
    epilog=_examples(
        "summarizer batch articles/*.txt -o out.jsonl --concurrency 16",
        "summarizer batch articles/*.txt -o out.jsonl --resume   # continue after a stop",
        "summarizer batch docs/*.txt -o out.jsonl --prices prices.json --max-cost 5",
    ),
)
def batch_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents to summarize.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL file: one line per document.")],
    concurrency: Annotated[int, typer.Option(help="Documents in flight at once.")] = 8,
    resume: Annotated[
        bool, typer.Option(help="Keep finished lines of OUT, retry failed ones, skip done ones.")
    ] = False,
    provider: Annotated[
        Provider | None, typer.Option(help="openai, local or replay (as for summarize).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name.")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint.")] = None,
    fixtures: Annotated[Path | None, typer.Option(help="Recordings folder (replay).")] = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    prices: PricesOption = None,
    max_cost: Annotated[
        float | None, typer.Option(help="Stop cleanly once the estimated cost reaches this many dollars.")
    ] = None,
    context_tokens: Annotated[
        int | None, typer.Option(help="The model's context window; longer documents are chunked.")
    ] = None,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api", help="Go through the provider's Batch API (cheaper, slower; openai only)."
        ),
    ] = False,
    poll_interval: Annotated[float, typer.Option(help="Seconds between Batch API status checks.")] = 30.0,
    schema: SchemaOption = None,
    no_log: NoLogOption = False,
    debug: DebugOption = False,
) -> None:
    """Summarize many documents into one JSONL file, with progress, resume and a cost report."""
    import asyncio

    from .batch import Prices, execute_batch, prepare_batch
    from .views.progress import batch_progress, batch_report

    def action() -> None:
        extra: dict[str, Any] = {"context_tokens": context_tokens} if context_tokens is not None else {}
        settings = resolve_settings(
            provider.value if provider else None,
            model=model,
            base_url=base_url,
            fixtures=fixtures,
            cache=not no_cache,
            cache_dir=cache_dir,
            prices=prices,
            log=not no_log,
            extra=_extra(schema),
            **extra,
        )
        table = Prices.load(prices) if prices else None
        if max_cost is not None and table is None:
            raise ConfigError("--max-cost needs --prices FILE to turn tokens into money.")
        if batch_api:
            from .openai_batch import run_openai_batch

            with stderr.status("waiting for the Batch API…"):
                result = run_openai_batch(paths, output, settings, resume=resume, poll_interval=poll_interval)
            stderr.print(
                f"{result.done} summarized, {result.failed} failed, {result.skipped} already "
                f"done in {result.rounds} round(s) -> {shown(output)}; tokens: {result.usage.total_tokens}",
                markup=False,
            )
            raise typer.Exit(1 if result.failed else 0)
        # Every check happens here, before the progress bar is drawn and before any call.
        plan = prepare_batch(
            paths, output, settings, concurrency=concurrency, resume=resume, prices=table, max_cost=max_cost
        )
        with batch_progress(stderr) as update:
            stats = asyncio.run(execute_batch(plan, update))
        stderr.print(batch_report(stats, output), markup=False)
        if stats.failed:
            raise typer.Exit(1)

    _run(debug, action)


@app.command(
    "schema",
    epilog=(
        "Examples:\n\n"
        "  summarizer schema > summary.schema.json\n\n"
        "  summarizer schema --draft      # what the model is asked to fill\n\n"
        "  summarizer schema --schema fields.json --draft   # with your own fields"
    ),
)
def schema_command(
    draft: Annotated[
        bool, typer.Option("--draft", help="The draft the model fills in (ids, not text) instead.")
    ] = False,
    schema: SchemaOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the JSON Schema of the output (draft 2020-12), for programs that validate it."""
    _run(debug, lambda: _print_schema(draft, schema))


def _print_schema(draft: bool, fields: str | None) -> None:
    from .schemas import SCHEMA_VERSION, Summary, SummaryDraft

    extra = _extra(fields)
    if extra is None:
        model: type[Any] = SummaryDraft if draft else Summary
    else:
        model = extra.draft_model if draft else extra.output_model
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:summarizer:{model.__name__}:{SCHEMA_VERSION}",
        **model.model_json_schema(),
    }
    _write(json.dumps(schema, indent=2, ensure_ascii=False), None)


logs_app = typer.Typer(
    help="The history of every run: list, show one, or find the database.",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(logs_app, name="logs")


def _history():  # type: ignore[no-untyped-def]
    from .history import History
    from .settings import default_data_dir

    return History.in_dir(default_data_dir())


@logs_app.callback(
    epilog=(
        "Examples:\n\n"
        "  summarizer logs -n 50\n\n"
        "  summarizer logs --json -n 5\n\n"
        "  summarizer logs show 12 --format markdown\n\n"
        "  summarizer logs path"
    ),
)
def logs_command(
    ctx: typer.Context,
    count: Annotated[int, typer.Option("--count", "-n", help="How many recent runs.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for programs: every field.")] = False,
) -> None:
    """List recent runs, newest first (summarize, batch documents, eval cases)."""
    if ctx.invoked_subcommand is not None:
        return
    runs = _history().recent(count)
    if as_json:
        _write(json.dumps([run.model_dump() for run in runs], indent=2, ensure_ascii=False), None)
    else:
        from .views.history import runs_table

        _write(runs_table(runs), None)


@logs_app.command("show")
def logs_show(
    run_id: Annotated[int, typer.Argument(metavar="ID", help="A run id from `summarizer logs`.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help=f"Output format: {', '.join(formats())}.")
    ] = Format["json"],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Print one logged run's summary in any output format."""
    history = _history()
    run = history.get(run_id)
    if run is None:
        stderr.print(f"error: no run {run_id} in {history.path}; `summarizer logs` lists them.", markup=False)
        raise typer.Exit(1)
    summary = run.summary_model()
    if summary is None:
        stderr.print(f"error: run {run_id} failed, so it has no summary: {run.error}", markup=False)
        raise typer.Exit(1)
    _write(render(format.value, summary, history.document(run.document_sha256) or ""), output)


@logs_app.command("path")
def logs_path() -> None:
    """Print where the history database is."""
    _write(str(_history().path), None)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Typed, grounded summaries of articles, press releases and transcripts."""


def main() -> None:
    app()
