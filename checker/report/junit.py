"""JUnit XML for CI systems: a ``testsuite`` per submission, a ``testcase`` per rule.

Mapping of statuses (what CI dashboards show):

- ``pass`` → a plain testcase (the message in ``system-out``);
- ``fail`` → ``<failure type="<severity>">``: the rule's requirement was checked and not met;
- ``not_applicable`` → ``<skipped>``: not in force, out of scope, or its ``when`` is false;
- ``indeterminate`` → ``<error type="indeterminate">``: the rule could not be evaluated (data
  missing), which is what JUnit's *error* means, as opposed to a failed assertion;
- an invalid submission → one testcase ``submission format`` with ``<error type="invalid">``.

Suites are written as they are checked, so the root ``testsuites`` element carries no totals
(each suite has its own ``tests``/``failures``/``errors``/``skipped``); a closing comment
gives the batch totals for a human reader.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import BatchTally, Finding, SubmissionResult

if TYPE_CHECKING:
    from vardval.checker.report.outputs import ReportView

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WORDS = {"sv": {"format": "inlämningsformat", "evidence": "underlag", "problems": "problem",
                 "invalid": "ogiltig inlämning"},
          "en": {"format": "submission format", "evidence": "evidence", "problems": "problems",
                 "invalid": "invalid submission"}}


def xml_text(text: object) -> str:
    """Text safe for XML 1.0: characters XML forbids become ``?`` (escaping is ElementTree's).

    Example:
        >>> xml_text("VC\\x07 <Nord>")
        'VC? <Nord>'
    """
    return _XML_ILLEGAL.sub("?", str(text))


class JunitRenderer:
    """Writes ``<testsuites>``, one ``<testsuite>`` per result, then the closing tag."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view

    def begin(self) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vardval">\n')

    def result(self, result: SubmissionResult) -> None:
        suite = suite_element(result, self.view)
        ET.indent(suite, space="  ", level=1)
        self.out.write("  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n")

    def end(self, tally: BatchTally) -> None:
        counts = ", ".join(f"{status} {n}" for status, n in tally.by_status.items())
        comment = xml_text(f" {tally.submissions} submissions ({tally.invalid} invalid): "
                           f"{counts} ").replace("--", "- -")
        self.out.write(f"  <!--{comment}-->\n</testsuites>\n")


def suite_element(result: SubmissionResult, view: ReportView) -> ET.Element:
    """The suite of one submission."""
    suite = ET.Element("testsuite", {"name": xml_text(suite_name(result))})
    _properties(suite, result)
    if not result.valid:
        _invalid_case(suite, result, view.lang)
    for finding in result.findings:
        suite.append(case_element(finding, suite.get("name", ""), view))
    _count(suite, result)
    return suite


def suite_name(result: SubmissionResult) -> str:
    """``Clinic name (region, period)`` for a valid submission, else the file name."""
    if not result.clinic:
        return result.file
    return f"{result.clinic.get('name')} ({result.clinic.get('region')}, {result.period})"


def _properties(suite: ET.Element, result: SubmissionResult) -> None:
    props = ET.SubElement(suite, "properties")
    values = {"file": result.file, "period": result.period, **(result.clinic or {})}
    for name, value in values.items():
        if value is not None:
            ET.SubElement(props, "property", {"name": name, "value": xml_text(value)})


def _invalid_case(suite: ET.Element, result: SubmissionResult, lang: str) -> None:
    words = _WORDS[lang]
    case = ET.SubElement(suite, "testcase", {"classname": suite.get("name", ""),
                                             "name": words["format"], "file": result.file})
    error = ET.SubElement(case, "error", {
        "type": "invalid",
        "message": f"{words['invalid']}: {len(result.problems)} {words['problems']}"})
    error.text = xml_text("\n".join(str(p) for p in result.problems))


def case_element(finding: Finding, classname: str, view: ReportView) -> ET.Element:
    """The case of one rule: its outcome as a child element, the details as its text."""
    rule, lang = finding.rule, view.lang
    case = ET.Element("testcase", {"classname": classname,
                                   "name": xml_text(f"{rule.id}: {rule.title[lang]}"),
                                   "file": rule.file, "line": str(rule.line)})
    message = xml_text(finding.message[lang])
    if finding.status == "pass":
        ET.SubElement(case, "system-out").text = message
    elif finding.status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": message})
    else:
        tag, kind = ("failure", rule.severity) if finding.status == "fail" else (
            "error", "indeterminate")
        outcome = ET.SubElement(case, tag, {"type": kind, "message": message})
        outcome.text = xml_text(_details(finding, view))
    return case


def _details(finding: Finding, view: ReportView) -> str:
    lang = view.lang
    lines = [finding.message[lang]]
    lines += [note[lang] for note in finding.notes]
    evidence = view.evidence(finding)
    if evidence:
        lines.append(f"{_WORDS[lang]['evidence']}: " + " · ".join(evidence))
    lines += [f"§ {c.text} — {c.url}" for c in finding.citations]
    return "\n".join(lines)


def _count(suite: ET.Element, result: SubmissionResult) -> None:
    counts = result.counts()
    suite.set("tests", str(len(result.findings) or 1))
    suite.set("failures", str(counts["fail"]))
    suite.set("errors", str(counts["indeterminate"] + (not result.valid)))
    suite.set("skipped", str(counts["not_applicable"]))
