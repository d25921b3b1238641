"""Summarize many documents: bounded concurrency, one JSONL line per document, resume, budgets.

Every document ends as exactly one line: `{"id", "source", "status": "ok", "summary", "usage"}`
or `{"id", "source", "status": "error", "error": {"type", "message"}, "usage"}`. A line is
written and flushed as soon as its document finishes, by one writer, so an interrupted run
leaves a valid file. The id is a hash of the document's text and of the settings that shape the
answer; `--resume` keeps the finished lines, drops error lines (those documents are retried) and
skips finished ids, so no document is repeated or duplicated.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import read_document
from .errors import ConfigError, SummarizerError
from .pipeline import Summarizer, make_summarizer
from .pricing import Prices, cost_of, price_known
from .prompts import PromptTemplates
from .schemas import SCHEMA_VERSION, Summary, Usage
from .settings import Settings


def fingerprint(settings: Settings, templates: PromptTemplates) -> str:
    """What makes two runs' answers comparable: provider, model, mode, prompt, schema, limits."""
    template = templates.info.sha256
    parts = [
        settings.provider,
        settings.model or "",
        settings.mode,
        template,
        SCHEMA_VERSION,
        str(settings.max_tokens),
        str(settings.temperature),
        str(settings.strict),
    ]
    if settings.extra is not None:  # only then, so the ids of runs without extra fields stay as they were
        parts.append(settings.extra.fingerprint)
    return "|".join(parts)


def document_id(text: str, settings_fingerprint: str) -> str:
    return hashlib.sha256(f"{settings_fingerprint}\0{text}".encode()).hexdigest()[:32]


@dataclass
class BatchStats:
    total: int = 0
    skipped: int = 0
    done: int = 0
    failed: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: float = 0.0  # US dollars, summed over the documents whose price is known
    unpriced: int = 0  # documents whose cost is unknown (see cost_note)
    cost_note: str | None = None  # where the cost came from, or why some is unknown
    stopped_for_budget: bool = False


@dataclass
class Job:
    source: str
    text: str | None = None
    error: SummarizerError | None = None
    id: str = ""


def load_jobs(paths: Iterable[str | Path], settings_fingerprint: str) -> list[Job]:
    jobs = []
    for path in paths:
        try:
            text = read_document(path)
        except SummarizerError as exc:
            digest = hashlib.sha256(f"{settings_fingerprint}\0unreadable:{path}".encode()).hexdigest()[:32]
            jobs.append(Job(str(path), error=exc, id=digest))
            continue
        jobs.append(Job(str(path), text=text, id=document_id(text, settings_fingerprint)))
    return jobs


def finished_ids(output: Path) -> set[str]:
    """Ids with an ok line in `output`; rewrites the file without error or torn lines."""
    if not output.exists():
        return set()
    kept, ids = [], set()
    for line in output.read_text("utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line torn by a crash mid-write
        if record.get("status") == "ok" and record.get("id") not in ids:
            ids.add(record["id"])
            kept.append(line)
    with tempfile.NamedTemporaryFile(
        "w", dir=output.parent or Path("."), delete=False, encoding="utf-8", suffix=".tmp"
    ) as handle:
        handle.writelines(line + "\n" for line in kept)
    os.replace(handle.name, output)
    return ids


def _error_line(job: Job, exc: SummarizerError) -> dict[str, Any]:
    usage = getattr(exc, "usage", None) or Usage()
    return {
        "id": job.id,
        "source": job.source,
        "status": "error",
        "error": {
            "type": type(exc).__name__,
            "message": str(exc),
            "attempts": getattr(exc, "attempts", None),
        },
        "usage": usage.model_dump(),
    }


def _ok_line(job: Job, summary: Summary) -> dict[str, Any]:
    return {
        "id": job.id,
        "source": job.source,
        "status": "ok",
        "summary": summary.model_dump(),
        "usage": summary.meta.usage.model_dump(),
    }


async def run_batch(
    paths: Iterable[str | Path],
    output: Path,
    settings: Settings,
    *,
    concurrency: int = 8,
    resume: bool = False,
    prices: Prices | None = None,
    max_cost: float | None = None,
    on_update: Callable[[BatchStats], None] | None = None,
    summarizer: Summarizer | None = None,
) -> BatchStats:
    """Summarize `paths` into `output` (JSONL). See the module docstring for the guarantees."""
    if concurrency < 1:
        raise ConfigError("--concurrency must be at least 1.")
    if output.exists() and not resume:
        raise ConfigError(f"{output} already exists; pass --resume to continue it, or choose another file.")
    summarizer = summarizer or make_summarizer(settings)
    if max_cost is not None and not price_known(summarizer.settings, prices):
        raise ConfigError(
            f"--max-cost needs a price for model {summarizer.settings.model!r}, which genai-prices "
            "does not know; pass --prices FILE."
        )
    fp = fingerprint(summarizer.settings, summarizer.templates)
    jobs = load_jobs(paths, fp)
    done = finished_ids(output) if resume else set()
    stats = BatchStats(total=len(jobs))
    todo = []
    for job in jobs:
        if job.id in done:
            stats.skipped += 1
        else:
            done.add(job.id)  # the same document twice in one batch is summarized once
            todo.append(job)
    output.parent.mkdir(parents=True, exist_ok=True)
    semaphore = asyncio.Semaphore(concurrency)
    budget_hit = asyncio.Event()

    with output.open("a", encoding="utf-8") as sink:

        def write(line: dict[str, Any], usage: Usage, summary: Summary | None = None) -> None:
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            sink.flush()
            stats.usage = stats.usage.add(usage)
            if summary is not None and prices is None:
                usd, note = summary.meta.cost_usd, summary.meta.cost_note
            else:
                cost = cost_of(summarizer.settings, usage, prices)
                usd, note = cost.usd, cost.note
            if usd is None:
                stats.unpriced += 1
                stats.cost_note = note  # why some cost is unknown
            else:
                stats.cost += usd
                if usage.calls and not stats.unpriced:
                    stats.cost_note = note  # where the price came from (not "no call was made")
            if max_cost is not None and stats.cost >= max_cost:
                stats.stopped_for_budget = True
                budget_hit.set()
            if on_update:
                on_update(stats)

        async def one(job: Job) -> None:
            async with semaphore:
                if budget_hit.is_set():
                    return
                if job.error is not None:
                    stats.failed += 1
                    write(_error_line(job, job.error), Usage())
                    return
                try:
                    summary = await summarizer.arun(job.text or "")
                except SummarizerError as exc:
                    stats.failed += 1
                    write(_error_line(job, exc), getattr(exc, "usage", None) or Usage())
                    summarizer.log(job.text or "", exc, command="batch", source=job.source)
                    return
                stats.done += 1
                write(_ok_line(job, summary), summary.meta.usage, summary)
                summarizer.log(job.text or "", summary, command="batch", source=job.source)

        if on_update:
            on_update(stats)
        await asyncio.gather(*(one(job) for job in todo))
    return stats


async def summarize_many(
    texts: Iterable[str], *, concurrency: int = 8, settings: Settings | None = None, **options: Any
) -> list[Summary | SummarizerError]:
    """Summarize `texts` concurrently (at most `concurrency` at once), results in input order.

    A document that fails yields its error in its place instead of raising. With `log=True`
    each document is a run in the history.
    """
    from .settings import resolve_settings

    summarizer = make_summarizer(settings or resolve_settings(**options))
    semaphore = asyncio.Semaphore(concurrency)

    async def one(text: str) -> Summary | SummarizerError:
        async with semaphore:
            try:
                outcome: Summary | SummarizerError = await summarizer.arun(text)
            except SummarizerError as exc:
                outcome = exc
            summarizer.log(text, outcome, command="batch", source=None)  # with log=True
            return outcome

    return list(await asyncio.gather(*(one(t) for t in texts)))
