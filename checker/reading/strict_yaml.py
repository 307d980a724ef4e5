"""Strict, safe loading of YAML and JSON text into plain data with a source mark for every node.

Used for submissions and rule files alike. Nothing is ever constructed from a tag: we read
PyYAML's event stream and build dicts, lists and scalars ourselves. Plain scalars follow the
YAML 1.2 core schema (as JSON does): ``true``/``false`` only, no implicit dates (they stay text
for pydantic to parse, so a bad date is a located problem), no ``yes``/``no`` or ``1:30``
magic, numbers with a fraction or exponent become exact ``Decimal``s. Duplicate keys, explicit
tags, non-text keys, ``.nan``/``.inf``, several documents and empty files are refused, and the
node count (after alias expansion) and nesting depth are bounded. ``.json`` files go through a
small JSON reader with the same guarantees. Every refusal is a located ``YamlError``.
"""

from __future__ import annotations

import bisect
import copy
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TypeAlias

import yaml
from vardval.checker.reading.yaml_core import (
    BOM,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_NODES,
    OTHER_BOMS,
    Value,
    bounded_decimal,
    bounded_int,
    libyaml_events,
    question_in_flow,
    resolve_plain,
)
from vardval.checker.reading.yaml_words import Worded, json_string_said, yaml_said
from vardval.dsl import errors, spans
from yaml import parser as yaml_parser
from yaml import reader as yaml_reader
from yaml import scanner as yaml_scanner

if TYPE_CHECKING:
    from collections.abc import Callable


NodePath: TypeAlias = tuple[str | int, ...]


class NodeMark(NamedTuple):
    """Where a node's text sits: 1-based line/column, end exclusive, and its scalar style.

    A named tuple: a file of rules makes one for every key and value, and one is made in a
    third of the time of a frozen dataclass's.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None = None

    def span(self, file: str) -> spans.Span:
        return spans.Span(file, self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True)
class LoadedYaml:
    """Plain data plus the mark of every value and every mapping key, keyed by node path."""

    data: Value
    marks: dict[NodePath, NodeMark]
    key_marks: dict[NodePath, NodeMark]


class YamlError(errors.VardvalError):
    """The text is not acceptable YAML/JSON data (syntax, encoding, duplicates, limits)."""


def decode_text(raw: bytes, filename: str) -> str:
    """UTF-8 bytes to text; a BOM is dropped, NUL bytes and invalid UTF-8 are located errors.

    Example:
        >>> decode_text(b"\\xef\\xbb\\xbfname: V\\xc3\\xa4xj\\xc3\\xb6", "a.yaml")
        'name: Växjö'
    """
    _refuse_other_encodings(raw, filename)
    body = raw.removeprefix(BOM)
    offset = len(raw) - len(body)
    if b"\x00" in body:
        _byte_error(body, body.index(b"\x00"), offset, filename, "nul-byte")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        _byte_error(body, exc.start, offset, filename, "invalid-utf8")


def _refuse_other_encodings(raw: bytes, filename: str) -> None:
    """A UTF-16/32 byte-order mark names the problem better than the NUL bytes that follow."""
    name = next((name for bom, name in OTHER_BOMS if raw.startswith(bom)), None)
    if name is not None:
        span = spans.Span(filename, 1, 1, 1, 2)
        raise YamlError([_diagnostic("not-utf8", Worded("other-encoding", (name,)), span,
                                     Worded("hint-utf8"))])


def _byte_error(body: bytes, index: int, offset: int, filename: str, code: str) -> NoReturn:
    line = body.count(b"\n", 0, index) + 1
    line_start = body.rfind(b"\n", 0, index) + 1
    column = len(body[line_start:index].decode("utf-8", errors="replace")) + 1
    where = (str(index + offset), str(line), str(column))
    if code == "nul-byte":
        message, hint = Worded(code, where), Worded("hint-nul")
    else:
        message, hint = Worded(code, (*where, f"{body[index]:02X}")), Worded("hint-latin1")
    span = spans.Span(filename, line, column, line, column + 1)
    raise YamlError([_diagnostic(code, message, span, hint)])


def _diagnostic(code: str, said: Worded, span: spans.Span, hint: Worded | None = None,
                ) -> errors.Diagnostic:
    """A diagnostic worded in each language; its message and hint are the English words."""
    return errors.Diagnostic(code, said.words("en"), span,
                             None if hint is None else hint.words("en"),
                             said=said, hint_said=hint)


def load_yaml(
    text: str, filename: str, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH
) -> LoadedYaml:
    """Parse one YAML (or, for ``*.json``, JSON) document strictly; raise ``YamlError``.

    Example:
        >>> loaded = load_yaml("total: 12\\nshare: 0.1\\n", "a.yaml")
        >>> loaded.data, loaded.marks[("share",)].line
        ({'total': 12, 'share': Decimal('0.1')}, 2)
    """
    text = text.removeprefix("\ufeff")
    tree = _Tree(text, filename, max_nodes, max_depth)
    if filename.lower().endswith(".json"):
        data = _JsonComposer(tree).document()
    else:
        data = _compose_yaml(tree)
    return LoadedYaml(data, dict(tree.values), dict(tree.keys))


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A finished anchored node: its value and where its marks sit in the tree's lists."""

    value: Value
    path: NodePath
    values: tuple[int, int]
    keys: tuple[int, int]
    height: int


class _Tree:
    """Collects marks in document order and enforces the node-count and depth limits."""

    def __init__(self, text: str, filename: str, max_nodes: int, max_depth: int) -> None:
        self.text, self.filename = text, filename
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.values: list[tuple[NodePath, NodeMark]] = []
        self.keys: list[tuple[NodePath, NodeMark]] = []

    def reset(self) -> None:
        """Forget what a failed first reading recorded."""
        self.values.clear()
        self.keys.clear()

    def add(self, path: NodePath, mark: NodeMark, size: int = 1, height: int = 0) -> int:
        """Record a node (or an alias expanding to ``size`` nodes); return its index."""
        if len(self.values) + size > self.max_nodes:
            self.fail("too-many-nodes", Worded("too-many-nodes", (str(self.max_nodes),)), mark,
                      Worded("hint-nodes"))
        if len(path) + height > self.max_depth:
            self.fail("too-deep", Worded("too-deep", (str(self.max_depth),)), mark,
                      Worded("hint-deep"))
        self.values.append((path, mark))
        return len(self.values) - 1

    def finish(self, index: int, mark: NodeMark) -> None:
        """Set a collection's mark once its end is known."""
        self.values[index] = (self.values[index][0], mark)

    def key(self, path: NodePath, mark: NodeMark) -> None:
        self.keys.append((path, mark))

    def string(self, value: str, mark: NodeMark) -> str:
        """Join a surrogate pair written as two escapes (JSON exporters write an emoji so, and
        YAML reads each half alone); refuse a lone half (``\\ud800``): it is no character."""
        if _SURROGATE.search(value) is None:
            return value
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        found = _SURROGATE.search(value)
        if found is not None:
            self.fail("lone-surrogate", Worded("lone-surrogate", (f"{ord(found.group()):04X}",)),
                      mark, Worded("hint-surrogate"))
        return value

    def anchor(self, value: Value, path: NodePath, starts: tuple[int, int]) -> _Anchor:
        """Remember a just-finished node so aliases can copy it and its marks."""
        subtree = self.values[starts[0] :]
        height = max(len(p) for p, _ in subtree) - len(path)
        ends = (len(self.values), len(self.keys))
        return _Anchor(value, path, (starts[0], ends[0]), (starts[1], ends[1]), height)

    def graft(self, anchor: _Anchor, path: NodePath, mark: NodeMark) -> None:
        """Expand an alias: the alias's own mark, the anchored node's marks below it."""
        start, end = anchor.values
        self.add(path, mark, end - start, anchor.height)
        cut = len(anchor.path)
        self.values.extend((path + p[cut:], m) for p, m in self.values[start + 1 : end])
        self.keys.extend((path + p[cut:], m) for p, m in self.keys[slice(*anchor.keys)])

    def fail(self, code: str, message: Worded, mark: NodeMark,
             hint: Worded | None = None) -> NoReturn:
        diagnostic = _diagnostic(code, message, mark.span(self.filename), hint)
        raise YamlError([diagnostic.with_source(self.text)])


# ---------------------------------------------------------------------------------------------
# Scalars (YAML 1.2 core schema)

_SURROGATE = re.compile("[\ud800-\udfff]")


def _scalar_error(tree: _Tree, exc: Exception, text: str, mark: NodeMark) -> NoReturn:
    if isinstance(exc, OverflowError):
        tree.fail("number-out-of-range", Worded("number-out-of-range", (text[:40],)), mark,
                  Worded("hint-digits", (str(MAX_DIGITS),)))
    tree.fail("not-finite", Worded("not-finite", (text,)), mark, Worded("hint-finite"))


# ---------------------------------------------------------------------------------------------
# YAML


class _Events(yaml_reader.Reader, yaml_scanner.Scanner, yaml_parser.Parser):
    """PyYAML's reader, scanner and parser only: events, never constructed objects."""

    def __init__(self, text: str) -> None:
        yaml_reader.Reader.__init__(self, text)
        yaml_scanner.Scanner.__init__(self)
        yaml_parser.Parser.__init__(self)


def _yaml_mark(
    start: yaml.Mark | None, end: yaml.Mark | None, style: str | None = None
) -> NodeMark:
    if start is None or end is None:  # PyYAML always sets marks; its stubs allow None
        return NodeMark(1, 1, 1, 2, style)
    return NodeMark(start.line + 1, start.column + 1, end.line + 1, end.column + 1, style)


def _compose_yaml(tree: _Tree) -> Value:
    """Compose from libyaml's event stream when PyYAML has it, else from PyYAML's own.

    The two parsers give the same events and marks for every document they both accept (the
    tests compare them). Whenever a text is refused, by libyaml or by the composer's strict
    rules, the pure parser reads it again, so every error is worded and located exactly as
    without libyaml; so does a text with characters PyYAML's reader refuses. The few constructs
    the two read differently (``_pure_only``) go to the pure parser directly.
    """
    parser = libyaml_events(tree.text, flow_questions=False)  # the composer asks, as it reads
    if parser is not None:
        try:
            return _YamlComposer(tree, parser, flow_questions=True).document()
        # every refusal is worded by the pure reading, which also reads what libyaml may not
        except (yaml.YAMLError, YamlError, _PureOnly):
            tree.reset()
        finally:
            parser.dispose()
    return _compose_pure(tree)


def _compose_pure(tree: _Tree) -> Value:
    """Run the composer on PyYAML's pure parser, turning its errors into located diagnostics."""
    events = None
    try:
        events = _Events(tree.text)  # the reader checks for forbidden characters right here
        return _YamlComposer(tree, events).document()
    except yaml_reader.ReaderError as exc:
        tree.fail("yaml-syntax", _reader_message(exc), _offset_mark(tree.text, exc.position),
                  Worded("hint-bad-character"))
    except yaml.MarkedYAMLError as exc:
        _syntax_error(tree, exc)
    finally:
        if events is not None:
            events.dispose()


class _PureOnly(Exception):
    """A '?' on the lines of a flow collection: libyaml may read it otherwise than PyYAML."""


class _YamlComposer:
    """Builds plain data from PyYAML events, recording marks in ``_Tree``.

    With ``flow_questions`` (libyaml's events), a '?' on the lines of an outermost flow
    collection raises ``_PureOnly`` at its end (``yaml_core.question_in_flow``): the test
    ``libyaml_events`` would otherwise make by parsing the text once more beforehand.
    """

    def __init__(self, tree: _Tree, events: Any, *, flow_questions: bool = False) -> None:
        self.tree = tree
        self.events: Any = events  # PyYAML's parser methods are untyped; events are duck-typed
        self.anchors: dict[str, _Anchor | None] = {}
        self.questions = flow_questions and "?" in tree.text
        self.flow_start: Any = None  # the start mark of the outermost flow collection open
        self.lines: list[str] | None = None

    def document(self) -> Value:
        self.events.get_event()
        if self.events.check_event(yaml.StreamEndEvent):
            self._empty(self.events.peek_event())
        self.events.get_event()
        if self.events.check_event(yaml.ScalarEvent) and self._is_empty_scalar():
            self._empty(self.events.peek_event())
        value = self.node(())
        self.events.get_event()
        if not self.events.check_event(yaml.StreamEndEvent):
            self.tree.fail("multiple-documents", Worded("multiple-documents"),
                           self._mark(self.events.peek_event()), Worded("hint-multiple"))
        return value

    def _is_empty_scalar(self) -> bool:
        event = self.events.peek_event()
        return bool(event.value == "" and not event.style and event.tag is None)

    def _empty(self, event: yaml.Event) -> NoReturn:
        self.tree.fail("empty-file", Worded("empty-file"), self._mark(event), _EMPTY_HINT)

    def node(self, path: NodePath, event: Any = None) -> Value:
        """The node that starts with ``event`` (the next one when None)."""
        if event is None:
            event = self.events.get_event()
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, path)
        self.refuse_tag(event)
        starts = (len(self.tree.values), len(self.tree.keys))
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, path)
        else:
            value = self.collection(event, path)
        if event.anchor is not None:
            self.anchors[event.anchor] = self.tree.anchor(value, path, starts)
        return value

    def scalar(self, event: yaml.ScalarEvent, path: NodePath) -> Value:
        mark = self._mark(event)
        self.tree.add(path, mark)
        if event.style:  # quoted or block; libyaml says '' for plain, PyYAML None
            return self.tree.string(str(event.value), mark)
        try:
            return resolve_plain(event.value)
        except (ValueError, OverflowError) as exc:
            _scalar_error(self.tree, exc, event.value, mark)

    def collection(self, event: yaml.CollectionStartEvent, path: NodePath) -> Value:
        if event.anchor is not None:
            self.anchors[event.anchor] = None  # in progress: an alias to it would recurse
        index = self.tree.add(path, self._mark(event))
        outermost = self.questions and event.flow_style and self.flow_start is None
        if outermost:
            self.flow_start = event.start_mark
        value: Value
        if isinstance(event, yaml.SequenceStartEvent):
            value, end = self.sequence(path)
        else:
            value, end = self.mapping(path)
        if outermost:
            self._no_question(end)
        start = self.tree.values[index][1]
        if event.flow_style:
            stop = _yaml_mark(end.end_mark, end.end_mark)
        else:  # a block collection ends where its last value ends, not at the next token
            stop = self.tree.values[-1][1]
        self.tree.finish(index, NodeMark(start.line, start.column, stop.end_line, stop.end_column))
        return value

    def _no_question(self, end: Any) -> None:
        if self.lines is None:
            self.lines = self.tree.text.splitlines()
        if question_in_flow(self.lines, self.flow_start, end.end_mark):
            raise _PureOnly
        self.flow_start = None

    # Each event is taken once (``get_event``) and handed on, rather than looked at first
    # (``check_event``): half the calls into the parser, for the same events in the same order.

    def sequence(self, path: NodePath) -> tuple[list[Value], Any]:
        """The items, and the event that ends them."""
        items: list[Value] = []
        get_event = self.events.get_event
        while not isinstance(event := get_event(), yaml.SequenceEndEvent):
            items.append(self.node((*path, len(items)), event))
        return items, event

    def mapping(self, path: NodePath) -> tuple[dict[str, Value], Any]:
        """The entries, and the event that ends them."""
        result: dict[str, Value] = {}
        first_lines: dict[str, int] = {}
        get_event = self.events.get_event
        while not isinstance(event := get_event(), yaml.MappingEndEvent):
            key, mark = self.key(event)
            if key in first_lines:
                self.tree.fail("duplicate-key", Worded("duplicate-key", (
                    key, str(first_lines[key]), Worded("kind-mapping"))), mark)
            first_lines[key] = mark.line
            self.tree.key((*path, key), mark)
            result[key] = self.node((*path, key))
        return result, event

    def key(self, event: Any) -> tuple[str, NodeMark]:
        mark = self._mark(event)
        if not isinstance(event, yaml.ScalarEvent):
            kind = _EVENT_KINDS.get(type(event), Worded("kind-value"))
            self.tree.fail("non-string-key", Worded("key-kind", (kind,)), mark)
        self.refuse_tag(event)
        if event.style:
            return self.tree.string(str(event.value), mark), mark
        return self._plain_key(event.value, mark), mark

    def _plain_key(self, text: str, mark: NodeMark) -> str:
        if text == "<<":
            self.tree.fail("merge-key", Worded("merge-key"), mark, _MERGE_HINT)
        try:
            value = resolve_plain(text)
        except (ValueError, OverflowError):
            value = Decimal(0)
        if not isinstance(value, str):
            self.tree.fail("non-string-key", Worded("key-read-as", (text, _kind(value))), mark,
                           Worded("hint-quote-key", (text,)))
        return value

    def alias(self, event: yaml.AliasEvent, path: NodePath) -> Value:
        mark = self._mark(event)
        if event.anchor not in self.anchors:
            self.tree.fail("undefined-alias", Worded("undefined-alias", (event.anchor,)), mark,
                           Worded("hint-alias", (event.anchor,)))
        anchor = self.anchors[event.anchor]
        if anchor is None:
            self.tree.fail("recursive-alias", Worded("recursive-alias", (event.anchor,)), mark)
        self.tree.graft(anchor, path, mark)
        return copy.deepcopy(anchor.value)

    def refuse_tag(self, event: yaml.Event) -> None:
        tag = getattr(event, "tag", None)
        if tag is None:
            return
        shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
        self.tree.fail("explicit-tag", Worded("explicit-tag", (shown,)), self._mark(event),
                       Worded("hint-explicit-tag"))

    def _mark(self, event: Any) -> NodeMark:
        return _yaml_mark(event.start_mark, event.end_mark, getattr(event, "style", None) or None)


def _offset_mark(text: str, position: int) -> NodeMark:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return NodeMark(line, column, line, column + 1)


def _syntax_error(tree: _Tree, exc: yaml.MarkedYAMLError) -> NoReturn:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context_line = exc.context_mark.line + 1 if exc.context_mark else None
    message, hint = yaml_said(exc.problem, exc.context, context_line)
    tree.fail("yaml-syntax", message, NodeMark(line, column, line, column + 1), hint)


_YAML_TAG = "tag:yaml.org,2002:"
_EMPTY_HINT = Worded("hint-empty")
_MERGE_HINT = Worded("hint-merge")
_EVENT_KINDS: dict[type, Worded] = {
    yaml.MappingStartEvent: Worded("kind-mapping"),
    yaml.SequenceStartEvent: Worded("kind-list"),
    yaml.AliasEvent: Worded("kind-alias"),
}


def _reader_message(exc: yaml_reader.ReaderError) -> Worded:
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Worded("bad-character", (f"{ord(char):04X}", str(exc.reason)))


def _kind(value: Value) -> Worded:
    if isinstance(value, bool):
        return Worded("kind-boolean")
    return Worded("kind-null" if value is None else "kind-number")


# ---------------------------------------------------------------------------------------------
# JSON (PyYAML cannot take JSON with tab indentation; this reader keeps exact positions)

_JSON_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_LITERALS: dict[str, Value] = {"true": True, "false": False, "null": None}


class _JsonComposer:
    """A recursive-descent JSON reader recording marks in ``_Tree`` (depth is bounded there)."""

    def __init__(self, tree: _Tree) -> None:
        self.tree, self.text = tree, tree.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def document(self) -> Value:
        pos = self.skip(0)
        if pos == len(self.text):
            self.tree.fail("empty-file", Worded("empty-file"), self.mark(pos, pos), _EMPTY_HINT)
        value, pos = self.value(pos, ())
        pos = self.skip(pos)
        if pos < len(self.text):
            self.fail(pos, Worded("json-after-end"))
        return value

    def value(self, pos: int, path: NodePath) -> tuple[Value, int]:
        char = self.text[pos : pos + 1]
        reader = _JSON_READERS.get(char)
        if reader is not None:
            return reader(self, pos, path)
        if _JSON_NUMBER.match(self.text, pos):
            return self.number(pos, path)
        for word, literal in _JSON_LITERALS.items():
            if self.text.startswith(word, pos):
                self.tree.add(path, self.mark(pos, pos + len(word)))
                return literal, pos + len(word)
        if self.text.startswith(("NaN", "Infinity", "-Infinity"), pos):
            name = self.text[pos:].split(None, 1)[0].rstrip(",]}")
            _scalar_error(self.tree, ValueError(), name, self.mark(pos, pos + len(name)))
        return self.fail(pos, Worded("json-expected-value"))

    def object(self, pos: int, path: NodePath) -> tuple[Value, int]:
        index = self.tree.add(path, self.mark(pos))
        result: dict[str, Value] = {}
        first_lines: dict[str, int] = {}

        def member(pos: int) -> int:
            if not self.text.startswith('"', pos):
                self.fail(pos, Worded("json-expected-name"))
            key, key_end = self.scan_string(pos)
            mark = self.mark(pos, key_end, '"')
            if key in first_lines:
                self.tree.fail("duplicate-key", Worded("duplicate-key", (
                    key, str(first_lines[key]), Worded("an-object"))), mark)
            first_lines[key] = mark.line
            self.tree.key((*path, key), mark)
            pos = self.expect(self.skip(key_end), ":")
            result[key], pos = self.value(self.skip(pos), (*path, key))
            return pos

        return result, self.close(index, self.members(pos, "}", member))

    def array(self, pos: int, path: NodePath) -> tuple[Value, int]:
        index = self.tree.add(path, self.mark(pos))
        items: list[Value] = []

        def item(pos: int) -> int:
            value, pos = self.value(pos, (*path, len(items)))
            items.append(value)
            return pos

        return items, self.close(index, self.members(pos, "]", item))

    def members(self, pos: int, closer: str, read: Callable[[int], int]) -> int:
        """Read comma-separated members after an opening bracket; return the closer's position."""
        pos = self.skip(pos + 1)
        if self.text.startswith(closer, pos):
            return pos
        while True:
            pos = self.skip(read(pos))
            if self.text.startswith(closer, pos):
                return pos
            pos = self.skip(self.expect(pos, ",", Worded("json-or", (closer,))))
            if self.text.startswith(closer, pos):
                self.fail(pos, Worded("json-trailing-comma", (closer,)), show_found=False,
                          hint=Worded("hint-trailing-comma"))

    def string(self, pos: int, path: NodePath) -> tuple[Value, int]:
        text, end = self.scan_string(pos)
        self.tree.add(path, self.mark(pos, end, '"'))
        return text, end

    def scan_string(self, pos: int) -> tuple[str, int]:
        try:
            text, end = json.decoder.scanstring(self.text, pos + 1, True)  # type: ignore[attr-defined]
        except json.JSONDecodeError as exc:
            said = json_string_said(exc.msg)
            hint = Worded("hint-json-quote") if said.code == "json-unterminated" else None
            self.fail(exc.pos, said, show_found=False, hint=hint)
        return self.tree.string(text, self.mark(pos, end, '"')), end

    def number(self, pos: int, path: NodePath) -> tuple[Value, int]:
        match = _JSON_NUMBER.match(self.text, pos)
        assert match is not None
        mark = self.mark(pos, match.end())
        self.tree.add(path, mark)
        text = match.group()
        try:
            number = (bounded_decimal(text) if match.group(2) or match.group(3)
                      else bounded_int(text))
        except OverflowError as exc:
            _scalar_error(self.tree, exc, text, mark)
        return number, match.end()

    def expect(self, pos: int, char: str, alternative: Worded | None = None) -> int:
        if not self.text.startswith(char, pos):
            self.fail(pos, Worded("json-expected", (char, alternative or Worded("no-context"))))
        return pos + 1

    def close(self, index: int, pos: int) -> int:
        start = self.tree.values[index][1]
        end = self.mark(pos + 1)
        self.tree.finish(index, NodeMark(start.line, start.column, end.line, end.column))
        return pos + 1

    def skip(self, pos: int) -> int:
        match = _JSON_SPACE.match(self.text, pos)
        return match.end() if match else pos

    def mark(self, start: int, end: int | None = None, style: str | None = None) -> NodeMark:
        line, column = self.position(start)
        end_line, end_column = self.position(start + 1 if end is None else end)
        return NodeMark(line, column, end_line, end_column, style)

    def position(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, pos) - 1
        return line + 1, pos - self.line_starts[line] + 1

    def fail(self, pos: int, message: Worded, *, show_found: bool = True,
             hint: Worded | None = None) -> NoReturn:
        found = self.text[pos : pos + 1]
        said = Worded("json-syntax", (message,))
        if show_found:
            seen = Worded("json-found", (repr(found),)) if found else Worded("json-found-end")
            said = Worded("json-syntax", (Worded("with-found", (message, seen)),))
        self.tree.fail("json-syntax", said, self.mark(pos), hint)


_JSON_READERS: dict[str, Callable[[_JsonComposer, int, NodePath], tuple[Value, int]]] = {
    "{": _JsonComposer.object,
    "[": _JsonComposer.array,
    '"': _JsonComposer.string,
}
