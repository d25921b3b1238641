"""Wall-clock deadlines for HTTP attempts, so a server that trickles bytes cannot hold a call.

httpx's timeouts bound each wait for the network (connect, one read, one write), not a whole
exchange: a server that sends one byte every few seconds never trips them. Each model call
therefore has a deadline (`Settings.total_budget`) and each attempt within it one of its own
(`Settings.timeout`, or what is left of the call's budget if that is less).

- Async calls run each attempt under `asyncio.timeout`, which bounds everything, whatever the
  transport.
- Sync calls cannot be interrupted from outside, so every socket read and write of the
  library's own HTTP client is given at most the time left before the attempt's deadline
  (`guard_client`): a trickling server gets a timeout at the deadline, in headers or body alike.
  A sync `http_client` passed in by the caller is used as it is (its own timeouts apply).

An attempt that runs out of time fails as a timeout, which is transient: it is retried while the
call's budget lasts, then reported as "the request timed out".
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

_deadline: ContextVar[float | None] = ContextVar("summarizer_attempt_deadline", default=None)


@contextlib.contextmanager
def attempt_deadline(seconds: float) -> Iterator[None]:
    """Within this block, reads and writes of a guarded client end `seconds` from now."""
    token = _deadline.set(time.monotonic() + max(0.0, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def _capped(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the attempt's wall-clock deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream:
    """A network stream whose every read and write ends by the attempt's deadline."""

    def __init__(self, inner: Any):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore2

        return self._inner.read(max_bytes, _capped(timeout, httpcore2.ReadTimeout))  # type: ignore[no-any-return]

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore2

        self._inner.write(buffer, _capped(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        import httpcore2

        return _Stream(
            self._inner.start_tls(ssl_context, server_hostname, _capped(timeout, httpcore2.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend:
    """httpcore's sync network backend, with deadline-aware streams."""

    def __init__(self, inner: Any):
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _Stream:
        import httpcore2

        stream = self._inner.connect_tcp(
            host, port, _capped(timeout, httpcore2.ConnectTimeout), local_address, socket_options
        )
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _Stream:
        import httpcore2

        return _Stream(
            self._inner.connect_unix_socket(path, _capped(timeout, httpcore2.ConnectTimeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guard_transport(transport: Any) -> bool:
    """Make a sync httpx2 transport's connections honour attempt deadlines; False if it cannot."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None or not hasattr(backend, "connect_tcp"):
        return False
    if not isinstance(backend, _Backend):
        pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
    return True


def guard_client(client: Any) -> Any:
    """`client` (a sync httpx2.Client) with every transport it owns guarded; returns it."""
    guard_transport(getattr(client, "_transport", None))
    for transport in (getattr(client, "_mounts", None) or {}).values():
        guard_transport(transport)
    return client
