"""`summarizer batch`: many documents into one JSONL file, directly or through the Batch API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError
from ..outputs import shown
from ..settings import resolve_settings
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
    freeze_startup_objects,
    stderr,
)


@app.command(
    "batch",
    short_help="Summarize many documents into one JSONL file.",
    epilog=_examples(
        "summarizer batch articles/*.txt -o out.jsonl --concurrency 16",
        "summarizer batch articles/*.txt -o out.jsonl --resume   # continue after a stop",
        "summarizer batch articles/*.txt -o out.jsonl --concurrency 16 --workers 1   # 2+ cores",
        "summarizer batch docs/*.txt -o out.jsonl --prices prices.json --max-cost 5",
    ),
)
def batch_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents to summarize.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL file: one line per document.")],
    concurrency: Annotated[int, typer.Option(help="Documents in flight at once.")] = 8,
    workers: Annotated[
        int,
        typer.Option(
            help="Processes that read each document (cleaning, sentences, quotes, speakers, actor "
            "candidates) beside the calls, the next ones while those in flight wait on the model; 0 "
            "does it in this process. With a spare core, 1 keeps a high --concurrency fed."
        ),
    ] = 0,
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
    import contextlib
    from concurrent.futures import ProcessPoolExecutor

    from ..batch import Prices, execute_batch, prepare_batch, reading_process_setup
    from ..views.progress import batch_progress, batch_report

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
        if workers < 0:
            raise ConfigError("--workers must be 0 (no pool) or a number of processes.")
        if batch_api and workers:
            raise ConfigError("--workers is for direct calls, not --batch-api; drop one of them.")
        if batch_api:
            from ..openai_batch import run_openai_batch

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
        freeze_startup_objects()
        with contextlib.ExitStack() as stack:
            if workers:
                pool = stack.enter_context(ProcessPoolExecutor(workers, initializer=reading_process_setup))
                pool.submit(int).result()  # start the processes now, before the progress bar's thread
                plan.summarizer.executor = pool
            with batch_progress(stderr) as update:
                stats = asyncio.run(execute_batch(plan, update))
        stderr.print(batch_report(stats, output), markup=False)
        if stats.failed:
            raise typer.Exit(1)

    _run(debug, action)
