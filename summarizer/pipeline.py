"""Driving the steps: one document, synchronously or concurrently, and the public API.

`steps.py` holds what happens to a document; this module only sends each `Request` to the
model caller and hands the `Reply` back (httpx's `sync_auth_flow`/`async_auth_flow` pattern).
A chunked document's parts run concurrently under `asummarize`.

The model client (and with it the `openai` SDK and instructor, about a second to import) is
loaded when a Summarizer is made, not when this module is imported.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from .answers import Reply
from .errors import InputError
from .prompts import PromptTemplates
from .providers import provider_for
from .schemas import Summary
from .settings import Settings, resolve_settings
from .steps import Request, Tally, assemble_steps, chunk_steps, document_steps, plan

if TYPE_CHECKING:
    import httpx2

    from .client import ModelCaller


class Summarizer:
    """Runs the steps of one configuration against one model client, sync or async."""

    def __init__(self, settings: Settings, caller: ModelCaller):
        self.settings = settings
        self.caller = caller
        self.templates = PromptTemplates.load(settings.template)

    def _drive(self, steps: Generator[Request, Reply, Any], tally: Tally) -> Any:
        from .client import CallFailed, failure

        try:
            request = next(steps)
            while True:
                try:
                    reply = self.caller.call(request.messages, request.response_model)
                except CallFailed as exc:
                    raise failure(exc, self.settings, tally) from exc.error
                request = steps.send(reply)
        except StopIteration as done:
            return done.value

    async def _adrive(self, steps: Generator[Request, Reply, Any], tally: Tally) -> Any:
        from .client import CallFailed, failure

        try:
            request = next(steps)
            while True:
                try:
                    reply = await self.caller.acall(request.messages, request.response_model)
                except CallFailed as exc:
                    raise failure(exc, self.settings, tally) from exc.error
                request = steps.send(reply)
        except StopIteration as done:
            return done.value

    def run(self, text: str) -> Summary:
        """Sequential: chunks one after another (use `arun` to run them concurrently)."""
        tally = Tally()
        return self._drive(document_steps(text, self.settings, self.templates, tally), tally)

    async def arun(self, text: str) -> Summary:
        plan_, tally = plan(text, self.settings), Tally()
        parts = await asyncio.gather(
            *[self._adrive(chunk_steps(c, self.settings, self.templates, tally), tally) for c in plan_.chunks]
        )
        return await self._adrive(
            assemble_steps(plan_, list(parts), self.settings, self.templates, tally), tally
        )


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
    text: str, *, settings: Settings | None = None, http_client: httpx2.Client | None = None, **options: Any
) -> Summary:
    """Summarize `text` into a grounded `Summary`.

    Options are those of `resolve_settings`: provider, model, base_url, api_key, mode,
    fixtures, record, template, strict, max_tokens, ... (or pass a ready `settings`).
    """
    text = _text(text)
    settings = settings or resolve_settings(**options)
    summarizer = make_summarizer(settings, http_client) if http_client else _shared_summarizer(settings)
    return summarizer.run(text)


async def asummarize(
    text: str,
    *,
    settings: Settings | None = None,
    http_client: httpx2.AsyncClient | None = None,
    **options: Any,
) -> Summary:
    """The async twin of `summarize`; the chunks of a long document run concurrently."""
    text = _text(text)
    settings = settings or resolve_settings(**options)
    summarizer = make_summarizer(settings, http_client) if http_client else _shared_summarizer(settings)
    return await summarizer.arun(text)
