"""summarizer: typed, grounded summaries from any OpenAI-compatible model.

Usage::

    from summarizer import summarize, Summary
    summary = summarize(text)  # provider resolved from arguments, then the environment
"""

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
from .pipeline import asummarize, summarize
from .schemas import Actor, Meta, Quote, Risk, Span, Stance, Summary, Usage
from .settings import Settings, resolve_settings

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
