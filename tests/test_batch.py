"""Batch, cache, cost and long documents, against a fake OpenAI-compatible server on 127.0.0.1."""

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import ConfigError
from summarizer.batch import Prices, run_batch, summarize_many
from summarizer.cli import app
from summarizer.grounding import verify_spans
from summarizer.settings import Settings
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import fast_settings


def _docs(folder: Path, n: int, fail: set[int] = frozenset()) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        marker = " PERMANENT-FAIL" if i in fail else ""
        path = folder / f"doc{i:03}.txt"
        path.write_text(f"Alice Smith opened plant number {i} on Monday.{marker} Workers cheered.")
        paths.append(path)
    return paths


def _fail_marked(n: int, request: dict) -> Reply:
    return Reply(status=400) if "PERMANENT-FAIL" in json.dumps(request) else Reply()


def _settings(server: FakeOpenAI, tmp_path: Path, **changes) -> Settings:
    return fast_settings(
        **{"base_url": server.base_url, "cache": True, "cache_dir": tmp_path / "cache", **changes}
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_every_document_ends_as_exactly_one_line(tmp_path: Path) -> None:
    """Ok documents and failed documents each get one line; none is lost."""
    paths = _docs(tmp_path / "docs", 6, fail={2})
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(script=_fail_marked) as server:
        stats = asyncio.run(run_batch(paths, out, _settings(server, tmp_path), concurrency=3))
    lines = _lines(out)
    assert len(lines) == 6 and len({row["id"] for row in lines}) == 6
    assert [row["status"] for row in sorted(lines, key=lambda row: row["source"])].count("error") == 1
    error = next(row for row in lines if row["status"] == "error")
    assert error["source"].endswith("doc002.txt") and "HTTP 400" in error["error"]["message"]
    assert (stats.done, stats.failed) == (5, 1)


def test_resume_retries_failures_without_repeating_finished_work(tmp_path: Path) -> None:
    """After the fault is lifted, --resume completes the failed document only."""
    paths = _docs(tmp_path / "docs", 5, fail={1})
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(script=_fail_marked) as server:
        asyncio.run(run_batch(paths, out, _settings(server, tmp_path, cache=False)))
    with FakeOpenAI() as healed:
        stats = asyncio.run(run_batch(paths, out, _settings(healed, tmp_path, cache=False), resume=True))
        assert healed.count == 1
    lines = _lines(out)
    assert len(lines) == 5 and all(row["status"] == "ok" for row in lines)
    assert (stats.skipped, stats.done) == (4, 1)


def test_existing_output_without_resume_is_refused(tmp_path: Path) -> None:
    """A batch never overwrites earlier results by accident."""
    out = tmp_path / "out.jsonl"
    out.write_text("")
    with FakeOpenAI() as server, pytest.raises(Exception, match="--resume"):
        asyncio.run(run_batch(_docs(tmp_path / "d", 1), out, _settings(server, tmp_path)))


def test_rerun_with_cache_makes_zero_calls(tmp_path: Path) -> None:
    """The same batch again, into a new file, is answered from the cache: 0 HTTP calls."""
    paths = _docs(tmp_path / "docs", 5)
    with FakeOpenAI() as server:
        asyncio.run(run_batch(paths, tmp_path / "a.jsonl", _settings(server, tmp_path)))
        first = server.count
        asyncio.run(run_batch(paths, tmp_path / "b.jsonl", _settings(server, tmp_path)))
        assert (first, server.count) == (5, 5)
    a = [row["summary"]["headline"] for row in _lines(tmp_path / "a.jsonl")]
    assert sorted(a) == sorted(row["summary"]["headline"] for row in _lines(tmp_path / "b.jsonl"))


def test_no_cache_calls_again(tmp_path: Path) -> None:
    """With the cache off, a re-run calls the model again."""
    paths = _docs(tmp_path / "docs", 3)
    with FakeOpenAI() as server:
        for name in ("a", "b"):
            asyncio.run(
                run_batch(paths, tmp_path / f"{name}.jsonl", _settings(server, tmp_path, cache=False))
            )
        assert server.count == 6


def test_cache_entries_hold_no_key(tmp_path: Path) -> None:
    """Cache files store response bodies only, never the API key."""
    with FakeOpenAI() as server:
        asyncio.run(
            run_batch(
                _docs(tmp_path / "d", 2),
                tmp_path / "o.jsonl",
                _settings(server, tmp_path, api_key="sk-sentinel-cache-123456"),
            )
        )
    files = list((tmp_path / "cache").rglob("*.json"))
    assert files and not any("sk-sentinel" in f.read_text() for f in files)


def test_max_cost_stops_cleanly(tmp_path: Path) -> None:
    """With a budget of two documents' cost, the batch stops and leaves only whole lines."""
    paths = _docs(tmp_path / "docs", 10)
    prices = Prices(models={"test-model": {"input": 1000.0, "output": 1000.0}})  # 0.12 $ per doc
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = asyncio.run(
            run_batch(paths, out, _settings(server, tmp_path), concurrency=1, prices=prices, max_cost=0.2)
        )
    assert stats.stopped_for_budget and len(_lines(out)) == 2
    assert stats.cost == pytest.approx(0.24)


def test_usage_is_summed_per_batch(tmp_path: Path) -> None:
    """Tokens of every call are summed over the batch."""
    with FakeOpenAI() as server:
        stats = asyncio.run(
            run_batch(_docs(tmp_path / "d", 4), tmp_path / "o.jsonl", _settings(server, tmp_path))
        )
    assert (stats.usage.calls, stats.usage.total_tokens) == (4, 480)


def test_cancelled_batch_leaves_a_valid_file(tmp_path: Path) -> None:
    """Cancelling mid-run (as Ctrl-C does) leaves only complete JSON lines, then resume finishes."""
    paths = _docs(tmp_path / "docs", 8)
    out = tmp_path / "out.jsonl"

    async def interrupted(settings):
        task = asyncio.create_task(run_batch(paths, out, settings, concurrency=2))
        await asyncio.sleep(0.35)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with FakeOpenAI(latency=0.1) as server:
        asyncio.run(interrupted(_settings(server, tmp_path, cache=False)))
        partial = _lines(out)
        assert 0 < len(partial) < 8
        asyncio.run(run_batch(paths, out, _settings(server, tmp_path, cache=False), resume=True))
    assert len(_lines(out)) == 8 and len({row["id"] for row in _lines(out)}) == 8


def test_summarize_many_keeps_input_order(tmp_path: Path) -> None:
    """summarize_many returns one result per text, in order, errors in place."""
    texts = ["Alice Smith spoke.", "  ", "Alice Smith left."]
    with FakeOpenAI() as server:
        results = asyncio.run(summarize_many(texts, settings=_settings(server, tmp_path), concurrency=2))
    assert [type(r).__name__ for r in results] == ["Summary", "InputError", "Summary"]


@pytest.mark.parametrize("concurrency", [0, -3])
def test_summarize_many_refuses_a_concurrency_below_one(concurrency: int) -> None:
    """It waited for ever (a semaphore of 0 never lets anyone in); bounded here, so that a
    regression fails instead of hanging."""
    run = summarize_many(["Alice Smith spoke."], settings=fast_settings(), concurrency=concurrency)
    with pytest.raises(ConfigError, match="at least 1"):
        asyncio.run(asyncio.wait_for(run, 30))


def test_long_document_is_chunked_merged_and_exact(tmp_path: Path) -> None:
    """A 50,000-word document is summarized in chunks plus one reduce call, offsets exact."""
    sentence = "Alice Smith said the river project in Riverton would need more review this year. "
    text = "\n".join(sentence * 10 for _ in range(625))  # 625 paragraphs, 50,000 words
    assert len(text.split()) >= 50_000
    with FakeOpenAI() as server:
        settings = _settings(server, tmp_path, cache=False, context_tokens=16_000)
        summary = asyncio.run(summarize_many([text], settings=settings, concurrency=1))[0]
        calls = server.count
    assert summary.meta.chunks > 1 and calls == summary.meta.chunks + 1
    assert [a.name for a in summary.actors] == ["Alice Smith"]
    spans = [e for s in summary.stances for e in s.evidence]
    assert verify_spans(text, summary.quotes, spans) == []


def test_batch_cli_reports_tokens_and_exit_code(tmp_path: Path) -> None:
    """`summarizer batch` writes the file, prints counts and tokens, exits 1 if any failed."""
    paths = _docs(tmp_path / "docs", 3, fail={0})
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(script=_fail_marked) as server:
        result = CliRunner().invoke(
            app,
            [
                "batch",
                *map(str, paths),
                "-o",
                str(out),
                "--provider",
                "openai",
                "--base-url",
                server.base_url,
                "--model",
                "m",
                "--cache-dir",
                str(tmp_path / "c"),
            ],
            env={"OPENAI_API_KEY": "sk-test-not-real"},
        )
    assert result.exit_code == 1, result.output
    assert "2 summarized, 1 failed" in result.stderr and "tokens" in result.stderr
    assert len(_lines(out)) == 3


def test_reduce_call_cannot_add_a_foreign_link(tmp_path: Path) -> None:
    """The headline of a chunked document, written by the reduce call, loses links not in the source."""
    from summarizer.testing.authoring import chat_completion

    def script(n: int, request: dict) -> Reply:
        if request["tool_choice"]["function"]["name"] == "HeadlineDraft":
            body = chat_completion(
                {"headline": "Alice Smith item review: http://evil.example/x", "tldr": "t"}
            )
            body["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = "HeadlineDraft"
            return Reply(body=body)
        return Reply()

    text = "\n".join(f"Alice Smith said item {i} was ready for review today." for i in range(3000))
    with FakeOpenAI(script=script) as server:
        summary = asyncio.run(
            summarize_many([text], settings=_settings(server, tmp_path, cache=False, context_tokens=8000))
        )[0]
    assert summary.meta.chunks > 1 and "evil.example" not in summary.model_dump_json()
    assert summary.headline == "Alice Smith item review: [link removed]"


def _replay_batch(tmp_path: Path, out: Path, *options: str) -> object:
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    docs = [fixtures / name / "document.txt" for name in ("dockworkers_strike", "harbor_bridge_toll")]
    args = ["batch", *map(str, docs), "-o", str(out), "--provider", "replay", "--fixtures", str(fixtures)]
    return CliRunner().invoke(app, [*args, "--no-cache", "--no-log", *options])


def test_batch_workers_give_the_same_lines(tmp_path: Path) -> None:
    """`--workers 1` reads the documents in a process pool (issue 15): the same summaries."""
    pooled, plain = tmp_path / "pooled.jsonl", tmp_path / "plain.jsonl"
    assert _replay_batch(tmp_path, pooled, "--workers", "1").exit_code == 0
    assert _replay_batch(tmp_path, plain).exit_code == 0
    lines = {}
    for path in (pooled, plain):
        lines[path] = _lines(path)
        assert [line["status"] for line in lines[path]] == ["ok", "ok"]
        for line in lines[path]:
            line["summary"]["meta"].pop("seconds")
    assert lines[pooled] == lines[plain]


def test_the_cli_batch_freezes_what_start_up_loaded(tmp_path: Path) -> None:
    """The CLI owns its process: before a batch it moves start-up's objects out of the garbage
    collector's reach (README, Benchmarks); the library itself never does."""
    import gc

    gc.unfreeze()
    try:
        fixtures = Path(__file__).resolve().parent.parent / "fixtures"
        text = (fixtures / "dockworkers_strike" / "document.txt").read_text("utf-8")
        asyncio.run(summarize_many([text], provider="replay", fixtures=str(fixtures), cache=False, log=False))
        assert gc.get_freeze_count() == 0
        assert _replay_batch(tmp_path, tmp_path / "out.jsonl").exit_code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--workers", "-1"], "--workers must be 0"), (["--workers", "1", "--batch-api"], "not --batch-api")],
)
def test_batch_workers_misuse_is_a_clear_error(tmp_path: Path, options: list[str], message: str) -> None:
    result = _replay_batch(tmp_path, tmp_path / "out.jsonl", *options)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert not (tmp_path / "out.jsonl").exists()
