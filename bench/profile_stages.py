"""Where the client's CPU goes per document, stage by stage, on the gold-set articles.

python bench/profile_stages.py [--rounds 5] [--profile]

Each gold-set article (fixtures/*/document.txt) goes through the same stages as `summarize()`,
each timed with time.process_time (CPU of this process; imports and a warm-up pass are not
counted). The model is an in-process httpx2 MockTransport that answers at once by citing the
request's own actors and quotes (fake_server.grounded_answer), so "SDK request" is the CPU from
the call until the request's bytes reach the transport and "SDK response" from the answer's
bytes until the validated draft comes back. The last line runs the real `summarize()` on the
same documents for the end-to-end figure. --profile prints cProfile's top functions of that run.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import time
from collections import defaultdict
from pathlib import Path

import _common  # noqa: F401 - puts the repository on sys.path
import httpx2

from summarizer.attribution import attribute
from summarizer.batch import Job, _ok_line
from summarizer.candidates import final_candidates, find_candidates
from summarizer.chunking import document_budget, split
from summarizer.cleaning import clean
from summarizer.documents import read_document
from summarizer.grounding import GroundingOptions, ground
from summarizer.merging import merge_chunks
from summarizer.pipeline import make_summarizer
from summarizer.pricing import cost_of
from summarizer.prompts import new_boundary
from summarizer.schemas import draft_model
from summarizer.segmentation import segment
from summarizer.settings import Settings
from summarizer.steps import Plan, Tally, finish
from summarizer.testing.fake_server import grounded_answer

ROOT = Path(__file__).resolve().parent.parent
STAGES = [
    "read",
    "clean",
    "segment",
    "attribution + candidates",
    "chunk",
    "render",
    "SDK request",
    "SDK response + validation",
    "grounding",
    "merge + Summary",
    "output (JSONL line)",
    "cost + progress",
]


class Clock:
    """Splits the CPU of a model call at the transport: before it is request, after is response."""

    def __init__(self) -> None:
        self.entered = self.left = 0.0

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.entered = time.process_time()
        body = grounded_answer(json.loads(request.content))
        response = httpx2.Response(200, json=body)
        self.left = time.process_time()
        return response


def gold_paths() -> list[Path]:
    return sorted(ROOT.glob("fixtures/*/document.txt"))


def words(text: str) -> int:
    return len(text.split())


def one_document(path: Path, summarizer, clock: Clock, progress) -> dict[str, float]:  # type: ignore[no-untyped-def]
    settings = summarizer.settings
    spent: dict[str, float] = defaultdict(float)
    t = time.process_time()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.process_time()
        spent[stage] += now - t
        t = now

    text = read_document(path)
    lap("read")
    cleaned = clean(text)
    lap("clean")
    segmentation = segment(cleaned)
    lap("segment")
    candidates = find_candidates(cleaned)
    segmentation = attribute(segmentation, {c.name: (c.kind, c.role or "") for c in candidates})
    segmentation.candidates = final_candidates(segmentation, candidates)
    lap("attribution + candidates")
    chunks = split(
        segmentation, document_budget(settings.context_tokens, settings.max_tokens), settings.chunk_overlap
    )
    lap("chunk")
    parts = []
    tally = Tally()
    for chunk in chunks:
        system, user = summarizer.templates.render(chunk, new_boundary(), settings.output_language)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        lap("render")
        reply = summarizer.caller.call(messages, draft_model(settings.draft))
        done = time.process_time()
        spent["SDK request"] += clock.entered - t
        spent["SDK response + validation"] += done - clock.left
        t = done
        tally.add(reply)
        parts.append(ground(reply.draft, chunk, GroundingOptions(settings.quotes, settings.actors)))
        lap("grounding")
    merged = merge_chunks(parts)
    summary = finish(Plan(segmentation, chunks, 0.0), merged, settings, summarizer.templates, tally)
    lap("merge + Summary")
    line = json.dumps(_ok_line(Job(str(path), "id", text), summary), ensure_ascii=False)
    assert line
    lap("output (JSONL line)")
    cost_of(settings, summary.meta.usage)
    progress(len(line))
    lap("cost + progress")
    return spent


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--profile", action="store_true")
    args = p.parse_args()
    from rich.console import Console
    from rich.progress import Progress

    clock = Clock()
    settings = Settings(
        provider="openai", model="bench-model", base_url="http://bench.invalid/v1", api_key="sk-bench"
    )
    summarizer = make_summarizer(
        settings, http_client=httpx2.Client(transport=httpx2.MockTransport(clock.handler))
    )
    bar = Progress(console=Console(file=io.StringIO(), force_terminal=True))
    task = bar.add_task("batch", total=None)
    bar.start()

    def progress(n: int) -> None:
        bar.update(task, advance=1, total=1000)  # rich redraws on its own thread, 10 times a second

    paths = gold_paths()
    for path in paths:  # warm-up: lazy imports, first-call caches
        one_document(path, summarizer, clock, progress)
    per_stage: dict[str, list[float]] = defaultdict(list)
    per_doc: dict[Path, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        for path in paths:
            spent = one_document(path, summarizer, clock, progress)
            for stage in STAGES:
                per_stage[stage].append(spent.get(stage, 0.0))
            per_doc[path].append(sum(spent.values()))
    bar.stop()
    sizes = {path: words(path.read_text("utf-8")) for path in paths}
    n = len(paths) * args.rounds
    total_words = sum(sizes.values()) * args.rounds
    print(f"{len(paths)} gold-set articles ({sum(sizes.values())} words), {args.rounds} rounds; CPU ms")
    print(f"{'stage':28} {'per doc (mean)':>15} {'per 1,000 words':>16} {'share':>6}")
    whole = sum(sum(v) for v in per_stage.values())
    for stage in STAGES:
        spent = sum(per_stage[stage])
        print(
            f"{stage:28} {spent / n * 1000:15.2f} {spent / total_words * 1e6:16.2f} "
            f"{spent / whole * 100:5.1f}%"
        )
    print(f"{'total':28} {whole / n * 1000:15.2f} {whole / total_words * 1e6:16.2f}")
    thousand = [statistics.median(per_doc[p]) / sizes[p] * 1000 for p in paths if 300 <= sizes[p] <= 1500]
    print(
        "median CPU per 1,000 words over the 300-1,500-word articles: "
        f"{statistics.median(thousand) * 1000:.2f} ms"
    )

    # End to end: the same Summarizer that summarize() uses, on the same documents and transport.
    texts = [path.read_text("utf-8") for path in paths]
    profiler = cProfile.Profile() if args.profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(args.rounds):
        for text in texts:
            summarizer.run(text)
    if profiler:
        profiler.disable()
    spent = time.process_time() - started
    print(
        f"summarize() end to end: {spent / n * 1000:.2f} ms CPU per document, "
        f"{spent / total_words * 1e6:.2f} ms per 1,000 words"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
