"""What came from a file, made safe to show: a result's texts with control characters visible.

A clinic name, a period, a problem quoting the file, a message or an evidence value that holds
a newline could forge a ``PASS`` line in a text report; an escape recolours a terminal; NUL,
ESC and BEL have no place in an HTML page. The reports people read (text, HTML) show a result
through ``shown``, which writes such characters as ``\\xNN`` (``formatting.printable``); the
machine formats escape them as their syntax requires (JSON and SARIF by JSON's escapes, JUnit
by ``junit.xml_text``, GitHub annotations by ``github.data``).

Most results hold no such character, and ``shown`` returns them untouched after one search
per text, so the default report stays as fast as before.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from vardval.checker.engine import Evidence, Finding, SubmissionResult
from vardval.checker.formatting import printable

if TYPE_CHECKING:
    from collections.abc import Iterator

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(result: SubmissionResult) -> SubmissionResult:
    """``result`` with every text that came from a file made printable (itself when clean).

    Example:
        >>> bad = SubmissionResult("a.yaml", (), {"name": "VC\\nPASS  X"}, "2025-Q1")
        >>> shown(bad).clinic
        {'name': 'VC\\\\x0aPASS  X'}
        >>> clean = SubmissionResult("b.yaml", (), {"name": "VC Nord"}, "2025-Q1")
        >>> shown(clean) is clean
        True
    """
    if not any(_UNSAFE.search(text) for text in _texts(result)):
        return result
    return dataclasses.replace(
        result,
        file=printable(result.file),
        problems=tuple(dataclasses.replace(p, message=printable(p.message),
                                           json_path=printable(p.json_path))
                       for p in result.problems),
        clinic=_value(result.clinic) if result.clinic is not None else None,
        period=printable(result.period) if result.period is not None else None,
        notes=tuple(_texts_of(note) for note in result.notes),
        findings=tuple(_finding(f) for f in result.findings))


def _texts(result: SubmissionResult) -> Iterator[str]:
    yield result.file
    for problem in result.problems:
        yield problem.message
        yield problem.json_path
    if result.clinic:
        yield from _strings(result.clinic)
    if result.period:
        yield result.period
    for note in result.notes:
        yield from note.values()
    for finding in result.findings:
        yield from finding.message.values()
        for note in finding.notes:
            yield from note.values()
        for item in finding.evidence:
            yield from _strings(item.value)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _value(value: Any) -> Any:
    """A value from the file with its texts (keys included) made printable."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_value(v) for v in value)
    return value


def _texts_of(texts: dict[str, str]) -> dict[str, str]:
    return {lang: printable(text) for lang, text in texts.items()}


def _finding(finding: Finding) -> Finding:
    return finding._replace(
        message=_texts_of(finding.message),
        notes=tuple(_texts_of(note) for note in finding.notes),
        evidence=tuple(_evidence(item) for item in finding.evidence))


def _evidence(item: Evidence) -> Evidence:
    return item._replace(value=_value(item.value))


__all__ = ["shown"]
