"""Test doubles for your own offline tests (like httpx's MockTransport or pydantic-ai's TestModel).

- `FakeOpenAI`: a scripted OpenAI-compatible server on 127.0.0.1. Point `base_url` at it and
  script each answer (a summary, an HTTP error, a Retry-After, a dropped connection, a slow or
  malformed body); it counts the requests it receives.
- `chat_completion`: a chat.completion body whose tool call carries the draft you give it.
- `author_case`: write a case's hand-authored answer (`authored.json`) as a recording marked
  `source: authored`, so replay can serve it (`python -m summarizer.testing.authoring DIR`).

These are part of the public API, but are not imported by `import summarizer`. Each name loads
its module on first use, so `python -m summarizer.testing.authoring` runs that module once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "FakeOpenAI": "fake_server",
    "Reply": "fake_server",
    "chat_completion": "authoring",
    "author_case": "authoring",
    "AUTHORED_MODEL": "authoring",
}
__all__ = [
    "FakeOpenAI",
    "Reply",
    "chat_completion",
    "author_case",
    "AUTHORED_MODEL",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer.testing' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


if TYPE_CHECKING:
    from .authoring import AUTHORED_MODEL, author_case, chat_completion
    from .fake_server import FakeOpenAI, Reply
