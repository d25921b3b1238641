"""With an executor, a batch reads the documents next in line while those in flight wait on the
model (issue 15), so a document starts its call as soon as it gets a turn."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarizer.batch import BatchStats, run_batch
from summarizer.pipeline import _settle, make_summarizer
from summarizer.steps import Plan, plan

from .conftest import Script, fast_settings, ok

TEXTS = [
    "Alice Smith, the mayor, said the bridge would reopen in May.",
    "Bob Jones, the harbour master, said the port would stay shut.",
    "Carol White, a nurse, said the clinic would open on Sunday.",
]


class RecordingExecutor(ThreadPoolExecutor):
    """A one-thread pool that records the documents it is asked to read, in order."""

    def __init__(self) -> None:
        super().__init__(1)
        self.read: list[str] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.read.append(args[0])
        return super().submit(fn, *args, **kwargs)


def _answers(first: Any = None) -> Script:
    """`first`, then a valid answer to every request (a document may be re-asked once)."""
    rest = [lambda request: ok()] * 10
    return Script(*([first] if first else []), *rest)


def _batch(tmp_path: Path, script: Script, executor: Any, concurrency: int) -> list[dict[str, Any]]:
    return _batch_and_stats(tmp_path, script, executor, concurrency)[0]


def _batch_and_stats(
    tmp_path: Path, script: Script, executor: Any, concurrency: int
) -> tuple[list[dict[str, Any]], BatchStats]:
    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    summarizer = make_summarizer(fast_settings(cache=False), http_client=script.async_client())
    summarizer.executor = executor
    out = tmp_path / "out.jsonl"
    stats = asyncio.run(
        run_batch(paths, out, summarizer.settings, concurrency=concurrency, summarizer=summarizer)
    )
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()], stats


def test_the_next_document_is_read_while_the_first_waits_on_the_model(tmp_path: Path) -> None:
    executor = RecordingExecutor()
    seen_at_first_call: list[str] = []

    def first(request: httpx2.Request) -> httpx2.Response:
        seen_at_first_call.extend(executor.read)
        return ok()

    with executor:
        lines = _batch(tmp_path, _answers(first), executor, concurrency=1)
    # One in flight and one more read ahead; the third waits for a turn to free.
    assert seen_at_first_call == TEXTS[:2]
    assert executor.read == TEXTS
    assert [line["status"] for line in lines] == ["ok", "ok", "ok"]


def test_without_an_executor_nothing_is_read_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading ahead on the event loop's own thread would only move the same work earlier: at
    the first call, only the first document has been read."""
    import summarizer.pipeline as pipeline

    read: list[str] = []
    monkeypatch.setattr(pipeline, "plan", lambda text, settings: read.append(text) or plan(text, settings))
    seen_at_first_call: list[str] = []

    def first(request: httpx2.Request) -> httpx2.Response:
        seen_at_first_call.extend(read)
        return ok()

    lines = _batch(tmp_path, _answers(first), None, concurrency=1)
    assert seen_at_first_call == TEXTS[:1]
    assert read == TEXTS
    assert [line["status"] for line in lines] == ["ok", "ok", "ok"]


def test_a_document_read_ahead_counts_its_time_from_its_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """meta.seconds is the reading plus the document's own turn, not the wait for a turn: on a
    clock that the first call moves on by 100 s, the second document takes 0 s."""
    now = [1000.0]
    import summarizer.pipeline as pipeline
    import summarizer.steps as steps

    class Clock:
        @staticmethod
        def perf_counter() -> float:
            return now[0]

    monkeypatch.setattr(pipeline, "time", Clock)
    monkeypatch.setattr(steps, "time", Clock)

    def slow(request: httpx2.Request) -> httpx2.Response:
        now[0] += 100.0
        return ok()

    with RecordingExecutor() as executor:
        lines = _batch(tmp_path, _answers(slow), executor, concurrency=1)
    assert [line["summary"]["meta"]["seconds"] for line in lines] == [100.0, 0.0, 0.0]


def test_a_plan_nobody_awaits_is_cancelled_or_its_error_marked_seen(caplog: pytest.LogCaptureFixture) -> None:
    """A batch stopped early (a budget, an interrupt) leaves plans read ahead: a pending one is
    cancelled, and a failed one does not make asyncio log "exception was never retrieved"."""

    async def settle_both() -> tuple[asyncio.Future[Plan], asyncio.Future[Plan]]:
        loop = asyncio.get_running_loop()
        pending: asyncio.Future[Plan] = loop.create_future()
        failed: asyncio.Future[Plan] = loop.create_future()
        failed.set_exception(ValueError("unreadable"))
        _settle(pending)
        _settle(failed)
        return pending, failed

    with caplog.at_level(logging.ERROR, logger="asyncio"):
        pending, failed = asyncio.run(settle_both())
        assert pending.cancelled()
        del pending, failed
        gc.collect()
    assert "never retrieved" not in caplog.text


class BreakingExecutor(ThreadPoolExecutor):
    """Reads the first document, then breaks as a process pool does when its worker is killed:
    the document being read fails, and every later submit is refused."""

    def __init__(self) -> None:
        super().__init__(1)
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        if self.submitted == 1:
            return super().submit(fn, *args, **kwargs)
        if self.submitted == 2:
            broken: Future[Any] = Future()
            broken.set_exception(BrokenProcessPool("A child process terminated abruptly"))
            return broken
        raise BrokenProcessPool("A child process terminated abruptly, the pool is not usable anymore")


def test_a_pool_that_breaks_mid_batch_loses_no_document(tmp_path: Path) -> None:
    """The documents are read in this process from then on, and the batch says so. (All three are
    read ahead at once: the second's reading fails, the third's submit is refused.)"""
    with BreakingExecutor() as executor:
        lines, stats = _batch_and_stats(tmp_path, _answers(), executor, concurrency=2)
    assert [line["status"] for line in lines] == ["ok", "ok", "ok"]
    assert executor.submitted == 3
    assert any("stopped (killed, or out of memory?)" in note for note in stats.notes)


def test_a_killed_worker_process_does_not_stop_the_batch(tmp_path: Path) -> None:
    """A real pool whose worker died (here it exits abruptly, as a killed one does)."""
    with ProcessPoolExecutor(1) as pool:
        with pytest.raises(BrokenProcessPool):
            pool.submit(os._exit, 1).result()
        lines, stats = _batch_and_stats(tmp_path, _answers(), pool, concurrency=2)
    assert [line["status"] for line in lines] == ["ok", "ok", "ok"]
    assert any("--workers" in note for note in stats.notes)
