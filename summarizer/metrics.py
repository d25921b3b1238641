"""Deterministic scoring of one summary against its gold annotations; no LLM involved.

All thresholds and matching rules are in `MatchConfig` and are echoed into every report.
Matching is one-to-one: candidate pairs above the threshold are taken best-first, and each
predicted and gold item is used at most once. Gold items marked optional are neither rewarded
nor punished.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from .fields import spans_in, user_fields
from .gold import Case, Gold
from .names import core_tokens, normalize
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
    # The library's own quote finder, before any model: its speech spans against the gold quotes.
    finder_precision: float = 0.0
    finder_recall: float = 0.0
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
            core_a, core_b = " ".join(core_tokens(a)), " ".join(core_tokens(b))
            best = max(best, fuzz.ratio(normalize(a), normalize(b)), fuzz.ratio(core_a, core_b))
    return best


def _quote_score(predicted: Any, gold: Any) -> float:
    return fuzz.ratio(_quote_norm(predicted.text), _quote_norm(gold.text))


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
        _quote_score,
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

    # The quote finder alone: spans it takes for speech (not mentions) against every gold quote.
    from .steps import analyse

    speech = [q for q in analyse(doc).quotes if q.speech and not q.instruction_like]
    finder_pairs = assign(
        speech,
        gold.quotes,
        _quote_score,
        config.quote_threshold,
    )
    tp, fp, missed, _ = _split(gold.quotes, finder_pairs, len(speech))
    # A span matching an optional gold quote is right, not wrong: it counts for precision.
    optional_hits = sum(1 for _, j in finder_pairs if gold.quotes[j].optional)
    scores.finder_precision = _prf(tp + optional_hits, fp, len(missed))[0]
    scores.finder_recall = _prf(tp, fp, len(missed))[1]

    # Grounding needs no gold.
    spans: list[Any] = [
        *summary.quotes,
        *[e for s in summary.stances for e in s.evidence],
        *[e for r in summary.risks for e in r.evidence],
        *[s for value in user_fields(summary).values() for s in spans_in(value)],
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
    "finder_precision",
    "finder_recall",
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
