"""Retry on purpose: tenacity owns transient failures, and only those.

Transient: HTTP 408, 409, 429 and 5xx, connection errors and timeouts. They are retried with
exponential backoff and jitter, honouring `Retry-After` up to a cap, within an attempt count and
a time budget. The SDK's own retries are switched off (`max_retries=0` in `client.py`) and
instructor is given `max_retries=0`, so the layers never multiply. Validation re-asks are a
separate, smaller budget owned by `pipeline.py`.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from typing import Any

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from .errors import SummarizerError
from .settings import Settings

TRANSIENT_STATUS = {408, 409, 429}


class NotJSONAnswer(Exception):
    """A 200 answer whose body is not JSON at all (a proxy's or gateway's HTML error page)."""

    def __init__(self, body: str):
        self.body = body
        super().__init__(f"the answer was not JSON: {' '.join(body.split())[:80]!r}")


def root_cause(exc: BaseException) -> BaseException:
    """Unwrap the exceptions that instructor and the SDK wrap around the real failure."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, SummarizerError):
            return exc
        cause = exc.__cause__
        if isinstance(exc, openai.APIError) and not isinstance(cause, SummarizerError):
            return exc
        if cause is None:
            return exc
        exc = cause
    return exc


def is_transient(exc: BaseException) -> bool:
    """Worth another attempt: rate limits, server errors, broken connections, timeouts.

    A body that is not JSON at all (a proxy's error page with status 200) counts too; the
    caller only asks when no completion was parsed, so a model's malformed JSON is not retried
    here but re-asked.
    """
    cause = root_cause(exc)
    if isinstance(cause, openai.APIStatusError):
        return cause.status_code in TRANSIENT_STATUS or cause.status_code >= 500
    # APITimeoutError is a subclass of APIConnectionError.
    return isinstance(cause, openai.APIConnectionError | json.JSONDecodeError | NotJSONAnswer)


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `Retry-After`."""
    cause = root_cause(exc)
    if not isinstance(cause, openai.APIStatusError):
        return None
    headers = cause.response.headers
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class WaitRetryAfterOrBackoff:
    """Wait what `Retry-After` says (capped), else exponential backoff with jitter."""

    def __init__(self, settings: Settings):
        self.cap = settings.retry_after_cap
        self.backoff = wait_exponential_jitter(
            multiplier=settings.backoff_initial,
            max=settings.backoff_max,
            jitter=settings.backoff_initial,
        )

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc) if exc else None
        if asked is not None:
            return min(asked, self.cap)
        return self.backoff(state)


def _policy(settings: Settings) -> dict[str, Any]:
    return {
        "retry": retry_if_exception(is_transient),
        "wait": WaitRetryAfterOrBackoff(settings),
        "stop": stop_after_attempt(settings.max_attempts) | stop_after_delay(settings.total_budget),
        "reraise": True,
    }


def retrying(settings: Settings, sleep: Callable[[float], None] = time.sleep) -> Retrying:
    return Retrying(sleep=sleep, **_policy(settings))


def async_retrying(settings: Settings, sleep: Callable[[float], Any] | None = None) -> AsyncRetrying:
    if sleep is None:
        return AsyncRetrying(**_policy(settings))
    return AsyncRetrying(sleep=sleep, **_policy(settings))
