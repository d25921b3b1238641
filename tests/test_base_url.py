"""An explicit base URL means an OpenAI-compatible server, however it is given, and is never ignored."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.cli import app
from summarizer.settings import resolve_settings
from summarizer.testing import FakeOpenAI

DOC = "Alice Smith, chief executive of Northwind Foods, said the plant would open in Riverton."


@pytest.fixture
def local_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Pretend the `local` extra is installed, so the embedded model would be picked by default."""
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr("summarizer.local.default_model_path", lambda: gguf)
    monkeypatch.setattr("summarizer.local.local_model_available", lambda: True)
    assert resolve_settings(env={}).provider == "local"


def test_cli_base_url_alone_picks_the_openai_compatible_server(tmp_path: Path) -> None:
    """`summarize doc.txt --base-url URL --model m`, with nothing else configured, calls that server."""
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC)
    with FakeOpenAI() as server:
        result = CliRunner().invoke(
            app, ["summarize", str(doc), "--base-url", server.base_url, "--model", "m"]
        )
        assert result.exit_code == 0, result.output
        assert server.count == 1 and server.requests[0]["model"] == "m"
    assert json.loads(result.stdout)["meta"]["provider"] == "openai"


def test_base_url_argument_alone_picks_the_openai_compatible_server() -> None:
    """`summarize(text, base_url=...)` needs no provider and no key."""
    with FakeOpenAI() as server:
        summary = summarize(DOC, base_url=server.base_url, model="m")
        assert server.count == 1
    assert summary.meta.provider == "openai" and summary.actors[0].name == "Alice Smith"


def test_openai_base_url_variable_alone_picks_the_openai_compatible_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OPENAI_BASE_URL set, nothing else: the call goes to that server."""
    with FakeOpenAI() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        summary = summarize(DOC, model="m")
        assert server.count == 1
    assert summary.meta.provider == "openai"


@pytest.mark.usefixtures("local_installed")
def test_explicit_base_url_wins_over_the_installed_local_model(tmp_path: Path) -> None:
    """With the local extra installed, --base-url / base_url= still go to the named server."""
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC)
    with FakeOpenAI() as server:
        result = CliRunner().invoke(
            app, ["summarize", str(doc), "--base-url", server.base_url, "--model", "m"]
        )
        assert result.exit_code == 0, result.output
        assert summarize(DOC, base_url=server.base_url, model="m").meta.provider == "openai"
        assert server.count == 2


@pytest.mark.usefixtures("local_installed")
def test_openai_base_url_variable_wins_over_the_installed_local_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the local extra installed, OPENAI_BASE_URL still picks the server it names."""
    with FakeOpenAI() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        assert summarize(DOC, model="m").meta.provider == "openai"
        assert server.count == 1


def test_a_named_provider_still_wins_over_base_url() -> None:
    """The most explicit choice stands: --provider replay with a base URL stays replay."""
    settings = resolve_settings("replay", base_url="http://127.0.0.1:9/v1", fixtures="fixtures", env={})
    assert settings.provider == "replay"
