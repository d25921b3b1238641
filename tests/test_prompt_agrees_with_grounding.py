"""What the prompt offers, grounding accepts: a model that lists the ACTORS exactly as the prompt
names them and gives each QUOTES entry the speaker the prompt states is never re-asked. (The
prompt offered "United States" for a text that says "U.S." and grounding refused that name.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.grounding import GroundingOptions, ground
from summarizer.prompts import PromptTemplates, new_boundary
from summarizer.schemas import MAX_ACTORS, MAX_QUOTES, draft_model
from summarizer.steps import plan

from .conftest import fast_settings

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(ROOT.glob("fixtures/*/document.txt")) + sorted(ROOT.glob("seeds/*.txt"))
_ACTOR = re.compile(r"^(A\d+) (.+?) \((\w+)(?:; (.*))?\)$", re.MULTILINE)
_QUOTE = re.compile(r"^(Q\d+) \(in S\d+; speaker (A\d+) ", re.MULTILINE)


@pytest.mark.parametrize(
    "path", DOCUMENTS, ids=lambda p: p.parent.name if p.name == "document.txt" else p.stem
)
def test_every_offered_actor_and_speaker_is_accepted(path: Path) -> None:
    settings = fast_settings()
    templates = PromptTemplates.load()
    for chunk in plan(path.read_text("utf-8"), settings).chunks:
        _, user = templates.render(chunk, new_boundary())
        actors = [
            {"id": i, "name": name, "kind": kind, "role": role or "", "aliases": []}
            for i, name, kind, role in _ACTOR.findall(user)
        ]
        quotes = [{"quote_id": q, "speaker_id": a} for q, a in _QUOTE.findall(user)]
        # Within the schema's bounds: the first ones, then the last ones.
        for take in (lambda items, n: items[:n], lambda items, n: items[-n:]):
            answer = {
                "headline": "h",
                "tldr": "t",
                "actors": take(actors, MAX_ACTORS),
                "quotes": take(quotes, MAX_QUOTES),
                "stances": [],
                "risks": [],
            }
            draft = draft_model(settings.draft).model_validate(answer)
            grounded = ground(draft, chunk, GroundingOptions(settings.quotes, settings.actors))
            assert [p.message for p in grounded.problems] == []


def test_the_corpus_offers_actors_and_speakers_to_check() -> None:
    """The check above has something to check: the prompts of the gold set list actors and
    quotes with speakers."""
    settings, templates = fast_settings(), PromptTemplates.load()
    users = [templates.render(plan(p.read_text("utf-8"), settings).segmentation, "b")[1] for p in DOCUMENTS]
    assert sum(len(_ACTOR.findall(u)) for u in users) > 100
    assert sum(len(_QUOTE.findall(u)) for u in users) > 50
