"""Recorded LLM exchanges: one JSON file per call, keyed by a hash of the canonical request body.

Recording and replay happen at the HTTP transport, under the `openai` SDK, so replayed runs
exercise the same wire path as live ones. Request headers are never stored (they hold the API
key); response headers only from an allow-list. Each file states its provenance: `recorded`
from a real model (which, when, with which library versions) or `authored` by hand for a test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx2

from .errors import FixtureMissing
from .prompts import BOUNDARY_PREFIX

RECORDINGS_DIR = "recordings"
RESPONSE_HEADER_ALLOWLIST = ("content-type", "retry-after", "x-request-id")
_BOUNDARY_RE = re.compile(re.escape(BOUNDARY_PREFIX) + r"[0-9a-f]{16}")
_BOUNDARY_PLACEHOLDER = BOUNDARY_PREFIX + "<random>"


def canonical_body(body: dict[str, Any]) -> dict[str, Any]:
    """The request body with its per-request random document boundary replaced by a placeholder."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return json.loads(_BOUNDARY_RE.sub(_BOUNDARY_PLACEHOLDER, text))


def request_key(body: dict[str, Any]) -> str:
    canonical = json.dumps(canonical_body(body), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def library_versions() -> dict[str, str]:
    versions = {}
    for name in ("summarizer", "openai", "instructor", "pydantic", "llama-cpp-python"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    """The path of the first field where two JSON values differ, e.g. `messages[1].content`."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}".lstrip(".")
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found.lstrip(".")
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None if len(a) == len(b) else f"{path} (length {len(a)} vs {len(b)})".lstrip(".")
    return None if a == b else (path.lstrip(".") or "(body)")


# How deep below the root a `recordings/` folder may be: root/recordings, root/case/recordings,
# root/group/case/recordings. A bounded walk: `--fixtures /` looks at three levels, not the disk.
RECORDINGS_DEPTH = 2
MAX_RECORDING_BYTES = 64 * 1024 * 1024


def check_record(record: Any) -> str | None:
    """Why `record` is not a usable recording, or None when it is."""
    if not isinstance(record, dict):
        return "not a JSON object"
    if not isinstance(record.get("key"), str) or not record["key"]:
        return "no key"
    for name in ("request", "provenance", "response"):
        if not isinstance(record.get(name), dict):
            return f"no {name} object"
    response = record["response"]
    if not isinstance(response.get("status_code"), int) or "body" not in response:
        return "the response has no status_code or body"
    if not isinstance(response.get("headers", {}), dict):
        return "the response headers are not an object"
    return None


@dataclass
class FixtureStore:
    """Recordings under `root`: the `recordings/*.json` files at most RECORDINGS_DEPTH folders
    below it, by key. A file that is not a readable recording is skipped and listed in `skipped`."""

    root: Path
    # key -> (file, its parsed record): each file is read once, however often it is consulted.
    _records: dict[str, tuple[Path, dict[str, Any]]] | None = field(default=None, repr=False)
    skipped: dict[Path, str] = field(default_factory=dict, repr=False)  # file -> why

    def paths(self) -> Iterator[Path]:
        found: set[Path] = set()
        for depth in range(RECORDINGS_DEPTH + 1):
            pattern = "/".join(["*"] * depth + [RECORDINGS_DIR, "*.json"])
            try:
                found.update(p for p in self.root.glob(pattern) if p.is_file())
            except OSError:
                continue  # an unreadable folder on the way
        yield from sorted(found)

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            if path.stat().st_size > MAX_RECORDING_BYTES:
                raise ValueError(f"larger than {MAX_RECORDING_BYTES // 2**20} MB")
            record = json.loads(path.read_bytes().decode("utf-8"))
            problem = check_record(record)
        except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            problem = " ".join(str(exc).split())[:120] or type(exc).__name__
        if problem is not None:
            self.skipped[path] = problem
            return None
        return record  # type: ignore[no-any-return]

    def records(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        if self._records is None:
            self._records = {}
            self.skipped = {}
            for path in self.paths():
                record = self._read(path)
                if record is not None:
                    self._records[record["key"]] = (path, record)
        return self._records

    def skipped_note(self) -> str:
        """One sentence about unreadable recordings, or '' when there were none."""
        if not self.skipped:
            return ""
        from .outputs import shown

        path, why = next(iter(self.skipped.items()))
        return (
            f"{len(self.skipped)} recording(s) were unreadable and skipped "
            f"(first: {shown(path)}: {shown(why)})."
        )

    def load(self, key: str) -> dict[str, Any] | None:
        found = self.records().get(key)
        if found is None:  # recorded since the index was built? look once more
            self._records = None
            found = self.records().get(key)
        return found[1] if found else None

    def models(self) -> dict[str, set[str]]:
        """Each model with recordings here, and their sources ("recorded", "authored")."""
        found: dict[str, set[str]] = {}
        for _, record in self.records().values():
            found.setdefault(record["request"].get("model", ""), set()).add(
                record["provenance"].get("source", "")
            )
        return found

    def providers(self, model: str) -> set[str]:
        """The providers that produced the recordings of `model` here."""
        return {
            record["provenance"].get("provider", "")
            for _, record in self.records().values()
            if record["request"].get("model") == model
        }

    def nearest(self, body: dict[str, Any]) -> tuple[str | None, str | None]:
        """The stored recording most like `body`, and the first field where they differ."""
        wanted = canonical_body(body)
        wanted_text = json.dumps(wanted, sort_keys=True)
        best: tuple[tuple[bool, int], str, str] | None = None
        for path, record in self.records().values():
            stored = record["request"]
            shared = len(os.path.commonprefix([json.dumps(stored, sort_keys=True), wanted_text]))
            rank = (stored.get("model") == wanted.get("model"), shared)
            if best is None or rank > best[0]:
                best = (rank, str(path), first_difference(wanted, stored) or "(none)")
        return (best[1], best[2]) if best else (None, None)

    def save(self, body: dict[str, Any], response: httpx2.Response, provenance: dict[str, Any]) -> Path:
        key = request_key(body)
        folder = self.root / RECORDINGS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        headers = {k: v for k, v in response.headers.items() if k.lower() in RESPONSE_HEADER_ALLOWLIST}
        record = {
            "key": key,
            "provenance": provenance,
            "request": canonical_body(body),
            "response": {"status_code": response.status_code, "headers": headers, "body": response.json()},
        }
        path = folder / f"{key[:24]}.json"
        # Write atomically so a crash or a concurrent writer never leaves half a file.
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, suffix=".tmp", encoding="utf-8"
        ) as handle:
            json.dump(record, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(handle.name, path)
        if self._records is not None:
            self._records[key] = (path, record)
        return path


def _body(request: httpx2.Request) -> dict[str, Any]:
    return json.loads(request.content or b"{}")


class ReplayTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Answers each request from its recording; touches no network."""

    def __init__(self, store: FixtureStore):
        self.store = store

    def _answer(self, request: httpx2.Request) -> httpx2.Response:
        body = _body(request)  # our own SDK's request: always JSON
        key = request_key(body)
        record = self.store.load(key)
        if record is None:
            nearest, diff = self.store.nearest(body)
            model = body.get("model")
            sources = self.store.providers(model) if model else set()
            provider = next(iter(sources)) if len(sources) == 1 else None
            raise FixtureMissing(
                key,
                str(self.store.root),
                nearest,
                diff,
                model=model,
                provider=provider,
                skipped=self.store.skipped_note(),
            )
        answer = record["response"]
        return httpx2.Response(
            answer["status_code"],
            headers=answer.get("headers", {}),
            json=answer["body"],
            request=request,
        )

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._answer(request)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._answer(request)


class RecordingTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Forwards to a real transport and stores every successful exchange."""

    def __init__(
        self,
        store: FixtureStore,
        provenance: dict[str, Any],
        inner: httpx2.BaseTransport | None = None,
        ainner: httpx2.AsyncBaseTransport | None = None,
    ):
        self.store = store
        self.provenance = provenance
        self.inner = inner or httpx2.HTTPTransport()
        self.ainner = ainner or httpx2.AsyncHTTPTransport()

    def _keep(self, request: httpx2.Request, response: httpx2.Response) -> None:
        if response.status_code == 200:
            provenance = {
                **self.provenance,
                "date": dt.date.today().isoformat(),
                "library_versions": library_versions(),
            }
            self.store.save(_body(request), response, provenance)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        response.read()
        self._keep(request, response)
        return response

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.ainner.handle_async_request(request)
        await response.aread()
        self._keep(request, response)
        return response
