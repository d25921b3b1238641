"""`summarizer schema`: the JSON Schema of what we emit, and of the draft the model fills in."""

import json

import jsonschema
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import ROOT, SEED, draft

runner = CliRunner()


def _schema(*args: str) -> dict:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _replayed_summary() -> dict:
    result = runner.invoke(
        app,
        ["summarize", str(SEED), "--provider", "replay", "--fixtures", str(ROOT / "fixtures")]
        + ["--model", "authored-by-hand"],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_schema_is_draft_2020_12_and_validates_what_summarize_prints() -> None:
    """A replayed summary (quotes, evidence, meta with cost and cache flag) validates against it."""
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    summary = _replayed_summary()
    assert summary["quotes"]
    jsonschema.validate(summary, schema)
    assert {"cached", "cost_usd", "cost_note"} <= set(schema["$defs"]["Meta"]["properties"])


def test_schema_rejects_a_quote_without_offsets() -> None:
    """The schema is not a formality: a quote missing its offsets fails validation."""
    summary = _replayed_summary()
    del summary["quotes"][0]["start"]
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(summary))
    assert errors and "start" in errors[0].message


def test_draft_schema_is_what_the_model_fills_in() -> None:
    """--draft prints SummaryDraft: quotes are cited by id, and an authored answer validates."""
    schema = _schema("--draft")
    assert schema["title"] == "SummaryDraft"
    assert "quote_id" in schema["$defs"]["QuoteDraft"]["properties"]
    jsonschema.validate(draft(quotes=[{"quote_id": "Q1", "speaker_id": "A1"}]), schema)
    missing = draft()
    del missing["headline"]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(missing))
