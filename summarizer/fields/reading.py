"""Reading extra fields back: merging chunks, the eval, the views."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..schemas import Span, Summary


def merge_extra(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The extra fields of a chunked document: lists concatenated (an item found in the overlap of
    two chunks kept once), anything else the first part's that has it."""
    out: dict[str, Any] = {}
    for part in parts:
        for name, value in part.items():
            if isinstance(value, list):
                have = out.setdefault(name, [])
                seen = {_identity(v) for v in have}
                have.extend(v for v in value if _identity(v) not in seen)
            elif out.get(name) is None:
                out[name] = value
    return out


def _identity(value: Any) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return json.dumps(value, sort_keys=True, default=str)


def user_fields(summary: Summary) -> dict[str, Any]:
    """A summary's extra fields by name: `summary.extra`, or a `Summary` subclass's own fields."""
    own = {
        name: getattr(summary, name)
        for name in type(summary).model_fields
        if name not in Summary.model_fields
    }
    extra = summary.extra
    values = extra if isinstance(extra, dict) else dict(extra) if isinstance(extra, BaseModel) else {}
    return {**values, **own}


def spans_in(value: Any) -> Iterator[Span]:
    """Every grounded span inside an extra field's value."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans_in(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item)
