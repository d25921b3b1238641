"""The CPU work before the first call can run in a process pool (an option for many documents):
the same summary, the same errors."""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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
