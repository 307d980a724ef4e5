"""SARIF 2.1.0, the format code-scanning dashboards read: one run, a result per open finding.

Each rule is a ``reportingDescriptor`` whose help text is its citations (with the quoted law
where the sources hold it); each failed or undecided finding is a ``result`` located at the
rule's file and line (where the requirement is written), with the submission as its
``analysisTarget``. A failure is ``kind: fail`` at its severity's level (error, warning,
note); an undecided rule is ``kind: review`` (level ``none``, as SARIF requires for a kind
other than ``fail``); an invalid submission is a ``vardval/invalid-submission`` result at
the problem's line and column. Passes and rules not applicable are left out, as code
scanning expects. Valid against the published schema (tests/reports/test_sarif.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from vardval.checker.engine import BatchTally, Finding, SubmissionResult
from vardval.checker.report.provenance import version

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule
    from vardval.checker.report.outputs import ReportView
    from vardval.checker.submission import Problem

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INVALID = "vardval/invalid-submission"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_WORDS = {"sv": {"invalid": "Ogiltig inlämning", "invalid_help": "Inlämningen följer inte "
                 "formatet vardval/submission@1; rätta problemet på angiven rad och kolumn.",
                 "undecided": "Obestämd", "failed": "Underkänd", "evidence": "Underlag"},
          "en": {"invalid": "Invalid submission", "invalid_help": "The submission does not "
                 "follow the format vardval/submission@1; fix the problem at the line and "
                 "column given.", "undecided": "Indeterminate", "failed": "Failed",
                 "evidence": "Evidence"}}


def uri(path: str) -> str:
    """A file path as a URI reference (relative stays relative, for ``%SRCROOT%``).

    Example:
        >>> uri("rules/national/vardgaranti.yaml"), uri("/tmp/a b.yaml")
        ('rules/national/vardgaranti.yaml', 'file:///tmp/a%20b.yaml')
    """
    posix = path.replace("\\", "/")
    return f"file://{quote(posix)}" if posix.startswith("/") else quote(posix)


def _location(path: str, line: int | None, column: int | None = None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": uri(path)}
    if not path.startswith("/"):
        artifact["uriBaseId"] = "%SRCROOT%"
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line:
        physical["region"] = {"startLine": line, **({"startColumn": column} if column else {})}
    return {"physicalLocation": physical}


def _help(rule: Rule, view: ReportView) -> dict[str, str]:
    """The citations as plain text and Markdown (links, and quotes where held)."""
    version_ = rule.versions[-1]
    text, markdown = [], []
    for c in version_.citations:
        text.append(f"{c.text} — {c.title}: {c.url}" + (f"\n“{c.quote}”" if c.quote else ""))
        quoted = "\n\n> " + c.quote.replace("\n", "\n> ") if c.quote else ""
        markdown.append(f"**[{c.text}]({c.url})** — {c.title}{quoted}")
    if rule.description:
        text.insert(0, rule.description[view.lang])
        markdown.insert(0, rule.description[view.lang])
    return {"text": "\n\n".join(text) or rule.title[view.lang],
            "markdown": "\n\n".join(markdown) or rule.title[view.lang]}


def _descriptor(rule: Rule, view: ReportView) -> dict[str, Any]:
    lang = view.lang
    first = next((c.url for v in rule.versions for c in v.citations
                  if c.url.startswith(("https://", "http://"))), None)
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.replace("-", "_").lower(),
        "shortDescription": {"text": rule.title[lang]},
        "fullDescription": {"text": (rule.description or rule.title)[lang]},
        "help": _help(rule, view),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.rulebook, rule.severity, rule.region or "national"],
                       "title": dict(rule.title), "source": f"{rule.file}:{rule.line}"},
    }
    if first:
        out["helpUri"] = first
    return out


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


class SarifRenderer:
    """Writes the log's head (tool and rules), each open finding's result, then the tail."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view, self.count = out, view, 0
        self.index = {rule.id: i for i, rule in enumerate(view.rules)}

    def begin(self) -> None:
        words = _WORDS[self.view.lang]
        rules = [_descriptor(rule, self.view) for rule in self.view.rules]
        rules.append({"id": INVALID, "name": "invalid_submission",
                      "shortDescription": {"text": words["invalid"]},
                      "help": {"text": words["invalid_help"]},
                      "defaultConfiguration": {"level": "error"}})
        driver = {"name": "vardval", "version": version(), "semanticVersion": version(),
                  "language": self.view.lang, "rules": rules}
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        run_head = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                    "properties": {"producer": dict(self.view.producer),
                                   "fail_on": self.view.fail_on}}
        text = json.dumps(head, ensure_ascii=False)[:-1]
        run = json.dumps(run_head, ensure_ascii=False)[:-1]
        self.out.write(f'{text}, "runs": [{run}, "results": [\n')

    def prepare(self, result: SubmissionResult) -> list[str]:
        items = ([self._problem(result, p) for p in result.problems] if not result.valid
                 else [self._finding(result, f) for f in result.findings
                       if f.status in ("fail", "indeterminate")])
        return [json.dumps(item, ensure_ascii=False) for item in items]

    def emit(self, piece: list[str]) -> None:
        for item in piece:
            sep = ",\n" if self.count else ""
            self.out.write(sep + item)
            self.count += 1

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def end(self, tally: BatchTally) -> None:
        del tally
        self.out.write('\n], "invocations": [{"executionSuccessful": true}]}]}\n')

    def _problem(self, result: SubmissionResult, problem: Problem) -> dict[str, Any]:
        words = _WORDS[self.view.lang]
        return {"ruleId": INVALID, "ruleIndex": len(self.view.rules), "level": "error",
                "kind": "fail",
                "message": {"text": f"{words['invalid']}: {problem.json_path}: "
                                    f"{problem.words(self.view.lang)}"},
                "locations": [_location(result.file, problem.line, problem.column)],
                "partialFingerprints": {"vardval/v1": _fingerprint(
                    result.file, problem.json_path, problem.message)},
                "properties": {"sha256": result.sha256}}

    def _finding(self, result: SubmissionResult, finding: Finding) -> dict[str, Any]:
        rule, lang, words = finding.rule, self.view.lang, _WORDS[self.view.lang]
        clinic = result.clinic or {}
        head = f"{clinic.get('name', result.file)} ({clinic.get('region')}, {result.period})"
        evidence = " · ".join(self.view.evidence(finding))
        lines = [f"{head}: {finding.message[lang]}"]
        lines += [note[lang] for note in finding.notes]
        if evidence:
            lines.append(f"{words['evidence']}: {evidence}")
        failed = finding.status == "fail"
        out: dict[str, Any] = {
            "ruleId": rule.id, "ruleIndex": self.index.get(rule.id, 0),
            "kind": "fail" if failed else "review",
            "level": _LEVEL[rule.severity] if failed else "none",
            "message": {"text": "\n".join(lines)},
            "locations": [_location(rule.file, rule.line)],
            "analysisTarget": {"uri": uri(result.file)},
            "partialFingerprints": {"vardval/v1": _fingerprint(
                rule.id, clinic.get("hsa_id"), result.period)},
            "properties": {"status": finding.status, "severity": rule.severity,
                           "decidesExitStatus": self.view.decides(finding),
                           "submission": result.file, "sha256": result.sha256,
                           "clinic": clinic, "period": result.period,
                           "missing": list(finding.missing)},
        }
        waiver = self.view.waiver(finding)
        if waiver:
            out["suppressions"] = [{"kind": "external", "justification": waiver}]
        return out
