"""(e) Start-up: how long `summarizer --help` and a replay of the seed take, as a new user sees them.

python bench/startup.py [--runs 7]

Each command runs in a fresh interpreter (the console script's own code path, `summarizer.cli:main`,
with this checkout first on the path) and is timed wall-clock, start to exit. The baseline is the
floor any typer + rich + pydantic CLI pays: `python -c "import typer, rich, pydantic"`. A replay
goes through the `openai` SDK and instructor like a live call, so the time to import just those
two (and the SDK's chat resource, which a call loads) is measured too: it is the replay's floor.
Runs of the commands are interleaved, so a busy machine slows them alike; the medians and the
ratios to the baseline are printed on one line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = "import sys; from summarizer.cli import main; sys.argv[0] = 'summarizer'; sys.exit(main())"
COMMANDS = {
    "baseline": [sys.executable, "-c", "import typer, rich, pydantic"],
    "sdk": [sys.executable, "-c", "import openai, openai.resources.chat, instructor"],
    "help": [sys.executable, "-c", CLI, "--help"],
    "replay": [
        sys.executable,
        "-c",
        CLI,
        "summarize",
        "seeds/us_china_diplomacy.txt",
        "--provider",
        "replay",
        "--fixtures",
        "fixtures",
    ],
}


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(command, cwd=ROOT, env=env, check=True, **quiet)
    return time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=7, help="runs of each command (the median is printed)")
    args = p.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    for command in COMMANDS.values():  # warm the file-system cache and .pyc files once
        timed(command, env)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            times[name].append(timed(command, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["baseline"]
    print(
        f"startup (median of {args.runs}): baseline `import typer, rich, pydantic` {base:.2f} s; "
        f"`summarizer --help` {median['help']:.2f} s = {median['help'] / base:.2f}x baseline; "
        f"seed replay {median['replay']:.2f} s = {median['replay'] / base:.2f}x baseline "
        f"(importing openai + instructor alone: {median['sdk']:.2f} s)"
    )


if __name__ == "__main__":
    main()
