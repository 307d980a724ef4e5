"""What the strict and the fast YAML readers share, with no wording: text from ordinary UTF-8
bytes, the YAML 1.2 core schema's plain scalars, the reading limits, and which texts libyaml may
parse.

Why a module of its own: a valid submission is read by ``fast_yaml`` alone, and it needs only
these; ``strict_yaml`` (marks, limits enforced node by node, every problem located and worded in
each language) is imported only for a file the fast reader declines (issue 21).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias

import yaml
from yaml import reader as yaml_reader

_CParser: type | None
try:  # libyaml's event parser, ~10x faster than PyYAML's pure one; absent in some builds
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None
_NON_PRINTABLE = yaml_reader.Reader.NON_PRINTABLE
# Texts libyaml and PyYAML read differently (found by tests/test_strict_yaml_parsers.py): tabs
# (libyaml allows more), a BOM inside or Unicode line breaks (columns), '?' (libyaml takes it
# inside flow plain scalars), an empty value in a flow collection (its mark is one column off)
# and a block scalar header running into a comment ('>#'). These go to the pure parser; '?'
# only on the lines of a flow collection (a URL's query in a block scalar reads the same).
_PURE_ONLY_CHARS = ("\t", "\ufeff", "\x85", "\u2028", "\u2029")
_EMPTY_FLOW_VALUE = re.compile(r":\s*(?:#[^\n]*\n\s*)*[,}\]]")
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")

MAX_NODES = 100_000
MAX_DEPTH = 100
MAX_DIGITS = 1000

Value: TypeAlias = dict[str, "Value"] | list["Value"] | str | int | Decimal | bool | None


BOM = b"\xef\xbb\xbf"
# The byte-order marks of other encodings, with the name a refusal gives (UTF-32LE's begins
# like UTF-16LE's, so it comes first).
OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)
_OTHER_BOM_BYTES = tuple(bom for bom, _ in OTHER_BOMS)


def quick_text(raw: bytes) -> str | None:
    """The text of UTF-8 bytes (a BOM dropped), or None where ``strict_yaml.decode_text`` would
    refuse them (another encoding's BOM, a NUL byte, invalid UTF-8) and say why.

    Example:
        >>> quick_text(b"\\xef\\xbb\\xbfname: V\\xc3\\xa4xj\\xc3\\xb6"), quick_text(b"a: \\xff")
        ('name: Växjö', None)
    """
    if raw.startswith(_OTHER_BOM_BYTES) or b"\x00" in raw:
        return None
    try:
        return raw.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# Scalars (YAML 1.2 core schema)

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


_RESOLVED: dict[str, Value] = {}
_MAX_RESOLVED = 4096


def resolve_plain(text: str) -> Value:
    """The value of an untagged, unquoted scalar; ``ValueError`` for non-finite numbers.

    Keys and many values repeat from file to file, so results are remembered (they are all
    immutable: None, bool, int, Decimal or str); refusals are not.
    """
    found = _RESOLVED.get(text, _RESOLVED)
    if found is _RESOLVED:
        if len(_RESOLVED) >= _MAX_RESOLVED:
            _RESOLVED.clear()
        found = _RESOLVED[text] = _resolve(text)
    return found


def _resolve(text: str) -> Value:
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text) or _FALSE.fullmatch(text):
        return text[0] in "tT"
    if _INT.fullmatch(text) or _OCT.fullmatch(text) or _HEX.fullmatch(text):
        return bounded_int(text)
    if _FLOAT.fullmatch(text):
        return bounded_decimal(text)
    if _NOT_FINITE.fullmatch(text):
        raise ValueError(text)
    return text


def bounded_int(text: str) -> int:
    """An integer of at most ``MAX_DIGITS`` digits (0o and 0x too); ``OverflowError`` beyond."""
    if len(text) > MAX_DIGITS:
        raise OverflowError(text)
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


def bounded_decimal(text: str) -> Decimal:
    """An exact number with at most ``MAX_DIGITS`` digits and exponent; ``OverflowError`` beyond."""
    if len(text) > MAX_DIGITS:
        raise OverflowError(text)
    try:
        number = Decimal(text)
    except InvalidOperation:  # an exponent beyond even Decimal's range: 1e99999999999999999999
        raise OverflowError(text) from None
    if abs(number.adjusted()) > MAX_DIGITS:
        raise OverflowError(text)
    return number


# ---------------------------------------------------------------------------------------------
# Which parser


def libyaml_events(text: str, *, flow_questions: bool = True) -> Any | None:
    """libyaml's event parser over ``text``, or None where PyYAML's pure one must read it.

    None without libyaml, for text PyYAML's reader refuses, and for the constructs the two
    parsers read differently (``_pure_only``). ``flow_questions=False`` leaves out the one test
    that parses the text itself, for a caller that reads every event anyway and asks
    ``question_in_flow`` at the end of each outermost flow collection. The caller disposes of
    the parser.
    """
    if _CParser is None or _pure_only(text, flow_questions=flow_questions) or \
            _NON_PRINTABLE.search(text):
        return None
    return _CParser(text)


def _pure_only(text: str, *, flow_questions: bool = True) -> bool:
    """Whether ``text`` has a construct the parsers read differently (the note at the top).

    Three cheap tests rather than one regex with alternatives: this runs on every file, and
    the block-header test only where there is a block header at all.
    """
    return (
        any(char in text for char in _PURE_ONLY_CHARS)
        or _EMPTY_FLOW_VALUE.search(text) is not None
        or (("|" in text or ">" in text) and _HEADER_COMMENT.search(text) is not None)
        or (flow_questions and "?" in text and _question_in_flow(text))
    )


def question_in_flow(lines: list[str], start: Any, end: Any) -> bool:
    """Whether a '?' stands on the lines of an outermost flow collection from libyaml's
    ``start`` mark to its ``end`` mark (``_question_in_flow`` asks this of each)."""
    return any("?" in line for line in lines[_line(start):_line(end) + 1])


def _question_in_flow(text: str) -> bool:
    """Whether a '?' stands on a line of a flow collection (``[…]``, ``{…}``), as libyaml's
    events place them; a text it refuses counts as yes (the pure parser words the error)."""
    if "[" not in text and "{" not in text:
        return False
    assert _CParser is not None  # only asked when libyaml is there
    lines = text.splitlines()
    parser = _CParser(text)
    depth, first = 0, None
    try:
        while not isinstance(event := parser.get_event(), yaml.StreamEndEvent):
            if isinstance(event, yaml.CollectionStartEvent) and (depth or event.flow_style):
                depth, first = depth + 1, first if depth else event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent) and depth:
                depth -= 1
                if not depth and question_in_flow(lines, first, event.end_mark):
                    return True
    except yaml.YAMLError:
        return True
    finally:
        parser.dispose()
    return False


def _line(mark: Any) -> int:
    """A mark's line (libyaml's events always carry marks; the stubs allow none)."""
    return mark.line if mark is not None else 0


