"""(b) Throughput: 208 real-length documents, concurrency 16, 200 ms latency, vs ideal and sequential.

python bench/throughput.py [--latency 0.2] [--docs 208] [--concurrency 16] [--sequential N] [--workers N]

The documents are the gold-set articles in turn (`_common.real_document`), answered by a fake
server in its own process that cites each request's own actors and quotes. The batch runs as
`summarizer batch` does (run_batch: JSONL lines, the rich progress bar, history off, start-up's
objects frozen for the garbage collector). Printed:

- the model calls of the full batch: the ideal assumes one per document, and a re-ask adds one;
- the extra time of the full batch over a batch of `concurrency` documents (one round), against
  the ideal extra time (the extra rounds x latency), and that ratio;
- the client's CPU per document (time.process_time of this process over the batch, imports and
  warm-up excluded) and per 1,000 words: the pace a single Python thread can keep;
- a sequential loop of summarize() over the same documents (all of them, or --sequential N and
  scaled), and how much faster the batch is.

--workers N runs the CPU work before each document's first call (clean, segment, attribution,
candidates) in a pool of N processes, as `summarizer batch --workers N` does, reading the next
documents while those in flight wait on the model; the CPU printed is then this process's only,
the pool's is on other cores.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import math
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _common import CPU, fake_server_process, loaded, parser, real_document, settings, words
from rich.console import Console

from summarizer import summarize
from summarizer.batch import reading_process_setup, run_batch
from summarizer.cli.shared import freeze_startup_objects
from summarizer.pipeline import make_summarizer
from summarizer.steps import plan
from summarizer.views.progress import batch_progress


def batch(paths: list[Path], out: Path, config, concurrency: int, workers: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of one batch, and its model calls, with the CLI's progress bar drawn
    to a terminal in memory."""
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    summarizer = make_summarizer(config)
    freeze_startup_objects()  # as the CLI does before a batch (and so before its pool forks)
    with contextlib.ExitStack() as stack:
        if workers:  # started and warmed up before the clock starts
            pool = ProcessPoolExecutor(workers, initializer=reading_process_setup)  # as the CLI's
            summarizer.executor = stack.enter_context(pool)
            list(pool.map(plan, [p.read_text("utf-8") for p in paths[:workers]], [config] * workers))
        started = time.perf_counter()
        with CPU() as cpu, batch_progress(console) as update:
            run = run_batch(
                paths, out, config, concurrency=concurrency, on_update=update, summarizer=summarizer
            )
            stats = asyncio.run(run)
        return time.perf_counter() - started, cpu.seconds, stats.usage.calls


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--docs", type=int, default=208)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--sequential", type=int, default=None, help="documents in the sequential loop")
    p.add_argument("--workers", type=int, default=0, help="processes for the CPU work before the calls")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fake_server_process(args.latency) as base_url:
        texts = [real_document(i) for i in range(args.docs)]
        paths = []
        for i, text in enumerate(texts):
            path = Path(tmp) / f"doc{i}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        config = settings(base_url)
        for text in texts[:19]:  # warm-up: the SDK's lazy imports, first-call caches
            summarize(text, settings=config)
        one_round, _, _ = batch(
            paths[: args.concurrency], Path(tmp) / "round.jsonl", config, args.concurrency, args.workers
        )
        concurrent, cpu, calls = batch(paths, Path(tmp) / "out.jsonl", config, args.concurrency, args.workers)
        n_seq = args.sequential or args.docs
        started = time.perf_counter()
        for text in texts[:n_seq]:
            summarize(text, settings=config)
        sequential = (time.perf_counter() - started) * args.docs / n_seq
    total_words = sum(words(t) for t in texts)
    extra_rounds = math.ceil(args.docs / args.concurrency) - 1
    ideal_extra = extra_rounds * args.latency
    extra = concurrent - one_round
    print(
        f"throughput: {args.docs} real-length docs ({total_words / args.docs:.0f} words on average) at "
        f"concurrency {args.concurrency}, {args.latency * 1000:.0f} ms latency"
        f"{f', {args.workers} worker processes' if args.workers else ''}: {concurrent:.2f} s; "
        f"{calls} calls (the ideal assumes one per document); "
        f"{args.concurrency} docs {one_round:.2f} s; extra {extra:.2f} s = {extra / ideal_extra:.2f}x the "
        f"ideal {ideal_extra:.1f} s ({extra_rounds} rounds); client CPU {cpu * 1000 / args.docs:.1f} ms per "
        f"document, {cpu * 1e6 / total_words:.1f} ms per 1,000 words; sequential "
        f"{sequential:.1f} s{'' if n_seq == args.docs else f' (from {n_seq} docs)'} = "
        f"{sequential / concurrent:.1f}x slower ({loaded()})"
    )


if __name__ == "__main__":
    main()
