"""The command line: parse, call the library, print; errors become one-line messages here.

Exit codes: 0 success; 1 the input or the model's answer could not become a valid summary;
2 usage or configuration error.

One module per command: `summarize`, `evaluate` (`eval`), `batch`, `schema`, `logs`; what they
share (the app, option types, `_run`) is in `shared`. Importing a command module registers it,
in the order `--help` lists them. Start-up is kept short: heavy imports (the pipeline, so the
`openai` SDK and instructor) happen inside a command when it runs.
"""

from __future__ import annotations

# isort: off
from . import summarize, evaluate, batch, schema, logs  # noqa: F401  (registers, in this order)

# isort: on
from .shared import app

__all__ = ["app", "main"]


def main() -> None:
    app()
