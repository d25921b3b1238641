"""A batch's calls share one async client over the SDK's aiohttp transport, opened for the batch
and closed after it (issue 15): nothing is left open, and a client the caller gave stays theirs."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings

import httpx2
import pytest

from summarizer import SummarizerError, asummarize
from summarizer.batch import summarize_many
from summarizer.pipeline import make_summarizer
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import Script, fast_settings, ok, then_ok

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


DOC = "Alice Smith met Bob Jones in Paris on Monday."


FAULTS = {
    "500 then ok": (then_ok(Reply(status=500, body={"error": {"message": "x"}})), {}),
    "429 with Retry-After then ok": (
        then_ok(Reply(status=429, headers={"retry-after": "0.1"}, body={"error": {"message": "later"}})),
        {},
    ),
    "connection dropped then ok": (then_ok(Reply(drop=True)), {}),
    "slower than the timeout then ok": (then_ok(Reply(delay=1.5)), {"timeout": 0.5}),
    "trickling then ok": (then_ok(Reply(trickle=0.2)), {"timeout": 0.6}),
    "an HTML page with 200 then ok": (then_ok(Reply(body=b"<html>Bad gateway</html>")), {}),
    "503 for ever": (
        lambda n, r: Reply(status=503, body={"error": {"message": "down"}}),
        {"max_attempts": 3},
    ),
    "401": (lambda n, r: Reply(status=401, body={"error": {"message": "bad key sk-test-not-real"}}), {}),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_batch_meets_each_fault_as_a_single_call_does(fault: str) -> None:
    """The same outcome, message and number of HTTP attempts through the batch's aiohttp client
    as through `asummarize`'s httpx client."""
    script, changes = FAULTS[fault]

    def outcome(batch: bool) -> tuple[str, str, int]:
        with FakeOpenAI(script=script) as server:
            settings = fast_settings(base_url=server.base_url, cache=False, **changes)
            if batch:
                result: object = asyncio.run(summarize_many([DOC], settings=settings))[0]
            else:
                try:
                    result = asyncio.run(asummarize(DOC, settings=settings))
                except SummarizerError as exc:
                    result = exc
            message = str(result) if isinstance(result, SummarizerError) else ""
            return type(result).__name__, message.replace(server.base_url, "URL"), server.count

    batch, single = outcome(batch=True), outcome(batch=False)
    assert batch == single
    assert "sk-test-not-real" not in batch[1]
