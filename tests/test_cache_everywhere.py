"""The response cache on summarize and eval too: a re-run makes no call and says so in meta."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evaluation import evaluate
from summarizer.pipeline import make_summarizer, summarize
from summarizer.providers import provider_for
from summarizer.settings import Settings
from summarizer.testing.fake_server import FakeOpenAI

from .conftest import ROOT, SEED, Script, fast_settings, ok

runner = CliRunner()


def _summarize(path: Path, *args: str):
    result = runner.invoke(app, ["summarize", str(path), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _doc(tmp_path: Path) -> Path:
    doc = tmp_path / "note.txt"
    doc.write_text("Alice Smith opened a plant on Monday. Workers cheered.")
    return doc


def test_second_summarize_makes_no_call_and_says_so(tmp_path: Path) -> None:
    """Same document, same settings: the re-run is answered from the cache despite the random
    per-request boundary, with cached true, no tokens, cost 0, and the same summary."""

    doc = _doc(tmp_path)
    with FakeOpenAI() as server:
        first = _summarize(doc, "--base-url", server.base_url)
        second = _summarize(doc, "--base-url", server.base_url)
        assert server.count == 1
    assert first["meta"]["cached"] is False and first["meta"]["usage"]["calls"] == 1
    assert second["meta"]["cached"] is True and second["meta"]["usage"]["calls"] == 0
    assert second["meta"]["cost_usd"] == 0.0 and "cache" in second["meta"]["cost_note"]
    for key in ("headline", "tldr", "actors", "quotes", "stances", "risks", "warnings"):
        assert first[key] == second[key]


def test_no_cache_calls_again(tmp_path: Path) -> None:
    """--no-cache neither reads nor writes the cache."""

    doc = _doc(tmp_path)
    with FakeOpenAI() as server:
        _summarize(doc, "--base-url", server.base_url)
        again = _summarize(doc, "--base-url", server.base_url, "--no-cache")
        assert server.count == 2
    assert again["meta"]["cached"] is False


def test_another_model_or_server_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """The key holds the model and the base URL: the same document elsewhere makes a call."""

    doc = _doc(tmp_path)
    with FakeOpenAI() as one, FakeOpenAI() as two:
        _summarize(doc, "--base-url", one.base_url)
        _summarize(doc, "--base-url", one.base_url, "--model", "other")
        _summarize(doc, "--base-url", two.base_url)
        assert (one.count, two.count) == (2, 1)


def test_replay_never_reads_or_writes_the_cache(tmp_path: Path) -> None:
    """Replay answers from recordings only; nothing of it lands in the cache."""
    cache = tmp_path / "cache"
    replay = ["--provider", "replay", "--fixtures", str(ROOT / "fixtures"), "--cache-dir", str(cache)]
    assert _summarize(SEED, *replay)["meta"]["cached"] is False
    assert _summarize(SEED, *replay)["meta"]["cached"] is False
    assert not cache.exists()


def test_recording_does_not_read_the_cache() -> None:
    """With --record a hit would record nothing, so the cache is off."""
    settings = Settings(provider="openai", model="m", cache=True, record=True, fixtures=Path("x"))
    assert not provider_for("openai").caches(settings)
    assert make_summarizer(settings.with_changes(base_url="http://127.0.0.1:9/v1")).caller.cache is None


def test_python_api_caches_only_when_asked(tmp_path: Path) -> None:
    """summarize() makes a call each time by default; cache=True answers the repeat."""
    text = "Alice Smith opened a plant."
    script = Script(ok(), ok(), ok())
    for _ in range(2):
        summarize(text, settings=fast_settings(), http_client=script.client())
    assert script.count == 2
    settings = fast_settings(cache=True, cache_dir=tmp_path / "c")
    summaries = [summarize(text, settings=settings, http_client=script.client()) for _ in range(2)]
    assert script.count == 3 and [s.meta.cached for s in summaries] == [False, True]


def test_eval_rerun_is_answered_from_the_cache(tmp_path: Path) -> None:
    """A second eval with a live provider makes no call and scores the same."""

    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "fixtures" / "dockworkers_strike", cases / "dockworkers_strike")
    options = {"base_url": None, "cache": True, "cache_dir": tmp_path / "cache"}
    with FakeOpenAI() as server:
        options["base_url"] = server.base_url
        first = evaluate(cases, provider="openai", **options)
        calls = server.count
        second = evaluate(cases, provider="openai", **options)
        assert calls >= 1 and server.count == calls
    assert first.cases[0].score == second.cases[0].score
