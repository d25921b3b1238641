"""The CPU work before the first call can run in a process pool (an option for many documents):
the same summary, the same errors."""

from __future__ import annotations

import asyncio
import json
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
