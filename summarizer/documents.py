"""Read a document from a path or stdin into text, with errors a person can act on."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from .errors import InputError

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # larger inputs are refused before any model call


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


def read_document(path: str | Path) -> str:
    """Read `path` (or '-' for stdin) as text."""
    if str(path) == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise InputError("Standard input is closed; pass a file path instead of '-'.")
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        source = "standard input"
    else:
        path = Path(path)
        if path.is_dir():
            raise InputError(f"{path} is a directory; give the path of one document.")
        if not path.exists():
            raise InputError(f"{path} does not exist; check the path.")
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise InputError(f"{path} is larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it first.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path} cannot be read: {exc.strerror}.") from exc
        source = str(path)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"The input is larger than {MAX_DOCUMENT_BYTES // 2**20} MB; split it first.")
    text = decode(data, source)
    if not text.strip():
        raise InputError(f"{source} is empty; give a document with some text in it.")
    return text
