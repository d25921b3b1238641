"""Hangs and resource use: trickling servers, oversized answers (issue 13, items 11 and 12)."""

import asyncio
import json
import threading

import pytest

from summarizer import asummarize, summarize
from summarizer.errors import OversizedOutput, SummaryFailed
from summarizer.testing.authoring import chat_completion
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import Script, draft, fast_settings, ok

DOC = "Alice Smith opened a plant on Monday."
HANG_GUARD = 60.0  # only so that a regression fails instead of hanging the suite


def _in_thread(work):
    """Run `work` in a thread; what it returned or raised, or None if it is still running."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), "the call was still running: no wall-clock deadline"
    return outcome


def _trickling(n: int, request: dict) -> Reply:
    return Reply(trickle=0.05)  # a whole answer is ~700 bytes: 35 s, far past the deadline


@pytest.mark.parametrize("asynchronous", [False, True])
def test_a_trickling_server_is_cut_off_at_the_attempt_deadline(asynchronous: bool) -> None:
    """Each attempt ends at its wall-clock deadline, the call after its attempts: a timeout error."""
    with FakeOpenAI(script=_trickling) as server:
        settings = fast_settings(base_url=server.base_url, timeout=0.5, total_budget=5.0, max_attempts=2)
        if asynchronous:
            outcome = _in_thread(lambda: asyncio.run(asummarize(DOC, settings=settings)))
        else:
            outcome = _in_thread(lambda: summarize(DOC, settings=settings))
        assert server.count == 2
    error = outcome.get("error")
    assert isinstance(error, SummaryFailed) and "timed out" in str(error) and error.attempts == 2


def test_the_call_budget_bounds_all_attempts_together() -> None:
    """With a per-call budget below one attempt's limit, the first attempt already ends at the budget."""
    with FakeOpenAI(script=_trickling) as server:
        settings = fast_settings(base_url=server.base_url, timeout=30.0, total_budget=0.5, max_attempts=4)
        outcome = _in_thread(lambda: summarize(DOC, settings=settings))
    assert isinstance(outcome.get("error"), SummaryFailed) and "timed out" in str(outcome["error"])


def test_a_slow_but_steady_answer_within_the_deadline_still_succeeds() -> None:
    """The deadline bounds the whole exchange, not each byte: a normal answer is unaffected."""
    with FakeOpenAI(latency=0.05) as server:
        summary = summarize(DOC, settings=fast_settings(base_url=server.base_url, timeout=5.0))
    assert summary.actors[0].name == "Alice Smith"


def _huge(size: int):
    body = chat_completion(draft(), usage=(100, 20))
    arguments = body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = (
        arguments[:-1] + " " * size + "}"
    )
    return body


def test_an_oversized_answer_is_refused_without_a_reask() -> None:
    """A 5 MB answer (valid JSON padded with spaces) fails at once: one request, nothing echoed back."""
    import httpx2

    script = Script(httpx2.Response(200, json=_huge(5_000_000)))
    with pytest.raises(OversizedOutput, match="not re-asked"):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_an_invalid_answer_echoed_in_a_reask_is_bounded() -> None:
    """A re-ask echoes at most the answer limit, and the error it names is short and whole."""
    bad = draft(actors=[{"id": "A1", "name": "Alice Smith", "kind": "alien"}] * 15)
    script = Script(ok(bad), ok())
    summarize(DOC, settings=fast_settings(), http_client=script.client())
    reask = script.requests[1]["messages"]
    assert len(json.dumps(reask)) < 3 * len(json.dumps(script.requests[0]["messages"])) + 70_000
    problem = reask[-1]["content"]
    assert "actors.0.kind" in problem and len(problem) < 1500
