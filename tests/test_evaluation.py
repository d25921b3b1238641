"""Metric tests: a perfect prediction scores 1.0; each perturbation moves exactly its metric."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import Summary, summarize
from summarizer.cli import app
from summarizer.evaluation import Report, compare, evaluate
from summarizer.gold import load_case
from summarizer.metrics import SCORE_METRICS, MatchConfig, assign, score_case
from summarizer.schemas import Actor, Quote
from summarizer.testing.authoring import AUTHORED_MODEL

from .conftest import ROOT

SEED_CASE = ROOT / "fixtures" / "us_china_diplomacy"
METRICS = (
    *SCORE_METRICS,
    "actor_precision",
    "actor_recall",
    "quote_precision",
    "quote_recall",
    "forbidden_actors",
)


@pytest.fixture(scope="module")
def case():
    return load_case(SEED_CASE)


@pytest.fixture(scope="module")
def perfect(case) -> Summary:
    """The authored seed answer, replayed: written by hand to agree with the gold."""
    return summarize(case.document, provider="replay", fixtures=SEED_CASE, model=AUTHORED_MODEL)


def _changed(case, summary: Summary) -> dict:
    scores = score_case(case, summary)
    return {
        m: getattr(scores, m)
        for m in METRICS
        if getattr(scores, m) != (0 if m == "forbidden_actors" else 1.0)
    }


def test_perfect_prediction_scores_one_everywhere(case, perfect) -> None:
    """The gold-consistent answer scores 1.0 on every metric and finds no forbidden actor."""
    scores = score_case(case, perfect)
    assert _changed(case, perfect) == {}
    assert scores.score == 1.0 and scores.valid


def test_dropping_an_actor_lowers_actor_recall(case, perfect) -> None:
    """11 required actors, one dropped: recall 10/11, F1 20/21, nothing else moves."""
    summary = perfect.model_copy(update={"actors": [a for a in perfect.actors if a.name != "Xi Jinping"]})
    assert _changed(case, summary) == pytest.approx({"actor_recall": 10 / 11, "actor_f1": 20 / 21})


def test_splitting_an_actor_lowers_actor_precision(case, perfect) -> None:
    """NVIDIA listed twice (NVIDIA Corp., NVDA): one extra actor, precision 11/12, F1 22/23."""
    actors = [a.model_copy(update={"aliases": []}) if a.name == "NVIDIA Corp." else a for a in perfect.actors]
    actors.append(Actor(id="A99", name="NVDA", kind="organization"))
    summary = perfect.model_copy(update={"actors": actors})
    assert _changed(case, summary) == pytest.approx({"actor_precision": 11 / 12, "actor_f1": 22 / 23})


def test_misattributing_a_quote_lowers_speaker_accuracy(case, perfect) -> None:
    """McFaul's quote given to Bessent: speaker accuracy 3/4, quote F1 unchanged."""
    bessent = next(a.id for a in perfect.actors if a.name == "Scott Bessent")
    quotes = [
        q.model_copy(update={"speaker_id": bessent}) if q.text == "horrible." else q for q in perfect.quotes
    ]
    assert _changed(case, perfect.model_copy(update={"quotes": quotes})) == pytest.approx(
        {"speaker_accuracy": 3 / 4}
    )


def test_fabricating_a_quote_lowers_quote_precision_and_grounding(case, perfect) -> None:
    """An invented quote: quote precision 4/5 (F1 8/9); its offsets do not slice back either."""
    fake = Quote(
        id="Q9", speaker_id=perfect.quotes[0].speaker_id, text="We will impose new tariffs", start=10, end=36
    )
    spans = (
        len(perfect.quotes)
        + sum(len(s.evidence) for s in perfect.stances)
        + sum(len(r.evidence) for r in perfect.risks)
    )
    summary = perfect.model_copy(update={"quotes": [*perfect.quotes, fake]})
    assert _changed(case, summary) == pytest.approx(
        {"quote_precision": 4 / 5, "quote_f1": 8 / 9, "grounding_rate": spans / (spans + 1)}
    )


def test_flipping_a_stance_lowers_position_accuracy(case, perfect) -> None:
    """McFaul's oppose turned to support: 6 required pairs matched, 5 right."""
    mcfaul = next(a.id for a in perfect.actors if a.name == "Michael McFaul")
    stances = [
        s.model_copy(update={"position": "support"}) if s.actor_id == mcfaul else s for s in perfect.stances
    ]
    assert _changed(case, perfect.model_copy(update={"stances": stances})) == pytest.approx(
        {"position_accuracy": 5 / 6}
    )


def test_omitting_a_risk_lowers_risk_coverage(case, perfect) -> None:
    """Without the inventory write-off risk, 3 of 4 required risks are covered."""
    risks = [r for r in perfect.risks if "inventory" not in r.description]
    assert _changed(case, perfect.model_copy(update={"risks": risks})) == pytest.approx(
        {"risk_coverage": 3 / 4}
    )


def test_boilerplate_actor_counts_as_forbidden(case, perfect) -> None:
    """Goldman Sachs (only in See Also) counts once as forbidden and as an extra actor."""
    actors = [*perfect.actors, Actor(id="A98", name="Goldman Sachs", kind="organization")]
    assert _changed(case, perfect.model_copy(update={"actors": actors})) == pytest.approx(
        {"forbidden_actors": 1, "actor_precision": 11 / 12, "actor_f1": 22 / 23}
    )


def test_failed_summary_scores_zero_and_is_invalid(case) -> None:
    """No summary at all: not valid, score 0, with the error kept."""
    scores = score_case(case, None, error="model refused")
    assert (scores.valid, scores.score, scores.error) == (False, 0.0, "model refused")


def test_assignment_is_one_to_one_best_first() -> None:
    """Each item is used once, and the best pair wins over an earlier weaker one."""
    pairs = assign(["ab", "abc"], ["abc"], lambda p, g: 100.0 if p == g else 70.0, 60)
    assert pairs == [(1, 0)]


def test_thresholds_are_echoed_into_the_report(tmp_path: Path) -> None:
    """The report carries the matching config it was scored with."""
    report = evaluate(SEED_CASE, model=AUTHORED_MODEL, config=MatchConfig(actor_threshold=90))
    assert report.config["actor_threshold"] == 90 and "assignment" in report.config["rules"]


def test_compare_gives_deltas_per_metric_and_case(case, perfect) -> None:
    """Comparing two reports gives current minus baseline, per metric and per case."""
    base = evaluate(SEED_CASE, model=AUTHORED_MODEL)
    worse = base.model_copy(deep=True)
    worse.cases[0].quote_f1 = 0.5
    worse.aggregate["quote_f1"] = 0.5
    delta = compare(base, worse)
    assert delta["aggregate"]["quote_f1"] == 0.5
    assert delta["cases"][case.name]["quote_f1"] == 0.5


def test_eval_cli_writes_report_and_honours_min_score(tmp_path: Path) -> None:
    """`summarizer eval` prints a table, writes the JSON report and exits 1 under --min-score."""
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", str(ROOT / "fixtures"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "aggregate" in result.stdout
    data = Report.model_validate_json(report.read_text())
    assert data.aggregate["schema_validity_rate"] is not None
    strict = CliRunner().invoke(app, ["eval", str(ROOT / "fixtures"), "--min-score", "1.01"])
    assert strict.exit_code == 1 and "below" in strict.stderr


def test_every_gold_case_replays_from_its_recordings() -> None:
    """Each case's recordings answer the requests the code makes now: a change to cleaning,
    candidates or prompts that alters a case's request fails here until the case is re-recorded."""
    report = evaluate(ROOT / "fixtures", cache=False, log=False)
    assert len(report.cases) >= 21
    assert {c.case: c.error for c in report.cases if not c.valid} == {}


def test_eval_cli_compare_shows_deltas(tmp_path: Path) -> None:
    """--compare OTHER prints signed deltas and stores them in the report."""
    first = tmp_path / "a.json"
    CliRunner().invoke(app, ["eval", str(SEED_CASE), "--model", AUTHORED_MODEL, "--report", str(first)])
    data = json.loads(first.read_text())
    data["aggregate"]["score"] = 0.25
    first.write_text(json.dumps(data))
    second = tmp_path / "b.json"
    result = CliRunner().invoke(
        app,
        ["eval", str(SEED_CASE), "--model", AUTHORED_MODEL, "--report", str(second), "--compare", str(first)],
    )
    assert result.exit_code == 0, result.output
    stored = json.loads(second.read_text())
    assert stored["compare"]["aggregate"]["score"] == pytest.approx(stored["aggregate"]["score"] - 0.25)
    assert "+0.75" in result.stdout


def test_stance_matching_needs_the_right_holder(case, perfect) -> None:
    """A stance whose holder is not the gold holder does not match, lowering stance recall."""
    zhang = next(a.id for a in perfect.actors if a.name == "Zhang Yansheng")
    huang = next(a.id for a in perfect.actors if a.name == "Jensen Huang")
    stances = [
        s.model_copy(update={"actor_id": huang}) if s.actor_id == zhang else s for s in perfect.stances
    ]
    changed = _changed(case, perfect.model_copy(update={"stances": stances}))
    assert changed == pytest.approx({"stance_recall": 5 / 6})


def test_llm_judge_is_reported_apart_and_never_changes_scores(tmp_path: Path, monkeypatch) -> None:
    """The judge sees only unmatched risks; its matches are reported separately."""
    from summarizer.testing.authoring import chat_completion
    from summarizer.testing.fake_server import FakeOpenAI, Reply

    case = tmp_path / "case"
    case.mkdir()
    (case / "document.txt").write_text(
        "Alice Smith spoke on Monday. She warned that floods could close the plant next spring."
    )
    (case / "gold.json").write_text(
        json.dumps(
            {
                "actors": [{"name": "Alice Smith", "kind": "person"}],
                "risks": [{"description": "Flooding may shut the plant.", "keywords": ["flood", "close"]}],
            }
        )
    )
    draft = {
        "headline": "h",
        "tldr": "t",
        "actors": [{"id": "A1", "name": "Alice Smith", "kind": "person"}],
        "quotes": [],
        "stances": [],
        "risks": [
            {
                "description": "Water could halt production.",
                "category": "operational",
                "severity": "medium",
                "evidence": ["S1"],
            }
        ],
    }

    def script(n: int, request: dict) -> Reply:
        if request["tool_choice"]["function"]["name"] == "JudgeChoice":
            body = chat_completion({"choice": 1, "reason": "same danger"})
            body["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = "JudgeChoice"
            return Reply(body=body)
        return Reply(body=chat_completion(draft))

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    with FakeOpenAI(script=script) as server:
        plain = evaluate(case, provider="openai", base_url=server.base_url, model="m")
        judged = evaluate(case, provider="openai", base_url=server.base_url, model="m", judge=True)
    assert plain.cases[0].risk_coverage == judged.cases[0].risk_coverage == 0.0
    assert plain.cases[0].judge is None and plain.judge is None
    assert judged.cases[0].judge.risks_matched == 1 and judged.judge["risks_matched"] == 1
    assert judged.aggregate == plain.aggregate | {"seconds": judged.aggregate["seconds"]}


@pytest.mark.parametrize("width", [80, 120])
def test_eval_table_fits_the_terminal_without_cutting_anything(width: int) -> None:
    """At 80 and 120 columns every line fits, no cell is cut to "…", and every case and score shows."""
    import io

    from rich.console import Console

    from summarizer.views.report import TABLE_COLUMNS, eval_table

    report = evaluate(ROOT / "fixtures")
    baseline = report.model_copy(deep=True)
    baseline.cases[0].score -= 0.5
    baseline.aggregate["actor_f1"] = (baseline.aggregate["actor_f1"] or 0) + 0.25
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    console.print(eval_table(report, compare(report, baseline)))
    out = console.file.getvalue()
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    for case in report.cases:
        assert case.case in out
        assert f"{case.score:.2f}" in out
    assert "+0.50" in out and "-0.25" in out  # deltas under the scores
    for _, title in TABLE_COLUMNS:
        assert title in out
    assert "--report" in out  # where the other metrics are
