"""The pipeline: clean -> segment -> (chunk) -> render prompt -> call the model -> ground -> Summary.

The steps are written once, as generators that yield `Request`s and receive the model's `Reply`
(sans I/O); `summarize` and `asummarize` only drive them, synchronously or concurrently. A long
document is split into chunks that are summarized separately (concurrently when async), merged
into one typed summary, and given a headline and tldr by one short reduce call.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import httpx2
import openai
from pydantic import BaseModel, Field

from .chunking import document_budget, estimate_tokens, split
from .cleaning import clean
from .client import CallFailed, ModelCaller, Reply
from .errors import ConfigError, InputError, SummarizerError, SummaryFailed
from .grounding import Grounded, ground, quote_coverage, strip_foreign_links
from .merging import merge_chunks
from .prompts import PromptTemplates, new_boundary
from .schemas import MAX_HEADLINE, MAX_TLDR, Meta, Summary, SummaryDraft, Usage
from .segmentation import Segmentation, segment
from .settings import Settings, resolve_settings

Messages = list[dict[str, str]]


@dataclass(frozen=True)
class Request:
    messages: Messages
    response_model: type[BaseModel] = SummaryDraft


@dataclass
class Tally:
    """Calls, attempts, re-asks and tokens, summed over every request for one document."""

    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    reasks: int = 0

    def add(self, reply: Reply) -> None:
        self.usage = self.usage.add(reply.usage)
        self.attempts += reply.attempts


class HeadlineDraft(BaseModel):
    """A headline and tldr for the whole document, from the summaries of its parts."""

    headline: str = Field(max_length=MAX_HEADLINE, description="One line that states the news.")
    tldr: str = Field(max_length=MAX_TLDR, description="Two or three sentences.")


def _reask_message(problems: list[str]) -> str:
    listed = "\n".join(f"- {p}" for p in problems[:20])
    return (
        "Your answer could not be used as it is:\n"
        f"{listed}\n"
        "Answer again with the whole corrected summary. Cite only ids that appear in the document "
        "and its QUOTES list, and only actors from your own actors list."
    )


def chunk_steps(
    segmentation: Segmentation, settings: Settings, templates: PromptTemplates, tally: Tally
) -> Generator[Request, Reply, Grounded]:
    """Summarize one segmentation (a whole document or a chunk) into grounded parts."""
    system, user = templates.render(segmentation, new_boundary())
    messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    grounding_reasked = False
    grounded: Grounded | None = None
    while True:
        reply = yield Request(messages)
        tally.add(reply)
        if reply.draft is None:
            problems = [f"The answer does not fit the schema: {reply.error}"]
        else:
            grounded = ground(reply.draft, segmentation)
            problems = [p.message for p in grounded.problems]
            # Grounding problems are re-asked once; what still fails is dropped later.
            if not problems or grounding_reasked or not settings.grounding_reask:
                return grounded
            grounding_reasked = True
        if tally.reasks >= settings.max_reasks:
            if grounded is not None:
                return grounded
            raise SummaryFailed(
                f"The model's answer still did not fit the schema after {tally.reasks} re-asks "
                f"({reply.error[:160] if reply.error else 'unknown error'}).",
                attempts=tally.attempts,
                last_error=None,
                usage=tally.usage,
            )
        tally.reasks += 1
        messages = [
            *messages,
            {"role": "assistant", "content": reply.raw or "(no answer)"},
            {"role": "user", "content": _reask_message(problems)},
        ]


def reduce_steps(
    parts: list[Grounded], templates: PromptTemplates, tally: Tally
) -> Generator[Request, Reply, tuple[str, str]]:
    """One short call that writes the headline and tldr of a chunked document."""
    prompt = templates.render_reduce(parts)
    reply = yield Request([{"role": "user", "content": prompt}], HeadlineDraft)
    tally.add(reply)
    if reply.draft is None:  # fall back to the first part's rather than fail the document
        return parts[0].headline, parts[0].tldr
    return reply.draft.headline, reply.draft.tldr


def document_steps(
    text: str, settings: Settings, templates: PromptTemplates, tally: Tally
) -> Generator[Request, Reply, Summary]:
    """The whole document, one request at a time: each chunk, the merge, the reduce call."""
    plan_ = plan(text, settings)
    parts = []
    for chunk in plan_.chunks:
        parts.append((yield from chunk_steps(chunk, settings, templates, tally)))
    return (yield from assemble_steps(plan_, parts, settings, templates, tally))


def assemble_steps(
    plan_: Plan, parts: list[Grounded], settings: Settings, templates: PromptTemplates, tally: Tally
) -> Generator[Request, Reply, Summary]:
    """Merge the grounded parts; a chunked document gets one reduce call for its headline."""
    merged = merge_chunks(parts)
    if len(parts) > 1:
        merged.headline, merged.tldr = yield from reduce_steps(parts, templates, tally)
    return finish(plan_, merged, settings, templates, tally)


@dataclass
class Plan:
    """What one document needs: its segmentation and the chunks to summarize."""

    segmentation: Segmentation
    chunks: list[Segmentation]
    started: float


def plan(text: str, settings: Settings) -> Plan:
    """Everything before the first call; raises InputError for text that cannot be summarized."""
    started = time.perf_counter()
    if not text.strip():
        raise InputError("The document is empty; give a file with some text in it.")
    cleaned = clean(text)
    if not cleaned.kept:
        raise InputError("Nothing is left of the document once boilerplate is removed.")
    segmentation = segment(cleaned)
    budget = document_budget(settings.context_tokens, settings.max_tokens)
    chunks = split(segmentation, budget, settings.chunk_overlap)
    for chunk in chunks:
        longest = max(chunk.sentences, key=lambda s: len(s.text))
        if estimate_tokens(longest.text) > budget:
            raise InputError(
                f"One unbroken stretch of the document (about {estimate_tokens(longest.text)} tokens, "
                f"at character {longest.start}) is longer than the model's context allows "
                f"({budget} tokens); split it into sentences or lines first."
            )
    return Plan(segmentation, chunks, started)


def finish(
    plan_: Plan, grounded: Grounded, settings: Settings, templates: PromptTemplates, tally: Tally
) -> Summary:
    """Apply strict mode, coverage and warnings; build the Summary."""
    strip_foreign_links(grounded, plan_.segmentation)
    dropped = [f"Dropped {p.item}: {p.message}" for p in grounded.problems]
    if dropped and settings.strict:
        raise SummaryFailed(
            f"Strict mode: {len(dropped)} item(s) could not be grounded, e.g. {dropped[0]}",
            attempts=tally.attempts,
            last_error=None,
            usage=tally.usage,
        )
    segmentation = plan_.segmentation
    coverage = quote_coverage(segmentation, grounded.quotes)
    warnings = [*dropped, *grounded.notes]
    if coverage.missed:
        shown = "; ".join(f"“{s.text[:60]}”" for s in coverage.missed[:5])
        warnings.append(
            f"The summary leaves out {len(coverage.missed)} of the document's "
            f"{coverage.found} direct quotes: {shown}."
        )
    if segmentation.instruction_like:
        lines = ", ".join(s.id for s in segmentation.instruction_like[:5])
        warnings.append(
            f"The document contains text that addresses an AI model ({lines}); "
            "it was treated as data, not as instructions."
        )
    if len(plan_.chunks) > 1:
        warnings.append(f"The document was summarized in {len(plan_.chunks)} parts and merged.")
    meta = Meta(
        provider=settings.provider,
        model=settings.model or "",
        mode=settings.mode,
        template=templates.info,
        attempts=tally.attempts,
        reasks=tally.reasks,
        usage=tally.usage,
        seconds=round(time.perf_counter() - plan_.started, 3),
        quote_coverage=coverage,
        chunks=len(plan_.chunks),
    )
    return Summary(
        headline=grounded.headline,
        tldr=grounded.tldr,
        actors=grounded.actors,
        stances=grounded.stances,
        quotes=grounded.quotes,
        risks=grounded.risks,
        meta=meta,
        warnings=warnings,
    )


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


def failure(exc: CallFailed, settings: Settings, tally: Tally) -> SummarizerError:
    """Turn a failed call into the error users see, with attempts and usage so far."""
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
    elif isinstance(error, json.JSONDecodeError):
        reason = "the provider's answers were not JSON (a proxy or gateway error page?)"
    else:
        reason = f"{type(error).__name__}: {error}"
    attempts = tally.attempts + exc.attempts
    return SummaryFailed(
        f"The model call failed after {attempts} attempt(s): {reason}.",
        attempts=attempts,
        last_error=error,
        usage=tally.usage,
    )


class Summarizer:
    """Runs the steps of one configuration against one model client, sync or async."""

    def __init__(self, settings: Settings, caller: ModelCaller):
        self.settings = settings
        self.caller = caller
        self.templates = PromptTemplates.load(settings.template)

    def _drive(self, steps: Generator[Request, Reply, Any], tally: Tally) -> Any:
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


def _replay_settings(settings: Settings) -> Settings:
    """Replay behaves like the provider that recorded: same model, same call pattern.

    The model is the only one recorded, else the only one really recorded (not authored).
    Recordings from the local provider replay with the local provider's defaults (no grounding
    re-ask, its context size), so the same requests are made as when recording.
    """
    from .fixtures import FixtureStore
    from .local import CONTEXT_TOKENS

    store = FixtureStore(settings.fixtures) if settings.fixtures else None
    models = store.models() if store else {}
    if not models:
        raise ConfigError(f"No recordings found under {settings.fixtures}; record some with --record.")
    model = settings.model
    if model is None:
        recorded = [m for m, sources in models.items() if "recorded" in sources]
        candidates = recorded if recorded else list(models)
        if len(candidates) != 1:
            raise ConfigError(
                f"Recordings under {settings.fixtures} come from several models "
                f"({', '.join(sorted(models))}); pick one with --model."
            )
        model = candidates[0]
    changes: dict[str, Any] = {"model": model}
    if store and store.providers(model) == {"local"}:
        changes.update(grounding_reask=False, context_tokens=CONTEXT_TOKENS)
    return settings.with_changes(**changes)


@functools.lru_cache(maxsize=8)
def _shared_summarizer(settings: Settings) -> Summarizer:
    """One Summarizer (and so one connection pool) per configuration, reused across calls."""
    return make_summarizer(settings)


def make_summarizer(settings: Settings, http_client: Any = None) -> Summarizer:
    """A Summarizer for `settings`: resolves replay settings and starts the local server."""
    base_url = None
    if settings.provider == "local":
        from .local import local_server_url

        base_url = local_server_url(settings)
    if settings.provider == "replay":
        settings = _replay_settings(settings)
    return Summarizer(settings, ModelCaller(settings, base_url=base_url, http_client=http_client))


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
