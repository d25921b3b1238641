"""A content-addressed, on-disk cache of model answers, checked before any client work.

The key hashes everything that shapes an answer: provider, base URL, model, mode, messages (with
the random document boundary replaced, as for recordings), the output schema and the sampling
parameters. Which providers may use it is the provider's call (`Provider.caches`): replay and
recording never do.
A hit skips the SDK, instructor and HTTP entirely (measured: instructor's per-call schema work
alone costs about 8 ms). Only the model's raw answer and its token usage are stored, never
headers or keys. Writes go to a temporary file that is atomically renamed into place, so
concurrent writers (threads or processes sharing a cache) never leave a partial entry.

The cache never costs an answer: an entry that cannot be read or has the wrong shape is a miss
(noted once), and a cache that cannot be written (its folder is a file, a read-only or full
disk) is switched off for the rest of the run with one note, while the run goes on uncached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .fixtures import canonical_body


@functools.lru_cache(maxsize=32)
def _schema_digest(model: type[BaseModel]) -> str:
    schema = json.dumps(model.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()


def answer_key(
    model_name: str | None,
    mode: str,
    messages: list[dict[str, str]],
    response_model: type[BaseModel],
    temperature: float,
    max_tokens: int,
    *,
    provider: str = "",
    base_url: str | None = None,
) -> str:
    """The same model name on two servers (or providers) may be two models: both are in the key."""
    request = {
        "provider": provider,
        "base_url": base_url,
        "model": model_name,
        "mode": mode,
        "messages": messages,
        "schema": _schema_digest(response_model),
        "temperature": temperature,
        "max_tokens": max_tokens,
    }
    canonical = json.dumps(canonical_body(request), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _valid(entry: Any, key: str) -> bool:
    if not isinstance(entry, dict):
        return False
    response = entry.get("response")
    return (
        entry.get("key", key) == key
        and isinstance(response, dict)
        and isinstance(response.get("raw"), str)
        and isinstance(response.get("usage", {}), dict)
    )


class ResponseCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.write_error: str | None = None  # set once a write failed; the cache is then read-only
        self.bad_entries: list[Path] = []  # entries of the wrong shape, treated as misses

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None  # absent or unreadable: a miss, never an error
        try:
            entry = json.loads(data.decode("utf-8"))
        except ValueError:
            entry = None
        if not _valid(entry, key):
            self.bad_entries.append(path)
            return None
        return entry["response"]  # type: ignore[no-any-return]

    def put(self, key: str, response: dict[str, Any]) -> None:
        if self.write_error is not None:
            return
        path = self._path(key)
        handle = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=path.parent, delete=False, suffix=".tmp", encoding="utf-8"
            ) as handle:
                json.dump({"key": key, "response": response}, handle)
            os.replace(handle.name, path)
        except OSError as exc:
            self.write_error = exc.strerror or type(exc).__name__
            if handle is not None:
                with contextlib.suppress(OSError):
                    os.unlink(handle.name)

    def notes(self) -> list[str]:
        """What went wrong with the cache in this run, in words (empty when nothing did)."""
        from .outputs import shown

        notes = []
        if self.write_error is not None:
            notes.append(
                f"The response cache {shown(self.directory)} could not be written "
                f"({self.write_error.lower()}); the run went on without caching."
            )
        if self.bad_entries:
            notes.append(
                f"{len(self.bad_entries)} cache entr{'y' if len(self.bad_entries) == 1 else 'ies'} had the "
                f"wrong shape and were treated as misses (first: {shown(self.bad_entries[0])})."
            )
        return notes
