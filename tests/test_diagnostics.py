"""Checked up front, never a traceback, messages that say what happened
(issue 13, items 15, 16, 18 and 19)."""

import json
import shutil
import socket
import threading
from pathlib import Path

import openai
import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.cli import app
from summarizer.errors import ConfigError, SummaryFailed
from summarizer.evaluation import evaluate
from summarizer.fixtures import FixtureStore
from summarizer.openai_batch import run_openai_batch
from summarizer.settings import resolve_settings
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import ROOT, SEED, fast_settings

runner = CliRunner()
KEY = {"OPENAI_API_KEY": "sk-test-not-real"}
DOC = "Alice Smith opened a plant on Monday."
SEED_CASE = ROOT / "fixtures" / "us_china_diplomacy"
AUTHORED_MODEL = "authored-by-hand"


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(DOC)
    return path


# --- 15. validation up front, exit 2 --------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["--max-tokens", "0"], "--max-tokens must be a positive number"),
        (["--max-tokens", "-5"], "--max-tokens must be a positive number"),
        (["--base-url", "localhost:11434"], "not a usable base URL"),
        (["--base-url", "http://"], "not a usable base URL"),
        (["--base-url", "ftp://example.test/v1"], "not a usable base URL"),
    ],
)
def test_summarize_refuses_unusable_options_with_exit_2(tmp_path: Path, args, message) -> None:
    """Zero or negative limits and malformed URLs: exit 2 and one sentence, before any call."""
    with FakeOpenAI() as server:
        base = [] if "--base-url" in args else ["--base-url", server.base_url]
        result = runner.invoke(app, ["summarize", str(_doc(tmp_path)), *base, *args], env=KEY)
        assert server.count == 0
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert "Traceback" not in result.output


def _batch(tmp_path: Path, server: FakeOpenAI, *args: str, prices: dict | None = None):
    docs = [tmp_path / f"d{i}.txt" for i in range(3)]
    for i, doc in enumerate(docs):
        doc.write_text(f"Alice Smith opened plant {i}.")
    extra = list(args)
    if prices is not None:
        table = tmp_path / "prices.json"
        table.write_text(json.dumps(prices))
        extra += ["--prices", str(table)]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        [
            "batch",
            *map(str, docs),
            "-o",
            str(out),
            "--base-url",
            server.base_url,
            "--model",
            "m",
            "--cache-dir",
            str(tmp_path / "c"),
            *extra,
        ],
        env=KEY,
    )
    return result, out


@pytest.mark.parametrize(
    "args, prices, message",
    [
        (["--max-cost", "0"], {"m": {"input": 1, "output": 1}}, "--max-cost must be a positive"),
        (["--max-cost", "-1"], {"m": {"input": 1, "output": 1}}, "--max-cost must be a positive"),
        (["--context-tokens", "0"], None, "--context-tokens must be a positive"),
        ([], {"m": {"input": -1, "output": 1}}, "negative input price"),
        (["--max-cost", "5"], {"other-model": {"input": 1, "output": 1}}, "no entry for model 'm'"),
    ],
)
def test_batch_refuses_unusable_options_before_any_call(tmp_path: Path, args, prices, message) -> None:
    """Budget, context, prices and a price table without the model: exit 2 before the first call
    and before the progress bar is drawn; nothing is written."""
    with FakeOpenAI() as server:
        result, out = _batch(tmp_path, server, *args, prices=prices)
        assert server.count == 0
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert "summarizing" not in result.stderr and "Traceback" not in result.output
    assert not out.exists() or out.read_text() == ""


def test_debug_does_not_change_the_exit_code(tmp_path: Path) -> None:
    """A 401 exits 2 with and without --debug (--debug adds the traceback)."""
    script = lambda n, r: Reply(status=401, body={"error": {"message": "bad key"}})  # noqa: E731
    codes = []
    with FakeOpenAI(script=script) as server:
        for extra in ([], ["--debug"]):
            result = runner.invoke(
                app, ["summarize", str(_doc(tmp_path)), "--base-url", server.base_url, *extra], env=KEY
            )
            codes.append(result.exit_code)
    assert codes == [2, 2]


# --- 16. corrupt recordings --------------------------------------------------------------------


def _corrupt_copy(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(SEED_CASE, case)
    recordings = case / "recordings"
    (recordings / "bad-json.json").write_text("{not json")
    (recordings / "wrong-shape.json").write_text(json.dumps({"key": "k", "response": []}))
    (recordings / "binary.json").write_bytes(bytes(range(256)))
    (recordings / "a-list.json").write_text("[1, 2, 3]")
    return case


def test_corrupt_recordings_are_named_and_skipped_in_replay(tmp_path: Path) -> None:
    """Bad JSON, the wrong shape and binary files are skipped; the good recordings still replay."""
    case = _corrupt_copy(tmp_path)
    store = FixtureStore(case)
    assert len(store.records()) > 0 and len(store.skipped) == 4
    assert "4 recording(s) were unreadable" in store.skipped_note()
    result = runner.invoke(
        app,
        ["summarize", str(SEED), "--provider", "replay", "--fixtures", str(case), "--model", AUTHORED_MODEL],
    )
    assert result.exit_code == 0, result.output


def test_a_case_with_only_corrupt_recordings_fails_alone_in_eval(tmp_path: Path) -> None:
    """One case's recordings are all corrupt: that case fails with a message, the other scores."""
    root = tmp_path / "cases"
    root.mkdir()
    shutil.copytree(SEED_CASE, root / "good")
    broken = root / "broken"
    shutil.copytree(SEED_CASE, broken)
    for path in (broken / "recordings").glob("*.json"):
        path.write_bytes(b"\xff\xfe garbage")
    (root / "bad-gold").mkdir()
    (root / "bad-gold" / "gold.json").write_text("{")
    (root / "bad-gold" / "document.txt").write_text(DOC)
    report = evaluate(root, model=AUTHORED_MODEL)
    by_case = {c.case: c for c in report.cases}
    assert by_case["good"].valid and by_case["good"].score > 0.5
    assert not by_case["broken"].valid and "unreadable and skipped" in by_case["broken"].error
    assert not by_case["bad-gold"].valid and "not readable" in by_case["bad-gold"].error


def test_recordings_are_looked_for_at_a_bounded_depth(tmp_path: Path) -> None:
    """--fixtures ROOT looks at ROOT/recordings, ROOT/x/recordings and ROOT/x/y/recordings only,
    so `--fixtures /` does not walk the whole disk."""
    record = next((SEED_CASE / "recordings").glob("*.json")).read_text()
    for folder in ("recordings", "a/recordings", "a/b/recordings", "a/b/c/recordings", "a/b/c/d/recordings"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "r.json").write_text(record)
    found = {p.parent.relative_to(tmp_path).as_posix() for p in FixtureStore(tmp_path).paths()}
    assert found == {"recordings", "a/recordings", "a/b/recordings"}
    with pytest.raises(ConfigError, match="No recordings found"):
        from summarizer.pipeline import make_summarizer

        make_summarizer(resolve_settings("replay", fixtures=tmp_path / "a" / "b" / "c" / "d" / "e"))


# --- 18. Batch API errors ---------------------------------------------------------------------------


def test_batch_api_connection_error_is_a_typed_error_after_retries(tmp_path: Path) -> None:
    """A Batch API endpoint that refuses connections: retried, then one SummaryFailed sentence."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"  # closed once the block ends
    settings = fast_settings(base_url=dead, max_attempts=2)
    client = openai.OpenAI(base_url=dead, api_key="sk-test-not-real", max_retries=0)
    with pytest.raises(SummaryFailed, match="could not connect") as caught:
        run_openai_batch(
            [_doc(tmp_path)], tmp_path / "out.jsonl", settings, client=client, sleep=lambda _: None
        )
    assert caught.value.attempts == 2


def test_batch_api_cli_connection_error_is_one_sentence(tmp_path: Path) -> None:
    """The same through the CLI: exit 1, no openai.APIConnectionError traceback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    result = runner.invoke(
        app,
        ["batch", str(_doc(tmp_path)), "-o", str(tmp_path / "o.jsonl"), "--batch-api", "--base-url", dead],
        env=KEY,
    )
    assert result.exit_code == 1 and "could not connect" in result.stderr
    assert "Traceback" not in result.output and "APIConnectionError" not in result.output


# --- 19. diagnostics ------------------------------------------------------------------------------


def test_an_html_error_page_with_status_200_is_retried_and_named() -> None:
    """A gateway's HTML page (200, text/html) is transient like non-JSON bodies: retried, then named."""
    page = Reply(body=b"<html><body>502 Bad Gateway</body></html>", content_type="text/html")
    with FakeOpenAI(script=lambda n, r: page if n == 1 else Reply()) as server:
        summary = summarize(DOC, settings=fast_settings(base_url=server.base_url))
        assert server.count == 2 and summary.actors
    with FakeOpenAI(script=lambda n, r: page) as server:
        with pytest.raises(SummaryFailed, match="not JSON .*gateway") as caught:
            summarize(DOC, settings=fast_settings(base_url=server.base_url, max_attempts=3))
        assert server.count == 3 and "empty choices" not in str(caught.value)


def test_a_connection_closed_mid_body_is_not_called_a_connect_failure() -> None:
    """Headers then a cut: "broke off before the answer was complete", not "could not connect"."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 900\r\n\r\n{")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
        with pytest.raises(SummaryFailed) as caught:
            summarize(DOC, settings=fast_settings(base_url=base, max_attempts=2))
    finally:
        listener.close()
    assert "broke off before the answer was complete" in str(caught.value)
    assert "could not connect" not in str(caught.value)


def test_a_4xx_error_keeps_the_servers_message_without_any_key() -> None:
    """HTTP 400 shows what the server said (shortened, any key-like string removed)."""
    said = "This model's maximum context length is 8192 tokens. Key sk-live-abcdefghijkl was used."
    reply = Reply(status=400, body={"error": {"message": said}})
    with FakeOpenAI(script=lambda n, r: reply) as server, pytest.raises(SummaryFailed) as caught:
        summarize(DOC, settings=fast_settings(base_url=server.base_url))
    message = str(caught.value)
    assert "HTTP 400 (This model's maximum context length is 8192 tokens." in message
    assert "sk-live" not in message and "[key]" in message
