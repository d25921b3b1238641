"""The extra fields of one configuration: built from a mapping of names to types or from a
Pydantic model, checked, drafted, grounded, and turned into the summary users get.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errors import ConfigError
from ..schemas import Summary, SummaryDraft
from .shapes import (
    _DROP,
    RESERVED,
    _annotated,
    _Context,
    _draft_field,
    _ListNode,
    _ModelNode,
    _Node,
    _OptionalNode,
    _Slot,
    _slot,
    create_model,
)

if TYPE_CHECKING:
    from ..grounding import Grounded
    from ..segmentation import Segmentation


@dataclass(frozen=True, eq=False)
class ExtraFields:
    """The user's extra fields, ready to draft and ground. Equal (and hashed) by what the user
    gave, so `Settings` holding them stays a usable cache key."""

    key: tuple[Any, ...]
    slots: tuple[tuple[str, _Slot], ...]
    summary_class: type[Summary] | None = None
    annotations: dict[str, Any] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExtraFields) and other.key == self.key

    def __hash__(self) -> int:
        return hash(tuple(name for name, _ in self.slots))

    def __repr__(self) -> str:
        return f"ExtraFields({', '.join(self.describe())})"

    @functools.cached_property
    def draft_model(self) -> type[SummaryDraft]:
        """`SummaryDraft` with the extra fields: what the model is asked to fill."""
        fields: dict[str, Any] = {name: _draft_field(slot) for name, slot in self.slots}
        return create_model(  # type: ignore[no-any-return]
            "SummaryDraft", __base__=SummaryDraft, __doc__=SummaryDraft.__doc__, **fields
        )

    @functools.cached_property
    def output_model(self) -> type[Summary]:
        """What users get: their `Summary` subclass, or `Summary` with a typed `extra`."""
        if self.summary_class is not None:
            return self.summary_class
        fields: dict[str, Any] = {name: (ann, None) for name, ann in self.annotations.items()}
        extra = create_model("Extra", **fields)
        return create_model("Summary", __base__=Summary, __doc__=Summary.__doc__, extra=(extra, None))  # type: ignore[no-any-return]

    @property
    def instructions(self) -> str:
        """What the system message adds for these fields (only when there are any)."""
        lines = [f"- {name}: {slot.description or _doc(slot.node)}" for name, slot in self.slots]
        return (
            "\n\nAlso fill in these fields:\n"
            + "\n".join(line.rstrip(": ") for line in lines)
            + "\nWhere a field asks for evidence, give the ids of the sentences or quotes that show "
            "it (S4, Q2), never their text."
        )

    def describe(self) -> dict[str, str]:
        """The fields as words, for the run history."""
        return {name: _describe(self.annotations[name]) for name, _ in self.slots}

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of the draft schema: two runs with it answer alike (batch ids, resume)."""
        schema = json.dumps(self.draft_model.model_json_schema(), sort_keys=True)
        return hashlib.sha256(schema.encode()).hexdigest()[:16]

    def ground(self, draft: Any, segmentation: Segmentation, grounded: Grounded) -> None:
        """Ground the extra fields of `draft` into `grounded.extra`, with its problems and notes."""
        from ..grounding import kept_text

        ctx = _Context(segmentation, kept_text(segmentation), grounded.problems, grounded.notes)
        for name, slot in self.slots:
            value = slot.node.ground(getattr(draft, name, None), ctx, name)
            grounded.extra[name] = None if value is _DROP else value

    def summary(self, base: Summary, values: Mapping[str, Any]) -> Summary:
        """The finished summary, with the extra fields where the user declared them."""
        if self.summary_class is None:
            return base.model_copy(update={"extra": dict(values)})
        own = {name: value for name, value in values.items() if value is not None}
        return self.summary_class.model_validate({**dict(base), **own})


def _doc(node: _Node) -> str:
    inner = node
    while isinstance(inner, (_ListNode, _OptionalNode)):
        inner = inner.item if isinstance(inner, _ListNode) else inner.inner
    doc = inner.cls.__doc__ if isinstance(inner, _ModelNode) else None
    return (doc or "").strip().splitlines()[0] if doc else ""


def _describe(annotation: Any) -> str:
    text = repr(annotation)
    return text.replace("typing.", "").replace("summarizer.schemas.", "")


def extra_fields(spec: Any) -> ExtraFields | None:
    """ExtraFields from a mapping of names to types, or a Pydantic model whose fields they are
    (a `Summary` subclass's own fields). None for no fields."""
    if spec is None or isinstance(spec, ExtraFields):
        return spec
    if isinstance(spec, type) and issubclass(spec, BaseModel):
        return _from_model(spec)
    if isinstance(spec, Mapping):
        if not spec:
            return None
        try:
            return _compiled(tuple(spec.items()))
        except TypeError:  # an unhashable annotation: build it afresh
            return _compile(tuple(spec.items()))
    raise ConfigError(
        f"extra must map field names to types, or be a Pydantic model class, not {type(spec).__name__}."
    )


def _check_name(name: Any) -> None:
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ConfigError(f"Extra field name {name!r} must be a Python identifier without a leading _.")
    if name in RESERVED:
        raise ConfigError(f"Extra field {name!r} clashes with a built-in field of the summary; rename it.")


@functools.lru_cache(maxsize=32)
def _compiled(items: tuple[tuple[str, Any], ...]) -> ExtraFields:
    return _compile(items)


def _compile(items: tuple[tuple[str, Any], ...]) -> ExtraFields:
    slots = []
    for name, annotation in items:
        _check_name(name)
        info = annotation if isinstance(annotation, FieldInfo) else FieldInfo.from_annotation(annotation)
        slots.append((name, _top_slot(info, name)))
    return ExtraFields(key=items, slots=tuple(slots), annotations=dict(items))


def _top_slot(info: FieldInfo, name: str) -> _Slot:
    slot = _slot(info, name)
    if isinstance(slot.node, _ListNode) and slot.required:  # the model may find none
        return _Slot(slot.node, slot.description, False, [])
    return slot


def _from_model(cls: type[BaseModel]) -> ExtraFields | None:
    own = {
        name: info
        for name, info in cls.model_fields.items()
        if not (issubclass(cls, Summary) and name in Summary.model_fields)
    }
    if not own:
        return None
    slots = []
    for name, info in own.items():
        _check_name(name)
        if issubclass(cls, Summary) and info.is_required():
            raise ConfigError(
                f"{cls.__name__}.{name} needs a default (e.g. = [] or = None), since the model may find none."
            )
        slots.append((name, _top_slot(info, name)))
    annotations = {name: _annotation(info) for name, info in own.items()}
    summary_class = cls if issubclass(cls, Summary) else None
    return ExtraFields(key=(cls,), slots=tuple(slots), summary_class=summary_class, annotations=annotations)


def _annotation(info: FieldInfo) -> Any:
    return _annotated(info.annotation, info.metadata)


# --- Reading extra fields back: merging chunks, the eval, the views ------------------------------
