"""(c) Cache: a re-run of the same batch of real-length documents, answered from the on-disk cache.

python bench/cache.py [--latency 0.2] [--docs 57]

The documents are the gold-set articles in turn (`_common.real_document`). Printed for each run:
wall time, HTTP calls the server saw, and the client CPU per document (time.process_time; a
re-run still reads, cleans, segments and grounds every document, only the call is skipped).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import CPU, loaded, parser, real_document, settings

from summarizer.batch import run_batch
from summarizer.testing.fake_server import FakeOpenAI, grounded_answer


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--docs", type=int, default=57)
    args = p.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeOpenAI(latency=args.latency, answer=grounded_answer) as server,
    ):
        paths = []
        for i in range(args.docs):
            path = Path(tmp) / f"doc{i}.txt"
            path.write_text(real_document(i), encoding="utf-8")
            paths.append(path)
        config = settings(server.base_url, cache=True, cache_dir=Path(tmp) / "cache")
        times, calls, cpu = [], [], []
        for run in ("first", "again"):
            before = server.count
            started = time.perf_counter()
            with CPU() as spent:
                asyncio.run(run_batch(paths, Path(tmp) / f"{run}.jsonl", config, concurrency=1))
            times.append(time.perf_counter() - started)
            calls.append(server.count - before)
            cpu.append(spent.seconds / args.docs * 1000)
    print(
        f"cache: {args.docs} real-length docs: first run {times[0]:.2f} s ({calls[0]} calls), re-run "
        f"{times[1]:.3f} s ({calls[1]} calls) = {times[0] / times[1]:.0f}x faster; client CPU per document "
        f"{cpu[0]:.1f} ms first (the fake server shares this process), {cpu[1]:.1f} ms re-run ({loaded()})"
    )


if __name__ == "__main__":
    main()
