"""(d) Long document: about 50,000 words of real articles, calls made, wall time vs the ideal
rounds, and the client's CPU.

python bench/long_document.py [--latency 0.2] [--context-tokens 16000] [--words 50000]

The text is the English gold-set articles one after another, repeated (`_common.real_text_of`).
"""

from __future__ import annotations

import asyncio
import time

from _common import CPU, fake_server_process, loaded, parser, real_text_of, settings, words

from summarizer import asummarize


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--context-tokens", type=int, default=16_000)
    p.add_argument("--words", type=int, default=50_000)
    args = p.parse_args()
    text = real_text_of(args.words)
    with fake_server_process(args.latency) as base_url:
        config = settings(base_url, context_tokens=args.context_tokens)
        # The first call in a process pays the SDK's lazy imports (about 0.5 s); warm up first.
        asyncio.run(asummarize(real_text_of(1_000), settings=config))
        started = time.perf_counter()
        with CPU() as cpu:
            summary = asyncio.run(asummarize(text, settings=config))
        wall = time.perf_counter() - started
        calls = summary.meta.usage.calls  # every call's usage is counted, reduce included
    chunks = summary.meta.chunks
    # Chunks run concurrently (one round; a grounding re-ask would add one), then one reduce call.
    ideal = 2 * args.latency
    print(
        f"long document: {words(text)} words -> {chunks} chunks, {calls} calls (chunks + 1 reduce), "
        f"{wall:.2f} s = {wall / ideal:.2f}x the ideal {ideal:.1f} s (2 rounds of "
        f"{args.latency * 1000:.0f} ms); client CPU {cpu.seconds:.2f} s ({loaded()})"
    )


if __name__ == "__main__":
    main()
