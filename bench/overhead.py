"""(a) Overhead: summarize() vs a bare instructor call with the same schema, prompt and transport.

Real-length documents: the gold-set articles in turn. The bare call sends the same prompt (the
library's own rendering of that article) with the schema wrapped once with
`instructor.openai_schema`, so the difference is the pipeline's own work: cleaning,
segmentation, attribution, candidates, prompt rendering, grounding and building the Summary.
Printed next to the wall-clock ratio: the client CPU per document of each (time.process_time;
the fake server runs in its own process), and the floor under both: the `openai` SDK's own call
with the same request and no parsing.

python bench/overhead.py [--latency 0.2] [--runs 3]   # runs: passes over the gold set
"""

from __future__ import annotations

import statistics
import time

import instructor
import openai
from _common import CPU, fake_server_process, gold_texts, loaded, parser, settings, words

from summarizer import summarize
from summarizer.prompts import PromptTemplates, new_boundary
from summarizer.schemas import SummaryDraft
from summarizer.steps import analyse


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    texts = gold_texts()
    templates = PromptTemplates.load()
    prompts = [templates.render(analyse(text), new_boundary()) for text in texts]
    with fake_server_process(args.latency) as base_url:
        config = settings(base_url)
        schema = instructor.openai_schema(SummaryDraft)
        bare = instructor.from_openai(openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0))

        def bare_call(i: int) -> None:
            system, user = prompts[i]
            bare.chat.completions.create(
                model="bench-model",
                response_model=schema,
                max_retries=0,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            )

        raw = openai.OpenAI(base_url=base_url, api_key="sk-bench", max_retries=0)
        tool = {"type": "function", "function": schema.openai_schema}
        choice = {"type": "function", "function": {"name": schema.openai_schema["name"]}}

        def sdk_call(i: int) -> None:  # the floor: the SDK alone, the same request, no parsing
            system, user = prompts[i]
            messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
            raw.chat.completions.create(
                model="bench-model", messages=messages, tools=[tool], tool_choice=choice
            )

        def ours(i: int) -> None:
            summarize(texts[i], settings=config)

        for i in range(len(texts)):  # warm-up: the SDK's lazy imports, first-call caches
            bare_call(i)
            sdk_call(i)
            ours(i)
        timings: dict[str, list[float]] = {"bare": [], "sdk": [], "ours": []}
        cpu: dict[str, list[float]] = {"bare": [], "sdk": [], "ours": []}
        for _ in range(args.runs):
            for i in range(len(texts)):  # interleaved so drift hits both alike
                for name, fn in (("bare", bare_call), ("sdk", sdk_call), ("ours", ours)):
                    started = time.perf_counter()
                    with CPU() as spent:
                        fn(i)
                    timings[name].append(time.perf_counter() - started)
                    cpu[name].append(spent.seconds)
    bare_p50, ours_p50 = statistics.median(timings["bare"]), statistics.median(timings["ours"])
    per_kword = sum(cpu["ours"]) / (sum(words(t) for t in texts) * args.runs) * 1e6
    print(
        f"overhead: p50 summarize() {ours_p50 * 1000:.1f} ms vs bare instructor {bare_p50 * 1000:.1f} ms = "
        f"ratio {ours_p50 / bare_p50:.3f} (+{(ours_p50 - bare_p50) * 1000:.1f} ms) at "
        f"{args.latency * 1000:.0f} ms latency, {len(timings['ours'])} calls over {len(texts)} gold-set "
        "articles; client CPU per document: summarize() median "
        f"{statistics.median(cpu['ours']) * 1000:.1f} ms "
        f"({per_kword:.1f} ms per 1,000 words), bare call {statistics.median(cpu['bare']) * 1000:.1f} ms, "
        f"the SDK's own call alone {statistics.median(cpu['sdk']) * 1000:.1f} ms ({loaded()})"
    )


if __name__ == "__main__":
    main()
