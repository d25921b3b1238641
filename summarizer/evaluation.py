"""Deterministic scoring of summaries against gold annotations; no LLM involved.

All thresholds and matching rules are in `MatchConfig` and are echoed into every report.
Matching is one-to-one: candidate pairs above the threshold are taken best-first, and each
predicted and gold item is used at most once. Gold items marked optional are neither rewarded
nor punished.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from .errors import SummarizerError
from .gold import Case, Gold, find_cases
from .grounding import _core_tokens, normalize
from .schemas import Actor, Summary

P = TypeVar("P")
G = TypeVar("G")

# The metrics that make up a case's overall score (their mean, skipping undefined ones).
SCORE_METRICS = (
    "actor_f1",
    "quote_f1",
    "speaker_accuracy",
    "grounding_rate",
    "stance_recall",
    "position_accuracy",
    "risk_coverage",
    "risk_precision",
)


@dataclass(frozen=True)
class MatchConfig:
    """Every threshold the matchers use (rapidfuzz scores are 0-100)."""

    actor_threshold: float = 85.0  # best ratio between any name/alias forms, titles stripped
    quote_threshold: float = 85.0  # ratio between quote texts, marks and end punctuation stripped
    topic_threshold: float = 60.0  # token_set_ratio of stance topics; a gold keyword hit counts 100
    risk_keyword_fraction: float = 0.5  # share of a gold risk's keywords a prediction must mention

    def describe(self) -> dict[str, Any]:
        rules = {
            "assignment": "one-to-one, best-scoring pairs first",
            "actor_score": "max fuzz.ratio over name and alias forms (raw and title-stripped)",
            "quote_score": "fuzz.ratio of normalized texts",
            "stance_match": "holder matches as an actor and topic scores above topic_threshold",
            "risk_match": "share of gold keywords found in description + evidence text",
            "score": "mean of " + ", ".join(SCORE_METRICS) + " (undefined ones skipped)",
        }
        return {**asdict(self), "rules": rules}


class CaseMisses(BaseModel):
    actors_missed: list[str] = Field(default_factory=list)
    actors_extra: list[str] = Field(default_factory=list)
    forbidden_found: list[str] = Field(default_factory=list)
    quotes_missed: list[str] = Field(default_factory=list)
    quotes_extra: list[str] = Field(default_factory=list)
    speakers_wrong: list[str] = Field(default_factory=list)
    stances_missed: list[str] = Field(default_factory=list)
    stances_extra: list[str] = Field(default_factory=list)
    positions_wrong: list[str] = Field(default_factory=list)
    risks_missed: list[str] = Field(default_factory=list)
    risks_extra: list[str] = Field(default_factory=list)


class JudgeChoice(BaseModel):
    """Which candidate states the same thing as the reference."""

    choice: int = Field(ge=0, le=50, description="The matching candidate's number, or 0 for none.")
    reason: str = Field(default="", max_length=200, description="One short sentence.")


class JudgeScores(BaseModel):
    """The optional LLM judge's verdicts on what the deterministic matcher left unmatched.

    Reported beside the deterministic scores and never mixed into them.
    """

    risks_judged: int = 0
    risks_matched: int = 0
    stances_judged: int = 0
    stances_matched: int = 0
    calls: int = 0
    error: str | None = None


class CaseScores(BaseModel):
    case: str
    valid: bool
    error: str | None = None
    actor_precision: float = 0.0
    actor_recall: float = 0.0
    actor_f1: float = 0.0
    quote_precision: float = 0.0
    quote_recall: float = 0.0
    quote_f1: float = 0.0
    speaker_accuracy: float | None = None
    grounding_rate: float = 0.0
    stance_recall: float = 0.0
    position_accuracy: float | None = None
    risk_coverage: float = 0.0
    risk_precision: float = 0.0
    forbidden_actors: int = 0
    calls: int = 0
    tokens: int = 0
    seconds: float = 0.0
    score: float = 0.0
    misses: CaseMisses = Field(default_factory=CaseMisses)
    judge: JudgeScores | None = None


class Report(BaseModel):
    created: str
    provider: str
    model: str | None
    config: dict[str, Any]
    cases: list[CaseScores]
    aggregate: dict[str, float | None]
    judge: dict[str, int] | None = None  # the optional LLM judge, kept apart from the scores


# --- matching ----------------------------------------------------------------------------------


def assign(
    preds: Sequence[P], golds: Sequence[G], score: Callable[[P, G], float], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) scoring at least `threshold`, best first."""
    candidates = sorted(
        ((score(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value >= threshold and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def name_score(forms_a: Sequence[str], forms_b: Sequence[str]) -> float:
    best = 0.0
    for a in forms_a:
        for b in forms_b:
            core_a, core_b = " ".join(_core_tokens(a)), " ".join(_core_tokens(b))
            best = max(best, fuzz.ratio(normalize(a), normalize(b)), fuzz.ratio(core_a, core_b))
    return best


def _quote_norm(text: str) -> str:
    return normalize(text).strip(" \"'.,;:!?—–-")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _split(
    golds: Sequence[Any], pairs: list[tuple[int, int]], n_preds: int
) -> tuple[int, int, list[int], list[int]]:
    """TP, FP, unmatched required gold indices, unmatched pred indices (optional gold ignored)."""
    matched_gold = {j for _, j in pairs}
    matched_pred = {i for i, _ in pairs}
    tp = sum(1 for _, j in pairs if not golds[j].optional)
    missed = [j for j, g in enumerate(golds) if not g.optional and j not in matched_gold]
    extra = [i for i in range(n_preds) if i not in matched_pred]
    return tp, len(extra), missed, extra


# --- scoring -----------------------------------------------------------------------------------


def _name(by_id: dict[str, Actor], actor_id: str) -> str:
    actor = by_id.get(actor_id)
    return actor.name if actor else actor_id


def _forms(actor: Actor | None) -> list[str]:
    return [actor.name, *actor.aliases] if actor else []


def _gold_forms(gold: Gold, name: str) -> list[str]:
    actor = gold.actor(name)
    return actor.forms if actor else [name]


def score_case(
    case: Case, summary: Summary | None, config: MatchConfig = MatchConfig(), error: str | None = None
) -> CaseScores:
    """Score one summary against its gold; a missing summary scores zero and is not valid."""
    if summary is None:
        return CaseScores(case=case.name, valid=False, error=error)
    gold, doc = case.gold, case.document
    scores = CaseScores(case=case.name, valid=True)
    misses = scores.misses
    by_id = {a.id: a for a in summary.actors}

    # Actors, and actors that must not appear.
    actor_pairs = assign(
        summary.actors, gold.actors, lambda p, g: name_score(_forms(p), g.forms), config.actor_threshold
    )
    tp, fp, missed, extra = _split(gold.actors, actor_pairs, len(summary.actors))
    scores.actor_precision, scores.actor_recall, scores.actor_f1 = _prf(tp, fp, len(missed))
    misses.actors_missed = [gold.actors[j].name for j in missed]
    misses.actors_extra = [summary.actors[i].name for i in extra]
    misses.forbidden_found = [
        a.name
        for a in summary.actors
        if any(name_score(_forms(a), [f]) >= config.actor_threshold for f in gold.forbidden_actors)
    ]
    scores.forbidden_actors = len(misses.forbidden_found)

    # Quotes and their speakers.
    quote_pairs = assign(
        summary.quotes,
        gold.quotes,
        lambda p, g: fuzz.ratio(_quote_norm(p.text), _quote_norm(g.text)),
        config.quote_threshold,
    )
    tp, fp, missed, extra = _split(gold.quotes, quote_pairs, len(summary.quotes))
    scores.quote_precision, scores.quote_recall, scores.quote_f1 = _prf(tp, fp, len(missed))
    misses.quotes_missed = [gold.quotes[j].text for j in missed]
    misses.quotes_extra = [summary.quotes[i].text for i in extra]
    required = [(i, j) for i, j in quote_pairs if not gold.quotes[j].optional]
    right = [
        (i, j)
        for i, j in required
        if name_score(
            _forms(by_id.get(summary.quotes[i].speaker_id)), _gold_forms(gold, gold.quotes[j].speaker)
        )
        >= config.actor_threshold
    ]
    scores.speaker_accuracy = len(right) / len(required) if required else None
    misses.speakers_wrong = [gold.quotes[j].text for i, j in required if (i, j) not in right]

    # Grounding needs no gold.
    spans: list[Any] = [
        *summary.quotes,
        *[e for s in summary.stances for e in s.evidence],
        *[e for r in summary.risks for e in r.evidence],
    ]
    exact = sum(1 for s in spans if doc[s.start : s.end] == s.text)
    scores.grounding_rate = exact / len(spans) if spans else 1.0

    # Stances: (holder, topic) pairs, then positions on the matched pairs.
    def stance_score(p: Any, g: Any) -> float:
        if name_score(_forms(by_id.get(p.actor_id)), _gold_forms(gold, g.holder)) < config.actor_threshold:
            return 0.0
        keyword_hit = any(normalize(k) in normalize(p.topic) for k in g.keywords)
        return 100.0 if keyword_hit else fuzz.token_set_ratio(normalize(p.topic), normalize(g.topic))

    stance_pairs = assign(summary.stances, gold.stances, stance_score, config.topic_threshold)
    tp, _, missed, extra = _split(gold.stances, stance_pairs, len(summary.stances))
    scores.stance_recall = _prf(tp, 0, len(missed))[1]
    misses.stances_missed = [
        f"{gold.stances[j].holder} is {gold.stances[j].position} on {gold.stances[j].topic}" for j in missed
    ]
    misses.stances_extra = [
        f"{_name(by_id, summary.stances[i].actor_id)} is {summary.stances[i].position} on "
        f"{summary.stances[i].topic}"
        for i in extra
    ]
    required = [(i, j) for i, j in stance_pairs if not gold.stances[j].optional]
    wrong = [(i, j) for i, j in required if summary.stances[i].position != gold.stances[j].position]
    scores.position_accuracy = 1 - len(wrong) / len(required) if required else None
    misses.positions_wrong = [f"{gold.stances[j].holder}: {gold.stances[j].topic}" for _, j in wrong]

    # Risks: keyword coverage, both ways.
    def risk_score(p: Any, g: Any) -> float:
        text = normalize(p.description + " " + " ".join(e.text for e in p.evidence))
        return 100.0 * sum(1 for k in g.keywords if normalize(k) in text) / len(g.keywords)

    risk_pairs = assign(summary.risks, gold.risks, risk_score, 100.0 * config.risk_keyword_fraction)
    tp, fp, missed, extra = _split(gold.risks, risk_pairs, len(summary.risks))
    scores.risk_coverage = _prf(tp, 0, len(missed))[1]
    scores.risk_precision = (len(risk_pairs) / len(summary.risks)) if summary.risks else 1.0
    misses.risks_missed = [gold.risks[j].description for j in missed]
    misses.risks_extra = [summary.risks[i].description for i in extra]

    scores.calls = summary.meta.usage.calls
    scores.tokens = summary.meta.usage.total_tokens
    scores.seconds = summary.meta.seconds
    scores.score = _mean([getattr(scores, m) for m in SCORE_METRICS]) or 0.0
    return scores


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


AGGREGATE_METRICS = (
    *SCORE_METRICS,
    "actor_precision",
    "actor_recall",
    "quote_precision",
    "quote_recall",
    "score",
)


def aggregate(cases: Sequence[CaseScores]) -> dict[str, float | None]:
    valid = [c for c in cases if c.valid]
    result: dict[str, float | None] = {m: _mean([getattr(c, m) for c in valid]) for m in AGGREGATE_METRICS}
    result["score"] = _mean([c.score for c in cases])  # failed cases count as 0 here
    result["schema_validity_rate"] = round(len(valid) / len(cases), 4) if cases else None
    result["forbidden_actors"] = float(sum(c.forbidden_actors for c in cases))
    result["calls"] = float(sum(c.calls for c in cases))
    result["tokens"] = float(sum(c.tokens for c in cases))
    result["seconds"] = round(sum(c.seconds for c in cases), 3)
    return result


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
    config: MatchConfig = MatchConfig(),
    progress: Callable[[str], None] | None = None,
    judge: bool = False,
    **options: Any,
) -> Report:
    """Summarize every case under `root` with `provider` and score it against its gold.

    With `judge=True`, an LLM judge (the same provider and model) looks at the risks and stances
    the deterministic matcher left unmatched; its verdicts go to `CaseScores.judge` and
    `Report.judge`, never into the scores.
    """
    from .pipeline import make_summarizer
    from .settings import resolve_settings

    results = []
    for case in find_cases(Path(root)):
        if progress:
            progress(case.name)
        fixtures = case.path if provider == "replay" or record else None
        try:
            settings = resolve_settings(provider, model=model, fixtures=fixtures, record=record, **options)
            summarizer = make_summarizer(settings)
            summary = summarizer.run(case.document)
        except SummarizerError as exc:
            results.append(score_case(case, None, config, error=str(exc)))
            continue
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
