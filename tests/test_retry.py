"""Transient failures are retried by tenacity alone, with exact attempt counts."""

import httpx2
import pytest

from summarizer import SummaryFailed, summarize
from summarizer.client import CallFailed, ModelCaller

from .conftest import Script, fast_settings, ok, status

DOC = "Alice Smith met Bob Jones in Paris."


def test_429_then_200_takes_two_attempts() -> None:
    """One 429 is retried once, and the summary reports two HTTP attempts."""
    script = Script(status(429), ok())
    summary = summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 2 and summary.meta.attempts == 2


def test_503_then_200_takes_two_attempts() -> None:
    """One 503 is retried once, and the summary reports two HTTP attempts."""
    script = Script(status(503), ok())
    summary = summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 2 and summary.meta.attempts == 2


def test_connection_error_is_retried() -> None:
    """A connection that fails once is retried."""
    script = Script(httpx2.ConnectError("refused"), ok())
    summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 2


def test_persistent_500_stops_at_the_attempt_budget() -> None:
    """Always-500 makes exactly max_attempts HTTP requests: SDK and instructor add none."""
    script = Script(*[status(500)] * 10)
    with pytest.raises(SummaryFailed, match="after 4 attempt") as failure:
        summarize(DOC, settings=fast_settings(max_attempts=4), http_client=script.client())
    assert script.count == 4
    assert failure.value.attempts == 4


def test_permanent_400_is_not_retried() -> None:
    """A 400 fails at once, after one HTTP request."""
    script = Script(status(400), ok())
    with pytest.raises(SummaryFailed, match="HTTP 400"):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_bad_key_is_a_config_error_without_the_key() -> None:
    """A 401 becomes a ConfigError that names the fix and never the key."""
    script = Script(status(401))
    settings = fast_settings(api_key="sk-sentinel-secret-123")
    with pytest.raises(Exception) as failure:
        summarize(DOC, settings=settings, http_client=script.client())
    assert "OPENAI_API_KEY" in str(failure.value)
    assert "sk-sentinel-secret-123" not in str(failure.value)
    assert script.count == 1


def test_retry_after_is_honoured() -> None:
    """A 429 with Retry-After: 3 waits 3 seconds before the next attempt."""
    sleeps: list[float] = []
    script = Script(status(429, {"retry-after": "3"}), ok())
    caller = ModelCaller(
        fast_settings(retry_after_cap=30.0), http_client=script.client(), sleep=sleeps.append
    )
    caller.call([{"role": "user", "content": "hi"}])
    assert sleeps == [3.0]


def test_retry_after_is_capped() -> None:
    """A Retry-After longer than the cap waits only the cap."""
    sleeps: list[float] = []
    script = Script(status(429, {"retry-after": "120"}), ok())
    caller = ModelCaller(fast_settings(retry_after_cap=5.0), http_client=script.client(), sleep=sleeps.append)
    caller.call([{"role": "user", "content": "hi"}])
    assert sleeps == [5.0]


def test_backoff_grows_without_retry_after() -> None:
    """Without Retry-After, waits grow exponentially (with bounded jitter)."""
    sleeps: list[float] = []
    script = Script(status(503), status(503), status(503), ok())
    caller = ModelCaller(
        fast_settings(backoff_initial=1.0, backoff_max=60.0), http_client=script.client(), sleep=sleeps.append
    )
    caller.call([{"role": "user", "content": "hi"}])
    assert len(sleeps) == 3
    assert 1.0 <= sleeps[0] <= 2.0 and 2.0 <= sleeps[1] <= 3.0 and 4.0 <= sleeps[2] <= 5.0


def test_call_failed_carries_the_attempts() -> None:
    """When the budget runs out, the error says how many attempts were made."""
    script = Script(*[status(502)] * 3)
    caller = ModelCaller(fast_settings(max_attempts=3), http_client=script.client(), sleep=lambda _: None)
    with pytest.raises(CallFailed) as failure:
        caller.call([{"role": "user", "content": "hi"}])
    assert failure.value.attempts == 3 and script.count == 3
