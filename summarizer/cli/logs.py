"""`summarizer logs`: the history of every run: list, show one, or find the database."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..views import render
from .shared import Format, FormatOption, OutputOption, _write, app, stderr

logs_app = typer.Typer(
    help="The history of every run: list, show one, or find the database.",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(logs_app, name="logs")


def _history():  # type: ignore[no-untyped-def]
    from ..history import History
    from ..settings import default_data_dir

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
        from ..views.history import runs_table

        _write(runs_table(runs), None)


@logs_app.command("show")
def logs_show(
    run_id: Annotated[int, typer.Argument(metavar="ID", help="A run id from `summarizer logs`.")],
    format: FormatOption = Format["json"],
    output: OutputOption = None,
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
