"""(a) Overhead: summarize() vs a bare instructor call with the same schema and transport.

The bare call gets the same prompt and the schema wrapped once with `instructor.openai_schema`,
as summarize() does, so the ratio isolates the pipeline's own work: cleaning, segmentation,
prompt rendering, grounding and building the Summary.

python bench/overhead.py [--latency 0.2] [--runs 30]
"""

from __future__ import annotations

import statistics
import time

import instructor
import openai
from _common import DOCUMENT, fake_server_process, parser, settings

from summarizer import summarize
from summarizer.cleaning import clean
from summarizer.prompts import PromptTemplates, new_boundary
from summarizer.schemas import SummaryDraft
from summarizer.segmentation import segment


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--runs", type=int, default=30)
    args = p.parse_args()
    with fake_server_process(args.latency) as base_url:
        config = settings(base_url)
        system, user = PromptTemplates.load().render(segment(clean(DOCUMENT)), new_boundary())
        schema = instructor.openai_schema(SummaryDraft)
        bare = instructor.from_openai(openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0))

        def bare_call() -> None:
            bare.chat.completions.create(
                model="bench-model",
                response_model=schema,
                max_retries=0,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            )

        def ours() -> None:
            summarize(DOCUMENT, settings=config)

        timings: dict[str, list[float]] = {"bare": [], "ours": []}
        for _ in range(args.runs):  # interleaved so drift hits both alike
            for name, fn in (("bare", bare_call), ("ours", ours)):
                started = time.perf_counter()
                fn()
                timings[name].append(time.perf_counter() - started)
    bare_p50, ours_p50 = statistics.median(timings["bare"]), statistics.median(timings["ours"])
    print(
        f"overhead: p50 summarize() {ours_p50 * 1000:.1f} ms vs bare instructor "
        f"{bare_p50 * 1000:.1f} ms = ratio {ours_p50 / bare_p50:.3f} "
        f"(+{(ours_p50 - bare_p50) * 1000:.1f} ms) at {args.latency * 1000:.0f} ms latency, "
        f"{args.runs} runs"
    )


if __name__ == "__main__":
    main()
