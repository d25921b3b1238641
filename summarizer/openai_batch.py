"""Past one machine: large corpora through the OpenAI Batch API, the provider's own engine.

Each document keeps a live pipeline (`document_steps`, the same steps as `summarize`). A round
collects every pipeline's next request into one JSONL file whose `custom_id` is a hash of the
document and the request, uploads it, creates a batch, polls it, and joins the answers back on
`custom_id` (never on order). Answers are validated and grounded as usual; a pipeline that wants
a re-ask, a chunk or a reduce call simply has a new request for the next round, and a request
without an answer (failed, or left over when a batch expired: its completed part is kept) is
sent again. Finished documents are written as the same JSONL lines as `summarizer batch`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx2
import openai

from .answers import Reply, reply_from_completion
from .api_errors import failure
from .batch import Finished, Job, _error_line, _ok_line, fingerprint, finished_ids, load_jobs
from .client import CallFailed, ModelCaller
from .deadline import attempt_deadline, guard_client
from .errors import ConfigError, SummarizerError
from .history import log_run
from .outputs import append_line, check_output, open_lines, shown
from .pricing import load_prices
from .prompts import PromptTemplates
from .providers import provider_for
from .retry import retrying, root_cause
from .schemas import Summary, Usage
from .settings import Settings
from .steps import Request, Tally, document_steps

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
BATCH_PRICE_NOTE = "the Batch API's discount is not priced; pass --prices FILE with what you pay"
DONE_STATUSES = {"completed", "failed", "expired", "cancelled"}


def request_body(settings: Settings, request: Request) -> dict[str, Any]:
    """The exact chat-completions body instructor would send for `request`.

    The call goes to a transport that keeps the body and answers 400, so nothing is sent and the
    SDK gives up at once (a 400 is never retried).
    """
    bodies: list[dict[str, Any]] = []

    def capture(http_request: httpx2.Request) -> httpx2.Response:
        bodies.append(json.loads(http_request.content))
        return httpx2.Response(400, json={"error": {"message": "captured, not sent"}})

    caller = ModelCaller(
        settings.with_changes(max_attempts=1, cache=False),
        base_url="http://capture.invalid/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(capture)),
    )
    with contextlib.suppress(CallFailed):
        caller.call(request.messages, request.response_model)
    if not bodies:
        raise AssertionError("the capture transport saw no request")
    return bodies[0]


def reply_from(body: dict[str, Any], request: Request, max_tokens: int) -> Reply:
    """A pipeline Reply from a raw chat.completion body, parsed like a live answer."""
    completion = openai.types.chat.ChatCompletion.model_validate(body)
    return reply_from_completion(completion, request.response_model, max_tokens)


@dataclass
class Pending:
    """One document's pipeline and the request it is waiting on."""

    job: Job
    steps: Generator[Request, Reply, Summary]
    tally: Tally
    request: Request
    custom_id: str = ""
    tries: int = 0
    also: list[Job] = field(default_factory=list)  # other inputs with the same text


@dataclass
class BatchApiStats:
    rounds: int = 0
    submitted: int = 0
    done: int = 0
    failed: int = 0
    resubmitted: int = 0
    skipped: int = 0
    usage: Usage = field(default_factory=Usage)


def _custom_id(job: Job, body: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    return f"{job.id}-{digest}"


def _api(settings: Settings, what: Callable[[], Any]) -> Any:
    """One Batch API call with the same retries and typed errors as a model call."""
    attempts = 0
    try:
        for attempt in retrying(settings):
            with attempt, attempt_deadline(settings.timeout):
                attempts += 1
                return what()
    except Exception as exc:
        raise failure(CallFailed(root_cause(exc), attempts), settings, Tally()) from exc
    raise AssertionError("unreachable: tenacity either returns or reraises")


def _read_jsonl(settings: Settings, client: openai.OpenAI, file_id: str | None) -> dict[str, dict[str, Any]]:
    if not file_id:
        return {}
    text = _api(settings, lambda: client.files.content(file_id).text)
    results = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            results[str(record["custom_id"])] = record
        except (ValueError, KeyError, TypeError):
            continue  # an unreadable line: its request is sent again
    return results


def run_openai_batch(
    paths: Iterable[str | Path],
    output: Path,
    settings: Settings,
    *,
    client: openai.OpenAI | None = None,
    resume: bool = False,
    poll_interval: float = 30.0,
    max_wait: float = 86_400.0,
    max_rounds: int = 4,
    max_tries: int = 3,
    sleep: Callable[[float], None] = time.sleep,
    on_update: Callable[[BatchApiStats], None] | None = None,
) -> BatchApiStats:
    """Summarize `paths` through the Batch API into `output` (JSONL, as `summarizer batch`)."""
    if not provider_for(settings.provider).batch_api:
        raise ConfigError("The Batch API needs --provider openai (a provider that offers /v1/batches).")
    check_output(output)
    if output.is_file() and not resume:
        raise ConfigError(
            f"{shown(output)} already exists; pass --resume to continue it, or choose another file."
        )
    client = client or openai.OpenAI(
        api_key=settings.api_key,
        base_url=settings.base_url,
        max_retries=0,  # tenacity retries, as for model calls
        timeout=settings.timeout,
        http_client=guard_client(openai.DefaultHttpxClient()),
    )
    templates = PromptTemplates.load(settings.template)
    jobs = load_jobs(paths, fingerprint(settings, templates))
    earlier = finished_ids(output) if resume else Finished()
    stats = BatchApiStats()
    with open_lines(output) as sink:

        def write(line: dict[str, Any]) -> None:
            append_line(sink, line, output)

        def settle(
            item: Pending, reply: Reply | None, error: SummarizerError | None = None
        ) -> Pending | None:
            """Advance a pipeline with a reply; write it out when it finishes or fails."""
            try:
                if error is not None:
                    raise error
                if reply is None:
                    return item
                item.request = item.steps.send(reply)
                item.tries = 0
                return item
            except StopIteration as finished:
                summary: Summary = finished.value
                _price(summary, settings)
                stats.usage = stats.usage.add(summary.meta.usage)
                for job in [item.job, *item.also]:
                    stats.done += 1
                    write(_ok_line(job, summary))
                    log_run(
                        settings, command="batch", text=job.text or "", source=job.source, outcome=summary
                    )
            except SummarizerError as exc:
                for job in [item.job, *item.also]:
                    stats.failed += 1
                    write(_error_line(job, exc))
                    log_run(
                        settings,
                        command="batch",
                        text=job.text or "",
                        source=job.source,
                        outcome=exc,
                        template=templates.info,
                    )
            return None

        pending: list[Pending] = []
        by_document: dict[str, Pending] = {}
        seen: set[tuple[str, str]] = set()
        for job in jobs:
            if (job.id, job.source) in earlier.done or (job.id, job.source) in seen:
                stats.skipped += 1
                continue
            seen.add((job.id, job.source))
            if job.id in by_document:  # the same text again: one summary, its own line
                by_document[job.id].also.append(job)
                continue
            if job.error is not None:
                stats.failed += 1
                write(_error_line(job, job.error))
                continue
            tally = Tally()
            steps = document_steps(job.text or "", settings, templates, tally)
            try:
                pending.append(Pending(job, steps, tally, next(steps)))
                by_document[job.id] = pending[-1]
            except SummarizerError as exc:
                stats.failed += 1
                write(_error_line(job, exc))

        while pending and stats.rounds < max_rounds:
            stats.rounds += 1
            lines, by_id = [], {}
            for item in pending:
                body = request_body(settings, item.request)
                item.custom_id = _custom_id(item.job, body)
                item.tries += 1
                by_id[item.custom_id] = item
                lines.append(
                    json.dumps({"custom_id": item.custom_id, "method": "POST", "url": ENDPOINT, "body": body})
                )
            stats.submitted += len(lines)
            payload = "\n".join(lines).encode()
            upload = _api(
                settings,
                lambda payload=payload: client.files.create(  # type: ignore[misc]
                    file=("requests.jsonl", io.BytesIO(payload)), purpose="batch"
                ),
            )
            batch = _api(
                settings,
                lambda upload=upload: client.batches.create(  # type: ignore[misc]
                    input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h"
                ),
            )
            waited = 0.0
            while batch.status not in DONE_STATUSES and waited < max_wait:
                sleep(poll_interval)
                waited += poll_interval
                batch = _api(settings, functools.partial(client.batches.retrieve, batch.id))
            answers = _read_jsonl(settings, client, batch.output_file_id)
            answers.update(_read_jsonl(settings, client, batch.error_file_id))
            still: list[Pending] = []
            for custom_id, item in by_id.items():
                record = answers.get(custom_id)
                response = (record or {}).get("response") or {}
                if record is None or response.get("status_code") != 200:
                    # No answer (expired, failed line): send again, a bounded number of times.
                    if item.tries >= max_tries:
                        status = response.get("status_code", "no answer")
                        settle(
                            item,
                            None,
                            item.tally.failed(
                                f"The Batch API gave no usable answer after {item.tries} tries ({status}).",
                                extra_attempts=item.tries,
                            ),
                        )
                    else:
                        stats.resubmitted += 1
                        still.append(item)
                    continue
                try:
                    reply = reply_from(response["body"], item.request, settings.max_tokens)
                except SummarizerError as exc:
                    settle(item, None, exc)
                    continue
                following = settle(item, reply)
                if following is not None:
                    still.append(following)
            pending = still
            if on_update:
                on_update(stats)
        for item in pending:
            settle(
                item,
                None,
                item.tally.failed(
                    f"Unfinished after {max_rounds} Batch API rounds; run again with --resume."
                ),
            )
    return stats


def _price(summary: Summary, settings: Settings) -> None:
    """Batch API prices are discounted in ways genai-prices does not model: only a price table
    (`--prices`) gives a number; otherwise the cost is unknown, never a list price."""
    meta, table = summary.meta, load_prices(settings.prices) if settings.prices else None
    if table is not None and table.knows(meta.model):
        meta.cost_usd, meta.cost_note = table.cost(meta.model, meta.usage), table.source
    else:
        meta.cost_usd, meta.cost_note = None, BATCH_PRICE_NOTE
