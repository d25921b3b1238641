"""What every command shares: the Typer app, the option types, and running an action with
library errors turned into a one-line message and an exit code.

Start-up is kept short: this module imports only the registries (providers, modes, formats);
the pipeline, and so the `openai` SDK and instructor, load inside a command when it runs, so
`--help`, `--version` and argument errors never pay for them.
"""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .. import __version__
from ..errors import SummarizerError
from ..outputs import shown, write_output
from ..providers import REGISTRY
from ..settings import MODES
from ..views import formats

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
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help=f"Output format: {', '.join(formats())}.")
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")]
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


def freeze_startup_objects() -> None:
    """Put what start-up loaded (the SDK, instructor, pydantic's schemas, the templates: about a
    million objects) out of the garbage collector's reach, before a long run. A full collection
    then walks only the documents' own objects: with them it took ~75 ms, several times per
    batch, all on the event loop's thread (README, Benchmarks). A forked worker process inherits
    the freeze. The CLI owns its process, so it makes this call; the library never does."""
    gc.freeze()


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
    from ..fields import load_schema

    return load_schema(schema)


def _write(text: str, output: Path | None) -> None:
    write_output(text if text.endswith("\n") else text + "\n", output)


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
