"""Ids above 999: every sentence of a long document can be cited (issue 13, item 14)."""

import json
import re

import httpx2

from summarizer import summarize
from summarizer.chunking import split
from summarizer.cleaning import clean
from summarizer.schemas import MAX_ID_NUMBER, QUOTE_ID, SEGMENT_ID, QuoteDraft
from summarizer.segmentation import segment
from summarizer.testing.authoring import chat_completion

from .conftest import draft, fast_settings

LONG = "\n".join(f'Alice Smith said "figure {i} rose again." Analysts noted item {i}.' for i in range(1, 751))


def _cite(request: httpx2.Request) -> httpx2.Response:
    """A model that cites, in whatever chunk it is shown, the sentence about item 700 and the quote
    of figure 700 when they are there (by the ids the prompt gives them)."""
    body = json.loads(request.content)
    tool = body["tool_choice"]["function"]["name"]
    if tool == "HeadlineDraft":
        answer = {"headline": "Figures rose", "tldr": "Figures rose. Analysts noted items."}
    else:
        user = body["messages"][-1]["content"]
        sentence = re.search(r"\[(S\d+)\] Analysts noted item 700\.", user)
        quote = re.search(r"(Q\d+) \(in S\d+[^)]*\): figure 700 rose again\.", user)
        answer = draft()
        if sentence and quote:
            answer = draft(
                quotes=[{"quote_id": quote.group(1), "speaker_id": "A1"}],
                stances=[
                    {
                        "actor_id": "A1",
                        "topic": "figures",
                        "position": "support",
                        "evidence": [sentence.group(1)],
                    }
                ],
            )
    response = chat_completion(answer, usage=(100, 20))
    response["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = tool
    return httpx2.Response(200, json=response)


def test_a_1500_sentence_document_can_cite_its_1400th_sentence() -> None:
    """1,500 sentences and 750 quotes: chunks keep ids within S999, every sentence is citable,
    nothing is re-asked (before, the one chunk numbered S1000+ and those ids failed the schema)."""
    client = httpx2.Client(transport=httpx2.MockTransport(_cite))
    settings = fast_settings(quotes="selected")  # the quote the model cites, not all 750
    summary = summarize(LONG, settings=settings, http_client=client)
    assert summary.meta.reasks == 0 and summary.meta.chunks >= 2
    assert [q.text for q in summary.quotes] == ["figure 700 rose again."]
    assert [e.text for s in summary.stances for e in s.evidence] == ["Analysts noted item 700."]
    assert not [w for w in summary.warnings if w.startswith("Dropped")]


def test_the_id_limit_matches_the_patterns() -> None:
    """MAX_ID_NUMBER is the largest number the quote and segment patterns accept."""
    assert re.fullmatch(QUOTE_ID, f"Q{MAX_ID_NUMBER}") and not re.fullmatch(QUOTE_ID, f"Q{MAX_ID_NUMBER + 1}")
    assert re.fullmatch(SEGMENT_ID, f"S{MAX_ID_NUMBER}") and not re.fullmatch(
        SEGMENT_ID, f"S{MAX_ID_NUMBER + 1}"
    )
    assert QuoteDraft(quote_id="[q 007]", speaker_id="A1").quote_id == "Q7"


def test_chunks_never_number_more_ids_than_the_pattern_allows() -> None:
    """However large the context, each chunk holds at most the id limit of sentences and quotes,
    and together the chunks cover every sentence."""
    segmentation = segment(clean(LONG))
    assert len(segmentation.sentences) == 1500 and len(segmentation.quotes) == 750
    for max_ids in (MAX_ID_NUMBER, 400):
        chunks = split(segmentation, budget_tokens=10**9, overlap_sentences=2, max_ids=max_ids)
        assert len(chunks) > 1
        assert all(len(c.sentences) <= max_ids and len(c.quotes) <= max_ids for c in chunks)
        assert {s.start for c in chunks for s in c.sentences} == {s.start for s in segmentation.sentences}
