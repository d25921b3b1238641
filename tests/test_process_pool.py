"""The CPU work before the first call can run in a process pool (an option for many documents):
the same summary, the same errors."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest

from summarizer import InputError
from summarizer.pipeline import make_summarizer

from .conftest import Script, fast_settings, ok

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "us_china_diplomacy.txt").read_text("utf-8")


def _run(text: str, executor: ProcessPoolExecutor | None) -> object:
    summarizer = make_summarizer(fast_settings(), http_client=Script(ok(), ok()).async_client())
    summarizer.executor = executor
    summary = asyncio.run(summarizer.arun(text))
    summary.meta.seconds = 0.0
    return summary.model_dump()


def test_a_process_pool_gives_the_same_summary() -> None:
    with ProcessPoolExecutor(1) as pool:
        assert _run(SEED, pool) == _run(SEED, None)


def test_a_process_pool_raises_the_same_errors() -> None:
    with ProcessPoolExecutor(1) as pool, pytest.raises(InputError, match="empty"):
        _run("   ", pool)


def test_summarize_many_takes_a_pool() -> None:
    """`summarize_many(..., executor=pool)` gives the summaries it gives without one (issue 15)."""
    from summarizer import summarize_many
    from summarizer.testing.fake_server import FakeOpenAI

    texts = [SEED, "Alice Smith, the mayor, said the bridge would reopen in May.", "   "]

    def run(executor: ProcessPoolExecutor | None, base_url: str) -> list[object]:
        settings = fast_settings(base_url=base_url, cache=False)
        results = asyncio.run(summarize_many(texts, settings=settings, executor=executor))
        for result in results:
            if not isinstance(result, Exception):
                result.meta.seconds = 0.0
        return [r.model_dump() if not isinstance(r, Exception) else type(r) for r in results]

    with FakeOpenAI() as server, ProcessPoolExecutor(1) as pool:
        pooled, plain = run(pool, server.base_url), run(None, server.base_url)
    assert pooled == plain
    assert pooled[2] is InputError and all(isinstance(r, dict) for r in pooled[:2])


def test_a_pool_works_with_your_own_fields() -> None:
    """Own fields are a class made at run time, which a process cannot be sent: the pool is
    given only what reading needs (`--workers 1 --schema fields.json` failed with a
    PicklingError)."""
    from summarizer import summarize_many
    from summarizer.fields import load_schema
    from summarizer.testing.fake_server import FakeOpenAI

    with TemporaryDirectory() as tmp:
        spec = Path(tmp) / "fields.json"
        spec.write_text(json.dumps({"deadline": {"type": "str", "optional": True}}), encoding="utf-8")
        extra = load_schema(str(spec))
    with FakeOpenAI() as server, ProcessPoolExecutor(1) as pool:
        settings = fast_settings(base_url=server.base_url, cache=False, extra=extra)
        results = asyncio.run(summarize_many([SEED], settings=settings, executor=pool))
    assert [type(r).__name__ for r in results] == ["Summary"]


def test_the_search_text_is_made_with_the_plan_and_travels_with_it() -> None:
    """Grounding's searchable text is made where the reading is done (a pool's worker) and comes
    back with the plan, so the event loop's process does not make it again."""
    import pickle

    from summarizer.grounding import kept_text
    from summarizer.steps import PlanLimits, plan

    planned = pickle.loads(pickle.dumps(plan(SEED, PlanLimits(16_000, 2048, 2))))
    for part in [planned.segmentation, *planned.chunks]:
        assert part.searchable is not None
        assert kept_text(part) is part.searchable
        assert kept_text(part).mentions("Ma Zhaoxu")


def test_a_reading_process_leaves_ctrl_c_to_the_batch() -> None:
    from summarizer.batch import reading_process_setup

    with ProcessPoolExecutor(1, initializer=reading_process_setup) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN


# The CLI in a child process, with Ctrl-C's default restored (a process started in the
# background inherits SIGINT as ignored).
_CLI = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv = ['summarizer', *sys.argv[1:]]; runpy.run_module('summarizer', run_name='__main__')"
)


def test_ctrl_c_during_a_batch_with_workers_keeps_the_lines_and_prints_no_traceback(tmp_path: Path) -> None:
    from summarizer.testing.fake_server import FakeOpenAI

    paths = []
    for i in range(12):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(f"{SEED}\nFiled as story {i}.\n", encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "out.jsonl"
    with FakeOpenAI(latency=0.3) as server:
        args = [
            "batch",
            *paths,
            "-o",
            str(out),
            "--workers",
            "1",
            "--concurrency",
            "2",
            "--provider",
            "openai",
        ]
        args += ["--base-url", server.base_url, "--model", "m", "--no-log", "--no-cache"]
        env = {**os.environ, "OPENAI_API_KEY": "sk-test-not-real"}
        # Its own process group, signalled as a whole, as a terminal's Ctrl-C is.
        child = subprocess.Popen(
            [sys.executable, "-c", _CLI, *args],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        try:
            for _ in range(300):  # until the first line is written (at most 30 s), then Ctrl-C
                if out.exists() and out.read_text("utf-8").strip() or child.poll() is not None:
                    break
                time.sleep(0.1)
            os.killpg(child.pid, signal.SIGINT)
            stderr = child.communicate(timeout=60)[1]
        finally:
            child.kill()
    assert child.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert lines and all(line["status"] == "ok" for line in lines) and len(lines) < 12
