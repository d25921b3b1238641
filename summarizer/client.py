"""One client factory for every provider, and the single model call built on it.

`make_openai_client` is the one seam: `base_url`, `api_key` and an optional `http_client` serve
OpenAI, Azure OpenAI's v1 endpoint, vLLM, Ollama, llama.cpp, the embedded local model, replay,
recording and fault-injection tests alike.

`ModelCaller.call` makes one structured call: instructor shapes the request for the chosen mode
and parses the answer into `SummaryDraft` (with `max_retries=0`: re-asks are ours), tenacity
retries transient failures, and answers that no re-ask can fix raise typed errors.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx2
import instructor
import openai
from pydantic import BaseModel

from .answers import Reply, check_size, check_stop, describe_error, lenient_parse, raw_text, usage_of
from .deadline import attempt_deadline, guard_client, guard_transport
from .errors import ConfigError, SummarizerError
from .providers import provider_for
from .retry import NotJSONAnswer, async_retrying, is_transient, retrying, root_cause
from .schemas import SummaryDraft, Usage
from .settings import Settings
from .text_safety import strip_invisible

if TYPE_CHECKING:
    from .steps import Tally

INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}

# instructor logs every failed parse at ERROR; we report failures ourselves, so keep its logs
# out of users' stderr unless they configure logging.
logging.getLogger("instructor").addHandler(logging.NullHandler())


def make_openai_client(
    settings: Settings,
    *,
    base_url: str | None = None,
    http_client: httpx2.Client | httpx2.AsyncClient | None = None,
    asynchronous: bool = False,
) -> openai.OpenAI | openai.AsyncOpenAI:
    """The SDK client for `settings`, with the SDK's own retries off (tenacity owns them)."""
    transport = provider_for(settings.provider).transport(settings)
    if http_client is None and transport is not None:
        if not asynchronous:
            guard_transport(getattr(transport, "inner", None))  # recording: the real network under it
        http_client = (
            httpx2.AsyncClient(transport=transport) if asynchronous else httpx2.Client(transport=transport)
        )
    elif http_client is None and not asynchronous:
        # The SDK's own defaults, with reads and writes that end at each attempt's deadline.
        http_client = guard_client(openai.DefaultHttpxClient())
    cls = openai.AsyncOpenAI if asynchronous else openai.OpenAI
    kwargs: dict[str, Any] = {
        "api_key": settings.api_key,
        "base_url": base_url or settings.base_url,
        "max_retries": 0,
        "timeout": settings.timeout,
    }
    if http_client is not None:
        kwargs["http_client"] = http_client
    return cls(**kwargs)


class CallFailed(Exception):
    """A model call that failed for good: the underlying error and the HTTP attempts it took."""

    def __init__(self, error: BaseException, attempts: int):
        super().__init__(str(error))
        self.error = error
        self.attempts = attempts


@functools.lru_cache(maxsize=16)
def _prepared(response_model: type[BaseModel]) -> type[BaseModel]:
    """The model wrapped once with instructor's public `openai_schema`.

    Given a plain model, instructor wraps it in a new class on every call, so its schema cache
    never hits; wrapping once cut a sequential run of 200 documents at ~0 latency from 1.7 s
    to 1.4 s (8.5 to 7 ms per document).
    """
    return instructor.openai_schema(response_model)


@dataclass(frozen=True)
class Shape:
    """How instructor shapes the request for one response model in one mode, and reads the answer.

    instructor's patched `create` redoes the same work on every call: it walks the whole
    response model for async validators four times, prepares the model twice and builds the
    tool schema, which cost about 3 ms of CPU per call (more than the rest of a request). All of
    that depends only on the model and the mode, so it is done once here with instructor's own
    handlers; each call then sends the kwargs instructor would send (a test compares the bytes)
    and reads the answer with instructor's own parser for the mode.
    """

    model: Any  # the response model as instructor's handlers use it
    handlers: Any  # instructor's request handler, response parser and message converter
    provider: Any
    mode: Any
    extras: dict[str, Any] | None  # what the request handler adds (tools, tool_choice, ...), when
    # it leaves the messages and the other kwargs as they are; None: it is run on every call

    def kwargs(self, settings: Settings, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The create() kwargs for these messages, exactly as instructor's patched create builds them."""
        from instructor.v2.core.templating import handle_templating  # type: ignore[attr-defined]

        kwargs: dict[str, Any] = {
            "model": settings.model,
            "messages": list(messages),
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
        }
        if self.extras is not None:
            kwargs.update(self.extras)
        else:
            _, kwargs = self.handlers.request_handler(response_model=self.model, kwargs=kwargs)
        kwargs.pop("autodetect_images", None)
        if self.handlers.message_converter and "messages" in kwargs:
            kwargs["messages"] = self.handlers.message_converter(kwargs["messages"], autodetect_images=False)
        kwargs = handle_templating(kwargs, mode=self.mode, provider=self.provider, context=None)
        return _untransformed(kwargs)

    def parse(self, completion: Any, is_async: bool = False) -> Any:
        """The validated answer, or the exception instructor's parser raises for it."""
        return self.handlers.response_parser(
            response=completion,
            response_model=self.model,
            validation_context=None,
            strict=True,  # what instructor's create passes by default
            stream=False,
            is_async=is_async,
        )


# The create() parameters that the SDK puts last in the body (after model, messages, max_tokens
# and temperature), in its order.
_LAST_KEYS = ("tool_choice", "tools")


def _untransformed(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The same request, with the parts that the SDK would walk on every call passed as they are.

    The SDK transforms its params by their type annotations on every call (about 1 ms in sync,
    2 ms in async, mostly hashing typing unions), although plain messages and a tool schema come
    out unchanged. `extra_body` is merged into the body without that walk: `messages` keeps its
    place (first) with the real list put over an empty placeholder, and `tool_choice` and `tools`
    come last as they would anyway, in the SDK's order. The bytes sent are the same (a test
    compares them with instructor's own call, in every mode).
    """
    body: dict[str, Any] = {"messages": kwargs["messages"]}
    if {key for key in _LAST_KEYS if key in kwargs} == set(_LAST_KEYS):
        body.update((key, kwargs.pop(key)) for key in _LAST_KEYS)
    return {**kwargs, "messages": [], "extra_body": body}


_PROBE = [{"role": "system", "content": "probe"}, {"role": "user", "content": "probe"}]


@functools.lru_cache(maxsize=32)
def shape(response_model: type[BaseModel], provider: Any, mode: Any) -> Shape:
    """instructor's per-call preparation of `response_model`, done once per process."""
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model

    handlers = mode_registry.get_handlers(provider, mode)
    model = prepare_response_model(_prepared(response_model))  # also refuses async validators
    base: dict[str, Any] = {"model": "probe", "messages": list(_PROBE), "temperature": 0.5, "max_tokens": 7}
    prepared, shaped = handlers.request_handler(response_model=model, kwargs=dict(base))
    untouched = shaped.get("messages") == _PROBE and all(shaped.get(k) == v for k, v in base.items())
    extras = {k: v for k, v in shaped.items() if k not in base} if untouched else None
    return Shape(prepared if prepared is not None else model, handlers, provider, mode, extras)


class ModelCaller:
    """Makes structured calls for one Settings; sync and async share everything but the I/O."""

    def __init__(
        self,
        settings: Settings,
        *,
        base_url: str | None = None,
        http_client: httpx2.Client | httpx2.AsyncClient | None = None,
        sleep: Any = None,
    ):
        self.settings = settings
        self.base_url = base_url
        self.http_client = http_client
        self.sleep = sleep
        self._sync: Any = None
        self._async: Any = None
        self._async_loop: Any = None  # an async client's connections belong to one event loop
        self.cache = None
        if provider_for(settings.provider).caches(settings):
            from .cache import ResponseCache
            from .settings import default_cache_dir

            self.cache = ResponseCache(settings.cache_dir or default_cache_dir({}))

    def _outcome(
        self,
        result: Any,
        exc: BaseException | None,
        captured: list[Any],
        attempts: int,
        response_model: type[BaseModel],
    ) -> Reply:
        if exc is None:
            draft, completion = result
            raw = raw_text(completion)
            check_size(raw, self.settings.max_tokens)
            return Reply(draft, raw, None, usage_of(completion), attempts)
        completion = captured[-1] if captured else None
        if isinstance(completion, str | bytes):  # the SDK hands back a body that is not JSON as text
            body = completion.decode(errors="replace") if isinstance(completion, bytes) else completion
            raise NotJSONAnswer(body)
        if completion is None or isinstance(root_cause(exc), SummarizerError):
            raise root_cause(exc)
        check_stop(completion, self.settings.max_tokens)
        raw = raw_text(completion)
        check_size(raw, self.settings.max_tokens)  # never re-asked: the echo would be as large
        draft = lenient_parse(raw, response_model)
        if draft is not None:
            return Reply(draft, raw, None, usage_of(completion), attempts)
        return Reply(None, raw, describe_error(root_cause(exc)), usage_of(completion), attempts)

    def _cached(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> tuple[str, Reply | None]:
        """The cache key for this call, and the cached answer if there is one (no tokens spent)."""
        if self.cache is None:
            return "", None
        from .cache import answer_key

        settings = self.settings
        key = answer_key(
            settings.model,
            settings.mode,
            messages,
            response_model,
            settings.temperature,
            settings.max_tokens,
            provider=settings.provider,
            base_url=settings.base_url,
        )
        hit = self.cache.get(key)
        draft = lenient_parse(hit["raw"], response_model) if hit else None
        if hit is None or draft is None:
            return key, None
        return key, Reply(draft, hit["raw"], None, Usage(), 0, cached=True)

    def _remember(self, key: str, reply: Reply) -> Reply:
        if self.cache is not None and key and reply.draft is not None:
            self.cache.put(key, {"raw": reply.raw, "usage": reply.usage.model_dump()})
        return reply

    def call(self, messages: list[dict[str, str]], response_model: type[BaseModel] = SummaryDraft) -> Reply:
        key, hit = self._cached(messages, response_model)
        if hit is not None:
            return hit
        return self._remember(key, self._call(messages, response_model))

    async def acall(
        self, messages: list[dict[str, str]], response_model: type[BaseModel] = SummaryDraft
    ) -> Reply:
        key, hit = self._cached(messages, response_model)
        if hit is not None:
            return hit
        return self._remember(key, await self._acall(messages, response_model))

    def _client(self, asynchronous: bool) -> Any:
        """The SDK client, and instructor's provider and mode for it."""
        client = make_openai_client(
            self.settings, base_url=self.base_url, http_client=self.http_client, asynchronous=asynchronous
        )
        patched = instructor.from_openai(client, mode=INSTRUCTOR_MODES[self.settings.mode])
        return client, patched.provider, patched.mode

    def _failed_attempt(
        self, exc: Exception, captured: list[Any], attempts: int, response_model: type[BaseModel]
    ) -> Reply:
        """A transport failure goes back to tenacity; a bad answer becomes a Reply to re-ask."""
        if is_transient(exc) and not captured:
            raise exc
        if captured and isinstance(captured[-1], str | bytes):
            raise NotJSONAnswer(str(captured[-1]))  # transient: a gateway's error page
        return self._outcome(None, exc, captured, attempts, response_model)

    def _attempt_seconds(self, started: float) -> float:
        """Wall-clock seconds the next attempt may take: its own limit, within the call's budget."""
        left = self.settings.total_budget - (time.monotonic() - started)
        return max(0.0, min(self.settings.timeout, left))

    def _call(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> Reply:
        if self._sync is None:
            self._sync = self._client(asynchronous=False)
        client, provider, mode = self._sync
        way = shape(response_model, provider, mode)
        request = way.kwargs(self.settings, messages)
        attempts = 0
        started = time.monotonic()
        kwargs = {"sleep": self.sleep} if self.sleep else {}
        try:
            for attempt in retrying(self.settings, **kwargs):
                with attempt:
                    attempts += 1
                    captured: list[Any] = []  # the raw completion, kept for re-asks and errors
                    try:
                        with attempt_deadline(self._attempt_seconds(started)):
                            completion = client.chat.completions.create(**request)
                        captured.append(completion)
                        result = (way.parse(completion), completion)
                    except Exception as exc:
                        return self._failed_attempt(exc, captured, attempts, response_model)
                    return self._outcome(result, None, captured, attempts, response_model)
        except Exception as exc:
            raise CallFailed(root_cause(exc), attempts) from exc
        raise AssertionError("unreachable: tenacity either returns or reraises")

    async def _acall(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> Reply:
        loop = asyncio.get_running_loop()
        if self._async is None or self._async_loop is not loop:
            self._async, self._async_loop = self._client(asynchronous=True), loop
        client, provider, mode = self._async
        way = shape(response_model, provider, mode)
        request = way.kwargs(self.settings, messages)
        attempts = 0
        started = time.monotonic()
        try:
            async for attempt in async_retrying(self.settings, self.sleep):
                with attempt:
                    attempts += 1
                    captured: list[Any] = []  # the raw completion, kept for re-asks and errors
                    try:
                        async with asyncio.timeout(self._attempt_seconds(started)):
                            completion = await client.chat.completions.create(**request)
                        captured.append(completion)
                        result = (way.parse(completion, is_async=True), completion)
                    except TimeoutError:  # the attempt's wall-clock deadline
                        late = openai.APITimeoutError(request=httpx2.Request("POST", self.base_url or "/"))
                        return self._failed_attempt(late, captured, attempts, response_model)
                    except Exception as exc:
                        return self._failed_attempt(exc, captured, attempts, response_model)
                    return self._outcome(result, None, captured, attempts, response_model)
        except Exception as exc:
            raise CallFailed(root_cause(exc), attempts) from exc
        raise AssertionError("unreachable: tenacity either returns or reraises")


# --- errors users see ---------------------------------------------------------------------


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
