"""A content-addressed, on-disk cache of model answers, checked before any client work.

The key hashes everything that shapes an answer: provider, base URL, model, mode, messages (with
the random document boundary replaced, as for recordings), the output schema and the sampling
parameters. Which providers may use it is the provider's call (`Provider.caches`): replay and
recording never do.
A hit skips the SDK, instructor and HTTP entirely (measured: instructor's per-call schema work
alone costs about 8 ms). Only the model's raw answer and its token usage are stored, never
headers or keys. Writes go to a temporary file that is atomically renamed into place, so
concurrent writers (threads or processes sharing a cache) never leave a partial entry.
"""

from __future__ import annotations

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


class ResponseCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            return json.loads(self._path(key).read_text("utf-8"))["response"]
        except (OSError, ValueError, KeyError):
            return None  # absent or unreadable: a miss, never an error

    def put(self, key: str, response: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, delete=False, suffix=".tmp", encoding="utf-8"
        ) as handle:
            json.dump({"key": key, "response": response}, handle)
        os.replace(handle.name, path)
