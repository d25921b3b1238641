"""Self-contained HTML views of a summary (next to its source) and of an eval report.

Templates live in `summarizer/views/templates/` and render with autoescaping, so any markup in a document
(a `<script>` included) is shown as text, never run. The pages load nothing from the network;
a Content-Security-Policy forbids it as a second line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..cleaning import clean
from ..schemas import Quote, Summary
from ..text_safety import reveal_invisible
from .summary import displayable

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class Piece:
    """A stretch of the source with the same highlights throughout."""

    text: str
    quote: Quote | None = None
    speaker: str = ""
    quote_starts: bool = False
    quote_ends: bool = False
    evidence: str = ""  # what the evidence supports, for the hover title
    evidence_keys: list[str] = field(default_factory=list)  # the stances (s0) and risks (r0) it supports
    anchors: list[str] = field(default_factory=list)  # items whose first evidence span starts here
    boilerplate: bool = False


def evidence_items(summary: Summary) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Every stance (`s0`, `s1`, ...) and risk (`r0`, ...): its key, its label and its spans."""
    names = {a.id: a.name for a in summary.actors}
    items = [
        (
            f"s{i}",
            f"{names.get(stance.actor_id, stance.actor_id)} · {stance.position} · {stance.topic}",
            [(e.start, e.end) for e in stance.evidence],
        )
        for i, stance in enumerate(summary.stances)
    ]
    items += [
        (f"r{i}", f"risk · {risk.severity} · {risk.description}", [(e.start, e.end) for e in risk.evidence])
        for i, risk in enumerate(summary.risks)
    ]
    return items


def source_pieces(document: str, summary: Summary) -> list[Piece]:
    """Cut the document at every highlight boundary; each piece knows what covers it."""
    names = {a.id: a.name for a in summary.actors}
    evidence = [
        (start, end, label, key) for key, label, spans in evidence_items(summary) for start, end in spans
    ]
    first = {key: min(spans)[0] for key, _, spans in evidence_items(summary) if spans}
    removed = [(r.start, r.end) for r in clean(document).removed]
    cuts = {0, len(document)}
    for start, end, _, _ in evidence:
        cuts |= {start, end}
    for quote in summary.quotes:
        cuts |= {quote.start, quote.end}
    for start, end in removed:
        cuts |= {start, end}
    bounds = sorted(c for c in cuts if 0 <= c <= len(document))
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = next((q for q in summary.quotes if q.start <= start and end <= q.end), None)
        over = [(label, key) for s, e, label, key in evidence if s <= start and end <= e]
        pieces.append(
            Piece(
                text=document[start:end],
                quote=covering,
                speaker=names.get(covering.speaker_id, covering.speaker_id) if covering else "",
                quote_starts=bool(covering and covering.start == start),
                quote_ends=bool(covering and covering.end == end),
                evidence="; ".join(dict.fromkeys(label for label, _ in over)),
                evidence_keys=list(dict.fromkeys(key for _, key in over)),
                anchors=[key for key, at in first.items() if at == start],
                boilerplate=any(s <= start and end <= e for s, e in removed),
            )
        )
    return pieces


def summary_html(summary: Summary, document: str) -> str:
    """The summary beside its source. Quotes are always highlighted; a stance's or a risk's
    evidence lights up on demand (hover, keyboard focus, or a tap that jumps to it), in CSS alone:
    the page runs no script."""
    summary = displayable(summary)  # offsets unchanged; the model's text without invisible characters
    pieces = source_pieces(document, summary)
    for piece in pieces:  # invisible characters of the document are shown, not obeyed
        piece.text = reveal_invisible(piece.text)
    stances: dict[str, list[tuple[str, Any]]] = {}
    for i, stance in enumerate(summary.stances):
        stances.setdefault(stance.actor_id, []).append((f"s{i}", stance))
    return (
        _environment()
        .get_template("summary.html.j2")
        .render(
            summary=summary,
            pieces=pieces,
            stances_by_actor=stances,
            evidence_keys=[key for key, _, spans in evidence_items(summary) if spans],
            names={a.id: a.name for a in summary.actors},
            extra=_extra_lines(summary),
        )
    )


def _extra_lines(summary: Summary) -> dict[str, list[str]]:
    """The user's own fields (`fields.py`), each item as one line of text."""
    from ..fields import user_fields
    from .summary import extra_item

    out = {}
    for name, value in user_fields(summary).items():
        items = value if isinstance(value, list) else [] if value is None else [value]
        out[name] = [extra_item(item) for item in items]
    return out


def report_html(report: Any, comparison: dict[str, Any] | None = None) -> str:
    from .report import EVAL_COLUMNS

    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            comparison=comparison or {},
            columns=EVAL_COLUMNS,
        )
    )
