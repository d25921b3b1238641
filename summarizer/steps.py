"""The steps of one document, sans I/O: clean -> segment -> (chunk) -> prompt -> ground -> Summary.

Each step is a generator that yields a `Request` and receives the model's `Reply`; it never
touches the network and imports no SDK. Drivers (`pipeline.Summarizer` sync and async, the Batch
API in `openai_batch`) send the requests however they like. A long document is split into chunks
that are summarized separately, merged into one typed summary, and given a headline and tldr by
one short reduce call.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from .answers import Reply
from .attribution import attribute
from .candidates import final_candidates, find_candidates
from .chunking import document_budget, estimate_tokens, split
from .cleaning import clean
from .errors import InputError, SummaryFailed
from .grounding import Grounded, GroundingOptions, clean_free_text, ground, kept_text, quote_coverage
from .merging import merge_chunks
from .prompts import PromptTemplates, answer_language, new_boundary
from .schemas import MAX_HEADLINE, MAX_TLDR, Meta, Summary, SummaryDraft, Usage, draft_model
from .segmentation import Segmentation, segment
from .settings import Settings
from .text_safety import short_name

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

    def failed(
        self, message: str, *, extra_attempts: int = 0, last_error: BaseException | None = None
    ) -> SummaryFailed:
        """The error for giving up on this document, with what it cost so far."""
        return SummaryFailed(
            message, attempts=self.attempts + extra_attempts, last_error=last_error, usage=self.usage
        )


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
    system, user = templates.render(segmentation, new_boundary(), settings.output_language)
    extra = settings.extra
    if extra is not None:  # without extra fields the request stays exactly as it always was
        system += extra.instructions
    messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    grounding_reasked = False
    grounded: Grounded | None = None
    response_model = draft_model(settings.draft)
    while True:
        reply = yield Request(messages, response_model if extra is None else extra.draft_model)
        tally.add(reply)
        if reply.draft is None:
            problems = [f"The answer does not fit the schema: {reply.error}"]
        else:
            grounded = ground(
                reply.draft,
                segmentation,
                GroundingOptions(settings.quotes, settings.actors, settings.output_language),
            )
            if extra is not None:
                extra.ground(reply.draft, segmentation, grounded)
            problems = [p.message for p in grounded.problems]
            # Grounding problems are re-asked once; what still fails is dropped later.
            if not problems or grounding_reasked or not settings.grounding_reask:
                return grounded
            grounding_reasked = True
        if tally.reasks >= settings.max_reasks:
            if grounded is not None:
                return grounded
            raise tally.failed(
                f"The model's answer still did not fit the schema after {tally.reasks} re-asks "
                f"({short_name(reply.error, 160) if reply.error else 'unknown error'})."
            )
        tally.reasks += 1
        messages = [
            *messages,
            {"role": "assistant", "content": reply.raw or "(no answer)"},
            {"role": "user", "content": _reask_message(problems)},
        ]


def reduce_steps(
    parts: list[Grounded], templates: PromptTemplates, tally: Tally, output_language: str | None = None
) -> Generator[Request, Reply, tuple[str, str]]:
    """One short call that writes the headline and tldr of a chunked document (in
    `output_language`, a language name, when given)."""
    prompt = templates.render_reduce(parts, output_language)
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
        language = answer_language(plan_.segmentation.language, settings.output_language)
        merged.headline, merged.tldr = yield from reduce_steps(parts, templates, tally, language)
    return finish(plan_, merged, settings, templates, tally)


@dataclass
class Plan:
    """What one document needs: its segmentation and the chunks to summarize."""

    segmentation: Segmentation
    chunks: list[Segmentation]
    started: float  # time.perf_counter() when planning began
    took: float = 0.0  # seconds the planning itself took


def analyse(text: str) -> Segmentation:
    """What the library finds by itself: content lines, sentences, quotes and who said them,
    and the actors the text names."""
    cleaned = clean(text)
    candidates = find_candidates(cleaned)
    segmentation = attribute(segment(cleaned), {c.name: (c.kind, c.role or "") for c in candidates})
    segmentation.candidates = final_candidates(segmentation, candidates)
    return segmentation


@dataclass(frozen=True)
class PlanLimits:
    """What planning reads from Settings: small and always picklable, so that a process pool is
    sent this, never the API key or the user's own field models (a class made at run time)."""

    context_tokens: int
    max_tokens: int
    chunk_overlap: int

    @classmethod
    def of(cls, settings: Settings) -> PlanLimits:
        return cls(settings.context_tokens, settings.max_tokens, settings.chunk_overlap)


def plan(text: str, settings: Settings | PlanLimits) -> Plan:
    """Everything before the first call; raises InputError for text that cannot be summarized."""
    started = time.perf_counter()
    if not text.strip():
        raise InputError("The document is empty; give a file with some text in it.")
    segmentation = analyse(text)
    if not segmentation.document.kept:
        raise InputError("Nothing is left of the document once boilerplate is removed.")
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
    for part in {id(part): part for part in [segmentation, *chunks]}.values():
        kept_text(part)  # grounding's search text, made here: in a pool's worker when there is one
    return Plan(segmentation, chunks, started, time.perf_counter() - started)


def finish(
    plan_: Plan, grounded: Grounded, settings: Settings, templates: PromptTemplates, tally: Tally
) -> Summary:
    """Apply strict mode, coverage and warnings; build the Summary."""
    clean_free_text(grounded, plan_.segmentation, settings.output_language)
    dropped = [f"Dropped {p.item}: {p.message}" for p in grounded.problems]
    if dropped and settings.strict:
        raise tally.failed(f"Strict mode: {len(dropped)} item(s) could not be grounded, e.g. {dropped[0]}")
    segmentation = plan_.segmentation
    coverage = quote_coverage(segmentation, grounded.quotes)
    warnings = [*dropped, *grounded.notes]
    if coverage.missed:
        shown = "; ".join(f"“{short_name(s.text, 60)}”" for s in coverage.missed[:5])
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
        language=segmentation.language,
    )
    summary = Summary(
        headline=grounded.headline,
        tldr=grounded.tldr,
        actors=grounded.actors,
        stances=grounded.stances,
        quotes=grounded.quotes,
        risks=grounded.risks,
        meta=meta,
        warnings=warnings,
    )
    return summary if settings.extra is None else settings.extra.summary(summary, grounded.extra)
