"""The pipeline end to end over a scripted transport: re-asks, typed errors, usage."""

import asyncio
import json

import httpx2
import pytest

from summarizer import (
    ContentFiltered,
    EmptyResponse,
    InputError,
    Refused,
    SummaryFailed,
    TruncatedOutput,
    asummarize,
    summarize,
)
from summarizer.testing.authoring import chat_completion

from .conftest import Script, draft, fast_settings, ok

DOC = "Alice Smith met Bob Jones in Paris. “We agreed on everything,” Smith said."


def _raw(**message) -> httpx2.Response:
    body = chat_completion(draft(), usage=(50, 5))
    body["choices"][0]["message"] = {"role": "assistant", "content": None, **message}
    return httpx2.Response(200, json=body)


def test_schema_invalid_answer_is_reasked_once_then_succeeds() -> None:
    """An answer that fails the schema is re-asked with the error; the second answer is used."""
    script = Script(ok({"headline": "only a headline"}), ok())
    summary = summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 2 and summary.meta.reasks == 1
    reask = script.requests[1]["messages"][-1]["content"]
    assert "does not fit the schema" in reask and "tldr" in reask


def test_reasks_are_bounded_and_usage_is_summed() -> None:
    """Always-invalid answers stop after 1 + max_reasks calls; usage covers every call."""
    script = Script(*[ok({"headline": "x"})] * 5)
    with pytest.raises(SummaryFailed) as failure:
        summarize(DOC, settings=fast_settings(max_reasks=2), http_client=script.client())
    assert script.count == 3
    assert failure.value.attempts == 3
    assert failure.value.usage.total_tokens == 3 * 120


def test_truncated_answer_is_a_typed_error_and_not_reasked() -> None:
    """finish_reason == length raises TruncatedOutput after one call."""
    body = chat_completion({"headline": "cut"}, finish_reason="length")
    script = Script(httpx2.Response(200, json=body), ok())
    with pytest.raises(TruncatedOutput):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_refusal_is_a_typed_error_and_not_reasked() -> None:
    """A refusal raises Refused after one call."""
    script = Script(_raw(refusal="I can't help with that."), ok())
    with pytest.raises(Refused, match="can't help"):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_content_filter_is_a_typed_error() -> None:
    """finish_reason == content_filter raises ContentFiltered after one call."""
    body = chat_completion(draft(), finish_reason="content_filter")
    body["choices"][0]["message"]["tool_calls"] = None
    script = Script(httpx2.Response(200, json=body), ok())
    with pytest.raises(ContentFiltered):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_empty_choices_is_a_typed_error() -> None:
    """A response with no choices raises EmptyResponse after one call."""
    body = chat_completion(draft())
    body["choices"] = []
    script = Script(httpx2.Response(200, json=body), ok())
    with pytest.raises(EmptyResponse):
        summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1


def test_empty_document_makes_no_request() -> None:
    """Whitespace-only input is an InputError before any HTTP request."""
    script = Script(ok())
    with pytest.raises(InputError):
        summarize("  \n\t ", settings=fast_settings(), http_client=script.client())
    assert script.count == 0


def test_request_has_no_tools_beyond_the_schema() -> None:
    """The model is offered exactly one tool, the output schema, and is made to call it."""
    script = Script(ok())
    summarize(DOC, settings=fast_settings(), http_client=script.client())
    body = script.requests[0]
    assert [t["function"]["name"] for t in body["tools"]] == ["SummaryDraft"]
    assert body["tool_choice"]["function"]["name"] == "SummaryDraft"


def test_json_schema_mode_is_selectable() -> None:
    """mode=json_schema sends response_format instead of tools."""
    body = chat_completion(draft())
    body["choices"][0]["message"] = {"role": "assistant", "content": json.dumps(draft())}
    script = Script(httpx2.Response(200, json=body))
    summary = summarize(DOC, settings=fast_settings(mode="json_schema"), http_client=script.client())
    assert "response_format" in script.requests[0] and "tools" not in script.requests[0]
    assert summary.meta.mode == "json_schema"


def test_asummarize_matches_summarize() -> None:
    """The async twin returns the same grounded summary for the same answer."""
    answer = draft(
        actors=[{"id": "A1", "name": "Alice Smith", "kind": "person"}],
        quotes=[{"quote_id": "Q1", "speaker_id": "A1"}],
    )
    sync = summarize(DOC, settings=fast_settings(), http_client=Script(ok(answer)).client())
    script = Script(ok(answer))
    result = asyncio.run(asummarize(DOC, settings=fast_settings(), http_client=script.async_client()))
    assert result.quotes == sync.quotes and result.actors == sync.actors
    assert result.quotes[0].text == "We agreed on everything"


def test_sloppy_ids_from_weaker_models_are_understood() -> None:
    """ "[Q1]", "a1" and "S 1" are read as Q1, A1 and S1 rather than re-asked."""
    answer = draft(
        actors=[{"id": "a1", "name": "Alice Smith", "kind": "person"}],
        quotes=[{"quote_id": "[Q1]", "speaker_id": "A 1"}],
        stances=[{"actor_id": "A01", "topic": "the deal", "position": "support", "evidence": ["S 1"]}],
    )
    script = Script(ok(answer))
    summary = summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1 and [q.id for q in summary.quotes] == ["Q1"]
    assert summary.stances[0].evidence[0].text == "Alice Smith met Bob Jones in Paris."


def test_fenced_json_in_content_is_accepted_without_a_reask() -> None:
    """A model that answers with ```json in its content, not a tool call, is parsed as is."""
    answer = draft(headline="Alice Smith and Bob Jones agree in Paris")
    body = chat_completion(answer)
    body["choices"][0]["message"] = {
        "role": "assistant",
        "content": "Here it is:\n```json\n" + json.dumps(answer) + "\n```",
    }
    script = Script(httpx2.Response(200, json=body))
    summary = summarize(DOC, settings=fast_settings(), http_client=script.client())
    assert script.count == 1 and summary.headline == "Alice Smith and Bob Jones agree in Paris"
