"""From the command line: `--schema module:Class` or `--schema fields.json`."""

from __future__ import annotations

import importlib
import json
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import ConfigError
from .extra import ExtraFields, extra_fields
from .shapes import (
    Evidence,
    create_model,
)

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
