"""GitHub Actions workflow commands: an annotation per open finding on the submission file.

``::error file=…,line=…,title=…::message``: a finding that decides the exit status is an
``error``; any other failure or undecided rule is a ``warning`` (``notice`` for an ``info``
rule), so the annotations agree with the job's outcome. Invalid submissions are annotated at
the problem's line and column. Values are escaped as the runner requires (``%``, CR, LF, and
in properties ``:`` and ``,``), and control characters never pass through.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from vardval.checker.engine import BatchTally, Finding, SubmissionResult

if TYPE_CHECKING:
    from vardval.checker.report.outputs import ReportView

_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WORDS = {"sv": {"invalid": "Ogiltig inlämning", "total": "vardval: {n} inlämningar, "
                 "{bad} ogiltiga, {deciding} fynd avgör slutstatus", "source": "regel",
                 "evidence": "underlag"},
          "en": {"invalid": "Invalid submission", "total": "vardval: {n} submissions, "
                 "{bad} invalid, {deciding} findings decide the exit status",
                 "source": "rule", "evidence": "evidence"}}


def data(text: str) -> str:
    """A workflow command's message.

    Example:
        >>> data("50 %\\nnext")
        '50 %25%0Anext'
    """
    text = _CONTROL.sub("?", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def prop(text: str) -> str:
    """A workflow command's property value.

    Example:
        >>> prop("VG-KONTAKT: a, b")
        'VG-KONTAKT%3A a%2C b'
    """
    return data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    given = ",".join(f"{k}={prop(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {given}::{data(message)}\n" if given else f"::{level}::{data(message)}\n"


class GithubRenderer:
    """Writes one workflow command per open finding or problem, and a closing notice."""

    def __init__(self, out: TextIO, view: ReportView) -> None:
        self.out, self.view, self.deciding = out, view, 0

    def begin(self) -> None:
        """Annotations have no header."""

    def prepare(self, result: SubmissionResult) -> tuple[int, str]:
        """How many findings decide the exit status, and the commands for the result."""
        words = _WORDS[self.view.lang]
        commands = [command("error", f"{problem.json_path}: {problem.words(self.view.lang)}",
                            file=result.file, line=problem.line, col=problem.column,
                            title=words["invalid"]) for problem in result.problems]
        open_ = [f for f in result.findings if f.status in ("fail", "indeterminate")]
        commands += [self._annotation(result, finding) for finding in open_]
        return sum(1 for f in open_ if self.view.decides(f)), "".join(commands)

    def emit(self, piece: tuple[int, str]) -> None:
        deciding, text = piece
        self.deciding += deciding
        self.out.write(text)

    def result(self, result: SubmissionResult) -> None:
        self.emit(self.prepare(result))

    def _annotation(self, result: SubmissionResult, finding: Finding) -> str:
        rule, lang, words = finding.rule, self.view.lang, _WORDS[self.view.lang]
        deciding = self.view.decides(finding)
        level = "error" if deciding else "notice" if rule.severity == "info" else "warning"
        lines = [finding.message[lang], *(n[lang] for n in finding.notes)]
        evidence = self.view.evidence(finding)
        if evidence:
            lines.append(f"{words['evidence']}: " + " · ".join(evidence))
        lines += [f"§ {c.text} — {c.url}" for c in finding.citations]
        lines.append(f"{words['source']}: {rule.file}:{rule.line}")
        title = f"{rule.id} [{finding.status}, {rule.severity}]: {rule.title[lang]}"
        return command(level, "\n".join(lines), file=result.file, title=title)

    def end(self, tally: BatchTally) -> None:
        text = _WORDS[self.view.lang]["total"].format(
            n=tally.submissions, bad=tally.invalid, deciding=self.deciding)
        self.out.write(command("notice", text))
