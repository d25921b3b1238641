"""A scripted, fake OpenAI-compatible server on 127.0.0.1, for tests and benchmarks.

It answers `POST /v1/chat/completions` after a configurable latency with a valid SummaryDraft
tool call (or whatever a script says: an HTTP error, a Retry-After, a dropped connection, a
slow or malformed answer). It counts every request it receives, so tests can assert the exact
number of HTTP attempts. It listens on loopback only and stops with its context manager.
"""

from __future__ import annotations

import email
import json
import re
import sys
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
    trickle: float | None = None  # send the body one byte every `trickle` seconds
    content_type: str = "application/json"


def default_answer(request: dict[str, Any]) -> dict[str, Any]:
    """A valid answer for the requested tool; grounded for documents that name 'Alice Smith'."""
    arguments = {
        "headline": "A summary",
        "tldr": "What happened. Why it matters.",
        "actors": [{"id": "A1", "name": "Alice Smith", "kind": "person"}],
        "quotes": [],
        "stances": [],
        "risks": [],
    }
    tool = (request.get("tool_choice") or {}).get("function", {}).get("name", "SummaryDraft")
    body = chat_completion(arguments, model=request.get("model", "fake"), usage=(100, 20))
    body["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = tool
    return body


_ACTOR_LINE = re.compile(r"^(A\d+) (.+?) \((person|organization|government|country|group|other)[;)]", re.M)
_QUOTE_LINE = re.compile(r"^(Q\d+) \(in (S\d+)(?:; speaker (A\d+))?", re.M)


def grounded_answer(request: dict[str, Any]) -> dict[str, Any]:
    """A valid answer that cites what the request's document offers, as a model would: a few of
    its ACTORS, every QUOTES entry whose speaker the prompt names, stances and a risk with
    evidence. Benchmarks use it so that grounding does its real work on real documents."""
    user = next((m.get("content") or "" for m in request.get("messages", []) if m.get("role") == "user"), "")
    actors = _ACTOR_LINE.findall(user)
    quotes = [(q, s, a) for q, s, a in _QUOTE_LINE.findall(user) if a][:8]
    arguments = {
        "headline": "A summary of the document",
        "tldr": "What happened. Why it matters.",
        "actors": [{"id": i, "name": n, "kind": k, "role": "", "aliases": []} for i, n, k in actors[:3]],
        "quotes": [{"quote_id": q, "speaker_id": a} for q, _, a in quotes],
        "stances": [
            {"actor_id": a, "topic": "the plan", "position": "support", "evidence": [s, q]}
            for q, s, a in quotes[:3]
        ],
        "risks": [
            {
                "description": "The plan may be delayed.",
                "category": "operational",
                "severity": "medium",
                "evidence": ["S1"],
            }
        ],
    }
    tool = (request.get("tool_choice") or {}).get("function", {}).get("name", "SummaryDraft")
    body = chat_completion(arguments, model=request.get("model", "fake"), usage=(100, 20))
    body["choices"][0]["message"]["tool_calls"][0]["function"]["name"] = tool
    return body


Script = Callable[[int, dict[str, Any]], Reply]


class FakeOpenAI:
    """`with FakeOpenAI(latency=0.2) as server: ... server.base_url ... server.count`

    It also plays the Batch API (files, batches, output files): a batch answers each line with
    the same script as chat completions. `expire_after` answers only that many lines of each
    batch and reports it `expired`, as a provider does when the completion window runs out.
    """

    def __init__(
        self,
        latency: float = 0.0,
        script: Script | None = None,
        expire_after: int | None = None,
        answer: Callable[[dict[str, Any]], dict[str, Any]] = default_answer,
    ):
        self.latency = latency
        self.answer = answer  # the body of a plain 200 reply: default_answer, or grounded_answer
        self.script = script or (lambda n, request: Reply())
        self.expire_after = expire_after
        self.requests: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
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

    # --- Batch API -------------------------------------------------------------------------

    def _new_file(self, data: bytes) -> dict[str, Any]:
        with self._lock:
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = data
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": 0,
            "filename": f"{file_id}.jsonl",
            "purpose": "batch",
            "status": "processed",
        }

    def _run_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        lines = [json.loads(x) for x in self.files[body["input_file_id"]].decode().splitlines() if x]
        answered = lines if self.expire_after is None else lines[: self.expire_after]
        outputs: list[str] = []
        errors: list[str] = []
        for line in answered:
            reply = self._answer(line["body"])
            payload = reply.body if reply.body is not None else self.answer(line["body"])
            result = {
                "id": f"resp-{line['custom_id']}",
                "custom_id": line["custom_id"],
                "response": {"status_code": reply.status, "request_id": "req", "body": payload},
                "error": None,
            }
            (outputs if reply.status == 200 else errors).append(json.dumps(result))
        with self._lock:
            batch_id = f"batch-{len(self.batches) + 1}"
        outputs.reverse()  # providers do not promise order: clients must join on custom_id
        output = self._new_file("\n".join(outputs).encode())["id"] if outputs else None
        error = self._new_file("\n".join(errors).encode())["id"] if errors else None
        final = "expired" if self.expire_after is not None else "completed"
        batch = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "input_file_id": body["input_file_id"],
            "completion_window": "24h",
            "created_at": 0,
            "status": "in_progress",
            "final_status": final,
            "output_file_id": output,
            "error_file_id": error,
            "request_counts": {"total": len(lines), "completed": len(outputs), "failed": len(errors)},
        }
        self.batches[batch_id] = batch
        return self._public(batch)

    @staticmethod
    def _public(batch: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in batch.items() if k != "final_status"}

    def _retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        view = self._public(batch)
        batch["status"] = batch["final_status"]  # in progress once, then done
        return view

    def __enter__(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as two writes; with Nagle's algorithm on, the body waits
            # for the client's delayed ACK (about 40 ms on Linux) and every answer is late.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:  # keep test output clean
                return

            def _send_json(self, payload: Any, status: int = 200) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                parts = self.path.rstrip("/").split("/")
                if "batches" in parts:
                    self._send_json(fake._retrieve(parts[-1]))
                elif parts[-1] == "content":
                    self._send_json(fake.files[parts[-2]])
                else:
                    self._send_json({"error": {"message": "not found"}}, 404)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                if self.path.endswith("/files"):
                    message = email.message_from_bytes(
                        b"content-type: " + self.headers["content-type"].encode() + b"\r\n\r\n" + raw
                    )
                    upload = next(
                        p
                        for p in message.walk()
                        if p.get_param("name", header="content-disposition") == "file"
                    )
                    data = upload.get_payload(decode=True)
                    self._send_json(fake._new_file(data if isinstance(data, bytes) else b""))
                    return
                if self.path.endswith("/batches"):
                    self._send_json(fake._run_batch(json.loads(raw)))
                    return
                body = json.loads(raw or b"{}")
                reply = fake._answer(body)
                time.sleep(fake.latency if reply.delay is None else reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = reply.body if reply.body is not None else fake.answer(body)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if reply.trickle is None:
                    self.wfile.write(data)
                    return
                for i in range(len(data)):  # a slow-loris server: every gap is short, the whole is not
                    try:
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up
                    time.sleep(reply.trickle)

        class Server(ThreadingHTTPServer):
            # The default listen backlog of 5 drops a burst of 16 new connections, and each
            # dropped SYN costs a one-second retransmission.
            request_queue_size = 128

            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that hangs up mid-answer (a cancelled batch, a test's timeout) is part
                # of what this server is for: no traceback for it; anything else is still printed.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def main() -> None:
    """Run the fake server on its own (benchmarks keep it out of the measured process):

    python -m summarizer.fake_server --latency 0.2   # prints its base URL, serves until killed
    """
    import argparse
    import signal

    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server on 127.0.0.1.")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds before each answer")
    parser.add_argument(
        "--grounded", action="store_true", help="answer by citing the request's own actors and quotes"
    )
    args = parser.parse_args()
    with FakeOpenAI(
        latency=args.latency, answer=grounded_answer if args.grounded else default_answer
    ) as server:
        print(server.base_url, flush=True)
        signal.sigwait({signal.SIGTERM, signal.SIGINT})


if __name__ == "__main__":
    main()
