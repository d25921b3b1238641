"""Your own grounded fields: `summarize(text, extra={"figures": list[Figure]})`.

A user describes extra fields with Pydantic types. A field typed `Evidence` is grounded like a
stance's evidence: in the draft the model fills it is a short list of segment ids (`S4`, `Q2`),
and the library copies the exact spans from the document. From the user's types this module
builds

- the draft model the model fills (`SummaryDraft` plus the extra fields; Evidence -> 1 to 3 ids,
  every list at most `MAX_ITEMS` items, every string at most `MAX_TEXT` characters), and
- the grounding of a draft's extra fields: ids -> spans (an unknown id, or one of text addressed to
  an AI model, is a `Problem`: re-asked once, then dropped with a warning), items left with no
  evidence dropped, free text cleaned like every other field (`grounding.clean_field`).

The output is typed as the user declared it: `summary.extra["figures"]` is a list of `Figure`,
whose `evidence` is a list of `Span`. A `Summary` subclass works too: its own fields are the
extra fields, and the summary comes back as an instance of it.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import importlib
import json
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, ValidationError, create_model
from pydantic.fields import FieldInfo

from .errors import ConfigError
from .schemas import MAX_EVIDENCE, SegmentRef, Span, Summary, SummaryDraft

if TYPE_CHECKING:
    from .grounding import Grounded, Problem
    from .names import KeptText
    from .segmentation import Segmentation

MAX_ITEMS = 10  # items in any list of an extra field, per model call
MAX_TEXT = 300  # characters in any string of an extra field


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
        from .grounding import _evidence

        spans = _evidence(list(value or []), ctx.segmentation, where, ctx.problems)
        return spans or _DROP


@dataclass(frozen=True)
class _TextNode(_Node):
    max_length: int

    def draft(self) -> Any:
        return Annotated[str, Field(max_length=self.max_length)]

    def ground(self, value: Any, ctx: _Context, where: str) -> Any:
        from .grounding import clean_field

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


# --- The extra fields of one configuration -------------------------------------------------------


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
        from .grounding import kept_text

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


# --- From the command line: `--schema module:Class` or `--schema fields.json` ----------------------

_JSON_TYPES: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool, "evidence": Evidence}
_JSON_KEYS = {"type", "description", "optional", "choices", "fields", "items", "name"}


def load_schema(spec: str) -> ExtraFields | None:
    """The extra fields that `--schema` names: a Pydantic model (`module:Class`, the current
    folder importable) or a JSON description of the fields (a `.json` file)."""
    import sys
    from pathlib import Path

    path = Path(spec)
    if spec.endswith(".json") or path.is_file():
        try:
            described = json.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(f"--schema {spec} cannot be read ({exc.strerror or exc}).") from exc
        except ValueError as exc:
            raise ConfigError(f"--schema {spec} is not valid JSON ({exc}).") from exc
        return extra_fields(model_from_json(described))
    module_name, _, class_name = spec.partition(":")
    if not module_name or not class_name:
        raise ConfigError(f"--schema takes module:Class or a fields .json file, not {spec!r}.")
    if "" not in sys.path and "." not in sys.path:
        sys.path.insert(0, "")  # as `python -m` does: a module in the current folder is found
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # any error importing user code is a configuration error
        raise ConfigError(f"--schema {spec}: module {module_name} cannot be imported ({exc}).") from exc
    cls = getattr(module, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
        raise ConfigError(f"--schema {spec}: {class_name} is not a Pydantic model in {module_name}.")
    return extra_fields(cls)


def model_from_json(described: Any) -> type[BaseModel]:
    """A Pydantic model from a fields description: `{"figures": {"type": "list", "fields": {...}}}`."""
    if not isinstance(described, dict) or not described:
        raise ConfigError('A fields description is a JSON object of field names, e.g. {"deadline": "str"}.')
    fields: dict[str, Any] = {name: _json_field(spec, name) for name, spec in described.items()}
    return create_model("ExtraFields", **fields)


def _json_field(spec: Any, where: str) -> tuple[Any, Any]:
    annotation, spec = _json_type(spec, where)
    description = spec.get("description")
    if spec.get("optional"):
        return annotation | None, Field(default=None, description=description)
    return annotation, Field(description=description)


def _json_type(spec: Any, where: str) -> tuple[Any, dict[str, Any]]:
    if isinstance(spec, str):
        spec = {"type": spec}
    if not isinstance(spec, dict):
        raise ConfigError(f"Field {where} must be a type name or an object with a type, not {spec!r}.")
    unknown = set(spec) - _JSON_KEYS
    if unknown:
        raise ConfigError(f"Field {where} has unknown key(s) {', '.join(sorted(unknown))}.")
    kind = spec.get("type", "str" if "choices" in spec else None)
    if "choices" in spec:
        choices = spec["choices"]
        if kind != "str" or not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise ConfigError(f"Field {where}: choices must be a list of strings, on a str field.")
        return Literal.__getitem__(tuple(choices)), spec  # type: ignore[attr-defined]
    if kind in _JSON_TYPES:
        return _JSON_TYPES[kind], spec
    if kind in ("list", "object"):
        if isinstance(spec.get("fields"), dict) and spec["fields"]:
            name = spec.get("name") or _class_name(where, plural=kind == "list")
            item_fields: dict[str, Any] = {
                n: _json_field(f, f"{where}.{n}") for n, f in spec["fields"].items()
            }
            item: Any = create_model(str(name), **item_fields)
        elif kind == "list" and "items" in spec:
            item, _ = _json_type(spec["items"], f"{where} items")
        else:
            raise ConfigError(f'Field {where} of type {kind} needs "fields" (or, for a list, "items").')
        return (list[item] if kind == "list" else item), spec
    raise ConfigError(
        f"Field {where} has type {kind!r}; use str, int, float, bool, evidence, list or object."
    )


def _class_name(where: str, plural: bool) -> str:
    word = where.rsplit(".", 1)[-1]
    if plural and word.endswith("ies"):
        word = word[:-3] + "y"
    elif plural and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return "".join(part.capitalize() for part in word.split("_")) or "Item"
