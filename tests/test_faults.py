"""Fault injection over real HTTP on 127.0.0.1: behaviour and exact attempt counts per fault."""

import json
import time

import pytest

from summarizer import (
    ContentFiltered,
    EmptyResponse,
    Refused,
    SummarizerError,
    SummaryFailed,
    TruncatedOutput,
    summarize,
)
from summarizer.testing.authoring import chat_completion
from summarizer.testing.fake_server import FakeOpenAI, Reply

from .conftest import draft, fast_settings, then_ok

DOC = "Alice Smith met Bob Jones in Paris on Monday."


def _run(server: FakeOpenAI, **changes):
    return summarize(DOC, settings=fast_settings(base_url=server.base_url, **changes))


def _body(**message_or_choice):
    body = chat_completion(draft(), usage=(10, 2))
    if "finish_reason" in message_or_choice:
        body["choices"][0]["finish_reason"] = message_or_choice.pop("finish_reason")
        body["choices"][0]["message"]["tool_calls"] = None
    body["choices"][0]["message"].update(message_or_choice)
    return body


@pytest.mark.parametrize("status", [429, 500, 502, 503, 408, 409])
def test_transient_status_is_retried_then_succeeds(status: int) -> None:
    """One transient status, then success: exactly 2 HTTP attempts."""
    with FakeOpenAI(script=then_ok(Reply(status=status, body={"error": {"message": "x"}}))) as server:
        summary = _run(server)
        assert server.count == 2 and summary.meta.attempts == 2


def test_429_with_retry_after_waits_that_long() -> None:
    """Retry-After: 0.3 is honoured: the retry comes at least 0.3 s later."""
    fault = Reply(status=429, headers={"retry-after": "0.3"}, body={"error": {"message": "slow down"}})
    with FakeOpenAI(script=then_ok(fault)) as server:
        started = time.monotonic()
        _run(server, retry_after_cap=5.0)
        assert server.count == 2 and time.monotonic() - started >= 0.3


def test_429_with_retry_after_beyond_the_cap_waits_only_the_cap() -> None:
    """Retry-After: 3600 with a 0.2 s cap waits about 0.2 s, not an hour."""
    fault = Reply(status=429, headers={"retry-after": "3600"}, body={"error": {"message": "later"}})
    with FakeOpenAI(script=then_ok(fault)) as server:
        started = time.monotonic()
        _run(server, retry_after_cap=0.2)
        elapsed = time.monotonic() - started
        assert server.count == 2 and 0.2 <= elapsed < 3


def test_persistent_503_fails_after_the_attempt_budget_naming_the_fault() -> None:
    """Always 503: exactly max_attempts HTTP attempts, then SummaryFailed naming HTTP 503."""
    with FakeOpenAI(script=lambda n, r: Reply(status=503, body={"error": {"message": "down"}})) as server:
        with pytest.raises(SummaryFailed, match="HTTP 503") as failure:
            _run(server, max_attempts=3)
        assert server.count == 3 and failure.value.attempts == 3


def test_connection_reset_is_retried() -> None:
    """A connection closed without an answer is retried once, then succeeds."""
    with FakeOpenAI(script=then_ok(Reply(drop=True))) as server:
        _run(server)
        assert server.count == 2


def test_read_timeout_is_retried() -> None:
    """An answer slower than the timeout is abandoned and retried."""
    with FakeOpenAI(script=then_ok(Reply(delay=1.5))) as server:
        summary = _run(server, timeout=0.5)
        assert server.count == 2 and summary.meta.attempts == 2


def test_slow_answer_within_the_timeout_is_not_retried() -> None:
    """An answer just inside the timeout is accepted on the first attempt."""
    with FakeOpenAI(script=then_ok(Reply(delay=0.6))) as server:
        _run(server, timeout=1.5)
        assert server.count == 1


def test_non_json_200_is_retried_as_a_gateway_fault() -> None:
    """A 200 whose body is not JSON (a proxy's page) is retried; then succeeds."""
    with FakeOpenAI(script=then_ok(Reply(body=b"<html>Bad gateway</html>"))) as server:
        _run(server)
        assert server.count == 2


def test_schema_invalid_json_is_reasked_not_retried() -> None:
    """Valid JSON that fails the schema is re-asked (a second call with the error named)."""
    invalid = chat_completion({"headline": "only this"}, usage=(10, 2))
    with FakeOpenAI(script=then_ok(Reply(body=invalid))) as server:
        summary = _run(server)
        assert server.count == 2 and summary.meta.reasks == 1
        assert "does not fit the schema" in server.requests[1]["messages"][-1]["content"]


@pytest.mark.parametrize(
    "body, error",
    [
        (_body(finish_reason="length"), TruncatedOutput),
        (_body(finish_reason="content_filter"), ContentFiltered),
        (_body(refusal="I cannot help with that.", tool_calls=None), Refused),
        ({"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}, EmptyResponse),
    ],
)
def test_permanent_answers_fail_at_once_with_a_typed_error(body, error) -> None:
    """Truncation, content filter, refusal and empty choices: 1 attempt, typed error, no re-ask."""
    with FakeOpenAI(script=lambda n, r: Reply(body=body)) as server:
        with pytest.raises(error):
            _run(server)
        assert server.count == 1


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_permanent_status_fails_at_once(status: int) -> None:
    """A client error is never retried."""
    with FakeOpenAI(script=lambda n, r: Reply(status=status, body={"error": {"message": "no"}})) as server:
        with pytest.raises(SummarizerError):
            _run(server)
        assert server.count == 1


def test_layers_never_multiply() -> None:
    """Every request the client sends is one tenacity attempt: 4 attempts, 4 requests, not 4x3x3."""
    with FakeOpenAI(script=lambda n, r: Reply(status=500, body={"error": {"message": "x"}})) as server:
        with pytest.raises(SummaryFailed):
            _run(server, max_attempts=4)
        assert server.count == 4
    requests = [json.dumps(r, sort_keys=True) for r in server.requests]
    assert len(set(requests)) == 1  # the same request each time: no hidden re-asks in between
