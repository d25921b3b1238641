"""Nothing lost: broken disks, torn files, duplicate inputs and changed settings (issue 13, items 1-5, 17)."""

import asyncio
import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import batch as batch_module
from summarizer import cache as cache_module
from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.errors import OutputError
from summarizer.settings import Settings
from summarizer.testing.fake_server import FakeOpenAI

from .conftest import ROOT, SEED, fast_settings

runner = CliRunner()


def _docs(folder: Path, n: int, text: str = "Alice Smith opened plant number {i} on Monday.") -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"doc{i:02}.txt"
        path.write_text(text.format(i=i), encoding="utf-8")
        paths.append(path)
    return paths


def _settings(server: FakeOpenAI, cache_dir: Path, **changes) -> Settings:
    return fast_settings(**{"base_url": server.base_url, "cache": True, "cache_dir": cache_dir, **changes})


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


# --- 1. a cache that cannot be written -----------------------------------------------------------


def test_cache_dir_that_is_a_file_does_not_cost_a_single_line(tmp_path: Path) -> None:
    """The cache folder is a file: every document still gets its line, with one note."""
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = asyncio.run(run_batch(_docs(tmp_path / "d", 4), out, _settings(server, blocker)))
    assert [row["status"] for row in _lines(out)] == ["ok"] * 4 and stats.done == 4
    assert len(stats.notes) == 1 and "without caching" in stats.notes[0]


def test_full_disk_under_the_cache_leaves_no_temporary_files(tmp_path: Path, monkeypatch) -> None:
    """ENOSPC while writing a cache entry: the batch carries on uncached, no .tmp is left."""

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module.os, "replace", full)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = asyncio.run(run_batch(_docs(tmp_path / "d", 3), out, _settings(server, tmp_path / "c")))
    assert len(_lines(out)) == 3 and stats.done == 3
    assert not list((tmp_path / "c").rglob("*.tmp")) and "no space left" in stats.notes[0]


# --- 2. torn lines and a full disk on --resume ----------------------------------------------------


def test_resume_drops_a_line_torn_inside_a_multibyte_character(tmp_path: Path) -> None:
    """A last line cut inside 'é' (a full disk does this) is dropped with a note; the rest resumes."""
    paths = _docs(tmp_path / "d", 3, text="Alice Smith, née Müller, opened plant {i}.")
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        asyncio.run(run_batch(paths[:2], out, _settings(server, tmp_path / "c")))
        whole = out.read_bytes()
        last = whole.splitlines()[-1]
        cut = last.replace(b'"headline": "', '"headline": "é'.encode())
        torn = cut[: cut.index("é".encode()) + 1]  # half of a two-byte character
        out.write_bytes(whole[: -len(last) - 1] + torn)
        stats = asyncio.run(run_batch(paths, out, _settings(server, tmp_path / "c"), resume=True))
    lines = _lines(out)
    assert sorted(row["source"] for row in lines) == sorted(map(str, paths))
    assert stats.skipped == 1 and stats.done == 2 and "torn" in stats.notes[0]
    assert not list(tmp_path.glob("*.tmp"))


def test_resume_on_a_full_disk_leaves_the_file_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    """The rewrite for --resume fails with ENOSPC: one error, the old file intact, no 0-byte .tmp."""
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x", "source": "a.txt", "status": "ok"}\n{"id": "y", "status": "err', "utf-8")
    before = out.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(batch_module.os, "replace", full)
    with pytest.raises(OutputError, match="free some space"):
        batch_module.finished_ids(out)
    assert out.read_bytes() == before and not list(tmp_path.glob("*.tmp"))


def test_a_full_output_disk_mid_batch_is_one_sentence(tmp_path: Path) -> None:
    """Writing the JSONL to /dev/full fails as an OutputError, not a traceback."""
    with FakeOpenAI() as server, pytest.raises(OutputError, match="--resume"):
        asyncio.run(
            run_batch(
                _docs(tmp_path / "d", 2),
                Path("/dev/full"),
                _settings(server, tmp_path / "c"),
                resume=True,
            )
        )


# --- 3. summarize -o checks the output before paying for the call --------------------------------


def _summarize(tmp_path: Path, *extra: str):
    doc = tmp_path / "doc.txt"
    doc.write_text("Alice Smith opened a plant on Monday.")
    with FakeOpenAI() as server:
        result = runner.invoke(
            app,
            ["summarize", str(doc), "--base-url", server.base_url, *extra],
            env={"OPENAI_API_KEY": "sk-test-not-real"},
        )
        return result, server.count


@pytest.mark.parametrize(
    "target, message",
    [("folder", "is a folder"), ("missing/out.json", "does not exist")],
)
def test_an_unusable_output_is_refused_before_any_call(tmp_path: Path, target: str, message: str) -> None:
    """-o DIR or -o missing/FILE: one sentence, exit 1, zero requests."""
    (tmp_path / "folder").mkdir()
    result, calls = _summarize(tmp_path, "-o", str(tmp_path / target))
    assert result.exit_code == 1 and message in result.stderr and calls == 0
    assert "Traceback" not in result.output


def test_a_write_error_after_the_call_is_one_sentence(tmp_path: Path) -> None:
    """-o /dev/full: the call is made, the write fails, one sentence naming the cause, exit 1."""
    result, calls = _summarize(tmp_path, "-o", "/dev/full")
    assert result.exit_code == 1 and "disk is full" in result.stderr and calls == 1
    assert "Traceback" not in result.output


def test_closed_standard_output_is_refused_before_any_call() -> None:
    """With stdout closed, summarize says so before replaying anything (exit 1, no traceback)."""
    done = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m summarizer summarize "{SEED}" --provider replay --fixtures fixtures >&-',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr


# --- 4. identical inputs each get a line --------------------------------------------------------


def test_two_files_with_the_same_text_each_get_their_line(tmp_path: Path) -> None:
    """Identical texts under two paths: two lines (one per source), one model call."""
    paths = _docs(tmp_path / "d", 2, text="Alice Smith opened a plant on Monday.")
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        stats = asyncio.run(run_batch(paths, out, _settings(server, tmp_path / "c", cache=False)))
        calls = server.count
        again = asyncio.run(
            run_batch(paths, out, _settings(server, tmp_path / "c", cache=False), resume=True)
        )
    lines = _lines(out)
    assert sorted(row["source"] for row in lines) == sorted(map(str, paths)) and calls == 1
    assert stats.done == 2 and again.skipped == 2 and server.count == 1


# --- 5. resume with other settings ----------------------------------------------------------------


def test_resume_with_another_model_says_so_and_the_last_line_wins(tmp_path: Path) -> None:
    """--resume with a different --model: a note, the new line appended after the old one."""
    paths = _docs(tmp_path / "d", 2)
    out = tmp_path / "out.jsonl"
    with FakeOpenAI() as server:
        asyncio.run(run_batch(paths, out, _settings(server, tmp_path / "c", model="m1")))
        stats = asyncio.run(run_batch(paths, out, _settings(server, tmp_path / "c", model="m2"), resume=True))
    lines = _lines(out)
    assert len(lines) == 4 and [row["summary"]["meta"]["model"] for row in lines[2:]] == ["m2", "m2"]
    assert any("other settings" in note and "last line wins" in note for note in stats.notes)


# --- 17. corrupt cache entries ------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry", ['{"key": "k", "response": []}', '{"response": {"raw": 5}}', "[1, 2]", "\x00\xff"]
)
def test_a_cache_entry_of_the_wrong_shape_is_a_miss_with_a_note(tmp_path: Path, entry: str) -> None:
    """A corrupt entry is treated as a miss (the model is asked again) and noted once."""
    paths = _docs(tmp_path / "d", 1)
    with FakeOpenAI() as server:
        asyncio.run(run_batch(paths, tmp_path / "a.jsonl", _settings(server, tmp_path / "c")))
        for path in (tmp_path / "c").rglob("*.json"):
            path.write_text(entry, encoding="latin-1")
        stats = asyncio.run(run_batch(paths, tmp_path / "b.jsonl", _settings(server, tmp_path / "c")))
        assert server.count == 2
    assert _lines(tmp_path / "b.jsonl")[0]["status"] == "ok"
    assert any("wrong shape" in note for note in stats.notes)
