"""The shape of a user's field: the type the model fills in its draft, and how a draft value
is grounded (ids -> exact spans, free text cleaned, items with no evidence dropped).
"""

from __future__ import annotations

import enum
import functools
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
from pydantic import BaseModel, Field, ValidationError
from pydantic.fields import FieldInfo

from ..errors import ConfigError
from ..schemas import MAX_EVIDENCE, SegmentRef, Span, Summary, SummaryDraft

if TYPE_CHECKING:
    from ..grounding import Problem
    from ..names import KeptText
    from ..segmentation import Segmentation

MAX_ITEMS = 10  # items in any list of an extra field, per model call
MAX_TEXT = 300  # characters in any string of an extra field


def create_model(*args: Any, **kwargs: Any) -> Any:
    """pydantic's `create_model`, the models it makes belonging to `summarizer.fields` as they
    always have: their module shows in a schema's `$defs` when two share a name (so in the
    fingerprint) and in the run history's field descriptions."""
    kwargs.setdefault("__module__", "summarizer.fields")
    return pydantic.create_model(*args, **kwargs)


class _EvidenceMarker:
    """Marks a field as evidence: the model cites ids, the library fills in exact spans."""

    def __repr__(self) -> str:
        return "Evidence"


EVIDENCE = _EvidenceMarker()
# What users write: `evidence: Evidence`. In the output it is a list of exact spans.
Evidence = Annotated[list[Span], EVIDENCE]

RESERVED = frozenset({*SummaryDraft.model_fields, *Summary.model_fields})
_DROP = object()  # a value that cannot stay: its item goes too
_SCALARS = (str, int, float, bool)


@dataclass
class _Context:
    segmentation: Segmentation
    text: KeptText
    problems: list[Problem]
    notes: list[str]


# --- The shape of a field: its draft type, and how a draft value is grounded ------------------


class _Node:
    def draft(self) -> Any:
        raise NotImplementedError

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class _EvidenceNode(_Node):
    def draft(self) -> Any:
        return Annotated[
            list[SegmentRef],
            Field(
                min_length=1,
                max_length=MAX_EVIDENCE,
                description="Ids of the sentences (S4) or quotes (Q2) that show this; never their text.",
            ),
        ]

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        from ..grounding import _evidence

        spans = _evidence(list(value or []), ctx.segmentation, where, ctx.problems)
        return spans or _DROP


@dataclass(frozen=True)
class _TextNode(_Node):
    max_length: int

    def draft(self) -> Any:
        return Annotated[str, Field(max_length=self.max_length)]

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        from ..grounding import clean_field

        return clean_field(value, ctx.text, where, ctx.notes)


@dataclass(frozen=True)
class _ScalarNode(_Node):
    annotation: Any

    def draft(self) -> Any:
        return self.annotation

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        return value


@dataclass(frozen=True)
class _ListNode(_Node):
    item: _Node
    max_items: int

    def draft(self) -> Any:
        return Annotated[list[self.item.draft()], Field(max_length=self.max_items)]  # type: ignore[misc]

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        out = []
        for i, item in enumerate(value or []):
            grounded = self.item.ground(item, ctx, f"{where}[{i}]")
            if grounded is not _DROP:
                out.append(grounded)
        return out


@dataclass(frozen=True)
class _OptionalNode(_Node):
    inner: _Node

    def draft(self) -> Any:
        return self.inner.draft() | None

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        if value is None:
            return None
        grounded = self.inner.ground(value, ctx, where)
        return None if grounded is _DROP else grounded


@dataclass(frozen=True)
class _Slot:
    """One field of a model: its shape, and what the draft says of it."""

    node: _Node
    description: str | None
    required: bool
    default: Any = None


@dataclass(frozen=True, eq=False)
class _ModelNode(_Node):
    cls: type[BaseModel]
    slots: tuple[tuple[str, _Slot], ...]

    @functools.cached_property
    def _draft(self) -> type[BaseModel]:
        fields: dict[str, Any] = {name: _draft_field(slot) for name, slot in self.slots}
        return create_model(self.cls.__name__, __doc__=self.cls.__doc__, **fields)

    def draft(self) -> Any:
        return self._draft

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        data: dict[str, Any] = {}
        for name, slot in self.slots:
            grounded = slot.node.ground(getattr(value, name, None), ctx, f"{where}.{name}")
            if grounded is _DROP:
                if slot.required:
                    ctx.notes.append(f"Dropped {where}: its {name} has nothing in the document to stand on.")
                    return _DROP
                continue
            data[name] = grounded
        try:
            return self.cls.model_validate(data)
        except ValidationError as exc:
            ctx.notes.append(f"Dropped {where}: {exc.errors()[0]['msg']}.")
            return _DROP


def _draft_field(slot: _Slot) -> tuple[Any, Any]:
    if isinstance(slot.node, _ListNode) and not slot.required:
        return slot.node.draft(), Field(default_factory=list, description=slot.description)
    if slot.required:
        return slot.node.draft(), Field(description=slot.description)
    return slot.node.draft(), Field(default=slot.default, description=slot.description)


# --- From the user's types to shapes -------------------------------------------------------------


def _max_length(metadata: list[Any]) -> int | None:
    return next((m.max_length for m in metadata if getattr(m, "max_length", None) is not None), None)


def _annotated(annotation: Any, metadata: list[Any]) -> Any:
    """`Annotated[annotation, *metadata]`, spelled so Python 3.10 parses it."""
    return Annotated.__class_getitem__((annotation, *metadata)) if metadata else annotation  # type: ignore[attr-defined]


def _node(annotation: Any, where: str, metadata: list[Any] | None = None) -> _Node:
    """The shape of `annotation`; raises ConfigError for what cannot be drafted and grounded."""
    metadata = list(metadata or [])
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metadata.extend(more)
    if any(m is EVIDENCE for m in metadata) or annotation == list[Span]:
        return _EvidenceNode()
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(rest) == len(args):
            raise ConfigError(f"{where} may be one type or that type | None, not {annotation!r}.")
        return _OptionalNode(_node(rest[0], where, metadata))
    if origin is list and len(args) == 1:
        bound = min(_max_length(metadata) or MAX_ITEMS, MAX_ITEMS)
        return _ListNode(_node(args[0], f"{where} items"), bound)
    if annotation is str:
        return _TextNode(min(_max_length(metadata) or MAX_TEXT, MAX_TEXT))
    if annotation in _SCALARS or origin is Literal:
        return _ScalarNode(_annotated(annotation, metadata))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _ScalarNode(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_node(annotation, where)
    raise ConfigError(
        f"{where} has type {getattr(annotation, '__name__', annotation)!r}, which cannot be grounded; "
        "use str, int, float, bool, Literal, Evidence, a Pydantic model, or a list or Optional of those."
    )


def _slot(info: FieldInfo, where: str) -> _Slot:
    node = _node(info.annotation, where, list(info.metadata))
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    return _Slot(node, info.description, required, default)


def _model_node(cls: type[BaseModel], where: str) -> _ModelNode:
    if issubclass(cls, Span):
        raise ConfigError(f"{where} is a single Span; type it Evidence to have the model cite ids.")
    if not cls.__pydantic_complete__:
        try:
            cls.model_rebuild()
        except Exception as exc:  # pydantic's own error names the missing type
            raise ConfigError(f"{where}: {cls.__name__} is not fully defined ({exc}).") from exc
    slots = tuple((name, _slot(info, f"{where}.{name}")) for name, info in cls.model_fields.items())
    return _ModelNode(cls, slots)
