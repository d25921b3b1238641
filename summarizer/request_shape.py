"""The request instructor would build for a response model and mode, prepared once.

instructor walks the response model (for async validators), wraps it and rebuilds the tool
schema on every call; the SDK re-walks messages and tools by type annotation. Both depend only on
the model and the mode, so `shape()` does that work once and each call only adds its messages.
The bytes sent are those instructor itself sends (tests/test_request_bytes.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import instructor
from pydantic import BaseModel

from .settings import Settings


@functools.lru_cache(maxsize=16)
def _prepared(response_model: type[BaseModel]) -> type[BaseModel]:
    """The model wrapped once with instructor's public `openai_schema`.

    Given a plain model, instructor wraps it in a new class on every call, so its schema cache
    never hits; wrapping once cut a sequential run of 200 documents at ~0 latency from 1.7 s
    to 1.4 s (8.5 to 7 ms per document).
    """
    return instructor.openai_schema(response_model)


@dataclass(frozen=True)
class Shape:
    """How instructor shapes the request for one response model in one mode, and reads the answer.

    instructor's patched `create` redoes the same work on every call: it walks the whole
    response model for async validators four times, prepares the model twice and builds the
    tool schema, which cost about 3 ms of CPU per call (more than the rest of a request). All of
    that depends only on the model and the mode, so it is done once here with instructor's own
    handlers; each call then sends the kwargs instructor would send (a test compares the bytes)
    and reads the answer with instructor's own parser for the mode.
    """

    model: Any  # the response model as instructor's handlers use it
    handlers: Any  # instructor's request handler, response parser and message converter
    provider: Any
    mode: Any
    extras: dict[str, Any] | None  # what the request handler adds (tools, tool_choice, ...), when
    # it leaves the messages and the other kwargs as they are; None: it is run on every call

    def kwargs(self, settings: Settings, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The create() kwargs for these messages, exactly as instructor's patched create builds them."""
        from instructor.v2.core.templating import handle_templating  # type: ignore[attr-defined]

        kwargs: dict[str, Any] = {
            "model": settings.model,
            "messages": list(messages),
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
        }
        if self.extras is not None:
            kwargs.update(self.extras)
        else:
            _, kwargs = self.handlers.request_handler(response_model=self.model, kwargs=kwargs)
        kwargs.pop("autodetect_images", None)
        if self.handlers.message_converter and "messages" in kwargs:
            kwargs["messages"] = self.handlers.message_converter(kwargs["messages"], autodetect_images=False)
        kwargs = handle_templating(kwargs, mode=self.mode, provider=self.provider, context=None)
        return _untransformed(kwargs)

    def parse(self, completion: Any, is_async: bool = False) -> Any:
        """The validated answer, or the exception instructor's parser raises for it."""
        return self.handlers.response_parser(
            response=completion,
            response_model=self.model,
            validation_context=None,
            strict=True,  # what instructor's create passes by default
            stream=False,
            is_async=is_async,
        )


# The create() parameters that the SDK puts last in the body (after model, messages, max_tokens
# and temperature), in its order.
_LAST_KEYS = ("tool_choice", "tools")


def _untransformed(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The same request, with the parts that the SDK would walk on every call passed as they are.

    The SDK transforms its params by their type annotations on every call (about 1 ms in sync,
    2 ms in async, mostly hashing typing unions), although plain messages and a tool schema come
    out unchanged. `extra_body` is merged into the body without that walk: `messages` keeps its
    place (first) with the real list put over an empty placeholder, and `tool_choice` and `tools`
    come last as they would anyway, in the SDK's order. The bytes sent are the same (a test
    compares them with instructor's own call, in every mode).
    """
    body: dict[str, Any] = {"messages": kwargs["messages"]}
    if {key for key in _LAST_KEYS if key in kwargs} == set(_LAST_KEYS):
        body.update((key, kwargs.pop(key)) for key in _LAST_KEYS)
    return {**kwargs, "messages": [], "extra_body": body}


_PROBE = [{"role": "system", "content": "probe"}, {"role": "user", "content": "probe"}]


@functools.lru_cache(maxsize=32)
def shape(response_model: type[BaseModel], provider: Any, mode: Any) -> Shape:
    """instructor's per-call preparation of `response_model`, done once per process."""
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model

    handlers = mode_registry.get_handlers(provider, mode)
    model = prepare_response_model(_prepared(response_model))  # also refuses async validators
    base: dict[str, Any] = {"model": "probe", "messages": list(_PROBE), "temperature": 0.5, "max_tokens": 7}
    prepared, shaped = handlers.request_handler(response_model=model, kwargs=dict(base))
    untouched = shaped.get("messages") == _PROBE and all(shaped.get(k) == v for k, v in base.items())
    extras = {k: v for k, v in shaped.items() if k not in base} if untouched else None
    return Shape(prepared if prepared is not None else model, handlers, provider, mode, extras)
