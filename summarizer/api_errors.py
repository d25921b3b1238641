"""A failed model call in people's words: what went wrong and what to do, never a key."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import httpx2
import openai

from .errors import ConfigError, SummarizerError
from .retry import NotJSONAnswer
from .settings import Settings
from .text_safety import strip_invisible

if TYPE_CHECKING:
    from .client import CallFailed
    from .steps import Tally


def _explain(error: BaseException, settings: Settings) -> SummarizerError | None:
    """Permanent API errors, in words that name the fix; None when no special advice applies."""
    where = settings.base_url or "the provider"
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return ConfigError(f"{where} rejected the API key ({error.status_code}); check OPENAI_API_KEY.")
    if isinstance(error, openai.NotFoundError):
        return ConfigError(
            f"{where} does not know model {settings.model!r} (404); check --model and --base-url."
        )
    return None


_KEYLIKE = re.compile(r"\b(?:sk|pk|rk|key|token)[-_][A-Za-z0-9_*.-]{6,}", re.IGNORECASE)


def _redact(text: str, settings: Settings) -> str:
    """`text` from a server, safe to show: one line, no invisible characters, no key."""
    text = " ".join(strip_invisible(text).split())
    if settings.api_key and len(settings.api_key) >= 6:
        text = text.replace(settings.api_key, "[key]")
    return _KEYLIKE.sub("[key]", text)


def _server_message(error: openai.APIStatusError, settings: Settings) -> str:
    """What the server said about a failed request, shortened and with any key removed."""
    body: Any = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    message = body.get("message") if isinstance(body, dict) else body
    if not isinstance(message, str) or not message.strip():
        return ""
    text = _redact(message, settings)
    return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"


def failure(exc: CallFailed, settings: Settings, tally: Tally) -> SummarizerError:
    """Turn a failed call into the error users see, with attempts and usage so far."""
    error = exc.error
    if isinstance(error, SummarizerError):
        return error
    advice = _explain(error, settings)
    if advice:
        return advice
    if isinstance(error, openai.APIStatusError):
        said = _server_message(error, settings)
        reason = f"HTTP {error.status_code}" + (f" ({said})" if said else "")
    elif isinstance(error, NotJSONAnswer):
        reason = (
            "the provider answered with a page that is not JSON (a proxy or gateway error page?): "
            f"{_redact(error.body, settings)[:80]!r}"
        )
    elif isinstance(error, openai.APITimeoutError):
        reason = (
            f"the request timed out (no complete answer within {settings.timeout:g} s per attempt, "
            f"{settings.total_budget:g} s per call)"
        )
    elif isinstance(error, openai.APIConnectionError):
        cause = error.__cause__
        if cause is None or isinstance(cause, httpx2.ConnectError | httpx2.ConnectTimeout):
            reason = f"could not connect to {settings.base_url or 'the provider'}"
        else:
            reason = (
                f"the connection to {settings.base_url or 'the provider'} broke off before the answer "
                f"was complete ({_redact(str(cause), settings)[:120]})"
            )
    elif isinstance(error, json.JSONDecodeError):
        reason = "the provider's answers were not JSON (a proxy or gateway error page?)"
    else:
        reason = f"{type(error).__name__}: {error}"
    return tally.failed(
        f"The model call failed after {tally.attempts + exc.attempts} attempt(s): {reason}.",
        extra_attempts=exc.attempts,
        last_error=error,
    )
