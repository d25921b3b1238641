"""What a batch run shows while it works and when it is done."""

from __future__ import annotations


class batch_progress:  # noqa: N801 - used as a context manager, like rich's own
    """A rich progress bar (done, failed, tokens, ETA) fed by run_batch's on_update."""

    def __init__(self, console):  # type: ignore[no-untyped-def]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("summarizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed {task.fields[failed]}"),
            TextColumn("{task.fields[tokens]} tokens"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=None, failed=0, tokens=0)

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.progress.start()
        return self.update

    def update(self, stats) -> None:  # type: ignore[no-untyped-def]
        self.progress.update(
            self.task,
            total=stats.total,
            completed=stats.skipped + stats.done + stats.failed,
            failed=stats.failed,
            tokens=stats.usage.total_tokens,
        )

    def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
        self.progress.stop()


def batch_report(stats, output) -> str:  # type: ignore[no-untyped-def]
    """The closing lines of a batch: counts, tokens and the cost (unknown, never guessed)."""
    from ..outputs import shown

    lines = [
        *[f"note: {note}" for note in getattr(stats, "notes", [])],
        f"{stats.done} summarized, {stats.failed} failed, {stats.skipped} already done, "
        f"of {stats.total} documents -> {shown(output)}",
        f"tokens: {stats.usage.prompt_tokens} prompt + {stats.usage.completion_tokens} completion "
        f"= {stats.usage.total_tokens} in {stats.usage.calls} calls",
    ]
    if not stats.unpriced:
        lines.append(f"cost: ${stats.cost:.4f}" + (f" ({stats.cost_note})" if stats.cost_note else ""))
    elif stats.cost:
        lines.append(
            f"cost: ${stats.cost:.4f} for the priced documents, unknown for {stats.unpriced} "
            f"({stats.cost_note})"
        )
    else:
        lines.append(f"cost: unknown ({stats.cost_note})")
    if stats.stopped_for_budget:
        lines.append("Stopped at the --max-cost budget; run again with --resume to continue.")
    return "\n".join(lines)
