"""From a path inside a loaded YAML file to a Span, and from a scalar to DSL text + Origin.

Expressions and message placeholders live inside YAML scalars; authors must see errors at the
file's own line and column, also for block scalars (``|`` and ``>``), so the DSL gets the raw
text of the scalar with its true starting position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, get_args, get_origin

from vardval.checker.reading.file_words import FileSaid, Refused, described
from vardval.dsl import reasons
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Origin, Span

if TYPE_CHECKING:
    from pydantic import BaseModel

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
    """Translate pydantic's errors into located diagnostics in house style, in each language.

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
            said = FileSaid("unknown-key", (str(path[-1]), _dotted(path[:-1])))
            out.append(Diagnostic.worded("unknown-key", said, span,
                                         _key_hint(str(path[-1]), _model_at(model, path[:-1]))))
        elif kind == "missing":
            span = span_at(loaded, path[:-1], filename)
            said = FileSaid("missing-key", (str(path[-1]), _dotted(path[:-1])))
            out.append(Diagnostic.worded("missing-key", said, span, _missing_hint(
                str(path[-1]), _model_at(model, path[:-1]))))
        else:
            span = span_at(loaded, path, filename)
            inner = (part[0], path[len(part[1]):]) if part else (model, path)
            out.append(Diagnostic.worded("invalid-value", _invalid(error, path, inner), span))
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


def _dotted(path: PathKey) -> str | FileSaid:
    return ".".join(str(p) for p in path) or FileSaid("the-file")


def _invalid(error: Mapping[str, Any], path: PathKey,
             local: tuple[type[BaseModel] | None, PathKey]) -> FileSaid:
    """``where: what was found; what was expected`` from a pydantic error.

    ``local`` is the model validated and the path inside it (the whole file's by default).
    """
    model, inner_path = local
    where = _dotted(path)
    own = _own_words(error)
    if own is not None:  # a ValueError of our validators, worded by us
        return FileSaid("value-problem", (where, own))
    found = error.get("input")
    expected = _expected(error, inner_path, model)
    if isinstance(found, str | int | float):
        return FileSaid("not-valid", (where, FileSaid("found-text", (str(found),)), expected))
    return FileSaid("not-valid-kind", (where, _kind(found), expected))


def _own_words(error: Mapping[str, Any]) -> reasons.Reason | str | None:
    """The words of a ValueError raised by one of our validators (None for pydantic's own).

    A validator raising ``Refused`` words its problem in each language; any other
    ValueError's text is ours, in English.
    """
    if error["type"] != "value_error":
        return None
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, Refused):
        return cause.said
    return str(error["msg"]).removeprefix("Value error, ")


def _expected(error: Mapping[str, Any], inner_path: PathKey,
              model: type[BaseModel] | None) -> FileSaid:
    """What valid looks like, never in pydantic's own words."""
    kind = error["type"]
    inner = _model_at(model, inner_path) if model is not None else None
    code = _EXPECTED.get(kind)
    if code == "exp-mapping" and inner is not None:
        return FileSaid("exp-mapping-keys", (", ".join(_keys(inner)),))
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        head, _, last = expected.rpartition(" or ")
        return FileSaid("exp-one-of", (FileSaid("or-list", (head, last)) if head else last,))
    if kind == "string_pattern_mismatch":
        return _pattern_words(error, inner_path, model)
    return FileSaid(code or "exp-other")


def _pattern_words(error: Mapping[str, Any], path: PathKey,
                   model: type[BaseModel] | None) -> FileSaid:
    """What text a pattern wants: the field's description, else the pattern itself."""
    parent = _model_at(model, path[:-1]) if model is not None and path else None
    fields = parent.model_fields if parent is not None else {}
    field = next((f for n, f in fields.items() if (f.alias or n) == path[-1]), None) if (
        path) else None
    if field is not None and field.description:
        return FileSaid("exp-described", (described(field.description),))
    return FileSaid("exp-pattern", (str(error.get("ctx", {}).get("pattern", "")),))


_EXPECTED = {
    "int_type": "exp-whole-number",
    "int_parsing": "exp-whole-number",
    "date_type": "exp-date",
    "date_parsing": "exp-date",
    "date_from_datetime_parsing": "exp-date",
    "string_type": "exp-text",
    "list_type": "exp-list",
    "dict_type": "exp-mapping",
    "model_type": "exp-mapping",
    "model_attributes_type": "exp-mapping",
    "bool_type": "exp-bool",
    "bool_parsing": "exp-bool",
    "too_short": "exp-one-item",
    "string_too_short": "exp-some-text",
}


def _kind(value: object) -> FileSaid:
    if value is None:
        return FileSaid("found-empty")
    if isinstance(value, list):
        return FileSaid("found-list" if value else "found-empty-list")
    if isinstance(value, dict):
        return FileSaid("found-mapping")
    return FileSaid("found-value")


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
    from pydantic import BaseModel  # noqa: PLC0415 - only to explain pydantic's errors

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


def _key_hint(key: str, model: type[BaseModel] | None) -> FileSaid:
    if model is None:
        return FileSaid("hint-remove-or-spell")
    keys = _keys(model)
    import difflib  # noqa: PLC0415 - only to suggest a name

    close = difflib.get_close_matches(key, keys, n=1)
    allowed = ", ".join(keys)
    if close:
        return FileSaid("hint-did-you-mean-allowed", (close[0], allowed))
    return FileSaid("hint-allowed", (allowed,))


def _missing_hint(key: str, model: type[BaseModel] | None) -> FileSaid | None:
    field = model.model_fields.get(key) if model is not None else None
    if field is None and model is not None:
        field = next((f for f in model.model_fields.values() if f.alias == key), None)
    if field is None or not field.description:
        return None
    sv, en = (_lower_first(t) for t in described(field.description).values)
    return FileSaid("hint-key-holds", (key, FileSaid("both", (sv, en))))


def _lower_first(text: object) -> str:
    text = str(text)
    return f"{text[0].lower()}{text[1:]}" if text else text
