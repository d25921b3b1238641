"""(c) Cache: a re-run of the same batch answered from the on-disk cache.

python bench/cache.py [--latency 0.2] [--docs 50]
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import document, parser, settings

from summarizer.batch import run_batch
from summarizer.testing.fake_server import FakeOpenAI


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--docs", type=int, default=50)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI(latency=args.latency) as server:
        paths = []
        for i in range(args.docs):
            path = Path(tmp) / f"doc{i}.txt"
            path.write_text(document(i))
            paths.append(path)
        config = settings(server.base_url, cache=True, cache_dir=Path(tmp) / "cache")
        times, calls = [], []
        for run in ("first", "again"):
            before = server.count
            started = time.perf_counter()
            asyncio.run(run_batch(paths, Path(tmp) / f"{run}.jsonl", config, concurrency=1))
            times.append(time.perf_counter() - started)
            calls.append(server.count - before)
    print(
        f"cache: first run {times[0]:.2f} s ({calls[0]} calls), re-run {times[1]:.3f} s "
        f"({calls[1]} calls) = {times[0] / times[1]:.0f}x faster"
    )


if __name__ == "__main__":
    main()
