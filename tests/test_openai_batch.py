"""The Batch API path against the fake server: join on custom_id, keep partial work, resubmit."""

import json
from pathlib import Path

import openai
import pytest

from summarizer.history import History
from summarizer.openai_batch import run_openai_batch
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import fast_settings


def _docs(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"d{i}.txt"
        path.write_text(f"Alice Smith announced plan number {i}. “We start today,” Smith said.")
        paths.append(path)
    return paths


def _run(server: FakeOpenAI, paths, out: Path, **kwargs):
    settings = fast_settings(base_url=server.base_url)
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-test-not-real", max_retries=0)
    return run_openai_batch(
        paths, out, settings, client=client, poll_interval=0.0, sleep=lambda _: None, **kwargs
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_completed_batch_joins_answers_on_custom_id(tmp_path: Path) -> None:
    """Answers come back in reverse order; each document still gets its own summary."""
    paths = _docs(tmp_path / "docs", 4)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = _run(server, paths, out)
    lines = _lines(out)
    assert (stats.rounds, stats.done, len(lines)) == (1, 4, 4)
    for line in lines:
        number = Path(line["source"]).stem[1:]
        text = Path(line["source"]).read_text()
        assert f"number {number}" in text and line["status"] == "ok"
        for quote in line["summary"]["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]


def test_expired_batch_keeps_its_completed_part_and_resubmits_the_rest(tmp_path: Path) -> None:
    """A batch that expires after 2 answers: those are kept, the others go again until done."""
    paths = _docs(tmp_path / "docs", 5)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(expire_after=2) as server:
        stats = _run(server, paths, out)
        assert server.count == 5  # every document answered exactly once
    assert (stats.rounds, stats.done, stats.resubmitted) == (3, 5, 3 + 1)
    assert len({row["id"] for row in _lines(out)}) == 5


def test_failing_lines_are_retried_then_reported(tmp_path: Path) -> None:
    """A document whose line fails every time ends as an error line after max_tries."""
    paths = _docs(tmp_path / "docs", 3)
    out = tmp_path / "out.jsonl"

    def script(n: int, request: dict) -> Reply:
        return Reply(status=500) if "number 1" in json.dumps(request) else Reply()

    with FakeOpenAI(script=script) as server:
        stats = _run(server, paths, out, max_tries=2)
    lines = {Path(row["source"]).name: row for row in _lines(out)}
    assert lines["d1.txt"]["status"] == "error" and "after 2 tries" in lines["d1.txt"]["error"]["message"]
    assert (stats.done, stats.failed) == (2, 1)


def test_resume_skips_documents_already_done(tmp_path: Path) -> None:
    """A second run with resume submits nothing for finished documents."""
    paths = _docs(tmp_path / "docs", 3)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        _run(server, paths, out)
        stats = _run(server, paths, out, resume=True)
        assert server.count == 3
    assert stats.skipped == 3 and len(_lines(out)) == 3


def test_usage_is_counted_once_per_answer(tmp_path: Path) -> None:
    """Each document's usage is that of its one answer (100 prompt + 20 completion tokens)."""
    paths = _docs(tmp_path / "docs", 2)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = _run(server, paths, out)
    assert [row["usage"]["total_tokens"] for row in _lines(out)] == [120, 120]
    assert stats.usage.total_tokens == 240


def test_batch_api_costs_are_not_list_prices_and_each_document_is_logged(tmp_path: Path) -> None:
    """The Batch API's discount is not in genai-prices: cost null with a note, unless a price
    table says what you pay; each document is a run in the history."""
    paths = _docs(tmp_path / "docs", 2)
    table = tmp_path / "prices.json"
    table.write_text(json.dumps({"test-model": {"input": 1.0, "output": 2.0}}))
    with FakeOpenAI() as server:
        settings = fast_settings(base_url=server.base_url, log=True, data_dir=tmp_path / "data")
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-test-not-real", max_retries=0)
        for name, changes in (("a", {}), ("b", {"prices": table})):
            run_openai_batch(
                paths,
                tmp_path / f"{name}.jsonl",
                settings.with_changes(**changes),
                client=client,
                poll_interval=0.0,
                sleep=lambda _: None,
            )
    unpriced = [line["summary"]["meta"] for line in _lines(tmp_path / "a.jsonl")]
    assert all(m["cost_usd"] is None and "Batch API" in m["cost_note"] for m in unpriced)
    priced = [line["summary"]["meta"] for line in _lines(tmp_path / "b.jsonl")]
    for meta in priced:
        usage = meta["usage"]
        expected = (usage["prompt_tokens"] * 1.0 + usage["completion_tokens"] * 2.0) / 1e6
        assert meta["cost_usd"] == pytest.approx(expected) and expected > 0
    runs = History.in_dir(tmp_path / "data").recent()
    assert len(runs) == 4 and {r.command for r in runs} == {"batch"}
