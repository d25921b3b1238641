"""Output formats: one registry of renderers, `(summary, source_text) -> str`.

The CLI's `--format` choices come from `formats()`. Adding a format is one `register_format`
call (a renderer that needs a heavy import does it inside the function, so start-up stays fast).
The views are split by audience: `summary` (JSON, Markdown), `html` (the summary beside its
source, and the eval report page), `report` (eval tables) and `progress` (batch runs).
"""

from __future__ import annotations

from collections.abc import Callable

from ..schemas import Summary
from .summary import to_json, to_markdown

Renderer = Callable[[Summary, str], str]

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


def _html(summary: Summary, source: str) -> str:
    from .html import summary_html

    return summary_html(summary, source)


register_format("json", lambda summary, source: to_json(summary))
register_format("markdown", to_markdown)
register_format("html", _html)
