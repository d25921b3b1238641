"""A scripted, fake OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

It answers `POST /v1/chat/completions` after a configurable latency with a valid SummaryDraft
tool call (or whatever a script says: an HTTP error, a Retry-After, a dropped connection, a
slow or malformed answer). It counts every request it receives, so tests can assert the exact
number of HTTP attempts. It listens on loopback only and stops with its context manager.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .authoring import chat_completion


@dataclass
class Reply:
    """What the fake server does for one request."""

    status: int = 200
    body: Any = None  # a dict is sent as JSON, bytes as they are; None = a default summary
    headers: dict[str, str] = field(default_factory=dict)
    delay: float | None = None  # seconds before answering; None = the server's latency
    drop: bool = False  # close the connection without answering


def default_answer(request: dict[str, Any]) -> dict[str, Any]:
    """A valid answer for the requested tool; grounded for documents that name 'Alice Smith'."""
    arguments = {
        "headline": "A summary", "tldr": "What happened. Why it matters.",
        "actors": [{"id": "A1", "name": "Alice Smith", "kind": "person"}],
        "quotes": [], "stances": [], "risks": [],
    }
    tool = (request.get("tool_choice") or {}).get("function", {}).get("name", "SummaryDraft")
    body = chat_completion(arguments, model=request.get("model", "fake"), usage=(100, 20))
    body["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = tool
    return body


Script = Callable[[int, dict[str, Any]], Reply]


class FakeOpenAI:
    """`with FakeOpenAI(latency=0.2) as server: ... server.base_url ... server.count`"""

    def __init__(self, latency: float = 0.0, script: Script | None = None):
        self.latency = latency
        self.script = script or (lambda n, request: Reply())
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def count(self) -> int:
        return len(self.requests)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _answer(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            n = len(self.requests)
        return self.script(n, body)

    def __enter__(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                return

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                reply = fake._answer(body)
                time.sleep(fake.latency if reply.delay is None else reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = reply.body if reply.body is not None else default_answer(body)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
