"""The JSON results document ``vardval/results@1`` (a fixed interface: regions import it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from vardval.checker.findings import STATUSES, Finding, SubmissionResult
from vardval.checker.formatting import plain

FORMAT = "vardval/results@1"


def finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    rule = finding.rule
    out: dict[str, Any] = {
        "rule": rule.id,
        "status": finding.status,
        "severity": rule.severity,
        "title": dict(rule.title),
        "message": finding.message[lang],
        "citations": [{"text": c.text, "source": c.source, "url": c.url}
                      for c in finding.citations],
        "evidence": [_evidence_json(e) for e in finding.evidence],
        "rule_source": {"file": rule.file, "line": rule.line},
    }
    if finding.missing:
        out["missing"] = list(finding.missing)
    if finding.notes:
        out["notes"] = [n[lang] for n in finding.notes]
    return out


def _evidence_json(evidence: Any) -> dict[str, Any]:
    item = {"name": evidence.name, "kind": evidence.kind, "value": plain(evidence.value)}
    if not evidence.present:
        item["missing"] = True
    if evidence.citation:
        item["citation"] = evidence.citation
    return item


def result_json(result: SubmissionResult, lang: str) -> dict[str, Any]:
    return {
        "file": result.file,
        "valid": result.valid,
        "problems": [p.as_json() for p in result.problems],
        "clinic": result.clinic,
        "period": result.period,
        "notes": [n[lang] for n in result.notes],
        "findings": [finding_json(f, lang) for f in result.findings],
    }


def summary_json(results: Iterable[SubmissionResult]) -> dict[str, Any]:
    by_status = dict.fromkeys(("pass", "fail", "not_applicable", "indeterminate"), 0)
    submissions = invalid = 0
    for result in results:
        submissions += 1
        invalid += not result.valid
        for status, count in result.counts().items():
            by_status[status] += count
    assert set(by_status) == set(STATUSES)
    return {"submissions": submissions, "invalid": invalid, "by_status": by_status}


def document(results: list[SubmissionResult], lang: str) -> str:
    body = {"format": FORMAT, "results": [result_json(r, lang) for r in results],
            "summary": summary_json(results)}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
