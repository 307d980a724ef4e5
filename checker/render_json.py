"""The JSON results document ``vardval/results@1`` (a fixed interface: regions import it).

The document is written incrementally: the opening, each result as soon as it is checked,
then the summary, so a batch of any size streams. Beyond the contract's keys the summary has
``by_rule`` (status counts per rule) and ``clinics`` (each clinic's worst status); evidence
items for parameters carry their ``citation``, ``valid_from`` and ``unit``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from vardval.checker.findings import BatchTally, Evidence, Finding, SubmissionResult
from vardval.checker.formatting import plain

if TYPE_CHECKING:
    from collections.abc import Mapping

    from vardval.checker.outputs import ReportView

FORMAT = "vardval/results@1"
_STATUS_KEYS = ("pass", "fail", "not_applicable", "indeterminate")


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
    return {
        "file": result.file,
        "valid": result.valid,
        "problems": [p.as_json() for p in result.problems],
        "clinic": result.clinic,
        "period": result.period,
        "notes": [n[lang] for n in result.notes],
        "findings": [finding_json(f, lang, units) for f in result.findings],
    }


def summary_json(tally: BatchTally) -> dict[str, Any]:
    return {
        "submissions": tally.submissions,
        "invalid": tally.invalid,
        "by_status": {s: tally.by_status[s] for s in _STATUS_KEYS},
        "by_rule": {rule: {s: counts[s] for s in _STATUS_KEYS}
                    for rule, counts in tally.by_rule.items()},
        "clinics": [{"hsa_id": c.hsa_id, "name": c.name, "region": c.region,
                     "submissions": c.submissions, "worst_status": c.worst}
                    for c in tally.clinics()],
    }


class JsonRenderer:
    """Writes ``{"format": …, "results": [`` then each result, then the summary."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view, self.count = out, view, 0

    def begin(self) -> None:
        self.out.write('{\n  "format": ' + json.dumps(FORMAT) + ',\n  "results": [')

    def result(self, result: SubmissionResult) -> None:
        body = _dumps(result_json(result, self.view.lang, self.view.units))
        self.out.write(("," if self.count else "") + "\n    " + body)
        self.count += 1

    def end(self, tally: BatchTally) -> None:
        closing = "\n  ]" if self.count else "]"
        summary = json.dumps(summary_json(tally), ensure_ascii=False, indent=2).replace(
            "\n", "\n  ")
        self.out.write(f'{closing},\n  "summary": {summary}\n}}\n')


def _dumps(value: Any) -> str:
    # One result per line, written by json's C encoder: indenting would force the pure-Python
    # encoder, which took four tenths of the time of a whole check (docs/benchmarks.md).
    return json.dumps(value, ensure_ascii=False)

