"""A quick first reading of ordinary YAML or JSON into plain data without marks, or ``None``.

Marks only serve to locate problems, so a valid submission does not need them. ``intake``
tries this reader first and uses ``strict_yaml.load_yaml`` whenever it declines or the model
refuses what it read; every problem is then found, worded and located exactly as before.

It declines whatever ``strict_yaml`` would refuse or might read another way: YAML text that is
not for libyaml (``yaml_core.libyaml_events``), any parser error, a root that is not a
mapping, anchors, aliases, tags, duplicate, merge (``<<``) or non-text keys, numbers the core
schema refuses, surrogate escapes, several documents, and documents near the node or depth
limit. When it does return data, that data equals ``load_yaml``'s, down to the Python types
and the order of keys (``tests/checker/test_fast_intake.py`` holds the two readings equal).
``load_plain_lines`` reads the same and also the line of each item of one sequence, as
``load_yaml`` marks it, for a case file read without marks (``authoring.case_model``).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, NoReturn

import yaml
from vardval.checker.reading import yaml_core

if TYPE_CHECKING:
    from collections.abc import Callable

    from vardval.checker.reading.yaml_core import Value

_SCALAR = yaml.ScalarEvent
_MAPPING = yaml.MappingStartEvent
_SEQUENCE = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Decline(Exception):  # a signal to give up, not an error anyone sees
    """The text needs the full reading: it is refused there, or read with care."""


def load_plain(
    text: str,
    filename: str,
    *,
    max_nodes: int = yaml_core.MAX_NODES,
    max_depth: int = yaml_core.MAX_DEPTH,
) -> dict[str, Value] | None:
    """The mapping a plain document holds, or None where ``load_yaml`` must read it.

    Like ``load_yaml``, a ``*.json`` file is read as JSON, anything else as YAML.

    Example:
        >>> load_plain("total: 12\\nshare: 0.1\\nday: 2025-01-31\\n", "a.yaml")
        {'total': 12, 'share': Decimal('0.1'), 'day': '2025-01-31'}
        >>> load_plain("a: &x 1\\nb: *x\\n", "a.yaml") is None
        True
    """
    text = text.removeprefix("\ufeff")
    if filename.lower().endswith(".json"):
        return _json_document(text, max_nodes, max_depth)
    parser = yaml_core.libyaml_events(text)
    if parser is None:
        return None
    try:
        return _document(parser.get_event, max_nodes, max_depth)
    except (_Decline, yaml.YAMLError, ValueError, OverflowError):
        return None  # ValueError and OverflowError: a scalar the core schema refuses
    finally:
        parser.dispose()


def load_plain_lines(text: str, filename: str,
                     key: str) -> tuple[dict[str, Value], list[int]] | None:
    """``load_plain``'s mapping and the line of each item of its ``key`` sequence, or None.

    The lines are those ``load_yaml`` marks (1-based, where each item's node starts), taken in
    the same single pass over libyaml's events, so a file read without marks can still say
    where each item stands. JSON declines: this serves YAML files that are located by item
    (case files), and such a file in JSON is read with marks.

    Example:
        >>> text = "cases:\\n  # first\\n  - {a: 1}\\n  -\\n    a: 2\\n"
        >>> load_plain_lines(text, "c.yaml", "cases")
        ({'cases': [{'a': 1}, {'a': 2}]}, [3, 5])
    """
    if filename.lower().endswith(".json"):
        return None
    parser = yaml_core.libyaml_events(text.removeprefix("\ufeff"))
    if parser is None:
        return None
    lines: list[int] = []
    try:
        data = _document(_item_lines(parser.get_event, key, lines), yaml_core.MAX_NODES,
                         yaml_core.MAX_DEPTH)
    except (_Decline, yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        parser.dispose()
    return data, lines


def _item_lines(next_event: Callable[[], Any], key: str, lines: list[int]) -> Callable[[], Any]:
    """``next_event``, noting in ``lines`` the start line of each item of the root's ``key``
    sequence; a wrapper, so that ``_fill`` stays as ``load_plain`` runs it.

    ``depth`` counts the collections open; in the root mapping (depth 1) nodes alternate
    between key and value. Anything odd (a key that is not text, say) ``_fill`` declines.
    """
    depth, at_key, inside = 0, False, False
    last_key: str | None = None

    def recorded() -> Any:
        nonlocal depth, at_key, last_key, inside
        event = next_event()
        kind = type(event)
        if kind is _MAPPING_END or kind is _SEQUENCE_END:
            depth -= 1
            at_key = depth == 1
        elif kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE:
            if depth == 1:
                if at_key:
                    last_key = event.value if kind is _SCALAR else None
                else:
                    inside = kind is _SEQUENCE and last_key == key
                at_key = not at_key
            elif depth == 2 and inside:
                lines.append(event.start_mark.line + 1)
            if kind is not _SCALAR:
                depth += 1
                at_key = depth == 1
        return event

    return recorded


def _document(next_event: Callable[[], Any], max_nodes: int, max_depth: int) -> dict[str, Value]:
    """Exactly one document whose root is a mapping; the stream must end right after it."""
    _expect(next_event(), yaml.StreamStartEvent)
    _expect(next_event(), yaml.DocumentStartEvent)
    root = _collection(next_event())
    if not isinstance(root, dict) or max_depth < 1:
        raise _Decline
    _fill(root, next_event, max_nodes, max_depth)
    _expect(next_event(), yaml.DocumentEndEvent)
    _expect(next_event(), yaml.StreamEndEvent)
    return root


def _fill(root: dict[str, Value], next_event: Callable[[], Any], max_nodes: int,
          max_depth: int) -> None:
    """Read events into ``root`` until it closes: one flat loop, the hot path of a check.

    ``stack`` holds the open collections above ``container``. A collection goes into its
    parent when it opens, so keys keep document order, as ``load_yaml`` gives them.
    """
    stack: list[Any] = []
    container: Any = root
    in_mapping = True
    nodes = 1
    while True:
        event = next_event()
        kind = type(event)
        if kind is _MAPPING_END or kind is _SEQUENCE_END:
            if not stack:
                break
            container = stack.pop()
            in_mapping = type(container) is dict
            continue
        if in_mapping:
            key = _key(event, container)
            event = next_event()
            kind = type(event)
        value = _scalar(event) if kind is _SCALAR else _collection(event)
        nodes += 1
        if in_mapping:
            container[key] = value
        else:
            container.append(value)
        if kind is not _SCALAR:
            if len(stack) + 2 > max_depth:  # its items would sit deeper than the limit
                raise _Decline
            stack.append(container)
            container = value
            in_mapping = kind is _MAPPING
    if nodes > max_nodes:
        raise _Decline


def _scalar(event: Any) -> Value:
    if event.anchor is not None or event.tag is not None:
        raise _Decline
    text: str = event.value
    if not event.style:  # plain: the core schema decides (libyaml says '' for plain)
        return yaml_core.resolve_plain(text)
    if _SURROGATE.search(text):  # escapes of surrogate halves: joined or refused there
        raise _Decline
    return text


def _key(event: Any, mapping: dict[str, Value]) -> str:
    """A new text key; a merge key, a repeated key or one that is not text declines."""
    if type(event) is not _SCALAR:
        raise _Decline
    key = _scalar(event)
    if type(key) is not str or key in mapping or key == "<<":
        raise _Decline
    return key


def _collection(event: Any) -> dict[str, Value] | list[Value]:
    """A new, empty collection for a start event; anything else (an alias) declines."""
    kind = type(event)
    if (kind is not _MAPPING and kind is not _SEQUENCE) or event.anchor is not None:
        raise _Decline
    if event.tag is not None:
        raise _Decline
    return {} if kind is _MAPPING else []


def _expect(event: Any, kind: type) -> None:
    if type(event) is not kind:
        raise _Decline


# ---------------------------------------------------------------------------------------------
# JSON

# A surrogate as a character (text given as ``str``) or as an escape, ``\ud83d`` say; escaped
# backslashes may make this match where there is none, which only means declining.
_JSON_SURROGATE = re.compile(r"[\ud800-\udfff]|\\u[dD][89a-fA-F]")


def _json_document(text: str, max_nodes: int, max_depth: int) -> dict[str, Value] | None:
    """Python's C JSON decoder with ``strict_yaml``'s numbers, or None where in any doubt.

    Every JSON value takes at least one character and nests in at most one bracket each, so
    the length and bracket count bound the node count and depth without a walk.
    """
    if len(text) > max_nodes or text.count("[") + text.count("{") > max_depth:
        return None
    if _JSON_SURROGATE.search(text):  # pairs joined and lone halves refused there
        return None
    try:
        data = _JSON.decode(text)
    except (_Decline, ValueError, OverflowError):  # ValueError: not JSON; Overflow: a number
        return None
    return data if type(data) is dict else None


def _json_object(pairs: list[tuple[str, Value]]) -> dict[str, Value]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):  # a duplicate key
        raise _Decline
    return mapping


def _not_finite(text: str) -> NoReturn:
    raise _Decline(text)


# JSON numbers are core-schema numbers: the same text gives the same int or Decimal (and the
# same refusal of too many digits) as in ``load_yaml``'s JSON reader.
_JSON = json.JSONDecoder(
    parse_int=yaml_core.resolve_plain,
    parse_float=yaml_core.resolve_plain,
    parse_constant=_not_finite,
    object_pairs_hook=_json_object,
)
