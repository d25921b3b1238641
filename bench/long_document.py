"""(d) Long document: a 50,000-word input, calls made and wall time vs the ideal rounds.

python bench/long_document.py [--latency 0.2] [--context-tokens 16000]
"""

from __future__ import annotations

import asyncio
import math
import time

from _common import fake_server_process, parser, settings

from summarizer import asummarize

SENTENCE = "Alice Smith said the river project in Riverton would need more review this year. "


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--context-tokens", type=int, default=16_000)
    args = p.parse_args()
    text = "\n".join(SENTENCE * 10 for _ in range(358))  # 50,120 words
    with fake_server_process(args.latency) as base_url:
        config = settings(base_url, context_tokens=args.context_tokens)
        # The first call in a process pays the SDK's lazy imports (about 0.5 s); warm up first.
        asyncio.run(asummarize(SENTENCE, settings=config))
        started = time.perf_counter()
        summary = asyncio.run(asummarize(text, settings=config))
        wall = time.perf_counter() - started
        calls = summary.meta.usage.calls  # every call's usage is counted, reduce included
    chunks = summary.meta.chunks
    # Chunks run concurrently (one round), then one reduce call.
    ideal = (math.ceil(chunks / chunks) + 1) * args.latency
    print(
        f"long document: {len(text.split())} words -> {chunks} chunks, {calls} calls "
        f"(chunks + 1 reduce), {wall:.2f} s = {wall / ideal:.2f}x the ideal {ideal:.1f} s "
        f"(2 rounds of {args.latency * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
