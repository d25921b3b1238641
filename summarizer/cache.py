"""A content-addressed, on-disk cache of model responses, at the HTTP transport.

The key is the same canonical request hash as for recordings (`fixtures.request_key`), so a
repeated request is answered from disk with no HTTP call. Only the response body is stored,
never headers (which is where keys travel). Writes go to a temporary file that is atomically
renamed into place, so concurrent writers (threads or processes sharing a cache) can never
leave a partial entry; two writers of the same key write the same content.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import httpx2

from .fixtures import request_key

CACHED_PATH = "/chat/completions"


def default_cache_dir() -> Path:
    base = os.environ.get("SUMMARIZER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "summarizer"
    )
    return Path(base)


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


def _cacheable(request: httpx2.Request) -> str | None:
    if request.method != "POST" or not request.url.path.endswith(CACHED_PATH):
        return None
    return request_key(json.loads(request.content or b"{}"))


class CacheTransport(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Answers repeated chat completions from the cache; forwards and stores the rest."""

    def __init__(
        self,
        cache: ResponseCache,
        inner: httpx2.BaseTransport | None = None,
        ainner: httpx2.AsyncBaseTransport | None = None,
    ):
        self.cache = cache
        self.inner = inner or httpx2.HTTPTransport()
        self.ainner = ainner or httpx2.AsyncHTTPTransport()
        self.hits = 0

    def _hit(self, request: httpx2.Request, key: str | None) -> httpx2.Response | None:
        body = self.cache.get(key) if key else None
        if body is None:
            return None
        self.hits += 1
        return httpx2.Response(200, json=body, request=request)

    def _store(self, key: str | None, response: httpx2.Response) -> None:
        if key and response.status_code == 200:
            try:
                self.cache.put(key, response.json())
            except ValueError:
                return  # not JSON: not worth caching

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        key = _cacheable(request)
        cached = self._hit(request, key)
        if cached is not None:
            return cached
        response = self.inner.handle_request(request)
        response.read()
        self._store(key, response)
        return response

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        key = _cacheable(request)
        cached = self._hit(request, key)
        if cached is not None:
            return cached
        response = await self.ainner.handle_async_request(request)
        await response.aread()
        self._store(key, response)
        return response
