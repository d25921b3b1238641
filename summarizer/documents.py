"""Read a document from a path or stdin into text, with errors a person can act on.

Limits: at most 5 MB per document (larger inputs are refused before any model call; split
them). Every input, a file, a device (`/dev/zero`), a pipe or stdin, is read through the same
cap, so no input can make the reader run without bound. HTML is reduced to its article text
with trafilatura (the `html` extra); offsets then index that extracted text, which is what the
summary quotes. A URL is fetched (`web.py`: time, size and redirect limits, HTML or text only)
and read like an HTML file. A PDF's text layer is extracted with pypdf (the `pdf` extra);
offsets index that extracted text, and a scanned PDF with no text layer is refused.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .markdown import is_markdown, markdown_to_text
from .outputs import shown

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # larger inputs are refused before any model call
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# `https://…`, also as a shell or pathlib leaves it (`https:/…`); one-letter schemes are drives.
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")
PDF_MAGIC = b"%PDF-"


def looks_like_html(text: str, source: str = "") -> bool:
    head = text.lstrip()[:256].lower()
    return source.lower().endswith(tuple(HTML_SUFFIXES)) or head.startswith(("<!doctype html", "<html"))


# Inline styles that keep an element's text from being seen: a page can hide words there ("...,"
# said Jane Roe) that a reader never sees and a summary would quote.
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden"
    r"|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem|%)?|opacity\s*:\s*0(?:\.0*)?)\s*(?:!important\s*)?(?:;|$)",
    re.IGNORECASE,
)


# What a reader never sees. trafilatura leaves out some of it (aria-hidden, noscript, comments)
# on its main path but not on the fallbacks it takes for a short page, so all of it goes here.
_NEVER_SHOWN = "//*[@hidden] | //template | //noscript | //*[@aria-hidden='true'] | //comment() | //*[@style]"


def _rendered(html: str) -> str:
    """The page without what a browser never shows: elements marked `hidden`, `<template>`
    contents, and elements whose inline style hides them (trafilatura leaves some of these in).
    Falls back to the page as given when lxml cannot parse it."""
    try:
        from lxml import html as lxml_html
        from lxml.etree import ParserError

        tree = lxml_html.fromstring(html)
    except (ImportError, ParserError, ValueError):
        return html
    dropped = False
    for element in tree.xpath(_NEVER_SHOWN):
        never = element.tag in ("template", "noscript") or not isinstance(element.tag, str)  # a comment
        never = never or element.get("hidden") is not None or element.get("aria-hidden") == "true"
        if (never or _HIDING_STYLE.search(element.get("style", ""))) and element.getparent() is not None:
            element.drop_tree()  # its tail, the text after it, stays
            dropped = True
    # trafilatura reads the page from its text best (a tree given to it is read differently).
    return lxml_html.tostring(tree, encoding="unicode") if dropped else html


def html_to_text(html: str, source: str) -> str:
    """The article text of an HTML page (scripts, navigation and boilerplate left out)."""
    try:
        import trafilatura
    except ImportError as exc:
        if exc.name == "trafilatura":
            raise InputError(
                f"{source} is HTML; install the HTML extra to extract its text: "
                "pip install 'summarizer[html]'."
            ) from None
        # trafilatura is there, but something it needs is not (lxml_html_clean, for one).
        reason = " ".join(str(exc).split())
        raise InputError(
            f"{source} is HTML, but its text extractor trafilatura cannot be imported: {reason}"
        ) from None
    text = trafilatura.extract(_rendered(html), include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError(f"{source} is HTML with no article text that could be extracted.")
    return text


def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM, else Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\0" in data[:8192]:
        raise InputError(f"{source} looks like a binary file, not text; give a text document.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _web_address(path: str | Path) -> str | None:
    """`https://…` as given, also as a shell or pathlib leaves it (`https:/…`); None for a path."""
    match = re.match(r"^(https?):/+", str(path), re.IGNORECASE)
    if not match or Path(path).exists():
        return None
    return f"{match.group(1).lower()}://{str(path)[match.end() :]}"


@dataclass(frozen=True)
class Source:
    """A document's text and where it came from (a URL input's final address and fetch time)."""

    text: str
    url: str | None = None
    retrieved_at: str | None = None


def pdf_to_text(data: bytes, source: str) -> str:
    """The text layer of a PDF, page by page (pages separated by a blank line)."""
    try:
        import pypdf
    except ImportError:
        raise InputError(
            f"{source} is a PDF; install the PDF extra to read its text: pip install 'summarizer[pdf]' "
            "(or convert it to text first, for example: pdftotext FILE.pdf FILE.txt)."
        ) from None
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn a lot
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{source} is an encrypted PDF; give a copy without a password.")
        pages = [page.extract_text() or "" for page in reader.pages]
        images = any(page.images for page in reader.pages) if not any(p.strip() for p in pages) else False
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise InputError(f"{source} is a PDF that cannot be read: {' '.join(str(exc).split())}.") from None
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        what = "scanned pages (images) with no text layer" if images else "no text layer"
        raise InputError(
            f"{source} is a PDF with {what}; run OCR on it first (for example: ocrmypdf FILE.pdf OUT.pdf)."
        )
    return text


def read_source(path: str | Path) -> Source:
    """Read `path` (a file, '-' for stdin, or an http(s) URL) into text, with its origin."""
    url = _web_address(path)
    if url:
        from .web import fetch_page

        page = fetch_page(url, max_bytes=MAX_DOCUMENT_BYTES)
        text = page.text
        if page.content_type != "text/plain" or looks_like_html(text):
            text = html_to_text(text, page.url)
        if not text.strip():
            raise InputError(f"{page.url} has no text to summarize.")
        return Source(text, url=page.url, retrieved_at=page.retrieved_at)
    return Source(read_document(path))


def read_document(path: str | Path) -> str:
    """Read `path` (or '-' for stdin) as text. URLs are read with `read_source`."""
    if _web_address(path):
        return read_source(path).text
    if URL.match(str(path)) and not Path(path).exists():
        raise InputError(f"{path} is a URL that is not http or https; save the page and pass the file.")
    if str(path) == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise InputError("Standard input is closed; pass a file path instead of '-'.")
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        source = "standard input"
    else:
        path = Path(path)
        source = shown(path)
        if path.is_dir():
            raise InputError(f"{source} is a directory; give the path of one document.")
        if not path.exists():
            raise InputError(f"{source} does not exist; check the path.")
        if path.is_file() and path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise InputError(f"{source} is larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it first.")
        try:
            with path.open("rb") as handle:  # a device or pipe has no size: the cap is on the read
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{source} cannot be read: {exc.strerror}.") from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"{source} is larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it first.")
    if PDF_MAGIC in data[:1024]:  # readers accept the header anywhere in the first 1 KB
        return pdf_to_text(data, source)
    text = decode(data, source)
    if not text.strip():
        raise InputError(f"{source} is empty; give a document with some text in it.")
    if looks_like_html(text, source):
        text = html_to_text(text, source)
    elif str(path) != "-" and is_markdown(path):
        text = markdown_to_text(text)
        if not text.strip():
            raise InputError(f"{source} has no text once its Markdown is read (only images, links or HTML).")
    return text
