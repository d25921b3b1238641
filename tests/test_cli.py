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


# --- first contact: start-up, version, help -------------------------------------------------------

# Runs the console script's entry point in a fresh interpreter and reports the heavy modules it
# loaded; exit codes are passed through.
_PROBE = (
    "import sys\n"
    "from summarizer.cli import main\n"
    "sys.argv = ['summarizer', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as done:\n"
    "    code = done.code\n"
    "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'openai', 'instructor', 'httpx2', 'jinja2'})\n"
    "print('LOADED', ','.join(heavy), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _probe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["summarize", "--help"], ["summarize"], ["summarize", "x.txt", "--nope"]],
    ids=["help", "version", "summarize-help", "missing-argument", "bad-option"],
)
def test_help_version_and_usage_errors_import_no_sdk(args: list[str]) -> None:
    """`--help`, `--version` and argument errors load neither openai nor instructor (fast start)."""
    completed = _probe(*args)
    assert completed.returncode in (0, 2), completed.stderr
    loaded = completed.stderr.rsplit("LOADED", 1)[1].split()
    assert "openai" not in loaded and "instructor" not in loaded


def test_input_errors_exit_before_the_sdk_loads(tmp_path: Path) -> None:
    """A missing file is reported without importing the SDK."""
    completed = _probe("summarize", str(tmp_path / "missing.txt"), "--provider", "replay", "--fixtures", "f")
    assert completed.returncode == 1 and "does not exist" in completed.stderr
    assert "openai" not in completed.stderr.rsplit("LOADED", 1)[1]


def test_importing_the_package_loads_no_sdk() -> None:
    """`import summarizer` is cheap; the SDK loads with the first model call, not with the import."""
    probe = (
        "import sys, summarizer\n"
        "from summarizer import Summary, SummarizerError, resolve_settings\n"
        "assert 'openai' not in sys.modules and 'instructor' not in sys.modules, 'eager SDK import'\n"
        "assert set(summarizer.__all__) == set(summarizer._EXPORTS)\n"
        "from summarizer import summarize_many, evaluate\n"
        "assert 'openai' not in sys.modules\n"
        "from summarizer import summarize\n"
        "print(summarize.__module__)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "summarizer.pipeline"


def test_version_flag_prints_the_package_version() -> None:
    """`summarizer --version` prints the version and exits 0."""
    import summarizer

    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"summarizer {summarizer.__version__}"


def test_shell_completion_is_offered() -> None:
    """typer's shell completion options are on."""
    result = _run("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_summarize_help_lists_every_format_and_fits_80_columns() -> None:
    """summarize --help names every output format (html included) and fits an 80-column terminal."""
    from summarizer.views import formats

    result = runner.invoke(app, ["summarize", "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    for name in formats():
        assert name in result.stdout
    assert "html" in formats()
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_readme_synopsis_lists_every_option() -> None:
    """Every option of every command appears in the README's command-line synopsis."""
    import typer

    readme = (ROOT / "README.md").read_text("utf-8")
    synopsis = readme.split("## Command line", 1)[1].split("```", 2)[1]
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name, command in commands.items():
        assert f"summarizer {name}" in synopsis
        for param in command.params:
            if param.param_type_name == "option":
                assert any(opt in synopsis for opt in param.opts), (name, param.opts)
    for name in ("json", "markdown", "html"):
        assert name in synopsis


def test_a_replay_imports_only_what_it_uses() -> None:
    """A replay of the seed loads the SDK it calls, but no batch, evaluation, local-model or HTML code."""
    probe = (
        "import sys\n"
        "from summarizer.cli import main\n"
        "sys.argv = ['summarizer', 'summarize', 'seeds/us_china_diplomacy.txt', '--provider', 'replay',"
        " '--fixtures', 'fixtures']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    loaded = set(completed.stderr.rsplit("LOADED", 1)[1].split())
    assert {"openai", "instructor", "summarizer.pipeline"} <= loaded
    unused = {"summarizer.batch", "summarizer.evaluation", "summarizer.openai_batch", "summarizer.local"}
    assert not unused & loaded
    assert not {"trafilatura", "summarizer.views.html", "summarizer.views.report"} & loaded
    # An English document needs neither the language detector nor sentencex; a file, no fetching.
    assert not {"py3langid", "sentencex", "pypdf", "summarizer.web"} & loaded
