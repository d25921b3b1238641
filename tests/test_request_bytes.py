"""The model call skips instructor's per-call preparation, not its request: the bytes on the wire
are the ones instructor's own patched `create` sends, and answers read the same way.

Recorded fixtures are keyed on the request body, so a single changed byte would miss them all.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import instructor
import openai
import pytest
from pydantic import BaseModel

from summarizer.answers import describe_error
from summarizer.cleaning import clean
from summarizer.client import INSTRUCTOR_MODES, CallFailed, ModelCaller
from summarizer.fields import extra_fields
from summarizer.prompts import PromptTemplates
from summarizer.request_shape import _prepared, shape
from summarizer.schemas import draft_model
from summarizer.segmentation import segment
from summarizer.settings import Settings
from summarizer.steps import HeadlineDraft
from summarizer.testing import chat_completion

TEXT = (
    "Alice Smith, chief executive of Northwind Foods, said on Monday that the company would open "
    "a plant in Riverton. “We expect to hire 300 people,” Smith said. Union leader Bob Jones "
    "welcomed the plan but warned about wages.\n"
)


def _messages() -> list[dict[str, str]]:
    system, user = PromptTemplates.load().render(segment(clean(TEXT)), "docb-fixed")
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": user},
        {"role": "assistant", "content": '{"headline": "x"}'},
        {"role": "user", "content": "Your answer could not be used as it is:\n- tldr: missing"},
    ]


def _models() -> list[type[BaseModel]]:
    class Figure(BaseModel):
        value: str
        evidence: list[str]

    extra = extra_fields({"figures": list[Figure]})
    assert extra is not None
    return [draft_model("standard"), draft_model("compact"), HeadlineDraft, extra.draft_model]


def _settings(mode: str) -> Settings:
    return Settings(
        provider="openai",
        model="gpt-4o-mini",
        base_url="http://capture.invalid/v1",
        api_key="sk-test",
        mode=mode,
        max_attempts=1,
    )


class Capture:
    """A transport that keeps each request's bytes and answers with a fixed body."""

    def __init__(self, answer: dict[str, Any]):
        self.answer = answer
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.bodies.append(request.content)
        return httpx2.Response(200, json=self.answer)


def _instructor_call(settings: Settings, capture: Capture, messages: Any, model: type[BaseModel]) -> Any:
    """The call as the library made it before: instructor's patched create_with_completion."""
    client = instructor.from_openai(
        openai.OpenAI(
            api_key=settings.api_key,
            base_url=settings.base_url,
            max_retries=0,
            timeout=settings.timeout,
            http_client=httpx2.Client(transport=httpx2.MockTransport(capture)),
        ),
        mode=INSTRUCTOR_MODES[settings.mode],
    )
    return client.chat.completions.create_with_completion(
        model=settings.model,
        messages=messages,
        response_model=_prepared(model),
        max_retries=0,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
    )


def _answer(mode: str, arguments: str) -> dict[str, Any]:
    body = chat_completion({"headline": "h"}, model="gpt-4o-mini")
    message = body["choices"][0]["message"]
    if mode == "tools":
        message["tool_calls"][0]["function"]["arguments"] = arguments
    else:
        message["tool_calls"] = None
        message["content"] = f"```json\n{arguments}\n```" if mode == "md_json" else arguments
    return body


@pytest.mark.parametrize("mode", sorted(INSTRUCTOR_MODES))
def test_request_bytes_match_instructors_own_call(mode: str) -> None:
    settings = _settings(mode)
    messages = _messages()
    for model in _models():
        ours, theirs = Capture(_answer(mode, "{}")), Capture(_answer(mode, "{}"))
        with pytest.raises(Exception):  # noqa: B017 - "{}" fits no schema: both fail, after sending
            _instructor_call(settings, theirs, [dict(m) for m in messages], model)
        caller = ModelCaller(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(ours)))
        reply = caller.call([dict(m) for m in messages], model)
        assert reply.draft is None and reply.error
        assert ours.bodies and ours.bodies == theirs.bodies, (mode, model.__name__)
        assert json.loads(ours.bodies[0])["messages"][0]["content"].startswith("You summarize")


@pytest.mark.parametrize("mode", sorted(INSTRUCTOR_MODES))
@pytest.mark.parametrize(
    "arguments",
    [
        '{"headline": "h", "tldr": "t"}',  # valid for HeadlineDraft
        '{"headline": "h"}',  # a missing field
        '{"headline": 3, "tldr": "t"}',  # a wrong type under strict validation
        '{"headline": "h", "tldr": ',  # cut-off JSON
    ],
)
def test_answers_read_and_fail_as_instructor_reads_them(mode: str, arguments: str) -> None:
    settings = _settings(mode)
    messages = [{"role": "user", "content": "Write a headline."}]
    theirs = Capture(_answer(mode, arguments))
    try:
        expected: Any = _instructor_call(settings, theirs, messages, HeadlineDraft)[0].model_dump()
    except Exception as exc:  # noqa: BLE001 - compare whatever instructor raised
        from summarizer.retry import root_cause

        expected = describe_error(root_cause(exc))
    way = shape(HeadlineDraft, instructor.Provider.OPENAI, INSTRUCTOR_MODES[mode])
    completion = openai.types.chat.ChatCompletion.model_validate(_answer(mode, arguments))
    try:
        got: Any = way.parse(completion).model_dump()
    except Exception as exc:  # noqa: BLE001
        got = describe_error(exc)
    assert got == expected


def test_per_call_preparation_happens_once() -> None:
    """The shape of a model (its tool schema, the async-validator check) is worked out once."""
    first = shape(draft_model("standard"), instructor.Provider.OPENAI, instructor.Mode.TOOLS)
    again = shape(draft_model("standard"), instructor.Provider.OPENAI, instructor.Mode.TOOLS)
    assert first is again and first.extras is not None and set(first.extras) == {"tools", "tool_choice"}


def test_a_failed_call_still_reports_attempts() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(401, json={"error": {"message": "no"}})

    caller = ModelCaller(
        _settings("tools"), http_client=httpx2.Client(transport=httpx2.MockTransport(refuse))
    )
    with pytest.raises(CallFailed) as failed:
        caller.call([{"role": "user", "content": "x"}], HeadlineDraft)
    assert isinstance(failed.value.error, openai.AuthenticationError) and failed.value.attempts == 1


@pytest.mark.parametrize("mode", sorted(INSTRUCTOR_MODES))
def test_async_request_bytes_match_too(mode: str) -> None:
    import asyncio

    settings = _settings(mode)
    messages = _messages()
    model = draft_model("standard")
    ours, theirs = Capture(_answer(mode, "{}")), Capture(_answer(mode, "{}"))
    with pytest.raises(Exception):  # noqa: B017 - "{}" fits no schema: both fail, after sending
        _instructor_call(settings, theirs, [dict(m) for m in messages], model)
    caller = ModelCaller(settings, http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(ours)))
    reply = asyncio.run(caller.acall([dict(m) for m in messages], model))
    assert reply.draft is None and ours.bodies == theirs.bodies
