"""Shared test helpers: no network, no API keys, scripted model answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from summarizer.settings import Settings
from summarizer.testing.authoring import chat_completion
from summarizer.testing.fake_server import Reply

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "us_china_diplomacy.txt"


@pytest.fixture(autouse=True)
def isolated_env(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Remove every variable that could point a test at a real provider or key.

    The embedded model counts as absent too, unless the test is marked live_local. Each test gets
    its own response cache and run history (the CLI writes both by default), so none shares state.
    """
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(state / "cache"))
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(state / "data"))
    if request.node.get_closest_marker("live_local") is None:
        monkeypatch.setattr("summarizer.local.default_model_path", lambda: None)
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "AZURE_OPENAI_API_KEY",
        "SUMMARIZER_PROVIDER",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_MODE",
        "SUMMARIZER_FIXTURES",
        "SUMMARIZER_NO_LOG",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text("utf-8")


def draft(**overrides: Any) -> dict[str, Any]:
    """A minimal valid SummaryDraft answer (authored for tests), with one actor of its own."""
    answer = {
        "headline": "A headline",
        "tldr": "One sentence. Two sentences.",
        "actors": [{"id": "A1", "name": "Alice Smith", "kind": "person"}],
        "quotes": [],
        "stances": [],
        "risks": [],
    }
    answer.update(overrides)
    return answer


def ok(arguments: dict[str, Any] | None = None, **kwargs: Any) -> httpx2.Response:
    return httpx2.Response(200, json=chat_completion(arguments or draft(), usage=(100, 20), **kwargs))


def status(code: int, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(code, headers=headers or {}, json={"error": {"message": f"status {code}"}})


class Script:
    """A mock transport that answers requests from a list, in order, and records them."""

    def __init__(self, *answers: httpx2.Response | Callable[[httpx2.Request], httpx2.Response] | Exception):
        self.answers = list(answers)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(json.loads(request.content))
        if not self.answers:
            raise AssertionError("the script ran out of answers: more requests than expected")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer

    @property
    def count(self) -> int:
        return len(self.requests)

    def client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self))

    def async_client(self) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(transport=httpx2.MockTransport(self))


def fast_settings(**changes: Any) -> Settings:
    """Settings for a scripted OpenAI-compatible endpoint with no real waiting."""
    base = Settings(
        provider="openai",
        model="test-model",
        base_url="http://127.0.0.1:9/v1",
        api_key="sk-test-not-real",
        backoff_initial=0.0,
        backoff_max=0.0,
        retry_after_cap=0.0,
    )
    return base.with_changes(**changes)


def then_ok(*faults: Reply) -> Callable[[int, dict[str, Any]], Reply]:
    """A fake-server script: the given faults for the first requests, then valid answers."""
    return lambda n, request: faults[n - 1] if n <= len(faults) else Reply()
