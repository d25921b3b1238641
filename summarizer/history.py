"""The history of every run, in the spirit of `llm logs`: one SQLite database, `logs.db`.

Each summarize, each batch document and each eval case is one row of `runs`: when, which command,
the source, the document's sha256 (its text is kept once in `documents`), provider, model, mode,
template, the settings (never the API key), status, error, usage, cost, seconds, whether it came
from the cache, warnings and the summary JSON. The database lives in the user data directory
(`Settings.data_dir`, resolved in `settings.py`); nothing is written unless `Settings.log`.

Several processes may write at once (two batches, a batch and a summarize): the database runs in
WAL mode with a 30 s busy timeout, and each run is written in one short `BEGIN IMMEDIATE`
transaction on a connection of its own, so concurrent writers wait their turn and lose nothing.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, Field

from .errors import InputError, SummarizerError
from .schemas import Summary, Usage

if TYPE_CHECKING:
    from .schemas import TemplateInfo
    from .settings import Settings

DATABASE = "logs.db"
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another one
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    command TEXT NOT NULL,
    source TEXT,
    document_sha256 TEXT NOT NULL REFERENCES documents(sha256),
    status TEXT NOT NULL,
    error TEXT,
    provider TEXT NOT NULL,
    model TEXT,
    mode TEXT,
    template_name TEXT,
    template_sha256 TEXT,
    settings TEXT NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    cost_note TEXT,
    seconds REAL,
    cached INTEGER NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT '[]',
    summary TEXT
);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created);
"""

_COLUMNS = (
    "created, command, source, document_sha256, status, error, provider, model, mode, template_name, "
    "template_sha256, settings, calls, prompt_tokens, completion_tokens, total_tokens, cost_usd, "
    "cost_note, seconds, cached, warnings, summary"
)

_SECRET_PARTS = ("key", "token", "secret", "sig", "password")


class HistoryWarning(UserWarning):
    """The run finished, but it could not be written to the history."""


class Run(BaseModel):
    """One logged run, as `summarizer logs --json` prints it."""

    id: int
    created: str
    command: str
    source: str | None = None
    document_sha256: str
    status: str  # ok or error
    error: str | None = None
    provider: str
    model: str | None = None
    mode: str | None = None
    template_name: str | None = None
    template_sha256: str | None = None
    settings: dict[str, Any] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None
    cost_note: str | None = None
    seconds: float | None = None
    cached: bool = False
    warnings: list[str] = Field(default_factory=list)
    summary: dict[str, Any] | None = None

    def summary_model(self) -> Summary | None:
        return Summary.model_validate(self.summary) if self.summary is not None else None


def document_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _masked_url(url: str) -> str:
    """A base URL without a password or key-like query values."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    query = urlencode(
        [
            (k, "***" if any(s in k.lower() for s in _SECRET_PARTS) else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def loggable_settings(settings: Settings) -> dict[str, Any]:
    """The settings as JSON values, without the API key (a password in a base URL is masked)."""
    data: dict[str, Any] = {}
    for spec in dataclasses.fields(settings):
        if spec.name == "api_key":
            continue
        value = getattr(settings, spec.name)
        if spec.name == "extra":
            value = value.describe() if value is not None else None
        data[spec.name] = str(value) if isinstance(value, Path) else value
    if data.get("base_url"):
        data["base_url"] = _masked_url(data["base_url"])
    return data


class History:
    """The run history at `path` (a `logs.db`): `add` a run, read `recent` runs or `get` one.

    One connection per History, opened on first use and kept: closing the last connection to a
    WAL database checkpoints it, which made each logged run cost 15 ms instead of 0.1 ms. It is
    shared by threads under a lock and reopened in a forked child.
    """

    _shared: dict[Path, History] = {}
    _shared_lock = threading.Lock()

    def __init__(self, path: Path):
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.RLock()

    @classmethod
    def in_dir(cls, data_dir: Path) -> History:
        return cls(Path(data_dir) / DATABASE)

    @classmethod
    def shared(cls, data_dir: Path) -> History:
        """The process's History for `data_dir`, so that runs logged one by one reuse a connection."""
        path = Path(data_dir) / DATABASE
        with cls._shared_lock:
            if path not in cls._shared:
                cls._shared[path] = history = cls(path)
                atexit.register(history.close)  # checkpoints the WAL into logs.db
            return cls._shared[path]

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no commit
        connection.execute("PRAGMA journal_mode=WAL")  # persistent in the file
        connection.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;")
        self._connection, self._pid = connection, os.getpid()
        return connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection = None

    def add(
        self,
        *,
        command: str,
        settings: Settings,
        text: str,
        source: str | None = None,
        summary: Summary | None = None,
        error: SummarizerError | None = None,
        template: TemplateInfo | None = None,
    ) -> int:
        """Write one run (a summary, or the error it ended with); returns its id."""
        from .pricing import cost_of

        sha = document_hash(text)
        if summary is not None:
            meta = summary.meta
            usage, template = meta.usage, meta.template
            cost_usd, cost_note, seconds, cached = meta.cost_usd, meta.cost_note, meta.seconds, meta.cached
            summary_json, run_warnings = summary.model_dump_json(), summary.warnings
            status, message = "ok", None
        else:
            usage = getattr(error, "usage", None) or Usage()
            cost = cost_of(settings, usage)
            cost_usd, cost_note, seconds, cached = cost.usd, cost.note, None, False
            summary_json, run_warnings, status, message = None, [], "error", str(error)
        row = (
            dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
            command,
            source,
            sha,
            status,
            message,
            settings.provider,
            settings.model,
            settings.mode,
            template.name if template else None,
            template.sha256 if template else None,
            json.dumps(loggable_settings(settings), sort_keys=True),
            usage.calls,
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.total_tokens,
            cost_usd,
            cost_note,
            seconds,
            int(cached),
            json.dumps(run_warnings, ensure_ascii=False),
            summary_json,
        )
        with self._lock:
            connection = self._connect()
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute("INSERT OR IGNORE INTO documents VALUES (?, ?)", (sha, text))
                cursor = connection.execute(
                    f"INSERT INTO runs ({_COLUMNS}) VALUES ({', '.join('?' * len(row))})", row
                )
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            return int(cursor.lastrowid or 0)

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        if not self.path.exists():
            return []
        with self._lock:
            return self._connect().execute(sql, params).fetchall()

    @staticmethod
    def _run(row: sqlite3.Row) -> Run:
        data = dict(row)
        data["settings"] = json.loads(data["settings"] or "{}")
        data["warnings"] = json.loads(data["warnings"] or "[]")
        data["summary"] = json.loads(data["summary"]) if data["summary"] else None
        data["cached"] = bool(data["cached"])
        data["usage"] = Usage(**{k: data.pop(k) for k in Usage.model_fields})
        return Run(**data)

    def recent(self, limit: int = 20) -> list[Run]:
        """The `limit` most recent runs, newest first."""
        rows = self._read("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [self._run(row) for row in rows]

    def get(self, run_id: int) -> Run | None:
        rows = self._read("SELECT * FROM runs WHERE id = ?", (run_id,))
        return self._run(rows[0]) if rows else None

    def document(self, sha256: str) -> str | None:
        rows = self._read("SELECT text FROM documents WHERE sha256 = ?", (sha256,))
        return rows[0]["text"] if rows else None


def log_run(
    settings: Settings,
    *,
    command: str,
    text: str,
    source: str | None = None,
    outcome: Summary | SummarizerError,
    template: TemplateInfo | None = None,
) -> int | None:
    """Log one run when `settings.log` is on; returns its id. A document that never reached the
    model (an input error) is not logged. A history that cannot be written warns, never fails
    the run: the summary is already made."""
    if not settings.log or settings.data_dir is None or isinstance(outcome, InputError):
        return None
    summary = outcome if isinstance(outcome, Summary) else None
    error = outcome if isinstance(outcome, SummarizerError) else None
    try:
        return History.shared(settings.data_dir).add(
            command=command,
            settings=settings,
            text=text,
            source=source,
            summary=summary,
            error=error,
            template=template,
        )
    except (sqlite3.Error, OSError) as exc:
        warnings.warn(f"The run could not be written to the history: {exc}", HistoryWarning, stacklevel=2)
        return None
