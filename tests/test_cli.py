"""The command line: JSON on stdout, one-line errors on stderr, documented exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import ROOT, SEED

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("model", [[], ["--model", "authored-by-hand"]], ids=["recorded", "authored"])
def test_seed_replays_to_contract_json(model: list[str]) -> None:
    """The README's quickstart prints contract JSON whose quotes slice back to the document exactly."""
    result = _run(
        "summarize", str(SEED), "--provider", "replay", "--fixtures", str(ROOT / "fixtures"), *model
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary) == {"headline", "tldr", "actors", "stances", "quotes", "risks", "meta", "warnings"}
    document = SEED.read_text("utf-8")
    assert summary["quotes"] or not model  # the authored answer keeps all four quotes
    for quote in summary["quotes"]:
        assert document[quote["start"] : quote["end"]] == quote["text"]
    actor_ids = {a["id"] for a in summary["actors"]}
    assert {q["speaker_id"] for q in summary["quotes"]} <= actor_ids


def test_markdown_format_and_output_file(tmp_path: Path) -> None:
    """--format markdown -o FILE writes Markdown to the file."""
    out = tmp_path / "s.md"
    result = _run(
        "summarize",
        str(SEED),
        "--provider",
        "replay",
        "--fixtures",
        str(ROOT / "fixtures"),
        "--model",
        "authored-by-hand",
        "--format",
        "markdown",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# ") and "## Quotes" in out.read_text()


def test_no_provider_exits_2_with_instructions() -> None:
    """With nothing configured, exit 2 and list the ways to configure a provider."""
    result = _run("summarize", str(SEED))
    assert result.exit_code == 2
    assert "OPENAI_API_KEY" in result.stderr and "--provider replay" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_exits_1_in_one_line() -> None:
    """A missing path exits 1 with one line on stderr and no traceback."""
    result = _run("summarize", "no/such/file.txt", "--provider", "replay", "--fixtures", "fixtures")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr


def test_missing_recording_exits_1_naming_the_fix(tmp_path: Path) -> None:
    """Replaying a document with no recording exits 1 and says how to record it."""
    doc = tmp_path / "new.txt"
    doc.write_text("Alice Smith met Bob Jones in Paris.")
    result = _run("summarize", str(doc), "--provider", "replay", "--fixtures", str(ROOT / "fixtures"))
    assert result.exit_code == 1 and "--record" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    """A bad option exits 2 (usage)."""
    assert _run("summarize", str(SEED), "--no-such-flag").exit_code == 2


def test_help_teaches_with_examples() -> None:
    """summarize --help shows examples of real invocations."""
    result = _run("summarize", "--help")
    assert result.exit_code == 0 and "Examples" in result.stdout and "--provider replay" in result.stdout


def test_stdin_dash_reads_the_document() -> None:
    """`-` reads the document from standard input (in a real process)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "summarize",
            "-",
            "--provider",
            "replay",
            "--fixtures",
            str(ROOT / "fixtures"),
        ],
        input=SEED.read_bytes(),
        capture_output=True,
        timeout=60,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["headline"]
