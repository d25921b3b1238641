"""Driving the steps: one document, synchronously or concurrently, and the public API.

`steps.py` holds what happens to a document; this module only sends each `Request` to the
model caller and hands the `Reply` back (httpx's `sync_auth_flow`/`async_auth_flow` pattern).
A chunked document's parts run concurrently under `asummarize`.

The model client (and with it the `openai` SDK and instructor, about a second to import) is
loaded when a Summarizer is made, not when this module is imported.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from concurrent.futures import BrokenExecutor, Executor
from typing import TYPE_CHECKING, Any

from .answers import Reply
from .errors import ConfigError, InputError, SummarizerError
from .history import log_run
from .pricing import Cost, cost_of
from .prompts import PromptTemplates
from .providers import provider_for
from .schemas import Summary
from .settings import Settings, resolve_settings
from .steps import Plan, PlanLimits, Request, Tally, assemble_steps, chunk_steps, document_steps, plan

if TYPE_CHECKING:
    import httpx2

    from .client import ModelCaller


class Summarizer:
    """Runs the steps of one configuration against one model client, sync or async."""

    def __init__(self, settings: Settings, caller: ModelCaller, executor: Executor | None = None):
        self.settings = settings
        self.caller = caller
        self.templates = PromptTemplates.load(settings.template)
        # Optional: where `arun` does the CPU work before the first call (cleaning, segmentation,
        # attribution, candidates), e.g. a ProcessPoolExecutor, so that one event loop can keep
        # more calls in flight than one Python thread's CPU allows (see README, Benchmarks).
        self.executor = executor
        self.executor_lost = False  # the executor broke (a worker killed): reading went on here

    def _drive(self, steps: Generator[Request, Reply, Any], tally: Tally, cached: list[bool]) -> Any:
        from .api_errors import failure
        from .client import CallFailed

        try:
            request = next(steps)
            while True:
                try:
                    reply = self.caller.call(request.messages, request.response_model)
                except CallFailed as exc:
                    raise failure(exc, self.settings, tally) from exc.error
                cached.append(reply.cached)
                request = steps.send(reply)
        except StopIteration as done:
            return done.value

    async def _adrive(self, steps: Generator[Request, Reply, Any], tally: Tally, cached: list[bool]) -> Any:
        from .api_errors import failure
        from .client import CallFailed

        try:
            request = next(steps)
            while True:
                try:
                    reply = await self.caller.acall(request.messages, request.response_model)
                except CallFailed as exc:
                    raise failure(exc, self.settings, tally) from exc.error
                cached.append(reply.cached)
                request = steps.send(reply)
        except StopIteration as done:
            return done.value

    def run(self, text: str) -> Summary:
        """Sequential: chunks one after another (use `arun` to run them concurrently)."""
        tally, cached = Tally(), list[bool]()
        summary = self._drive(document_steps(text, self.settings, self.templates, tally), tally, cached)
        return self._stamp(summary, cached)

    def read_ahead(self, text: str) -> asyncio.Future[Plan] | None:
        """Start reading `text` on the executor now, so that its plan is ready when its turn comes
        (see `Turns`); None without an executor, where reading ahead on the event loop's own
        thread would only move the same work earlier."""
        if self.executor is None:
            return None
        try:
            return asyncio.get_running_loop().run_in_executor(
                self.executor, plan, text, PlanLimits.of(self.settings)
            )
        except BrokenExecutor:
            self._lose_executor()
            return None

    def _lose_executor(self) -> None:
        """A pool whose worker died (killed, out of memory) takes no more work: the documents are
        read in this process from now on, and the batch says so (`executor_lost`)."""
        self.executor, self.executor_lost = None, True

    async def arun(self, text: str, ahead: asyncio.Future[Plan] | None = None) -> Summary:
        """Concurrent: the chunks at once. `ahead` is the plan `read_ahead(text)` started."""
        turn = time.perf_counter()
        if ahead is None:
            ahead = self.read_ahead(text)
        plan_ = None
        if ahead is not None:
            try:
                plan_ = await ahead
            except BrokenExecutor:
                self._lose_executor()
            else:
                # The document's time counts from its turn, plus the reading done before it.
                plan_ = dataclasses.replace(plan_, started=max(plan_.started, turn - plan_.took))
        if plan_ is None:
            plan_ = plan(text, self.settings)
        tally, cached = Tally(), list[bool]()
        parts = await asyncio.gather(
            *[
                self._adrive(chunk_steps(c, self.settings, self.templates, tally), tally, cached)
                for c in plan_.chunks
            ]
        )
        summary = await self._adrive(
            assemble_steps(plan_, list(parts), self.settings, self.templates, tally), tally, cached
        )
        return self._stamp(summary, cached)

    def _stamp(self, summary: Summary, cached: list[bool]) -> Summary:
        """Fill in what the steps cannot know: whether the cache answered, and the cost."""
        meta = summary.meta
        meta.cached = bool(cached) and all(cached)
        cost = (
            Cost(0.0, "answered from the response cache: no call was made")
            if meta.cached
            else cost_of(self.settings, meta.usage)
        )
        meta.cost_usd, meta.cost_note = cost.usd, cost.note
        return summary

    def log(self, text: str, outcome: Summary | SummarizerError, *, command: str, source: str | None) -> None:
        """Add the run to the history (when `settings.log` is on)."""
        log_run(
            self.settings,
            command=command,
            text=text,
            source=source,
            outcome=outcome,
            template=self.templates.info,
        )


class Turns:
    """At most `concurrency` documents in flight at once. With an executor, the documents next in
    line (up to `concurrency` more) are read while those in flight wait on the model, so that a
    document starts its call as soon as it gets a turn: reading them only when a turn frees would
    queue a whole round's reading on the executor at once (README, Benchmarks)."""

    def __init__(self, summarizer: Summarizer, concurrency: int):
        if concurrency < 1:  # a semaphore of 0 would wait for ever
            raise ConfigError(
                f"concurrency must be at least 1 (documents in flight at once), not {concurrency}."
            )
        self.summarizer = summarizer
        self.running = asyncio.Semaphore(concurrency)
        self.reading = asyncio.Semaphore(2 * concurrency)  # bounds the plans held in memory

    @contextlib.asynccontextmanager
    async def turn(self, text: str | None) -> AsyncIterator[Callable[[], Awaitable[Summary]]]:
        """Wait for a turn (reading `text` meanwhile, when it is not None); inside, the function
        given runs the document."""
        async with self.reading:
            ahead = self.summarizer.read_ahead(text) if text is not None else None
            try:
                async with self.running:
                    yield lambda: self.summarizer.arun(text or "", ahead)
            finally:
                if ahead is not None:
                    _settle(ahead)


def _settle(future: asyncio.Future[Plan]) -> None:
    """A plan nobody awaited (the batch stopped first): cancel it, or mark its error as seen so
    that asyncio does not report it as never retrieved."""
    if not future.done():
        future.cancel()
    elif not future.cancelled():
        future.exception()


@functools.lru_cache(maxsize=8)
def _shared_summarizer(settings: Settings) -> Summarizer:
    """One Summarizer (and so one connection pool) per configuration, reused across calls."""
    return make_summarizer(settings)


def make_summarizer(settings: Settings, http_client: Any = None) -> Summarizer:
    """A Summarizer for `settings`; the provider prepares them and names (or starts) the endpoint."""
    from .client import ModelCaller

    provider = provider_for(settings.provider)
    settings = provider.prepare(settings)
    caller = ModelCaller(settings, base_url=provider.endpoint(settings), http_client=http_client)
    return Summarizer(settings, caller)


def _text(text: Any) -> str:
    if not isinstance(text, str):
        raise InputError("summarize() takes the document as a str; read files with read_document().")
    return text


def summarize(
    text: str,
    *,
    settings: Settings | None = None,
    http_client: httpx2.Client | None = None,
    source: str | None = None,
    **options: Any,
) -> Summary:
    """Summarize `text` into a grounded `Summary`.

    Options are those of `resolve_settings`: provider, model, base_url, api_key, mode,
    fixtures, record, template, strict, max_tokens, cache, log, ... (or pass a ready `settings`).
    `source` names the document in the run history (with `log=True`).
    """
    text = _text(text)
    settings = settings or resolve_settings(**options)
    summarizer = make_summarizer(settings, http_client) if http_client else _shared_summarizer(settings)
    try:
        summary = summarizer.run(text)
    except SummarizerError as exc:
        summarizer.log(text, exc, command="summarize", source=source)
        raise
    summarizer.log(text, summary, command="summarize", source=source)
    return summary


async def asummarize(
    text: str,
    *,
    settings: Settings | None = None,
    http_client: httpx2.AsyncClient | None = None,
    source: str | None = None,
    **options: Any,
) -> Summary:
    """The async twin of `summarize`; the chunks of a long document run concurrently."""
    text = _text(text)
    settings = settings or resolve_settings(**options)
    summarizer = make_summarizer(settings, http_client) if http_client else _shared_summarizer(settings)
    try:
        summary = await summarizer.arun(text)
    except SummarizerError as exc:
        summarizer.log(text, exc, command="summarize", source=source)
        raise
    summarizer.log(text, summary, command="summarize", source=source)
    return summary
