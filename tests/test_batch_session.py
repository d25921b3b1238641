"""A batch's calls share one async client over the SDK's aiohttp transport, opened for the batch
and closed after it (issue 15): nothing is left open, and a client the caller gave stays theirs."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings

import httpx2
import pytest

from summarizer.batch import summarize_many
from summarizer.pipeline import make_summarizer
from summarizer.testing.fake_server import FakeOpenAI

from .conftest import Script, fast_settings, ok

TEXTS = ["Alice Smith, the mayor, said the bridge would reopen in May.", "Bob Jones left the port."]


def test_a_batch_closes_the_client_it_opened(caplog: pytest.LogCaptureFixture) -> None:
    with FakeOpenAI() as server, caplog.at_level(logging.ERROR, logger="asyncio"):
        settings = fast_settings(base_url=server.base_url, cache=False)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            results = asyncio.run(summarize_many(TEXTS, settings=settings, concurrency=2))
            gc.collect()
        assert server.count >= 2
    assert [type(r).__name__ for r in results] == ["Summary", "Summary"]
    assert "Unclosed" not in caplog.text
    assert not [w for w in caught if "Unclosed client session" in str(w.message)]


def test_the_session_is_the_batch_s_only(caplog: pytest.LogCaptureFixture) -> None:
    """Inside, calls use the batch's client; after it, the caller is as it was (two batches at
    once share one client, closed when the last ends)."""
    with FakeOpenAI() as server:
        summarizer = make_summarizer(fast_settings(base_url=server.base_url, cache=False))
        caller = summarizer.caller

        async def batches() -> None:
            async def one() -> None:
                async with caller.batch_session():
                    client = caller._async[0]
                    await summarizer.arun(TEXTS[0])
                    seen.append(client)

            seen: list[object] = []
            await asyncio.gather(one(), one())
            assert seen[0] is seen[1] and seen[0].is_closed()

        asyncio.run(batches())
    assert caller._async is None


def test_a_client_the_caller_gave_is_used_and_left_open() -> None:
    script = Script(*[lambda request: ok()] * 6)
    client = httpx2.AsyncClient(transport=httpx2.MockTransport(script))
    summarizer = make_summarizer(fast_settings(cache=False), http_client=client)

    async def batch() -> None:
        async with summarizer.caller.batch_session():
            await summarizer.arun(TEXTS[0])

    asyncio.run(batch())
    assert script.count >= 1 and not client.is_closed
