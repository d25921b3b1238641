"""What one model call gives back, and how an answer is read: no I/O, no SDK imports.

A `Reply` is what the sans-IO steps receive for each `Request`. The readers below take any
chat-completion shaped object (the SDK's, or one parsed from a Batch API file), so every driver
reads answers the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentFiltered, EmptyResponse, OversizedOutput, Refused, TruncatedOutput
from .schemas import SummaryDraft, Usage


@dataclass
class Reply:
    """One model answer: a parsed draft, or the raw text and the validation error to re-ask with."""

    draft: Any
    raw: str
    error: str | None
    usage: Usage
    attempts: int
    cached: bool = False  # answered from the response cache, with no call


def usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage(calls=1)
    return Usage(
        calls=1,
        prompt_tokens=usage.prompt_tokens or 0,
        completion_tokens=usage.completion_tokens or 0,
        total_tokens=usage.total_tokens or 0,
    )


def raw_text(completion: Any) -> str:
    """What the model said: tool-call arguments, or message content."""
    if not getattr(completion, "choices", None):
        return ""
    message = completion.choices[0].message
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return "\n".join(call.function.arguments or "" for call in calls)
    return message.content or ""


def lenient_parse(raw: str, model: type[BaseModel] = SummaryDraft) -> Any:
    """Parse an answer that instructor's strict parsing rejected, if it is fixable without asking.

    Small models under a grammar sometimes put a literal newline inside a string (Python's
    `json.loads(strict=False)` accepts that), or answer with fenced JSON instead of a tool call.
    The result is validated against the schema as usual, so nothing unvalidated gets through.
    """
    start, end = raw.find("{"), raw.rfind("}")
    for candidate in (raw, raw[start : end + 1] if 0 <= start < end else None):
        # The second try takes the outermost {...}: a weaker model may wrap its JSON in prose
        # or a ```json fence when it answers in content instead of calling the tool.
        if candidate is None:
            continue
        try:
            return model.model_validate(json.loads(candidate, strict=False))
        except (ValueError, ValidationError):
            continue
    return None


def answer_limit(max_tokens: int) -> int:
    """The most characters an answer may have: far above what `max_tokens` tokens can spell
    (a token is rarely over 16 characters), and 64 KiB at least."""
    return max(65_536, 16 * max_tokens)


def check_size(raw: str, max_tokens: int) -> None:
    """Refuse an answer too large to be a real one: it is never parsed again or echoed back."""
    if len(raw) > answer_limit(max_tokens):
        raise OversizedOutput(len(raw), answer_limit(max_tokens))


def describe_error(error: BaseException, limit: int = 1000) -> str:
    """A validation error in a few lines for a re-ask: each problem once, cut between problems."""
    if isinstance(error, ValidationError):
        parts = []
        for item in error.errors(include_url=False, include_input=False):
            where = ".".join(str(p) for p in item.get("loc", ())) or "answer"
            parts.append(f"{where}: {item.get('msg', 'invalid')}")
        text = f"{error.error_count()} problem(s): " + "; ".join(dict.fromkeys(parts))
    else:
        text = " ".join(str(error).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = max(cut.rfind("; "), cut.rfind(" "))
    return (cut[:boundary] if boundary > limit // 2 else cut).rstrip(" ;,") + "…"


def check_stop(completion: Any, max_tokens: int) -> None:
    """Raise a typed error for answers that a re-ask cannot fix."""
    if not getattr(completion, "choices", None):
        raise EmptyResponse()
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise TruncatedOutput(max_tokens)
    if choice.finish_reason == "content_filter":
        raise ContentFiltered()
    refusal = getattr(choice.message, "refusal", None)
    if refusal:
        raise Refused(refusal)


def reply_from_completion(completion: Any, response_model: type[BaseModel], max_tokens: int) -> Reply:
    """A Reply from a completion the SDK did not parse (a Batch API line, a cached answer)."""
    check_stop(completion, max_tokens)
    raw = raw_text(completion)
    check_size(raw, max_tokens)
    draft = lenient_parse(raw, response_model)
    error = None if draft is not None else "the answer is not valid JSON for the schema"
    return Reply(draft, raw, error, usage_of(completion), attempts=1)
