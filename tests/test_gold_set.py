"""The gold set itself: every case is consistent with its document and with the span finder."""

import pytest

from summarizer.cleaning import clean
from summarizer.gold import find_cases
from summarizer.grounding import GroundingOptions, _holder_in_evidence, ground, kept_text
from summarizer.metrics import SCORE_METRICS, score_case
from summarizer.names import merge_actors, normalize, refers_to
from summarizer.roster import Roster
from summarizer.schemas import Actor, Meta, Summary, SummaryDraft, TemplateInfo
from summarizer.segmentation import segment
from summarizer.steps import analyse

from .conftest import ROOT

CASES = find_cases(ROOT / "fixtures")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_quotes_are_verbatim_and_found_by_the_span_finder(case) -> None:
    """Each gold quote is exact text of the document and a span the segmenter finds."""
    found = {q.text for q in segment(clean(case.document)).quotes}
    for quote in case.gold.quotes:
        assert quote.text in case.document, quote.text
        assert quote.text in found, f"span finder misses: {quote.text!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_speakers_and_holders_are_gold_actors(case) -> None:
    """Speakers and stance holders name actors listed in the gold."""
    names = {a.name for a in case.gold.actors}
    assert {q.speaker for q in case.gold.quotes} <= names
    assert {s.holder for s in case.gold.stances} <= names


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_actors_are_named_in_the_cleaned_document(case) -> None:
    """Every gold actor is named (by name or alias) in the text that survives cleaning."""
    kept = normalize(clean(case.document).kept_text())
    for actor in case.gold.actors:
        assert any(normalize(form) in kept for form in actor.forms), actor.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_forbidden_actors_appear_only_in_boilerplate(case) -> None:
    """A forbidden actor is in the document, but only in lines that cleaning removes."""
    cleaned = clean(case.document)
    kept = normalize(cleaned.kept_text())
    removed = normalize(" ".join(case.document[r.start : r.end] for r in cleaned.removed))
    for name in case.gold.forbidden_actors:
        assert normalize(name) in removed and normalize(name) not in kept, name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_risk_keywords_occur_in_the_document(case) -> None:
    """Every must-mention keyword of a gold risk is a word the document itself uses."""
    text = normalize(case.document)
    for risk in case.gold.risks:
        for keyword in risk.keywords:
            assert normalize(keyword) in text, (risk.description, keyword)


def test_the_gold_set_covers_the_required_kinds_of_document() -> None:
    """At least 10 written cases plus the seed, covering every feature the evaluation needs."""
    assert len(CASES) >= 11
    features = {f for c in CASES for f in c.gold.features}
    required = {
        "boilerplate",
        "transcript without quote marks",
        "no quotes",
        "quote split by attribution",
        "single quotes",
        "person under full name, surname and title",
        "organization under acronym",
        "prompt injection",
        "long document",
        "press release",
        "earnings call",
        "same story, opposed stances",
    }
    assert required <= features, required - features
    long_cases = [c for c in CASES if "long document" in c.gold.features]
    assert long_cases and len(long_cases[0].document.split()) >= 3000
    no_quotes = [c for c in CASES if "no quotes" in c.gold.features]
    assert no_quotes and all(not segment(clean(c.document)).quotes for c in no_quotes)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_library_never_gives_a_gold_quote_to_someone_else(case) -> None:
    """Where the library names a gold quote's speaker itself, it names the gold speaker."""
    by_text = {q.text: q for q in analyse(case.document).quotes}
    for quote in case.gold.quotes:
        found = by_text[quote.text]
        gold = case.gold.actor(quote.speaker)
        actor = Actor(id="A1", name=gold.name, kind=gold.kind, aliases=gold.aliases)
        assert found.speaker is None or refers_to(found.speaker, actor), (quote.text, found.speaker)


def test_the_library_attributes_nearly_every_gold_quote() -> None:
    """Across the gold set, the text's own attribution covers at least 95% of the gold quotes."""
    total = named = 0
    for case in CASES:
        by_text = {q.text: q for q in analyse(case.document).quotes}
        for quote in case.gold.quotes:
            total += 1
            named += by_text[quote.text].speaker is not None
    assert named / total >= 0.95, (named, total)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gold_actors_listed_as_a_model_would_are_kept_and_never_merged(case) -> None:
    """Every gold actor passes the mention check, and no two distinct gold actors are merged."""
    text = kept_text(segment(clean(case.document)))
    actors = [
        Actor(id=f"A{i + 1}", name=a.name, kind=a.kind, aliases=[x for x in a.aliases if text.mentions(x)])
        for i, a in enumerate(case.gold.actors)
    ]
    assert [a.name for a in actors if not text.names_actor(a)] == []
    merged, _, notes = merge_actors(actors)
    assert notes == [] and len(merged) == len(actors)


def _gold_answer(case, segmentation) -> SummaryDraft:
    """The answer a perfect model would give, built from the gold (evidence: a sentence that
    mentions the item's keywords)."""
    text = kept_text(segmentation)
    ids = {a.name: f"A{i + 1}" for i, a in enumerate(case.gold.actors)}
    quote_ids = {q.text: q.id for q in segmentation.quotes}

    def sentence_with(words: list[str], holder: str | None = None) -> str:
        """A sentence with the keywords; for a stance, one whose holder is named or quoted near it
        (the grounding rule), else any sentence naming the holder."""
        roster = Roster(text, case.document, list(segmentation.candidates))
        actor = case.gold.actor(holder) if holder else None
        probe = Actor(id="A0", name=actor.name, kind=actor.kind, aliases=actor.aliases) if actor else None

        def near(sentence) -> bool:  # type: ignore[no-untyped-def]
            return probe is None or _holder_in_evidence(probe, [sentence], segmentation, roster)

        for require_all in (all, any):
            for sentence in segmentation.sentences:
                if near(sentence) and require_all(normalize(w) in normalize(sentence.text) for w in words):
                    return sentence.id
        return next((s.id for s in segmentation.sentences if near(s)), "S1")

    return SummaryDraft.model_validate(
        {
            "headline": "h",
            "tldr": "t",
            "actors": [
                {
                    "id": ids[a.name],
                    "name": a.name,
                    "kind": a.kind,
                    "aliases": [x for x in a.aliases if text.mentions(x)][:6],
                }
                for a in case.gold.actors
            ][:15],
            "quotes": [
                {"quote_id": quote_ids[q.text], "speaker_id": ids[q.speaker]} for q in case.gold.quotes
            ][:20],
            "stances": [
                {
                    "actor_id": ids[s.holder],
                    "topic": s.topic,
                    "position": s.position,
                    "evidence": [sentence_with(s.keywords or [s.holder], s.holder)],
                }
                for s in case.gold.stances
            ][:15],
            "risks": [
                {
                    "description": r.description,
                    "category": "other",
                    "severity": "medium",
                    "evidence": [sentence_with(r.keywords)],
                }
                for r in case.gold.risks
            ][:8],
        }
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_gold_derived_answer_is_fully_grounded_and_scores_one(case) -> None:
    """Grounding drops nothing from a perfect answer, and the metrics give it 1.0 everywhere."""
    segmentation = analyse(case.document)
    grounded = ground(
        _gold_answer(case, segmentation), segmentation, GroundingOptions("selected", "selected")
    )
    assert grounded.problems == []
    meta = Meta(provider="gold", model="gold", mode="tools", template=TemplateInfo(name="-", sha256="-"))
    summary = Summary(
        headline="h",
        tldr="t",
        actors=grounded.actors,
        stances=grounded.stances,
        quotes=grounded.quotes,
        risks=grounded.risks,
        meta=meta,
    )
    scores = score_case(case, summary)
    assert {m: getattr(scores, m) for m in SCORE_METRICS if getattr(scores, m) not in (None, 1.0)} == {}
