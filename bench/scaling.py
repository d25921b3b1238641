"""Work that grows with the document stays linear: per-word CPU at 1k, 10k and 50k words.

python bench/scaling.py [--sizes 1000 10000 50000] [--runs 3]

Each size is built from the English gold-set articles (fixtures/*/document.txt), one after
another, repeated as needed, so the text has real sentences, quotes, names and attributions.
Stages, timed with time.process_time (median of --runs):

- segmentation: clean + segment + the split into chunks
- attribution + candidates: who spoke each quote, and the actors the text names
- grounding: each chunk's answer (fake_server.grounded_answer, citing the chunk's own actors and
  quotes as a model would) grounded against the chunk, and the chunks merged

The per-word cost at each size should stay flat; the last column is its ratio to the smallest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _common import loaded, real_text_of

from summarizer.attribution import attribute
from summarizer.candidates import find_candidates
from summarizer.chunking import document_budget, split
from summarizer.cleaning import clean
from summarizer.grounding import GroundingOptions, ground
from summarizer.merging import merge_chunks
from summarizer.prompts import PromptTemplates
from summarizer.schemas import draft_model
from summarizer.segmentation import segment
from summarizer.settings import Settings
from summarizer.testing.fake_server import grounded_answer


def document_of(words: int) -> str:
    return real_text_of(words)


def stages(text: str, settings: Settings, templates: PromptTemplates) -> dict[str, float]:
    spent: dict[str, float] = {}
    t = time.process_time()
    cleaned = clean(text)
    segmentation = segment(cleaned)
    chunks_unattributed = split(
        segmentation, document_budget(settings.context_tokens, settings.max_tokens), settings.chunk_overlap
    )
    assert chunks_unattributed
    spent["segmentation"] = time.process_time() - t
    t = time.process_time()
    candidates = find_candidates(cleaned)
    segmentation = attribute(segmentation, {c.name: (c.kind, c.role or "") for c in candidates})
    segmentation.candidates = candidates
    spent["attribution + candidates"] = time.process_time() - t
    chunks = split(
        segmentation, document_budget(settings.context_tokens, settings.max_tokens), settings.chunk_overlap
    )
    drafts = []
    model = draft_model(settings.draft)
    for chunk in chunks:  # the model's part: not timed
        _, user = templates.render(chunk, "docb-bench")
        answer = grounded_answer({"messages": [{"role": "user", "content": user}]})
        arguments = answer["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
        drafts.append(model.model_validate(json.loads(arguments)))
    t = time.process_time()
    options = GroundingOptions(settings.quotes, settings.actors)
    parts = [ground(draft, chunk, options) for draft, chunk in zip(drafts, chunks, strict=True)]
    merge_chunks(parts)
    spent["grounding"] = time.process_time() - t
    spent["chunks"] = len(chunks)
    return spent


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    settings = Settings(
        provider="openai", model="bench-model", base_url="http://bench.invalid/v1", api_key="sk-b"
    )
    templates = PromptTemplates.load()
    stages(document_of(500), settings, templates)  # warm-up
    names = ["segmentation", "attribution + candidates", "grounding"]
    first: dict[str, float] = {}
    print(
        f"{'words':>7} {'chunks':>6} " + " ".join(f"{n + ' us/word':>32}" for n in names) + f" {'total s':>8}"
    )
    for size in args.sizes:
        text = document_of(size)
        words = len(text.split())
        runs = [stages(text, settings, templates) for _ in range(args.runs)]
        medians = {n: statistics.median(r[n] for r in runs) for n in names}
        cells = []
        for n in names:
            per_word = medians[n] / words * 1e6
            first.setdefault(n, per_word)
            cells.append(f"{per_word:7.1f} ({per_word / first[n]:4.2f}x of smallest)")
        print(
            f"{words:7d} {int(runs[0]['chunks']):6d} "
            + " ".join(f"{c:>32}" for c in cells)
            + f" {sum(medians.values()):8.3f}"
        )
        if size == max(args.sizes):
            seg_ground = medians["segmentation"] + medians["grounding"]
            print(
                f"{words} words: segmentation + grounding {seg_ground:.2f} s CPU; with attribution + "
                f"candidates {sum(medians.values()):.2f} s ({loaded()})"
            )


if __name__ == "__main__":
    main()
