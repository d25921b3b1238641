"""The run history: every summarize, batch document and eval case in SQLite; `summarizer logs`."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import SummaryFailed
from summarizer.history import History, loggable_settings
from summarizer.pipeline import summarize
from summarizer.settings import resolve_settings
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import ROOT, SEED, Script, fast_settings, ok

runner = CliRunner()
REPLAY = ["--provider", "replay", "--fixtures", str(ROOT / "fixtures")]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(folder))
    return folder


def _invoke(*args: str, **kwargs):
    result = runner.invoke(app, list(args), **kwargs)
    return result


def test_summarize_is_logged_and_listed_in_80_columns(data: Path) -> None:
    """One summarize makes one row; `logs` lists it in at most 80 columns."""
    assert _invoke("summarize", str(SEED), *REPLAY).exit_code == 0
    listing = _invoke("logs")
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    assert len(lines) == 2 and lines[0].split()[:2] == ["ID", "WHEN"]
    assert "summarize" in lines[1] and "us_china_diplomacy" in lines[1]
    assert max(len(line) for line in lines) <= 80


def test_logs_json_has_every_field_and_never_the_key(data: Path) -> None:
    """`logs --json` gives the document hash and source, provider, model, template, settings
    (no api_key), usage, cost, seconds, warnings and the summary."""
    _invoke("summarize", str(SEED), *REPLAY)
    (run,) = json.loads(_invoke("logs", "--json").stdout)
    summary = json.loads(_invoke("summarize", str(SEED), *REPLAY, "--no-log").stdout)
    assert run["source"] == str(SEED) and run["status"] == "ok" and run["command"] == "summarize"
    assert len(run["document_sha256"]) == 64
    assert (run["provider"], run["model"]) == ("replay", summary["meta"]["model"])
    assert run["template_sha256"] == summary["meta"]["template"]["sha256"]
    assert run["usage"] == summary["meta"]["usage"] and run["cost_usd"] == 0.0
    assert run["seconds"] is not None and run["warnings"] == summary["warnings"]
    assert run["summary"]["quotes"] == summary["quotes"]
    assert "api_key" not in run["settings"] and run["settings"]["mode"] == "tools"


@pytest.mark.parametrize("format", ["json", "markdown", "html"])
def test_logs_show_prints_a_run_in_any_format(data: Path, format: str) -> None:
    """`logs show ID --format F` prints what `summarize --format F` printed (HTML shows the source)."""
    printed = _invoke("summarize", str(SEED), *REPLAY, "--format", format).stdout
    shown = _invoke("logs", "show", "1", "--format", format)
    assert shown.exit_code == 0
    if format == "json":  # the seconds of two renderings of the same stored summary agree
        assert json.loads(shown.stdout) == json.loads(printed)
    else:
        assert shown.stdout == printed


def test_logs_show_of_a_missing_or_failed_run_is_one_line_and_exit_1(data: Path, tmp_path: Path) -> None:
    """No such id, or a run that failed: a one-line message naming why, exit 1."""
    missing = _invoke("logs", "show", "7")
    assert missing.exit_code == 1 and "no run 7" in missing.stderr
    with FakeOpenAI(script=lambda n, r: Reply(status=400)) as server:
        doc = tmp_path / "d.txt"
        doc.write_text("Alice Smith spoke.")
        failed = _invoke("summarize", str(doc), "--base-url", server.base_url)
    assert failed.exit_code == 1
    (run,) = History.in_dir(data).recent()
    assert run.status == "error" and "HTTP 400" in run.error and run.usage.calls == 0
    shown = _invoke("logs", "show", str(run.id))
    assert shown.exit_code == 1 and "failed" in shown.stderr


def test_no_log_and_the_environment_variable_turn_it_off(data: Path) -> None:
    """--no-log, or SUMMARIZER_NO_LOG=1, writes nothing."""
    _invoke("summarize", str(SEED), *REPLAY, "--no-log")
    _invoke("summarize", str(SEED), *REPLAY, env={"SUMMARIZER_NO_LOG": "1"})
    assert not (data / "logs.db").exists()
    assert _invoke("logs").stdout.strip() == "No runs logged yet."


def test_the_python_api_logs_only_when_asked(data: Path) -> None:
    """summarize() writes no history by default; log=True adds the run, with its source."""
    text = "Alice Smith opened a plant."
    summarize(text, settings=fast_settings(), http_client=Script(ok()).client())
    assert History.in_dir(data).recent() == []
    settings = fast_settings(log=True, data_dir=data)
    summarize(text, settings=settings, http_client=Script(ok()).client(), source="note")
    (run,) = History.in_dir(data).recent()
    assert (run.source, run.model, run.usage.total_tokens) == ("note", "test-model", 120)
    assert History.in_dir(data).document(run.document_sha256) == text


def test_a_failed_run_is_logged_with_the_tokens_it_spent(data: Path) -> None:
    """A summary that fails after answers that never fit is logged as an error with its usage."""
    bad = ok({"headline": "no actors"})
    with pytest.raises(SummaryFailed):
        summarize(
            "Alice Smith opened a plant.",
            settings=fast_settings(log=True, data_dir=data),
            http_client=Script(bad, bad, bad).client(),
        )
    (run,) = History.in_dir(data).recent()
    assert run.status == "error" and run.summary is None and run.usage.calls == 3


def test_settings_are_logged_without_key_or_url_password() -> None:
    """The key is left out; a password or key in the base URL is masked."""
    settings = fast_settings(
        api_key="sk-secret-1", base_url="https://u:pw-secret@host.example/v1?api-key=k-secret"
    )
    logged = json.dumps(loggable_settings(settings))
    assert "secret" not in logged and "host.example" in logged


def test_env_overrides_and_no_log_wins_over_the_cli_default(tmp_path: Path) -> None:
    """SUMMARIZER_DATA_DIR moves the database; SUMMARIZER_NO_LOG=1 beats log=True."""
    env = {"SUMMARIZER_DATA_DIR": str(tmp_path / "d"), "SUMMARIZER_FIXTURES": "fixtures"}
    on = resolve_settings("replay", log=True, env=env)
    assert on.log and on.data_dir == tmp_path / "d"
    assert not resolve_settings("replay", log=True, env={**env, "SUMMARIZER_NO_LOG": "1"}).log
    assert not resolve_settings("replay", env=env).log


def test_the_database_defaults_to_the_user_data_directory() -> None:
    """Without SUMMARIZER_DATA_DIR, the history lives where platformdirs says user data goes."""
    import platformdirs

    from summarizer.settings import default_data_dir

    assert default_data_dir({}) == platformdirs.user_data_path("summarizer")


def test_eval_logs_every_case(data: Path, tmp_path: Path) -> None:
    """Each eval case is one run, with the case folder as its source."""
    cases = tmp_path / "cases"
    for name in ("us_china_diplomacy", "dockworkers_strike"):
        shutil.copytree(ROOT / "fixtures" / name, cases / name)
    result = _invoke("eval", str(cases), "--provider", "replay")
    assert result.exit_code == 0, result.output
    runs = History.in_dir(data).recent()
    assert sorted(Path(r.source).name for r in runs) == ["dockworkers_strike", "us_china_diplomacy"]
    assert {r.command for r in runs} == {"eval"} and all(r.summary for r in runs)


def test_two_concurrent_batch_processes_lose_no_run(data: Path, tmp_path: Path) -> None:
    """Two batch processes write one history at once: every document of both is there, once."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"{i:02}.txt").write_text(f"Alice Smith counted {i} boxes today.")
    paths = sorted(str(p) for p in docs.iterdir())
    with FakeOpenAI(latency=0.005) as server:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "summarizer", "batch", *paths, "-o", str(tmp_path / f"out{k}.jsonl")]
                + ["--base-url", server.base_url, "--model", "m", "--no-cache", "--concurrency", "8"],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for k in (1, 2)
        ]
        for proc in procs:
            proc.wait(timeout=180)
            assert proc.returncode == 0, proc.stderr.read().decode()[-500:]
        assert server.count == 60
    runs = History.in_dir(data).recent(1000)
    assert len(runs) == 60 and len({r.id for r in runs}) == 60
    assert sorted(r.source for r in runs) == sorted(paths * 2)
    assert all(r.command == "batch" and r.status == "ok" and r.summary for r in runs)
