"""What came from a file, made safe to show: a result's texts with control characters visible.

A clinic name, a period, a problem quoting the file, a message or an evidence value that holds
a newline could forge a ``PASS`` line in a text report; an escape recolours a terminal; NUL,
ESC and BEL have no place in an HTML page. The reports people read (text, HTML) show a result
through ``shown``, which writes such characters as ``\\xNN`` (``formatting.printable``); the
machine formats escape them as their syntax requires (JSON and SARIF by JSON's escapes, JUnit
by ``junit.xml_text``, GitHub annotations by ``github.data``).

Most results hold no such character, and ``shown`` returns them untouched after one search
over all their texts joined, so the default report stays about as fast as before.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from vardval.checker.engine import Evidence, Finding, SubmissionResult
from vardval.checker.formatting import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(result: SubmissionResult,
          showing: Callable[[Finding], bool] | None = None) -> SubmissionResult:
    """``result`` with every text that came from a file made printable (itself when clean).

    ``showing`` names the findings a report shows: the others (a text report hides the rules
    that do not apply) are neither searched nor changed, as none of their texts is written.

    Example:
        >>> bad = SubmissionResult("a.yaml", (), {"name": "VC\\nPASS  X"}, "2025-Q1")
        >>> shown(bad).clinic
        {'name': 'VC\\\\x0aPASS  X'}
        >>> clean = SubmissionResult("b.yaml", (), {"name": "VC Nord"}, "2025-Q1")
        >>> shown(clean) is clean
        True
    """
    findings = (result.findings if showing is None
                else [f for f in result.findings if showing(f)])
    if _UNSAFE.search("".join(_texts(result, findings))) is None:
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
        findings=tuple(_finding(f) if showing is None or showing(f) else f
                       for f in result.findings))


def _texts(result: SubmissionResult, findings: Iterable[Finding]) -> list[str]:
    """Every text of the result that may hold a file's characters, to be searched as one."""
    texts = [result.file, result.period or ""]
    texts += [t for p in result.problems for t in (p.message, p.json_path)]
    if result.clinic:
        texts += _strings(result.clinic)
    texts += [t for note in result.notes for t in note.values()]
    for finding in findings:
        texts += finding.message.values()
        for note in finding.notes:
            texts += note.values()
        for item in finding.evidence:
            value = item.value
            if type(value) is str:
                texts.append(value)
            elif isinstance(value, dict | list | tuple):
                texts += _strings(value)
    return texts


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
