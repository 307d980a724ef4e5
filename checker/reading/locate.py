"""From a path inside a loaded YAML file to a Span, and from a scalar to DSL text + Origin.

Expressions and message placeholders live inside YAML scalars; authors must see errors at the
file's own line and column, also for block scalars (``|`` and ``>``), so the DSL gets the raw
text of the scalar with its true starting position.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, get_args, get_origin

from pydantic import BaseModel
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Origin, Span

PathKey = tuple[str | int, ...]


class Mark(Protocol):
    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None


class Loaded(Protocol):
    """What locating needs of a loaded document (read-only, so frozen loaders conform)."""

    @property
    def data(self) -> Any: ...

    @property
    def marks(self) -> Mapping[PathKey, Any]: ...

    @property
    def key_marks(self) -> Mapping[PathKey, Any]: ...


def span_at(loaded: Loaded, path: PathKey, filename: str, *, key: bool = False) -> Span:
    """The span of the node at ``path`` (or of its key), falling back to the nearest parent."""
    table = loaded.key_marks if key else loaded.marks
    probe = tuple(path)
    while probe not in table and probe:
        probe = probe[:-1]
        table = loaded.marks
    mark = table.get(probe)
    if mark is None:
        return Span(filename, 1, 1, 1, 2)
    return Span(filename, mark.line, mark.column, mark.end_line, mark.end_column)


def expression_source(lines: Sequence[str], mark: Mark, value: str,
                      filename: str) -> tuple[str, Origin]:
    """The DSL text of a scalar and where it starts, so DSL spans are file positions.

    The text is the scalar as written in the file (block scalars without their header line,
    quoted ones without their quotes): YAML folding changes only whitespace, which the DSL
    ignores, so it means the same as ``value``. Where the written text means something else
    (escapes such as ``\\"`` or ``''``, an alias), ``value`` is used, placed at the scalar's start.

    Example:
        >>> from vardval.checker.reading.locate import expression_source
        >>> from vardval.checker.reading.strict_yaml import load_yaml
        >>> text = "require: >-\\n  a > 1\\n  and b\\n"
        >>> loaded = load_yaml(text, "r.yaml")
        >>> mark, value = loaded.marks[("require",)], loaded.data["require"]
        >>> expression_source(text.splitlines(), mark, value, "r.yaml")
        ('  a > 1\\n  and b', Origin(file='r.yaml', line=2, column=1))
    """
    written = _written(lines, mark, filename)
    if written is not None and written[0].split() == value.split():
        return written
    shift = 1 if mark.style in _QUOTES else 0
    return value, Origin(filename, mark.line, mark.column + shift)


_QUOTES = ("'", '"')


def _written(lines: Sequence[str], mark: Mark, filename: str) -> tuple[str, Origin] | None:
    """The scalar's text as it stands in the file, or None when the marks do not fit it."""
    if mark.line > len(lines) or mark.end_line > len(lines) + 1:
        return None
    if mark.style in ("|", ">"):
        last = mark.end_line if mark.end_column > 1 else mark.end_line - 1
        return "\n".join(lines[mark.line: last]), Origin(filename, mark.line + 1, 1)
    if mark.end_line == mark.line:
        text = lines[mark.line - 1][mark.column - 1: mark.end_column - 1]
    else:
        first = lines[mark.line - 1][mark.column - 1:]
        tail = lines[mark.end_line - 1][: mark.end_column - 1]
        text = "\n".join([first, *lines[mark.line: mark.end_line - 1], tail])
    if mark.style in _QUOTES:
        if len(text) < 2 or text[0] != mark.style or text[-1] != mark.style:
            return None
        return text[1:-1], Origin(filename, mark.line, mark.column + 1)
    return text, Origin(filename, mark.line, mark.column)


def pydantic_diagnostics(errors: Sequence[Mapping[str, Any]], loaded: Loaded, filename: str,
                         model: type[BaseModel] | None = None,
                         part: tuple[type[BaseModel], PathKey] | None = None) -> list[Diagnostic]:
    """Translate pydantic's errors into located diagnostics in house style.

    With the file's ``model``, an unknown key gets a "did you mean" and the keys allowed
    there, and a missing key the description of what it holds. ``part`` is the model of the
    part of the file at a path, when only that part was validated: a value refused by a pattern
    is then explained by its field's description.
    """
    out = []
    for error in errors:
        kind = error["type"]
        path = _data_path(error["loc"], loaded.data, kind)
        if kind in ("extra_forbidden", "missing") and not path:
            kind = "invalid"
        if kind == "extra_forbidden":
            span = span_at(loaded, path, filename, key=True)
            message = f"unknown key '{path[-1]}' in {_dotted(path[:-1])}"
            out.append(Diagnostic("unknown-key", message, span,
                                  _key_hint(str(path[-1]), _model_at(model, path[:-1]))))
        elif kind == "missing":
            span = span_at(loaded, path[:-1], filename)
            message = f"missing required key '{path[-1]}' in {_dotted(path[:-1])}"
            out.append(Diagnostic("missing-key", message, span,
                                  _missing_hint(str(path[-1]), _model_at(model, path[:-1]))))
        else:
            span = span_at(loaded, path, filename)
            inner = (part[0], path[len(part[1]):]) if part else (model, path)
            out.append(Diagnostic("invalid-value", _invalid(error, path, inner), span, None))
    return out


def _data_path(loc: Sequence[Any], data: Any, kind: str) -> PathKey:
    """The part of pydantic's ``loc`` that names places in the file.

    pydantic puts validator tags such as ``function-after[…]`` into ``loc``; those are dropped
    by walking the data itself, so a real key that happens to contain ``[`` is kept.
    """
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif not (index == len(loc) - 1 and kind == "missing"):
            continue
        path.append(part)
    return tuple(path)


def _dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path) or "the file"


def _invalid(error: Mapping[str, Any], path: PathKey,
             local: tuple[type[BaseModel] | None, PathKey]) -> str:
    """``where: what was found; what was expected`` from a pydantic error.

    ``local`` is the model validated and the path inside it (the whole file's by default).
    """
    model, inner_path = local
    where = _dotted(path)
    message = str(error["msg"]).removeprefix("Value error, ")
    expected = _EXPECTED.get(error["type"])
    inner = _model_at(model, inner_path) if model is not None else None
    if expected and "mapping" in expected and inner is not None:
        expected = "expected a mapping with the keys " + ", ".join(_keys(inner))
    if error["type"] == "literal_error":
        expected = "expected " + str(error.get("ctx", {}).get("expected", ""))
    if error["type"] == "string_pattern_mismatch":
        expected = _pattern_words(error, inner_path, model)
    if expected is None and error["type"] != "value_error":  # never pydantic's own words
        expected = "expected another kind of value here (see checker/schemas/)"
    if expected is None:  # a ValueError of our validators, worded by us
        return f"{where}: {message}"
    found = error.get("input")
    shown = f"'{found}'" if isinstance(found, str | int | float) else _kind(found)
    return f"{where}: {shown} is not valid; {expected}"


def _pattern_words(error: Mapping[str, Any], path: PathKey,
                   model: type[BaseModel] | None) -> str:
    """What text a pattern wants: the field's description, else the pattern itself."""
    parent = _model_at(model, path[:-1]) if model is not None and path else None
    fields = parent.model_fields if parent is not None else {}
    field = next((f for n, f in fields.items() if (f.alias or n) == path[-1]), None) if (
        path) else None
    if field is not None and field.description:
        return f"expected {field.description}"
    return f"expected text of the form {error.get('ctx', {}).get('pattern', '')}"


_EXPECTED = {
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "date_type": "expected a date written YYYY-MM-DD, e.g. 2025-07-01",
    "date_parsing": "expected a date written YYYY-MM-DD, e.g. 2025-07-01",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD, e.g. 2025-07-01",
    "string_type": "expected text",
    "list_type": "expected a list, e.g. [a, b]",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "too_short": "expected at least one item",
    "string_too_short": "expected some text, not an empty one",
}


def _kind(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return "the value"


def _model_at(model: type[BaseModel] | None, path: PathKey) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` (list items, dict values)."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or get_origin(current) is dict:
            current = get_args(current)[-1] if get_origin(current) in (list, dict) else current
            continue
        found = _inner_model(current)
        fields = found.model_fields if found is not None else {}
        field = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        current = field.annotation
    return _inner_model(current)


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _inner_model(kind: Any) -> type[BaseModel] | None:
    """The model inside ``list[M]``, ``M | None``, ``dict[str, M]``, if any."""
    if _is_model(kind):
        return kind  # type: ignore[no-any-return]
    for arg in get_args(kind):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _key_hint(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return "remove it, or check its spelling"
    keys = _keys(model)
    close = difflib.get_close_matches(key, keys, n=1)
    allowed = "allowed here: " + ", ".join(keys)
    return f"did you mean '{close[0]}'? {allowed}" if close else allowed


def _missing_hint(key: str, model: type[BaseModel] | None) -> str | None:
    field = model.model_fields.get(key) if model is not None else None
    if field is None and model is not None:
        field = next((f for f in model.model_fields.values() if f.alias == key), None)
    if field is None or not field.description:
        return None
    return f"'{key}': {field.description[0].lower()}{field.description[1:]}"
