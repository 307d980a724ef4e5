"""A pydantic model's core schema as JSON that pydantic-core validates to the model's dump.

Why: reading the rule files of a corpus through their pydantic models meant importing pydantic
and building the models on every cold load (issue 21). pydantic-core alone validates from a
core schema; ``plain_schema`` rewrites a model's as typed dicts of the same fields, defaults
filled in, so that validating gives exactly ``model.model_dump()``. Validators are named by
their name in a table of plain functions, pydantic's own length check becomes the length
constraint it checks, and whatever else is not known here raises ``Unsupported``: the models
are then used, as before. Only the first run imports this (pydantic is imported by then).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pydantic import BaseModel

# What each kind of leaf may hold besides ``type`` and ``metadata``; anything else is unknown
# here, and carrying it over unexamined could change what is accepted.
_LEAVES = {
    "any": set(),
    "bool": {"strict"},
    "date": {"strict"},
    "decimal": {"ge", "le", "gt", "lt", "strict"},
    "int": {"ge", "le", "gt", "lt", "strict"},
    "literal": {"expected"},
    "str": {"strict", "pattern", "min_length", "max_length"},
}
_MODEL_CONFIG = {"extra_fields_behavior", "title", "validate_by_alias", "validate_by_name"}
_KEPT_CONFIG = ("validate_by_alias", "validate_by_name")


class Unsupported(Exception):
    """The model's schema holds something the plain schema cannot carry over exactly."""


def plain_schema(model: type[BaseModel], functions: Mapping[str, Callable[..., Any]]
                 ) -> dict[str, Any]:
    """The JSON of ``model``'s core schema with typed dicts for models; ``functions`` names
    the only validators it may hold.

    Example:
        >>> from vardval.checker.sources.models import Localized
        >>> plain_schema(Localized, {})["type"]
        'typed-dict'
    """
    model.model_rebuild()
    return _Converter(functions).node(model.__pydantic_core_schema__)


class _Converter:
    def __init__(self, functions: Mapping[str, Callable[..., Any]]) -> None:
        self.names = {id(f): name for name, f in functions.items()}
        self.functions = functions

    def node(self, node: Any) -> dict[str, Any]:
        kind = node.get("type")
        if kind in _LEAVES:
            return _leaf(node, _LEAVES[kind])
        method = getattr(self, "_" + str(kind).replace("-", "_"), None)
        if method is None:
            raise Unsupported(f"a {kind!r} node")
        found: dict[str, Any] = method(node)
        return found

    def _model(self, node: dict[str, Any]) -> dict[str, Any]:
        """A model as a typed dict: every field, those with a default filled in when absent
        (``model_dump``), extra fields treated as the model treats them."""
        _only(node, {"cls", "config", "custom_init", "root_model", "schema", "ref"})
        config = node.get("config", {})
        if node.get("custom_init") or node.get("root_model") or set(config) - _MODEL_CONFIG:
            raise Unsupported(f"the model {node['cls'].__name__}")
        fields_node = node["schema"]
        _only(fields_node, {"fields", "model_name", "computed_fields"})
        if fields_node.get("type") != "model-fields" or fields_node.get("computed_fields"):
            raise Unsupported(f"the fields of {node['cls'].__name__}")
        fields = {name: self._field(field) for name, field in fields_node["fields"].items()}
        out = {"type": "typed-dict", "fields": fields,
               "extra_behavior": config.get("extra_fields_behavior", "ignore"),
               "config": {key: config[key] for key in _KEPT_CONFIG if key in config}}
        if "ref" in node:
            out["ref"] = node["ref"]
        return out

    def _field(self, field: dict[str, Any]) -> dict[str, Any]:
        _only(field, {"schema", "validation_alias", "serialization_alias"})
        alias = field.get("validation_alias")
        if alias is not None and not isinstance(alias, str):
            raise Unsupported(f"the alias {alias!r}")
        out = {"type": "typed-dict-field", "schema": self.node(field["schema"]),
               "required": field["schema"].get("type") != "default"}
        if alias is not None:
            out["validation_alias"] = alias
        return out

    def _default(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"schema", "default", "default_factory", "default_factory_takes_data"})
        return {"type": "default", "schema": self.node(node["schema"]),
                "default": _default_value(node)}

    def _list(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"items_schema", "min_length", "max_length"})
        return {**_leaf(node, {"min_length", "max_length", "items_schema"}),
                "items_schema": self.node(node["items_schema"])}

    def _dict(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"keys_schema", "values_schema"})
        return {"type": "dict", "keys_schema": self.node(node["keys_schema"]),
                "values_schema": self.node(node["values_schema"])}

    def _nullable(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"schema"})
        return {"type": "nullable", "schema": self.node(node["schema"])}

    def _union(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"choices", "mode"})
        if any(not isinstance(choice, dict) for choice in node["choices"]):
            raise Unsupported("a labelled union")
        out = {"type": "union", "choices": [self.node(c) for c in node["choices"]]}
        if "mode" in node:
            out["mode"] = node["mode"]
        return out

    def _definitions(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"schema", "definitions"})
        return {"type": "definitions", "schema": self.node(node["schema"]),
                "definitions": [self.node(d) for d in node["definitions"]]}

    def _definition_ref(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"schema_ref"})
        return {"type": "definition-ref", "schema_ref": node["schema_ref"]}

    def _function_before(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"function", "schema", "json_schema_input_schema"})  # the last: docs only
        return {"type": "function-before", "function": self._function(node["function"]),
                "schema": self.node(node["schema"])}

    def _function_after(self, node: dict[str, Any]) -> dict[str, Any]:
        _only(node, {"function", "schema"})
        inner = self.node(node["schema"])
        length = _min_length(node["function"])
        if length is not None:
            return _with_min_length(inner, length)
        return {"type": "function-after", "function": self._function(node["function"]),
                "schema": inner}

    def _function(self, wrapper: dict[str, Any]) -> dict[str, Any]:
        """A plain validator by its name in the table: the only functions a schema may name."""
        function = wrapper.get("function")
        name = self.names.get(id(function))
        if wrapper.get("type") != "no-info" or name is None:
            raise Unsupported(f"the validator {function!r}")
        return {"type": "no-info", "function": name}


def _default_value(node: dict[str, Any]) -> Any:
    """A default as JSON: a model's default as its dump, ``dict``/``list`` factories as an
    empty one (pydantic-core copies a mutable default for each use, as the factory makes one)."""
    factory = node.get("default_factory")
    if factory is not None:
        if factory not in (dict, list) or node.get("default_factory_takes_data"):
            raise Unsupported(f"the default factory {factory!r}")
        return factory()
    default = node["default"]
    dump = getattr(default, "model_dump", None)
    value = dump() if callable(dump) else default
    if not _json(value):
        raise Unsupported(f"the default {default!r}")
    return value


def _min_length(wrapper: dict[str, Any]) -> int | None:
    """The length a ``Field(min_length=…)`` that pydantic checks after a validator asks for."""
    from pydantic._internal import _validators  # noqa: PLC0415 - pydantic's own check

    function = wrapper.get("function")
    if (isinstance(function, functools.partial) and function.func is
            _validators.min_length_validator and not function.args
            and set(function.keywords) == {"min_length"}):
        length: int = function.keywords["min_length"]
        return length
    return None


def _with_min_length(inner: dict[str, Any], length: int) -> dict[str, Any]:
    """``inner`` with its text or list at least ``length`` long: what pydantic's length check
    after it asks of the value it gives (a before-validator's output is the leaf's input)."""
    leaf = inner["schema"] if inner["type"] == "function-before" else inner
    if leaf["type"] not in ("str", "list"):
        raise Unsupported(f"a length check of a {leaf['type']!r} node")
    leaf["min_length"] = max(length, leaf.get("min_length", 0))
    return inner


def _leaf(node: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    _only(node, allowed)
    out = {key: value for key, value in node.items() if key != "metadata"}
    for key, value in out.items():
        if key != "items_schema" and not _json(value):
            raise Unsupported(f"the value {value!r} in a {node['type']!r} node")
    return out


def _json(value: object) -> bool:
    """Text, a number, true/false, None, or lists and text-keyed dicts of them: what JSON
    carries back unchanged."""
    if isinstance(value, list):
        return all(_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json(v) for k, v in value.items())
    return value is None or isinstance(value, str | int)  # bool is an int


def _only(node: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(node) - allowed - {"type", "metadata"}
    if unknown:
        raise Unsupported(f"{sorted(unknown)} in a {node.get('type')!r} node")
