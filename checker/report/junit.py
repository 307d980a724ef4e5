"""JUnit XML for CI systems: a ``testsuite`` per submission, a ``testcase`` per rule.

Valid against ``junit-10.xsd``, the dialect Jenkins' xUnit plugin reads (the test suite checks
it with a real XSD validator). A CI dashboard must agree with the exit status, so:

- a finding that decides the exit status (``ReportView.decides``: a failure at or above
  ``--fail-on``, or an undecided rule with ``--fail-on-indeterminate``) → ``<failure>`` with
  ``type`` the status and severity (``fail/error``, ``indeterminate/warning``);
- an invalid submission → one testcase ``submission format`` with ``<failure type="invalid">``;
- ``not_applicable`` → ``<skipped>``: not in force, out of scope, or its ``when`` is false;
- every other finding (a pass, a failure below the threshold, an undecided rule that does not
  count) → a passing testcase whose ``system-out`` begins ``status: …``.

The rule file and line, which ``junit-10.xsd`` does not allow as attributes of a testcase,
are the last line of its ``system-out``. Suites are written to a spooled file as they are
checked, so the root ``testsuites`` can carry the batch totals and time when the batch ends.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import time
import weakref
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import BatchTally, Finding, SubmissionResult

if TYPE_CHECKING:
    from vardval.checker.report.outputs import ReportView

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPOOL_BYTES = 8 << 20  # suites kept in memory up to this size, then in a temporary file
_WORDS = {"sv": {"format": "inlämningsformat", "evidence": "underlag", "problems": "problem",
                 "invalid": "ogiltig inlämning", "status": "status", "source": "regelkälla",
                 "note": "obs", "waiver": "undantag"},
          "en": {"format": "submission format", "evidence": "evidence", "problems": "problems",
                 "invalid": "invalid submission", "status": "status", "source": "rule source",
                 "note": "note", "waiver": "waiver"}}


def xml_text(text: object) -> str:
    """Text safe for XML 1.0: characters XML forbids become ``?`` (escaping is ElementTree's).

    Example:
        >>> xml_text("VC\\x07 <Nord>")
        'VC? <Nord>'
    """
    return _XML_ILLEGAL.sub("?", str(text))


class JunitRenderer:
    """Spools ``<testsuite>`` elements, then writes ``<testsuites>`` with totals around them."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view = out, view
        self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in end()
            max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8")
        weakref.finalize(self, self.spool.close)  # also when a run is interrupted
        self.totals = {"tests": 0, "failures": 0, "errors": 0}
        self.started = self.last = time.perf_counter()

    def begin(self) -> None:
        """Nothing yet: the root's totals are known only at the end."""

    def prepare(self, result: SubmissionResult) -> tuple[dict[str, int], str]:
        """The suite's counts and XML; its time is this process's since its previous result
        (with ``--jobs``, the time the worker spent on this file)."""
        now = time.perf_counter()
        suite = suite_element(result, self.view, now - self.last)
        self.last = now
        counts = {key: int(suite.get(key, "0")) for key in self.totals}
        ET.indent(suite, space="  ", level=1)
        return counts, "  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n"

    def emit(self, piece: tuple[dict[str, int], str]) -> None:
        counts, text = piece
        for key, count in counts.items():
            self.totals[key] += count
        self.spool.write(text)

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def end(self, tally: BatchTally) -> None:
        attrs = {"name": "vardval", **{k: str(v) for k, v in self.totals.items()},
                 "time": _seconds(time.perf_counter() - self.started)}
        root = " ".join(f'{k}="{v}"' for k, v in attrs.items())
        self.out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites {root}>\n')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        counts = ", ".join(f"{status} {n}" for status, n in tally.by_status.items())
        made = " ".join(f"{k}={v}" for k, v in self.view.producer.items())
        comment = xml_text(f" {tally.submissions} submissions ({tally.invalid} invalid): "
                           f"{counts}. {made} ").replace("--", "- -")
        self.out.write(f"  <!--{comment}-->\n</testsuites>\n")


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"


def suite_element(result: SubmissionResult, view: ReportView, seconds: float = 0.0) -> ET.Element:
    """The suite of one submission; ``seconds`` is the time spent checking it."""
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()
    suite = ET.Element("testsuite", {"name": xml_text(suite_name(result)),
                                     "timestamp": stamp, "time": _seconds(seconds),
                                     "file": xml_text(result.file)})
    _properties(suite, result, view)
    if not result.valid:
        _invalid_case(suite, result, view.lang)
    for finding in result.findings:
        suite.append(case_element(finding, suite.get("name", ""), view))
    _count(suite, result, view)
    return suite


def suite_name(result: SubmissionResult) -> str:
    """``Clinic name (region, period)`` for a valid submission, else the file name."""
    if not result.clinic:
        return result.file
    return f"{result.clinic.get('name')} ({result.clinic.get('region')}, {result.period})"


def _properties(suite: ET.Element, result: SubmissionResult, view: ReportView) -> None:
    props = ET.SubElement(suite, "properties")
    values = {"file": result.file, "period": result.period, "sha256": result.sha256,
              **(result.clinic or {}), "fail_on": view.fail_on,
              **{f"producer.{k}": v for k, v in view.producer.items()}}
    for name, value in values.items():
        if value is not None:
            ET.SubElement(props, "property", {"name": name, "value": xml_text(value)})


def _invalid_case(suite: ET.Element, result: SubmissionResult, lang: str) -> None:
    words = _WORDS[lang]
    case = ET.SubElement(suite, "testcase", {"classname": suite.get("name", ""),
                                             "name": words["format"]})
    failure = ET.SubElement(case, "failure", {
        "type": "invalid",
        "message": f"{words['invalid']}: {len(result.problems)} {words['problems']}"})
    failure.text = xml_text("\n".join(p.shown(lang) for p in result.problems))


def case_element(finding: Finding, classname: str, view: ReportView) -> ET.Element:
    """The case of one rule: a failure only if it decides the exit status."""
    rule, lang = finding.rule, view.lang
    case = ET.Element("testcase", {"classname": classname,
                                   "name": xml_text(f"{rule.id}: {rule.title[lang]}")})
    message = xml_text(finding.message[lang])
    if view.decides(finding):
        outcome = ET.SubElement(case, "failure", {"type": f"{finding.status}/{rule.severity}",
                                                  "message": message})
        outcome.text = xml_text(_details(finding, view))
    elif finding.status == "not_applicable":
        ET.SubElement(case, "skipped", {"message": message})
    else:
        ET.SubElement(case, "system-out").text = xml_text(_details(finding, view))
    return case


def _details(finding: Finding, view: ReportView) -> str:
    lang, words, rule = view.lang, _WORDS[view.lang], finding.rule
    lines = [f"{words['status']}: {finding.status} ({rule.severity})", finding.message[lang]]
    lines += [f"{words['note']}: {note[lang]}" for note in finding.notes]
    waiver = view.waiver(finding)
    if waiver:
        lines.append(f"{words['waiver']}: {waiver}")
    evidence = view.evidence(finding)
    if evidence:
        lines.append(f"{words['evidence']}: " + " · ".join(evidence))
    lines += [f"§ {c.text} — {c.url}" for c in finding.citations]
    lines.append(f"{words['source']}: {rule.file}:{rule.line}")
    return "\n".join(lines)


def _count(suite: ET.Element, result: SubmissionResult, view: ReportView) -> None:
    counts = result.counts()
    suite.set("tests", str(len(result.findings) + (not result.valid)))
    failing = sum(1 for f in result.findings if view.decides(f))
    suite.set("failures", str(failing + (not result.valid)))
    suite.set("errors", "0")
    suite.set("skipped", str(counts["not_applicable"]))
