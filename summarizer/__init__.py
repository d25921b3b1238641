"""summarizer: typed, grounded summaries from any OpenAI-compatible model.

Usage::

    from summarizer import summarize, Summary
    summary = summarize(text)  # provider resolved from arguments, then the environment

The names below are imported on first use (PEP 562), so `import summarizer` and the command
line's `--help` stay fast: the `openai` SDK and instructor load only when a model call is made.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "summarize": "pipeline",
    "asummarize": "pipeline",
    "summarize_many": "batch",
    "evaluate": "evaluation",
    "Report": "evaluation",
    "read_document": "documents",
    "resolve_settings": "settings",
    "Settings": "settings",
    "Summary": "schemas",
    "Actor": "schemas",
    "Stance": "schemas",
    "Quote": "schemas",
    "Risk": "schemas",
    "Span": "schemas",
    "Evidence": "fields",
    "Meta": "schemas",
    "Usage": "schemas",
    "SummarizerError": "errors",
    "ConfigError": "errors",
    "InputError": "errors",
    "FixtureMissing": "errors",
    "SummaryFailed": "errors",
    "ModelOutputError": "errors",
    "TruncatedOutput": "errors",
    "Refused": "errors",
    "ContentFiltered": "errors",
    "EmptyResponse": "errors",
}

__all__ = [
    "summarize",
    "asummarize",
    "summarize_many",
    "evaluate",
    "Report",
    "read_document",
    "resolve_settings",
    "Settings",
    "Summary",
    "Actor",
    "Stance",
    "Quote",
    "Risk",
    "Span",
    "Evidence",
    "Meta",
    "Usage",
    "SummarizerError",
    "ConfigError",
    "InputError",
    "FixtureMissing",
    "SummaryFailed",
    "ModelOutputError",
    "TruncatedOutput",
    "Refused",
    "ContentFiltered",
    "EmptyResponse",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:
    from .batch import summarize_many
    from .documents import read_document
    from .errors import (
        ConfigError,
        ContentFiltered,
        EmptyResponse,
        FixtureMissing,
        InputError,
        ModelOutputError,
        Refused,
        SummarizerError,
        SummaryFailed,
        TruncatedOutput,
    )
    from .evaluation import Report, evaluate
    from .fields import Evidence
    from .pipeline import asummarize, summarize
    from .schemas import Actor, Meta, Quote, Risk, Span, Stance, Summary, Usage
    from .settings import Settings, resolve_settings
