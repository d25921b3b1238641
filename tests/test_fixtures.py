"""Recorded exchanges: keyed by request, replayed offline, recorded with provenance, no secrets."""

import json
import re
from pathlib import Path

import httpx2
import pytest

from summarizer import FixtureMissing, summarize
from summarizer.fixtures import FixtureStore, RecordingTransport, canonical_body, request_key

from .conftest import ROOT, Script, draft, fast_settings, ok

DOC = "Alice Smith met Bob Jones in Paris."
KEY_LIKE = re.compile(
    r"(sk-[A-Za-z0-9_-]{8,}|Bearer\s+\S+|api[_-]?key\"?\s*[:=]\s*\"?[A-Za-z0-9]{12,})", re.IGNORECASE
)


def test_key_ignores_the_random_boundary_only() -> None:
    """Two requests differing only in the boundary token share a key; any other change does not."""
    a = {"model": "m", "messages": [{"role": "user", "content": "x docb-0123456789abcdef y"}]}
    b = {"model": "m", "messages": [{"role": "user", "content": "x docb-fedcba9876543210 y"}]}
    c = {"model": "m2", "messages": a["messages"]}
    assert request_key(a) == request_key(b) != request_key(c)
    assert "docb-<random>" in json.dumps(canonical_body(a))


def _record(tmp_path: Path, answer: dict) -> Script:
    script = Script(ok(answer))
    transport = RecordingTransport(
        FixtureStore(tmp_path),
        {"source": "recorded", "provider": "openai", "model": "test-model"},
        inner=httpx2.MockTransport(script),
    )
    summarize(
        DOC,
        settings=fast_settings(api_key="sk-sentinel-abcdefghijkl"),
        http_client=httpx2.Client(transport=transport),
    )
    return script


def test_record_then_replay_gives_the_same_summary_offline(tmp_path: Path) -> None:
    """A recorded exchange replays to the same summary with no transport but the recording."""
    answer = draft(
        headline="Alice Smith meets Bob Jones in Paris",
        actors=[{"id": "A1", "name": "Alice Smith", "kind": "person"}],
    )
    _record(tmp_path, answer)
    replayed = summarize(DOC, provider="replay", fixtures=tmp_path, model="test-model")
    assert replayed.headline == answer["headline"]
    assert "Alice Smith" in [a.name for a in replayed.actors]


def test_recording_states_provenance_and_holds_no_secret(tmp_path: Path) -> None:
    """A recording names its source, model, date and versions, and never the API key."""
    _record(tmp_path, draft())
    [path] = FixtureStore(tmp_path).paths()
    record = json.loads(path.read_text())
    assert record["provenance"]["source"] == "recorded"
    assert record["provenance"]["model"] == "test-model"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["provenance"]["date"])
    assert "openai" in record["provenance"]["library_versions"]
    assert "sk-sentinel" not in path.read_text()
    assert "authorization" not in path.read_text().lower()


def test_replay_miss_names_key_nearest_and_command(tmp_path: Path) -> None:
    """A missing recording fails with the key, the nearest file, the differing field and the fix."""
    _record(tmp_path, draft())
    with pytest.raises(FixtureMissing) as missing:
        summarize("A different document entirely.", provider="replay", fixtures=tmp_path, model="test-model")
    message = str(missing.value)
    assert missing.value.key[:16] in message
    assert "recordings/" in message and "messages[1].content" in message
    assert "--record" in message


def test_replay_miss_suggests_recording_with_the_requests_provider_and_model(tmp_path: Path) -> None:
    """The fix names the provider and model that made the recordings, not always the local one."""
    _record(tmp_path, draft())
    with pytest.raises(FixtureMissing) as missing:
        summarize("Another document.", provider="replay", fixtures=tmp_path, model="test-model")
    assert "--provider openai --model test-model --record" in str(missing.value)
    assert "--provider local" not in str(missing.value)
    seed_case = ROOT / "fixtures" / "us_china_diplomacy"
    with pytest.raises(FixtureMissing) as local:
        summarize("Alice Smith met Bob Jones.", provider="replay", fixtures=seed_case)
    assert "--provider local --record" in str(local.value)
    with pytest.raises(FixtureMissing) as authored:
        summarize(
            "Alice Smith met Bob Jones.", provider="replay", fixtures=seed_case, model="authored-by-hand"
        )
    assert "python -m summarizer.testing.authoring" in str(authored.value)


def test_reauthoring_a_clean_tree_changes_nothing(tmp_path: Path) -> None:
    """`python -m summarizer.testing.authoring fixtures` on unchanged prompts rewrites no file."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "fixtures"
    shutil.copytree(ROOT / "fixtures", copy)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in copy.rglob("*") if p.is_file()}
    completed = subprocess.run(
        [sys.executable, "-m", "summarizer.testing.authoring", str(copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "RuntimeWarning" not in completed.stderr
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in copy.rglob("*") if p.is_file()}
    assert after == before


def test_replay_never_opens_a_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replay works with every real transport disabled."""
    _record(tmp_path, draft())

    def refuse(*args, **kwargs):
        raise AssertionError("network touched in replay")

    monkeypatch.setattr(httpx2.HTTPTransport, "handle_request", refuse)
    summary = summarize(DOC, provider="replay", fixtures=tmp_path, model="test-model")
    assert summary.meta.provider == "replay"


def test_committed_fixtures_hold_no_key_like_strings() -> None:
    """No file under fixtures/ contains something that looks like an API key."""
    offenders = [
        str(p)
        for p in (ROOT / "fixtures").rglob("*")
        if p.is_file() and KEY_LIKE.search(p.read_text("utf-8", errors="replace"))
    ]
    assert offenders == []


def test_committed_recordings_state_their_provenance() -> None:
    """Every committed recording says whether it was recorded or authored, and when."""
    paths = list(FixtureStore(ROOT / "fixtures").paths())
    assert paths
    for path in paths:
        provenance = json.loads(path.read_text())["provenance"]
        assert provenance["source"] in {"recorded", "authored"}, path
        assert provenance["date"] and provenance["model"], path
