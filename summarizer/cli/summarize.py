"""`summarizer summarize`: one document into JSON, Markdown or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..documents import read_source
from ..outputs import check_output
from ..settings import resolve_settings
from ..views import render
from .shared import (
    CacheDirOption,
    DebugOption,
    Format,
    FormatOption,
    Mode,
    NoCacheOption,
    NoLogOption,
    OutputOption,
    PricesOption,
    Provider,
    SchemaOption,
    Selection,
    _examples,
    _extra,
    _run,
    _write,
    app,
    stderr,
)


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
    format: FormatOption = Format["json"],
    output: OutputOption = None,
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
        from ..pipeline import summarize as summarize_text  # the SDK loads only when it is needed

        with stderr.status("summarizing…"):  # shown on a terminal only; a local model takes seconds
            summary = summarize_text(text, settings=settings, source=path)
        summary.meta.source_url, summary.meta.retrieved_at = document.url, document.retrieved_at
        _write(render(format.value, summary, text), output)

    _run(debug, action)
