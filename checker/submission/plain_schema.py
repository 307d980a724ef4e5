"""The submission model's core schema with plain dicts for its models, as JSON: what the quick
validator (``quick_validator``) is built from.

pydantic generates a core schema from ``model.Submission``. ``plain_schema`` rewrites each model
in it as a typed dict of the same fields, so that validating gives exactly ``Intake.data``
(``model_dump(exclude_unset=True)``: plain dicts, absent optional fields absent), names each
before-validator by its name in ``coercions``, and leaves out what only serialising, JSON Schema
or pydantic's bookkeeping read (``metadata``, ``ref``, titles). Whatever it does not know how to
carry over exactly raises ``Unsupported``: the quick validator is then not used at all, and
every submission is validated by the model as before.
"""

from __future__ import annotations

from typing import Any

from vardval.checker.submission import coercions
from vardval.checker.submission.model import Submission

# What each kind of node may hold besides ``type`` and ``metadata``; anything else is unknown
# here, and carrying it over unexamined could change what is accepted.
_LEAVES = {
    "bool": {"strict"},
    "date": {"strict"},
    "decimal": {"ge", "le", "gt", "lt", "strict"},
    "int": {"ge", "le", "gt", "lt", "strict"},
    "literal": {"expected"},
    "str": {"strict", "pattern", "min_length", "max_length"},
}
_MODEL_CONFIG = {"extra_fields_behavior", "title"}


class Unsupported(Exception):
    """The model's schema holds something the plain schema cannot carry over exactly."""


def plain_schema() -> dict[str, Any]:
    """The JSON of the quick validator's core schema, generated from the model now."""
    Submission.model_rebuild()
    return _node(Submission.__pydantic_core_schema__)


def _node(node: Any) -> dict[str, Any]:
    kind = node.get("type")
    if kind in _LEAVES:
        return _leaf(node, _LEAVES[kind])
    if kind == "model":
        return _model(node)
    if kind == "list":
        _only(node, {"items_schema"})
        return {"type": "list", "items_schema": _node(node["items_schema"])}
    if kind == "function-before":
        _only(node, {"function", "schema"})
        return {"type": "function-before", "function": _function(node["function"]),
                "schema": _node(node["schema"])}
    raise Unsupported(f"a {kind!r} node")


def _leaf(node: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    _only(node, allowed)
    out = {key: value for key, value in node.items() if key != "metadata"}
    for value in out.values():
        if not _json(value):
            raise Unsupported(f"the value {value!r} in a {node['type']!r} node")
    return out


def _json(value: object) -> bool:
    """Text, a whole number, true/false or a list of them: what JSON carries back unchanged."""
    if isinstance(value, list):
        return all(_json(item) for item in value)
    return isinstance(value, str | int)  # bool is an int


def _model(node: dict[str, Any]) -> dict[str, Any]:
    """A model as a typed dict: required fields required, those with a default optional and
    left out when absent (``exclude_unset``), extra fields treated as the model treats them."""
    _only(node, {"cls", "config", "custom_init", "root_model", "schema", "ref"})
    config = node.get("config", {})
    if node.get("custom_init") or node.get("root_model") or set(config) - _MODEL_CONFIG:
        raise Unsupported(f"the model {node['cls'].__name__}")
    fields_node = node["schema"]
    if fields_node.get("type") != "model-fields" or fields_node.get("computed_fields"):
        raise Unsupported(f"the fields of {node['cls'].__name__}")
    fields = {}
    for name, field in fields_node["fields"].items():
        _only(field, {"schema"})
        schema = field["schema"]
        required = schema.get("type") != "default"
        if not required:
            _only(schema, {"schema", "default"})
            schema = schema["schema"]
        fields[name] = {"type": "typed-dict-field", "schema": _node(schema), "required": required}
    return {"type": "typed-dict", "fields": fields,
            "extra_behavior": config.get("extra_fields_behavior", "ignore")}


def _function(wrapper: dict[str, Any]) -> dict[str, Any]:
    """A before-validator by its name in ``coercions``: the only functions a schema may name."""
    function = wrapper.get("function")
    name = getattr(function, "__name__", "")
    if wrapper.get("type") != "no-info" or coercions.BY_NAME.get(name) is not function:
        raise Unsupported(f"the validator {function!r}")
    return {"type": "no-info", "function": name}


def _only(node: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(node) - allowed - {"type", "metadata"}
    if unknown:
        raise Unsupported(f"{sorted(unknown)} in a {node.get('type')!r} node")
