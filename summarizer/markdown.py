"""Markdown input (a `.md` file) read as the text its reader sees: emphasis marks, link targets,
images and raw HTML left out, one paragraph, heading, list item or quoted paragraph per line, the
lines of a paragraph joined (Markdown is often wrapped at 80 columns). As with HTML, offsets then
index this text, which is what the summary quotes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def is_markdown(source: str | Path) -> bool:
    return Path(source).suffix.lower() in MARKDOWN_SUFFIXES


def markdown_to_text(text: str) -> str:
    from markdown_it import MarkdownIt  # noqa: PLC0415 - only for Markdown input

    blocks: list[str] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _inline_text(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # An image's alt text, raw HTML and the marks of emphasis and links are not read.
    return "".join(parts)
