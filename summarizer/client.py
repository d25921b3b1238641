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
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx2
import instructor
import openai
from pydantic import BaseModel

from .answers import Reply, check_size, check_stop, describe_error, lenient_parse, raw_text, usage_of
from .deadline import attempt_deadline, guard_client, guard_transport
from .errors import SummarizerError
from .providers import provider_for
from .request_shape import shape
from .retry import NotJSONAnswer, async_retrying, is_transient, retrying, root_cause
from .schemas import SummaryDraft, Usage
from .settings import Settings

if TYPE_CHECKING:
    pass

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
    aiohttp: bool = False,
) -> openai.OpenAI | openai.AsyncOpenAI:
    """The SDK client for `settings`, with the SDK's own retries off (tenacity owns them).
    `aiohttp`: an async client over the SDK's aiohttp transport, where no other is given (see
    `ModelCaller.batch_session`)."""
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
    elif http_client is None and asynchronous and aiohttp:
        http_client = openai.DefaultAioHttpClient()
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
        self._sessions = 0  # batch sessions open on the async client (`batch_session`)
        self._before_sessions: Any = None  # the async client they replaced, put back after them
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

    @contextlib.asynccontextmanager
    async def batch_session(self) -> AsyncIterator[None]:
        """The calls of a batch on this event loop share one async client over the SDK's aiohttp
        transport (`openai.DefaultAioHttpClient`: about 1 ms less CPU per call than httpx's under
        concurrency; README, Benchmarks), closed when the batch ends, since an aiohttp session
        left open is reported at exit. A caller given its own `http_client` keeps it, open."""
        if self.http_client is not None:
            yield
            return
        if self._sessions == 0:  # the first of the batches open at once makes the client
            self._before_sessions = self._async, self._async_loop
            self._async = self._client(asynchronous=True, aiohttp=True)
            self._async_loop = asyncio.get_running_loop()
        self._sessions += 1
        try:
            yield
        finally:
            self._sessions -= 1
            if self._sessions == 0:  # the last to end closes it
                client = self._async[0]
                self._async, self._async_loop = self._before_sessions
                await client.close()

    def _client(self, asynchronous: bool, aiohttp: bool = False) -> Any:
        """The SDK client, and instructor's provider and mode for it."""
        client = make_openai_client(
            self.settings,
            base_url=self.base_url,
            http_client=self.http_client,
            asynchronous=asynchronous,
            aiohttp=aiohttp,
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
