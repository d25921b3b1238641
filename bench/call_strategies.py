"""One model call per document, or two (the summary, then stances and risks alone), on the
embedded model: seconds, completion tokens and eval scores, measured in one run.

    python bench/call_strategies.py [--cases N]

Both strategies see the same prompt (the library's actors and attributions included) and the
same compact bounds; the second splits the answer in two short calls, the second of which asks
only for stances and risks. Only single-chunk English gold cases are used, so both strategies
make the same number of prompts per document. Scores come from the same grounding and metrics as
`summarizer eval`. Needs the `local` extra.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pydantic import BaseModel, Field

from summarizer.client import ModelCaller
from summarizer.gold import find_cases
from summarizer.grounding import GroundingOptions, clean_free_text, ground
from summarizer.local import local_model_available
from summarizer.metrics import score_case
from summarizer.pipeline import make_summarizer
from summarizer.prompts import PromptTemplates, new_boundary
from summarizer.schemas import (
    ActorDraft,
    Meta,
    QuoteDraft,
    RiskDraft,
    StanceDraft,
    Summary,
    SummaryDraft,
    TemplateInfo,
    draft_model,
)
from summarizer.settings import resolve_settings
from summarizer.steps import analyse

ROOT = Path(__file__).resolve().parent.parent


class SummaryDraftFraming(BaseModel):
    """The headline, tldr, actors and quotes of the document (no stances or risks)."""

    headline: str = Field(max_length=120, description="One line that states the news.")
    tldr: str = Field(max_length=320, description="Two sentences: what happened and why it matters.")
    actors: list[ActorDraft] = Field(default_factory=list, max_length=4)
    quotes: list[QuoteDraft] = Field(default_factory=list, max_length=6)


class SummaryDraftJudgement(BaseModel):
    """Where the actors stand, and the risks the document describes."""

    stances: list[StanceDraft] = Field(default_factory=list, max_length=4)
    risks: list[RiskDraft] = Field(default_factory=list, max_length=3)


def _summary(case, segmentation, draft: SummaryDraft) -> Summary:  # type: ignore[no-untyped-def]
    grounded = ground(draft, segmentation, GroundingOptions())
    grounded.headline, grounded.tldr = draft.headline, draft.tldr
    clean_free_text(grounded, segmentation)
    meta = Meta(provider="local", model="-", mode="tools", template=TemplateInfo(name="-", sha256="-"))
    return Summary(
        headline=grounded.headline,
        tldr=grounded.tldr,
        actors=grounded.actors,
        stances=grounded.stances,
        quotes=grounded.quotes,
        risks=grounded.risks,
        meta=meta,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=15)
    parser.add_argument(
        "--two-first",
        action="store_true",
        help="Run the two-call strategy first on each document (llama.cpp reuses the prompt it "
        "has just processed, so whichever runs second gets its prompt for free).",
    )
    args = parser.parse_args()
    if not local_model_available():
        raise SystemExit("Install the embedded model first: pip install '.[local]'")
    settings = resolve_settings("local", cache=False, log=False)
    summarizer = make_summarizer(settings)  # starts the server once
    caller: ModelCaller = summarizer.caller
    templates = PromptTemplates.load()
    cases = [
        c
        for c in find_cases(ROOT / "fixtures")
        if analyse(c.document).language == "en" and len(c.document.split()) < 1500
    ][: args.cases]
    rows: dict[str, list[tuple[float, int, float, float, float]]] = {"one call": [], "two calls": []}
    for case in cases:
        segmentation = analyse(case.document)
        system, user = templates.render(segmentation, new_boundary())
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]

        def run_one(case=case, segmentation=segmentation, messages=messages) -> None:  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            one = caller.call(messages, draft_model(summarizer.settings.draft))
            seconds = time.perf_counter() - started
            if one.draft is not None:
                scores = score_case(case, _summary(case, segmentation, one.draft))
                rows["one call"].append(
                    (
                        seconds,
                        one.usage.completion_tokens,
                        scores.score,
                        scores.stance_recall,
                        scores.risk_coverage,
                    )
                )

        def run_two(case=case, segmentation=segmentation, messages=messages) -> None:  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            framing = caller.call(messages, SummaryDraftFraming)
            judgement = caller.call(messages, SummaryDraftJudgement)
            seconds = time.perf_counter() - started
            if framing.draft is not None and judgement.draft is not None:
                draft = SummaryDraft(**framing.draft.model_dump(), **judgement.draft.model_dump())
                scores = score_case(case, _summary(case, segmentation, draft))
                tokens = framing.usage.completion_tokens + judgement.usage.completion_tokens
                rows["two calls"].append(
                    (seconds, tokens, scores.score, scores.stance_recall, scores.risk_coverage)
                )

        for run in (run_two, run_one) if args.two_first else (run_one, run_two):
            run()
        print(f"{case.name} done", flush=True)

    print(f"{'strategy':10} {'docs':>4} {'s/doc':>6} {'compl':>6} {'score':>6} {'stanceR':>8} {'riskCov':>8}")
    for name, values in rows.items():
        if not values:
            print(f"{name:10} no valid answers")
            continue
        median = [statistics.median(v[i] for v in values) for i in range(2)]
        mean = [statistics.mean(v[i] for v in values) for i in range(2, 5)]
        print(
            f"{name:10} {len(values):4d} {median[0]:6.1f} {median[1]:6.0f} "
            f"{mean[0]:6.2f} {mean[1]:8.2f} {mean[2]:8.2f}"
        )


if __name__ == "__main__":
    main()
