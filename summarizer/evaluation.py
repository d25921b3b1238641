"""Running an evaluation: summarize every case, score it (`metrics.py`), judge, compare, report."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import SummarizerError
from .gold import find_case_folders, load_case
from .metrics import SCORE_METRICS, CaseScores, JudgeChoice, JudgeScores, MatchConfig, aggregate, score_case


class Report(BaseModel):
    created: str
    provider: str
    model: str | None
    config: dict[str, Any]
    cases: list[CaseScores]
    aggregate: dict[str, float | None]
    judge: dict[str, int] | None = None  # the optional LLM judge, kept apart from the scores


# --- optional LLM judge ------------------------------------------------------------------------


def judge_case(scores: CaseScores, summarizer: Any) -> JudgeScores:
    """Ask the model, once per unmatched gold risk or stance, whether any unmatched prediction
    states the same thing. Its calls go through the same client, so they are recorded and
    replayed like any other."""
    from .client import CallFailed
    from .prompts import PromptTemplates

    result = JudgeScores()
    misses = scores.misses
    for kind, references, candidates in (
        ("risk", misses.risks_missed, misses.risks_extra),
        ("stance", misses.stances_missed, misses.stances_extra),
    ):
        available = list(candidates)
        for reference in references:
            if not available:
                break
            prompt = PromptTemplates.render_judge(kind, reference, available)
            try:
                reply = summarizer.caller.call([{"role": "user", "content": prompt}], JudgeChoice)
            except CallFailed as exc:
                result.error = str(exc.error)[:200]
                return result
            result.calls += 1
            setattr(result, f"{kind}s_judged", getattr(result, f"{kind}s_judged") + 1)
            choice = reply.draft.choice if reply.draft is not None else 0
            if 1 <= choice <= len(available):
                setattr(result, f"{kind}s_matched", getattr(result, f"{kind}s_matched") + 1)
                available.pop(choice - 1)  # one-to-one, as in the deterministic matcher
    return result


# --- running -----------------------------------------------------------------------------------


def evaluate(
    root: str | Path = "fixtures",
    *,
    provider: str = "replay",
    model: str | None = None,
    record: bool = False,
    config: MatchConfig = MatchConfig(),  # noqa: B008 - frozen, safe to share
    progress: Callable[[str], None] | None = None,
    judge: bool = False,
    **options: Any,
) -> Report:
    """Summarize every case under `root` with `provider` and score it against its gold.

    Options go to `resolve_settings` (e.g. `cache=True`, `log=True` to add each case to the run
    history, `prices=FILE`).

    With `judge=True`, an LLM judge (the same provider and model) looks at the risks and stances
    the deterministic matcher left unmatched; its verdicts go to `CaseScores.judge` and
    `Report.judge`, never into the scores.
    """
    from .pipeline import make_summarizer
    from .providers import provider_for
    from .settings import resolve_settings

    results = []
    for folder in find_case_folders(Path(root)):
        try:
            case = load_case(folder)
        except SummarizerError as exc:  # this case fails alone
            results.append(CaseScores(case=folder.name, valid=False, error=str(exc)))
            continue
        if progress:
            progress(case.name)
        fixtures = case.path if provider_for(provider).replays or record else None
        try:
            settings = resolve_settings(provider, model=model, fixtures=fixtures, record=record, **options)
            summarizer = make_summarizer(settings)
        except SummarizerError as exc:
            results.append(score_case(case, None, config, error=str(exc)))
            continue
        try:
            summary = summarizer.run(case.document)
        except SummarizerError as exc:
            summarizer.log(case.document, exc, command="eval", source=str(case.path))
            results.append(score_case(case, None, config, error=str(exc)))
            continue
        summarizer.log(case.document, summary, command="eval", source=str(case.path))
        scores = score_case(case, summary, config)
        if judge:
            scores.judge = judge_case(scores, summarizer)
        results.append(scores)
    judged = [c.judge for c in results if c.judge is not None]
    return Report(
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        provider=provider,
        model=model,
        config=config.describe(),
        cases=results,
        aggregate=aggregate(results),
        judge=_judge_totals(judged) if judge else None,
    )


def _judge_totals(judged: Sequence[JudgeScores]) -> dict[str, int]:
    fields = ("risks_judged", "risks_matched", "stances_judged", "stances_matched", "calls")
    totals = {f: sum(getattr(j, f) for j in judged) for f in fields}
    totals["errors"] = sum(1 for j in judged if j.error)
    return totals


def compare(current: Report, baseline: Report) -> dict[str, Any]:
    """Per-metric deltas (current - baseline), in aggregate and per case present in both."""

    def delta(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(a - b, 4)

    per_case = {}
    before = {c.case: c for c in baseline.cases}
    for case in current.cases:
        if case.case in before:
            per_case[case.case] = {
                m: delta(getattr(case, m), getattr(before[case.case], m)) for m in (*SCORE_METRICS, "score")
            }
    return {
        "aggregate": {
            m: delta(current.aggregate.get(m), baseline.aggregate.get(m)) for m in current.aggregate
        },
        "cases": per_case,
    }


def load_report(path: str | Path) -> Report:
    try:
        return Report.model_validate_json(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise SummarizerError(f"{path} is not a readable eval report: {str(exc)[:120]}") from exc


def write_report(report: Report, path: str | Path, comparison: dict[str, Any] | None = None) -> None:
    data = json.loads(report.model_dump_json())
    if comparison is not None:
        data["compare"] = comparison
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
