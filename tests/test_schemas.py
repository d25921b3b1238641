"""The output contract: shape, bounds and round-trips."""

import pytest
from pydantic import ValidationError

from summarizer import Summary
from summarizer.schemas import MAX_ACTORS, MAX_HEADLINE, SummaryDraft

from .conftest import draft


def _summary() -> Summary:
    return Summary.model_validate(
        {
            "headline": "h",
            "tldr": "t",
            "actors": [{"id": "A1", "name": "Jane Roe", "kind": "person", "role": "CEO", "aliases": ["Roe"]}],
            "stances": [
                {
                    "actor_id": "A1",
                    "topic": "x",
                    "position": "support",
                    "evidence": [{"text": "abc", "start": 0, "end": 3}],
                }
            ],
            "quotes": [{"id": "Q1", "speaker_id": "A1", "text": "abc", "start": 0, "end": 3}],
            "risks": [{"description": "d", "category": "legal", "severity": "low", "evidence": []}],
            "meta": {
                "provider": "replay",
                "model": "m",
                "mode": "tools",
                "template": {"name": "default", "sha256": "0" * 64},
            },
            "warnings": [],
        }
    )


def test_summary_round_trips_through_json() -> None:
    """A Summary dumped to JSON and read back is equal to the original."""
    summary = _summary()
    assert Summary.model_validate_json(summary.model_dump_json()) == summary


def test_summary_has_the_contract_keys() -> None:
    """model_dump() has exactly the top-level keys the design contract names."""
    assert set(_summary().model_dump()) == {
        "headline",
        "tldr",
        "actors",
        "stances",
        "quotes",
        "risks",
        "meta",
        "warnings",
    }


def test_draft_rejects_a_runaway_list() -> None:
    """More actors than the bound is a validation error, so a looping model is stopped."""
    actors = [{"id": f"A{i}", "name": f"N{i}", "kind": "person"} for i in range(MAX_ACTORS + 1)]
    with pytest.raises(ValidationError):
        SummaryDraft.model_validate(draft(actors=actors))


def test_draft_rejects_an_overlong_headline() -> None:
    """A headline over its documented bound does not validate."""
    with pytest.raises(ValidationError):
        SummaryDraft.model_validate(draft(headline="x" * (MAX_HEADLINE + 1)))


def test_draft_rejects_malformed_ids() -> None:
    """Quote ids must look like Q<n>; anything else is a validation error."""
    with pytest.raises(ValidationError):
        SummaryDraft.model_validate(draft(quotes=[{"quote_id": "quote one", "speaker_id": "A1"}]))


def test_schema_descriptions_speak_to_the_model() -> None:
    """Every field of the draft schema carries a description (they are prompt text)."""
    schema = SummaryDraft.model_json_schema()
    for name in ("headline", "tldr", "actors", "quotes"):
        assert schema["properties"][name].get("description")
    assert schema["$defs"]["QuoteDraft"]["properties"]["speaker_id"]["description"]


def test_id_patterns_reach_the_json_schema() -> None:
    """The id patterns are in the schema sent to the model (llama.cpp turns them into grammar)."""
    defs = SummaryDraft.model_json_schema()["$defs"]
    assert defs["QuoteDraft"]["properties"]["quote_id"]["pattern"] == "^Q[0-9]{1,3}$"
    assert defs["ActorDraft"]["properties"]["id"]["pattern"] == "^A[0-9]{1,2}$"
    assert defs["StanceDraft"]["properties"]["evidence"]["items"]["pattern"] == "^[SQ][0-9]{1,3}$"
