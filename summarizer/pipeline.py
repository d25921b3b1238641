"""The pipeline: clean -> segment -> render prompt -> call the model -> ground -> Summary.

The steps are written once, as a generator that yields the messages to send and receives the
model's reply (sans I/O); `summarize` and `asummarize` only drive it, synchronously or not.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

import httpx2
import openai

from .cleaning import clean
from .client import CallFailed, ModelCaller, Reply
from .errors import ConfigError, InputError, SummarizerError, SummaryFailed
from .grounding import Grounded, Problem, ground, quote_coverage
from .prompts import PromptTemplates, new_boundary
from .schemas import Meta, Summary, Usage
from .segmentation import segment
from .settings import Settings, resolve_settings

Messages = list[dict[str, str]]
Steps = Generator[Messages, Reply, Summary]


def _reask_message(problems: list[str]) -> str:
    listed = "\n".join(f"- {p}" for p in problems[:20])
    return (
        "Your answer could not be used as it is:\n"
        f"{listed}\n"
        "Answer again with the whole corrected summary. Cite only ids that appear in the document "
        "and its QUOTES list, and only actors from your own actors list."
    )


def _meta(settings: Settings, templates: PromptTemplates, attempts: int, reasks: int,
          usage: Usage, started: float) -> Meta:
    return Meta(
        provider=settings.provider, model=settings.model or "", mode=settings.mode,
        template=templates.info, attempts=attempts, reasks=reasks, usage=usage,
        seconds=round(time.perf_counter() - started, 3),
    )


def summary_steps(text: str, settings: Settings, templates: PromptTemplates) -> Steps:
    """Yield message lists to send; receive replies; return the grounded Summary."""
    started = time.perf_counter()
    if not text.strip():
        raise InputError("The document is empty; give a file with some text in it.")
    cleaned = clean(text)
    if not cleaned.kept:
        raise InputError("Nothing is left of the document once boilerplate is removed.")
    segmentation = segment(cleaned)
    system, user = templates.render(segmentation, new_boundary())
    messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]

    usage, attempts, reasks = Usage(), 0, 0
    grounding_reasked = False
    grounded: Grounded | None = None
    while True:
        reply = yield messages
        usage, attempts = usage.add(reply.usage), attempts + reply.attempts
        if reply.draft is None:
            problems = [f"The answer does not fit the schema: {reply.error}"]
        else:
            grounded = ground(reply.draft, segmentation)
            problems = [p.message for p in grounded.problems]
            if not problems:
                break
            # Grounding problems are re-asked once; what still fails is dropped below.
            if grounding_reasked or not settings.grounding_reask:
                break
            grounding_reasked = True
        if reasks >= settings.max_reasks:
            if grounded is not None:
                break
            raise SummaryFailed(
                f"The model's answer still did not fit the schema after {reasks} re-asks "
                f"({reply.error[:160] if reply.error else 'unknown error'}).",
                attempts=attempts, last_error=None, usage=usage,
            )
        reasks += 1
        messages = [*messages, {"role": "assistant", "content": reply.raw or "(no answer)"},
                    {"role": "user", "content": _reask_message(problems)}]

    assert grounded is not None
    dropped = [f"Dropped {p.item}: {p.message}" for p in grounded.problems]
    if dropped and settings.strict:
        raise SummaryFailed(
            f"Strict mode: {len(dropped)} item(s) could not be grounded, e.g. {dropped[0]}",
            attempts=attempts, last_error=None, usage=usage,
        )
    coverage = quote_coverage(segmentation, grounded.quotes)
    warnings = [*dropped, *grounded.notes]
    if coverage.missed:
        shown = "; ".join(f"“{s.text[:60]}”" for s in coverage.missed[:5])
        warnings.append(f"The summary leaves out {len(coverage.missed)} of the document's "
                        f"{coverage.found} direct quotes: {shown}.")
    if segmentation.instruction_like:
        lines = ", ".join(s.id for s in segmentation.instruction_like[:5])
        warnings.append(f"The document contains text that addresses an AI model ({lines}); "
                        "it was treated as data, not as instructions.")
    meta = _meta(settings, templates, attempts, reasks, usage, started)
    meta.quote_coverage = coverage
    return Summary(
        headline=grounded.headline, tldr=grounded.tldr, actors=grounded.actors,
        stances=grounded.stances, quotes=grounded.quotes, risks=grounded.risks,
        meta=meta, warnings=warnings,
    )


def _explain(error: BaseException, settings: Settings) -> SummarizerError | None:
    """Permanent API errors, in words that name the fix; None when no special advice applies."""
    where = settings.base_url or "the provider"
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return ConfigError(f"{where} rejected the API key ({error.status_code}); check OPENAI_API_KEY.")
    if isinstance(error, openai.NotFoundError):
        return ConfigError(f"{where} does not know model {settings.model!r} (404); check --model and --base-url.")
    return None


def _failed(exc: CallFailed, settings: Settings, attempts: int, usage: Usage) -> SummarizerError:
    error = exc.error
    if isinstance(error, SummarizerError):
        return error
    advice = _explain(error, settings)
    if advice:
        return advice
    if isinstance(error, openai.APIStatusError):
        reason = f"HTTP {error.status_code}"
    elif isinstance(error, openai.APITimeoutError):
        reason = "the request timed out"
    elif isinstance(error, openai.APIConnectionError):
        reason = f"could not connect to {settings.base_url or 'the provider'}"
    else:
        reason = f"{type(error).__name__}: {error}"
    return SummaryFailed(
        f"The model call failed after {attempts} attempt(s): {reason}.",
        attempts=attempts, last_error=error, usage=usage,
    )


class _Driver:
    """Holds what one summarize call shares between its steps."""

    def __init__(self, text: str, settings: Settings, caller: ModelCaller):
        self.settings = settings
        self.caller = caller
        self.steps = summary_steps(text, settings, PromptTemplates.load(settings.template))
        self.attempts = 0
        self.usage = Usage()

    def seen(self, reply: Reply) -> Reply:
        self.attempts += reply.attempts
        self.usage = self.usage.add(reply.usage)
        return reply

    def fail(self, exc: CallFailed) -> SummarizerError:
        return _failed(exc, self.settings, self.attempts + exc.attempts, self.usage)

    def run(self) -> Summary:
        try:
            messages = next(self.steps)
            while True:
                try:
                    reply = self.seen(self.caller.call(messages))
                except CallFailed as exc:
                    raise self.fail(exc) from exc.error
                messages = self.steps.send(reply)
        except StopIteration as done:
            return done.value

    async def arun(self) -> Summary:
        try:
            messages = next(self.steps)
            while True:
                try:
                    reply = self.seen(await self.caller.acall(messages))
                except CallFailed as exc:
                    raise self.fail(exc) from exc.error
                messages = self.steps.send(reply)
        except StopIteration as done:
            return done.value


def _prepare(text: str, settings: Settings | None, http_client: Any, options: dict[str, Any]) -> _Driver:
    if not isinstance(text, str):
        raise InputError("summarize() takes the document as a str; read files with read_document().")
    settings = settings or resolve_settings(**options)
    base_url = None
    if settings.provider == "local" and not (settings.fixtures and not settings.record):
        from .local import local_server_url

        base_url = local_server_url(settings)
    if settings.provider == "replay" and settings.model is None and settings.fixtures:
        settings = settings.with_changes(model=_replay_model(settings))
    return _Driver(text, settings, ModelCaller(settings, base_url=base_url, http_client=http_client))


def _replay_model(settings: Settings) -> str:
    """The model whose recordings to replay: the only one, else the only really recorded one."""
    from .fixtures import FixtureStore

    models = FixtureStore(settings.fixtures).models() if settings.fixtures else {}
    if not models:
        raise ConfigError(f"No recordings found under {settings.fixtures}; record some with --record.")
    recorded = [m for m, sources in models.items() if "recorded" in sources]
    candidates = recorded if recorded else list(models)
    if len(candidates) == 1:
        return candidates[0]
    raise ConfigError(f"Recordings under {settings.fixtures} come from several models "
                      f"({', '.join(sorted(models))}); pick one with --model.")


def summarize(text: str, *, settings: Settings | None = None,
              http_client: httpx2.Client | None = None, **options: Any) -> Summary:
    """Summarize `text` into a grounded `Summary`.

    Options are those of `resolve_settings`: provider, model, base_url, api_key, mode,
    fixtures, record, template, strict, max_tokens, ... (or pass a ready `settings`).
    """
    return _prepare(text, settings, http_client, options).run()


async def asummarize(text: str, *, settings: Settings | None = None,
                     http_client: httpx2.AsyncClient | None = None, **options: Any) -> Summary:
    """The async twin of `summarize`."""
    return await _prepare(text, settings, http_client, options).arun()


__all__ = ["summarize", "asummarize", "summary_steps", "Problem"]
