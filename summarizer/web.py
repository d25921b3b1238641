"""Fetch a web page for summarizing: bounded in time, size and redirects, and polite about it.

`fetch_page(url)` returns the page's HTML as text (decoded by its declared charset) with the
final URL and the time of retrieval; `documents.read_source` hands the HTML to trafilatura, so
a URL and a saved HTML file give the same article text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import InputError

USER_AGENT = "summarizer/{version} (a document summarizer; one request per page asked for)"
TIMEOUT_SECONDS = 20.0  # per connect, read and write
MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True)
class Page:
    url: str  # the final URL, after redirects
    content_type: str
    text: str
    retrieved_at: str  # UTC, ISO 8601


def _user_agent() -> str:
    from . import __version__

    return USER_AGENT.format(version=__version__)


def fetch_page(
    url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS, transport: object = None
) -> Page:
    """GET `url` with a timeout, at most MAX_REDIRECTS redirects and `max_bytes` of body.

    Raises InputError, in words a person can act on, for a page that cannot be fetched, is too
    large, or is not HTML or text (a PDF link, an image)."""
    import httpx2

    options: dict[str, object] = {"transport": transport} if transport is not None else {}
    try:
        with (
            httpx2.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx2.Timeout(timeout),
                headers={"User-Agent": _user_agent(), "Accept": ACCEPT},
                **options,  # type: ignore[arg-type]
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    f"{url} could not be fetched: the server answered HTTP {response.status_code}."
                )
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type not in ACCEPTED_TYPES:
                shown = content_type or "no content type"
                raise InputError(f"{url} is {shown}, not a web page; download it and pass the file instead.")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(
                    f"{url} is larger than {max_bytes // 2**20} MB; save a part of it as a file."
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise InputError(
                        f"{url} is larger than {max_bytes // 2**20} MB; save a part of it as a file."
                    )
            encoding = response.charset_encoding or "utf-8"
            final_url = str(response.url)
    except httpx2.TooManyRedirects:
        raise InputError(
            f"{url} redirects more than {MAX_REDIRECTS} times; give the final address."
        ) from None
    except httpx2.TimeoutException:
        raise InputError(f"{url} did not answer within {timeout:g} seconds; try again later.") from None
    except httpx2.HTTPError as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"{url} could not be fetched: {reason}.") from None
    try:
        text = bytes(body).decode(encoding, errors="replace")
    except LookupError:  # an unknown charset name
        text = bytes(body).decode("utf-8", errors="replace")
    retrieved = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return Page(url=final_url, content_type=content_type, text=text, retrieved_at=retrieved)
