"""Output formats: one registry of renderers, `(summary, source_text) -> str`.

The CLI's `--format` choices come from `formats()`. Adding a format is one `register_format`
call (a renderer that needs a heavy import does it inside the function, so start-up stays fast).
The views are split by audience: `summary` (JSON, Markdown), `html` (the summary beside its
source, and the eval report page), `report` (eval tables) and `progress` (batch runs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..schemas import Summary

Renderer = Callable[["Summary", str], str]

_RENDERERS: dict[str, Renderer] = {}


def register_format(name: str, renderer: Renderer) -> Renderer:
    _RENDERERS[name] = renderer
    return renderer


def formats() -> list[str]:
    return list(_RENDERERS)


def render(name: str, summary: Summary, source: str) -> str:
    """`summary` in format `name`; `source` is the document it summarizes (the HTML view shows it)."""
    try:
        renderer = _RENDERERS[name]
    except KeyError:
        raise ValueError(f"Unknown format {name!r}; choose one of {', '.join(_RENDERERS)}.") from None
    return renderer(summary, source)


# The built-in renderers import their module when called, so listing formats (the CLI's
# `--help`) loads neither pydantic's models nor jinja2.
def _json(summary: Summary, source: str) -> str:
    from .summary import to_json

    return to_json(summary)


def _markdown(summary: Summary, source: str) -> str:
    from .summary import to_markdown

    return to_markdown(summary, source)


def _html(summary: Summary, source: str) -> str:
    from .html import summary_html

    return summary_html(summary, source)


register_format("json", _json)
register_format("markdown", _markdown)
register_format("html", _html)
