"""(b) Throughput: 200 documents, concurrency 16, 200 ms latency, vs ideal and vs sequential.

python bench/throughput.py [--latency 0.2] [--docs 200] [--concurrency 16]
"""

from __future__ import annotations

import asyncio
import math
import tempfile
import time
from pathlib import Path

from _common import document, fake_server_process, parser, settings

from summarizer import summarize
from summarizer.batch import run_batch


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--concurrency", type=int, default=16)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fake_server_process(args.latency) as base_url:
        paths = []
        for i in range(args.docs):
            path = Path(tmp) / f"doc{i}.txt"
            path.write_text(document(i))
            paths.append(path)
        config = settings(base_url)
        summarize(document(0), settings=config)  # warm-up: the SDK's lazy imports
        started = time.perf_counter()
        asyncio.run(run_batch(paths, Path(tmp) / "out.jsonl", config, concurrency=args.concurrency))
        concurrent = time.perf_counter() - started
        started = time.perf_counter()
        for i in range(args.docs):
            summarize(document(i), settings=config)
        sequential = time.perf_counter() - started
    ideal = math.ceil(args.docs / args.concurrency) * args.latency
    print(
        f"throughput: {args.docs} docs at concurrency {args.concurrency}: {concurrent:.2f} s = "
        f"{concurrent / ideal:.2f}x the ideal {ideal:.1f} s; sequential {sequential:.1f} s = "
        f"{sequential / concurrent:.1f}x slower"
    )


if __name__ == "__main__":
    main()
