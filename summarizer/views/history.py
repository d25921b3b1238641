"""The run history for people: one run a line, in 80 columns (`summarizer logs`)."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from ..history import Run
from .summary import visible

WIDTH = 80
# id, when, command, status, model, tokens, cost; the source takes what is left.
_HEAD = f"{'ID':>4} {'WHEN':<11} {'COMMAND':<9} {'ST':<3} {'MODEL':<12} {'TOKENS':>6} {'COST':>7} "


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    text = visible(text)
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"


def _when(created: str) -> str:
    try:
        return dt.datetime.fromisoformat(created).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return created[:11]


def _cost(run: Run) -> str:
    if run.cost_usd is None:
        return "?"
    if run.cost_usd == 0:
        return "$0"
    if run.cost_usd < 0.0001:
        return "<$.0001"
    return f"${run.cost_usd:.2f}" if run.cost_usd >= 1 else f"${run.cost_usd:.4f}"


def runs_table(runs: list[Run]) -> str:
    """Recent runs, newest first; `?` is an unknown cost, `err` a run that failed."""
    if not runs:
        return "No runs logged yet."
    source_width = WIDTH - len(_HEAD)
    lines = [_HEAD + "SOURCE"]
    for run in runs:
        status = "ok" if run.status == "ok" else "err"
        model = _fit(run.model or "", 12)
        # A path's file or folder name says which document; the full path is in `logs --json`.
        source = _fit(PurePath(run.source).name if run.source else "", source_width)
        tokens = "cached" if run.cached else run.usage.total_tokens
        lines.append(
            f"{run.id:>4} {_when(run.created):<11} {run.command:<9.9} {status:<3} {model:<12} "
            f"{tokens!s:>6} {_cost(run):>7} {source}"
        )
    return "\n".join(line.rstrip() for line in lines)
