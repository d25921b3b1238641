"""Test doubles for your own offline tests (like httpx's MockTransport or pydantic-ai's TestModel).

- `FakeOpenAI`: a scripted OpenAI-compatible server on 127.0.0.1. Point `base_url` at it and
  script each answer (a summary, an HTTP error, a Retry-After, a dropped connection, a slow or
  malformed body); it counts the requests it receives.
- `chat_completion`: a chat.completion body whose tool call carries the draft you give it.
- `author_case`: write a case's hand-authored answer (`authored.json`) as a recording marked
  `source: authored`, so replay can serve it (`python -m summarizer.testing.authoring DIR`).

These are part of the public API, but are not imported by `import summarizer`.
"""

from typing import Any

__all__ = ["FakeOpenAI", "Reply", "chat_completion", "author_case", "AUTHORED_MODEL"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so `python -m summarizer.testing.authoring` runs its module once.
    if name in ("FakeOpenAI", "Reply"):
        from . import fake_server

        return getattr(fake_server, name)
    if name in ("chat_completion", "author_case", "AUTHORED_MODEL"):
        from . import authoring

        return getattr(authoring, name)
    raise AttributeError(name)
