"""`summarizer schema`: the JSON Schema of the output, or of the draft the model fills in."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from .shared import DebugOption, SchemaOption, _extra, _run, _write, app


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
    from ..schemas import SCHEMA_VERSION, Summary, SummaryDraft

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
