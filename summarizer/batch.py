"""Summarize many documents: bounded concurrency, one JSONL line per document, resume, budgets.

Every document ends as exactly one line: `{"id", "source", "status": "ok", "summary", "usage"}`
or `{"id", "source", "status": "error", "error": {"type", "message"}, "usage"}`. A line is
written and flushed as soon as its document finishes, by one writer, so an interrupted run
leaves a valid file. The id is a hash of the document's text and of the settings that shape the
answer; `--resume` keeps the finished lines, drops error lines (those documents are retried) and
skips finished documents, so no document is repeated or duplicated.

Every input path gets its own line: two files with the same text share one summary (one model
call) but each is written under its own `source`. A line torn by a crash or a full disk (even
inside a multi-byte character) is dropped on `--resume` with a note. A resume with different
settings (another model, prompt or limits) summarizes those documents again and says so; the new
line is appended after the old one, so for each source the LAST line in the file wins.
Everything that can be checked is checked before the first call: the output, the price table
(it must price the model), the budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import signal
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import read_document
from .errors import ConfigError, OutputError, SummarizerError
from .outputs import append_line, check_output, open_lines, shown
from .pipeline import Summarizer, Turns, make_summarizer
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
    notes: list[str] = field(default_factory=list)  # what a person should know about the run


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


@dataclass
class Finished:
    """What an earlier run left in the output file, read for `--resume`."""

    done: set[tuple[str, str]] = field(default_factory=set)  # (id, source) with an ok line
    sources: dict[str, set[str]] = field(default_factory=dict)  # source -> ids of its ok lines
    torn: int = 0  # lines dropped: torn by a crash or a full disk, or not JSON at all


def finished_ids(output: Path) -> Finished:
    """The documents with an ok line in `output`; rewrites the file without error or torn lines.

    A rewrite that fails (a full disk) leaves the file as it was and no temporary file behind.
    """
    found = Finished()
    if not output.is_file():  # absent, or a device or pipe: nothing to resume
        return found
    try:
        data = output.read_bytes()
    except OSError as exc:
        raise OutputError(f"Cannot read {shown(output)} to resume it ({exc.strerror}).") from exc
    kept = []
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
            key = (str(record["id"]), str(record["source"]))
            status = record["status"]
        except (ValueError, KeyError, TypeError):
            found.torn += 1  # torn mid-write (even inside a multi-byte character), or not ours
            continue
        if status == "ok" and key not in found.done:
            found.done.add(key)
            found.sources.setdefault(key[1], set()).add(key[0])
            kept.append(raw)
    handle = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=output.parent or Path("."), delete=False, suffix=".tmp"
        ) as handle:
            handle.writelines(line + b"\n" for line in kept)
        os.replace(handle.name, output)
    except OSError as exc:
        if handle is not None:
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
        raise OutputError(
            f"Cannot rewrite {shown(output)} to resume it ({exc.strerror}); free some space and run again."
        ) from exc
    return found


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


@dataclass
class BatchPlan:
    """A batch checked and ready: every option validated, inputs read, the resume state known."""

    output: Path
    summarizer: Summarizer
    groups: dict[str, list[Job]]  # document id -> the inputs with that text still to write
    stats: BatchStats
    concurrency: int
    prices: Prices | None
    max_cost: float | None


def prepare_batch(
    paths: Iterable[str | Path],
    output: Path,
    settings: Settings,
    *,
    concurrency: int = 8,
    resume: bool = False,
    prices: Prices | None = None,
    max_cost: float | None = None,
    summarizer: Summarizer | None = None,
) -> BatchPlan:
    """Check everything that can be checked before the first call, and read the inputs."""
    if concurrency < 1:
        raise ConfigError("--concurrency must be at least 1.")
    if max_cost is not None and not max_cost > 0:
        raise ConfigError("--max-cost must be a positive number of dollars.")
    check_output(output)
    if output.is_file() and not resume:
        raise ConfigError(
            f"{shown(output)} already exists; pass --resume to continue it, or choose another file."
        )
    summarizer = summarizer or make_summarizer(settings)
    if prices is not None:
        prices.check()
    if max_cost is not None and not price_known(summarizer.settings, prices):
        model = summarizer.settings.model
        raise ConfigError(
            f"The price table has no entry for model {model!r}, and genai-prices does not know it "
            "either; add it to the table."
            if prices is not None
            else f"--max-cost needs a price for model {model!r}, which genai-prices does not know; "
            "pass --prices FILE."
        )
    jobs = load_jobs(paths, fingerprint(summarizer.settings, summarizer.templates))
    earlier = finished_ids(output) if resume else Finished()
    stats = BatchStats(total=len(jobs))
    if earlier.torn:
        stats.notes.append(
            f"Dropped {earlier.torn} torn or unreadable line(s) from {shown(output)} (an interrupted "
            "write); their documents are summarized again."
        )
    groups: dict[str, list[Job]] = {}
    seen: set[tuple[str, str]] = set()
    stale = 0
    for job in jobs:
        if (job.id, job.source) in earlier.done or (job.id, job.source) in seen:
            stats.skipped += 1
            continue
        seen.add((job.id, job.source))
        if earlier.sources.get(job.source):
            stale += 1
        groups.setdefault(job.id, []).append(job)
    if stale:
        stats.notes.append(
            f"{stale} document(s) already in {shown(output)} were summarized with other settings (model, "
            "prompt, limits) or have changed; they are summarized again and the new line is appended, "
            "so for each source the last line wins."
        )
    return BatchPlan(output, summarizer, groups, stats, concurrency, prices, max_cost)


def reading_process_setup() -> None:
    """The initializer of a pool of reading processes (`--workers`): Ctrl-C is left to the batch's
    own process, which stops the pool once the documents being read are done, instead of each
    worker dying on it with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


async def execute_batch(plan: BatchPlan, on_update: Callable[[BatchStats], None] | None = None) -> BatchStats:
    """Run a prepared batch: one line per input, each written and flushed when it finishes."""
    stats, summarizer, prices, max_cost = plan.stats, plan.summarizer, plan.prices, plan.max_cost
    turns = Turns(summarizer, plan.concurrency)
    budget_hit = asyncio.Event()
    sink = open_lines(plan.output)
    try:

        def write(line: dict[str, Any], usage: Usage, summary: Summary | None = None) -> None:
            append_line(sink, line, plan.output)
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

        async def one(jobs: list[Job]) -> None:
            first = jobs[0]
            async with turns.turn(first.text if first.error is None else None) as run:
                if budget_hit.is_set():
                    return
                if first.error is not None:
                    for job in jobs:
                        stats.failed += 1
                        write(_error_line(job, first.error), Usage())
                    return
                try:
                    summary = await run()
                except SummarizerError as exc:
                    for i, job in enumerate(jobs):  # the cost is counted once, on the first line
                        stats.failed += 1
                        write(
                            _error_line(job, exc),
                            (getattr(exc, "usage", None) or Usage()) if i == 0 else Usage(),
                        )
                        summarizer.log(first.text or "", exc, command="batch", source=job.source)
                    return
                for i, job in enumerate(jobs):
                    stats.done += 1
                    write(
                        _ok_line(job, summary),
                        summary.meta.usage if i == 0 else Usage(),
                        summary if i == 0 else None,
                    )
                    summarizer.log(first.text or "", summary, command="batch", source=job.source)

        if on_update:
            on_update(stats)
        async with summarizer.caller.batch_session():
            tasks = [asyncio.ensure_future(one(jobs)) for jobs in plan.groups.values()]
            try:
                await asyncio.gather(*tasks)
            except BaseException:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise
    finally:
        with contextlib.suppress(OSError):  # what a full disk could not take was reported above
            sink.close()
    cache = summarizer.caller.cache
    if cache is not None:
        stats.notes.extend(cache.notes())
    if summarizer.executor_lost:
        stats.notes.append(
            "A process reading the documents (--workers) stopped (killed, or out of memory?); the "
            "documents from then on were read in this process, with the same results, only slower."
        )
    return stats


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
    plan = prepare_batch(
        paths,
        output,
        settings,
        concurrency=concurrency,
        resume=resume,
        prices=prices,
        max_cost=max_cost,
        summarizer=summarizer,
    )
    return await execute_batch(plan, on_update)


async def summarize_many(
    texts: Iterable[str],
    *,
    concurrency: int = 8,
    settings: Settings | None = None,
    executor: Executor | None = None,
    **options: Any,
) -> list[Summary | SummarizerError]:
    """Summarize `texts` concurrently (at most `concurrency` at once), results in input order.

    A document that fails yields its error in its place instead of raising. With `log=True`
    each document is a run in the history. `executor` (e.g. `ProcessPoolExecutor(1)`) reads each
    document (cleaning, segmentation, attribution, candidates) off the event loop's thread.
    """
    from .settings import resolve_settings

    summarizer = make_summarizer(settings or resolve_settings(**options))
    summarizer.executor = executor
    turns = Turns(summarizer, concurrency)

    async def one(text: str) -> Summary | SummarizerError:
        async with turns.turn(text) as run:
            try:
                outcome: Summary | SummarizerError = await run()
            except SummarizerError as exc:
                outcome = exc
            summarizer.log(text, outcome, command="batch", source=None)  # with log=True
            return outcome

    async with summarizer.caller.batch_session():
        return list(await asyncio.gather(*(one(t) for t in texts)))
