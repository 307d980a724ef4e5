"""The JSON results document ``vardval/results@1`` (a fixed interface: regions import it).

The document is written incrementally: the opening, each result as soon as it is checked,
then the summary, so a batch of any size streams. Beyond the contract's keys the summary has
``by_rule`` (status counts per rule) and ``clinics`` (each clinic's worst status); evidence
items for parameters carry their ``citation``, ``valid_from`` and ``unit``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from vardval.checker.engine import BatchTally, Evidence, Finding, SubmissionResult
from vardval.checker.formatting import plain
from vardval.checker.recent import Recent
from vardval.checker.report.utf8_sink import Utf8Sink
from vardval.checker.vocab import STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from vardval.checker.report.outputs import ReportView

FORMAT = "vardval/results@1"
_MAX_SEEN = 256  # findings whose text is kept for reuse, the most recently used


def finding_json(finding: Finding, lang: str,
                 units: Mapping[str, str] | None = None) -> dict[str, Any]:
    rule = finding.rule
    out: dict[str, Any] = {
        "rule": rule.id,
        "status": finding.status,
        "severity": rule.severity,
        "title": dict(rule.title),
        "message": finding.message[lang],
        "citations": [{"text": c.text, "source": c.source, "url": c.url}
                      for c in finding.citations],
        "evidence": [evidence_json(e, (units or {}).get(e.name)) for e in finding.evidence],
        "rule_source": {"file": rule.file, "line": rule.line},
    }
    if finding.version_from:
        out["version_from"] = finding.version_from
    if finding.missing:
        out["missing"] = list(finding.missing)
    if finding.notes:
        out["notes"] = [n[lang] for n in finding.notes]
    if finding.waiver is not None:
        out["waiver"] = finding.waiver.as_json()
    return out


def evidence_json(evidence: Evidence, unit: str | None = None) -> dict[str, Any]:
    """One evidence item; nothing the engine gathered is left out.

    Example:
        >>> from decimal import Decimal
        >>> evidence_json(Evidence("vardgaranti.kontakt.malniva", "parameter", Decimal(1), True,
        ...                        "HSF 6 kap. 1 § 1 p.", "2017-04-01"), "percent")
        ... # doctest: +NORMALIZE_WHITESPACE
        {'name': 'vardgaranti.kontakt.malniva', 'kind': 'parameter', 'value': 1,
         'citation': 'HSF 6 kap. 1 § 1 p.', 'valid_from': '2017-04-01', 'unit': 'percent'}
    """
    item: dict[str, Any] = {"name": evidence.name, "kind": evidence.kind,
                            "value": plain(evidence.value)}
    if not evidence.present:
        item["missing"] = True
    if evidence.citation:
        item["citation"] = evidence.citation
    if evidence.valid_from:
        item["valid_from"] = evidence.valid_from
    if evidence.kind == "parameter" and unit:
        item["unit"] = unit
    return item


def result_json(result: SubmissionResult, lang: str,
                units: Mapping[str, str] | None = None) -> dict[str, Any]:
    out = {
        "file": result.file,
        "valid": result.valid,
        "problems": [p.as_json(lang) for p in result.problems],
        "clinic": result.clinic,
        "period": result.period,
        "notes": [n[lang] for n in result.notes],
        "findings": [finding_json(f, lang, units) for f in result.findings],
    }
    if result.sha256:
        out["sha256"] = result.sha256
    return out


def summary_json(tally: BatchTally) -> dict[str, Any]:
    return {
        "submissions": tally.submissions,
        "invalid": tally.invalid,
        "by_status": {s: tally.by_status[s] for s in STATUSES},
        "by_rule": {rule: {s: counts[s] for s in STATUSES}
                    for rule, counts in tally.by_rule.items()},
        "clinics": [{"hsa_id": c.hsa_id, "name": c.name, "region": c.region,
                     "submissions": c.submissions, "worst_status": c.worst}
                    for c in tally.clinics()],
    }


class JsonRenderer:
    """Writes ``{"format": …, "producer": …, "results": [`` then each result, then the summary.

    A result's piece is its JSON already encoded (``Utf8Sink``): the report's bulk is written
    as the bytes the worker that checked the file made."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.sink, self.view, self.count = Utf8Sink(out), view, 0
        self.encode = ResultEncoder(view.lang, view.units)

    def begin(self) -> None:
        head = '{\n  "format": ' + json.dumps(FORMAT)
        if self.view.producer:
            head += ',\n  "producer": ' + _dumps(dict(self.view.producer))
        self.sink.text(head + ',\n  "results": [')

    def prepare(self, result: SubmissionResult) -> bytes:
        return self.sink.encode(self.encode(result))

    def emit(self, piece: bytes) -> None:
        self.sink.write(b",\n    " if self.count else b"\n    ")
        self.sink.write(piece)
        self.count += 1

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def end(self, tally: BatchTally) -> None:
        closing = "\n  ]" if self.count else "]"
        summary = json.dumps(summary_json(tally), ensure_ascii=False, indent=2).replace(
            "\n", "\n  ")
        self.sink.text(f'{closing},\n  "summary": {summary}\n}}\n')


class ResultEncoder:
    """``_dumps(result_json(result, lang, units))``, with what is fixed per rule encoded once.

    Of a finding's JSON only the status, message, evidence, missing fields and notes change
    from one submission to the next; the rule id, severity, title, citations and source are
    the same for every finding of a rule version, so their text is made once and reused
    (most of a batch's output, and most of the time encoding it).

    Example:
        >>> from vardval.checker.engine.findings import SubmissionResult
        >>> ResultEncoder("sv", {})(SubmissionResult("a.yaml", ()))
        '{"file": "a.yaml", "valid": true, "problems": [], "clinic": null, "period": null, \
"notes": [], "findings": []}'
    """

    def __init__(self, lang: str, units: Mapping[str, str] | None = None) -> None:
        self.lang, self.units = lang, units or {}
        self._fixed: dict[tuple[int, int, str | None], tuple[Any, ...]] = {}
        self._status = {s: _dumps(s) for s in STATUSES}
        self._seen: Recent[int, tuple[Finding, str]] = Recent(_MAX_SEEN)
        self._seen_items: Recent[int, tuple[Evidence, str]] = Recent(_MAX_SEEN)

    def __call__(self, result: SubmissionResult) -> str:
        lang = self.lang
        head = (f'{{"file": {_dumps(result.file)}, "valid": {_dumps(result.valid)}, '
                f'"problems": {_dumps([p.as_json(lang) for p in result.problems])}, '
                f'"clinic": {_dumps(result.clinic)}, "period": {_dumps(result.period)}, '
                f'"notes": {_dumps([n[lang] for n in result.notes])}, "findings": [')
        tail = f'], "sha256": {_TEXT(result.sha256)}}}' if result.sha256 else "]}"
        return head + ", ".join(map(self.finding, result.findings)) + tail

    def finding(self, finding: Finding) -> str:
        """One finding's text; a finding object met before (a rule out of scope or force is
        one finding for every submission of a region or quarter) is written from its text."""
        if finding.status != "not_applicable" or finding.evidence:
            return self._finding(finding)
        known = self._seen.get(id(finding))
        if known is not None and known[0] is finding:
            return known[1]
        text = self._finding(finding)
        self._seen[id(finding)] = (finding, text)
        return text

    def _finding(self, finding: Finding) -> str:
        rule, cited = finding.rule, finding.citations
        key = (id(rule), id(cited), finding.version_from)
        fixed = self._fixed.get(key)
        if fixed is None or fixed[0] is not rule or fixed[1] is not cited:
            fixed = self._fixed[key] = (rule, cited, *_fixed_parts(finding))
        _, _, head, middle, cites, tail = fixed
        status = self._status.get(finding.status) or _dumps(finding.status)
        evidence = ("[" + ", ".join([self._evidence(e) for e in finding.evidence]) + "]"
                    if finding.evidence else "[]")
        out = [head, status, middle, _dumps(finding.message[self.lang]), cites, evidence, tail]
        if finding.missing:
            out += ', "missing": ', _dumps(list(finding.missing))
        if finding.notes:
            out += ', "notes": ', _dumps([n[self.lang] for n in finding.notes])
        if finding.waiver is not None:
            out += ', "waiver": ', _dumps(finding.waiver.as_json())
        out.append("}")
        return "".join(out)


    def _evidence(self, item: Evidence) -> str:
        """``_dumps(evidence_json(item, unit))`` written directly; a parameter's item (the
        same object for every submission of a region and quarter) is written once."""
        if item.kind == "parameter":
            known = self._seen_items.get(id(item))
            if known is not None and known[0] is item:
                return known[1]
        value = item.value
        kind = type(value)
        text = (f'{{"name": {_TEXT(item.name)}, "kind": {_TEXT(item.kind)}, "value": '
                + (str(value) if kind is int else _TEXT(value) if kind is str
                   else _dumps(plain(value))))
        if not item.present:
            text += ', "missing": true'
        if item.citation:
            text += f', "citation": {_TEXT(item.citation)}'
        if item.valid_from:
            text += f', "valid_from": {_TEXT(item.valid_from)}'
        unit = self.units.get(item.name) if item.kind == "parameter" else None
        if unit:
            text += f', "unit": {_TEXT(unit)}'
        text += "}"
        if item.kind == "parameter":
            self._seen_items[id(item)] = (item, text)
        return text


def _fixed_parts(finding: Finding) -> tuple[str, str, str, str]:
    """The text around a finding's status, message and evidence, and after its evidence."""
    rule = finding.rule
    head = f'{{"rule": {_dumps(rule.id)}, "status": '
    middle = (f', "severity": {_dumps(rule.severity)}, "title": {_dumps(dict(rule.title))}, '
              '"message": ')
    cited = [{"text": c.text, "source": c.source, "url": c.url} for c in finding.citations]
    cites = f', "citations": {_dumps(cited)}, "evidence": '
    tail = f', "rule_source": {_dumps({"file": rule.file, "line": rule.line})}'
    if finding.version_from:
        tail += f', "version_from": {_dumps(finding.version_from)}'
    return head, middle, cites, tail


def _refuse(value: object) -> NoReturn:
    msg = f"Object of type {type(value).__name__} is not JSON serializable"
    raise TypeError(msg)


# One result per line, written by json's C encoder: indenting would force the pure-Python
# encoder, which took four tenths of the time of a whole check (docs/benchmarks.md). The
# encoder is made once, not per call as ``json.dumps(..., ensure_ascii=False)`` makes it
# (a check encodes some 80 small values per submission); without the check for cycles, which
# plain report data cannot have. Its output is exactly ``json.dumps``'s.
_C_ENCODE = getattr(json.encoder, "c_make_encoder", None)
_TEXT: Callable[[str], str] = json.encoder.encode_basestring
if _C_ENCODE is not None:
    _ENCODE = _C_ENCODE(None, _refuse, _TEXT, None, ": ", ", ", False, False, True)

    def _dumps(value: Any) -> str:
        if type(value) is str:
            return _TEXT(value)
        return "".join(_ENCODE(value, 0))
else:  # pragma: no cover - CPython has the C encoder

    def _dumps(value: Any) -> str:
        return json.JSONEncoder(ensure_ascii=False).encode(value)

