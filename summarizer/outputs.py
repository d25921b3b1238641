"""Where results go: checked before any model call is paid for, written with errors in words.

`check_output` refuses a destination that cannot work (a folder, a missing folder, a read-only
file, closed standard output) before the first call; `write_output` turns what can still fail
while writing (a full disk, `/dev/full`, a pipe closed by the reader) into one `OutputError`.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from .errors import OutputError
from .text_safety import reveal_invisible


def shown(path: str | Path) -> str:
    """A path as it is safe to print: control and invisible characters escaped."""
    return reveal_invisible(str(path))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (or a read-only file system)"
    if exc.errno == errno.EPIPE:
        return "the reader closed the pipe"
    return (exc.strerror or type(exc).__name__).lower()


def check_output(path: Path | None) -> None:
    """Raise OutputError unless `path` (None: standard output) can be written."""
    if path is None:
        if sys.stdout is None or sys.stdout.closed:
            raise OutputError("Standard output is closed; pass -o FILE to write the result to a file.")
        return
    if path.is_dir():
        raise OutputError(f"{shown(path)} is a folder; give a file name with -o.")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise OutputError(f"{shown(path)} is not writable; choose another file with -o.")
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"Folder {shown(parent)} does not exist; create it or choose another -o.")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"Folder {shown(parent)} is not writable; choose another -o.")


def write_output(text: str, path: Path | None) -> None:
    """Write `text` (with a final newline) to `path` or standard output, or raise OutputError."""
    text = text if text.endswith("\n") else text + "\n"
    where = "standard output" if path is None else shown(path)
    try:
        if path is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            path.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        reason = _reason(exc) if isinstance(exc, OSError) else "it is closed"
        raise OutputError(f"Could not write the result to {where}: {reason}.") from exc


def open_lines(path: Path) -> TextIO:
    """`path` opened to append JSONL lines, or OutputError."""
    try:
        return path.open("a", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"Cannot open {shown(path)} for writing ({exc.strerror}).") from exc


def append_line(sink: TextIO, line: dict[str, Any], path: Path) -> None:
    """Write one JSONL line and flush it (a line is safe once written), or OutputError."""
    try:
        sink.write(json.dumps(line, ensure_ascii=False) + "\n")
        sink.flush()
    except OSError as exc:
        raise OutputError(
            f"Could not write to {shown(path)} ({exc.strerror}); the lines written so far are kept: "
            "free some space and run again with --resume."
        ) from exc
