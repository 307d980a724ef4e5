"""The output formats of ``vardval check``, declared once: each name, its renderer and its help.

Adding a format is one renderer module and one entry here; the command line's choices and help
and the tests that run every format are derived from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from vardval.checker.report.github import GithubRenderer
from vardval.checker.report.html_report import HtmlRenderer
from vardval.checker.report.junit import JunitRenderer
from vardval.checker.report.outputs import Renderer, ReportView
from vardval.checker.report.results_json import JsonRenderer
from vardval.checker.report.sarif import SarifRenderer
from vardval.checker.report.text import TextRenderer
from vardval.checker.report.workbook import XlsxRenderer


@dataclass(frozen=True)
class Format:
    """One output format: what ``--format NAME`` writes, and a few words for ``--help``."""

    name: str
    renderer: Callable[[TextIO, ReportView], Renderer]
    help: str
    #: bytes, not text (a workbook): written to a file or a pipe, never to a terminal
    binary: bool = False


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", TextRenderer,
           "for a terminal: findings with evidence and citations, then a summary (default)"),
    Format("json", JsonRenderer,
           "vardval/results@1, the documented machine-readable results (regions import it)"),
    Format("junit", JunitRenderer,
           "JUnit XML (junit-10.xsd) for CI: failures are exactly what sets the exit status"),
    Format("html", HtmlRenderer,
           "one self-contained page: a sortable, filterable clinic × rule matrix with CSV "
           "export"),
    Format("sarif", SarifRenderer,
           "SARIF 2.1.0 for code-scanning dashboards: failures located at the rule's file:line"),
    Format("github", GithubRenderer,
           "GitHub Actions annotations (::error file=…::) on the submission files"),
    Format("xlsx", XlsxRenderer,
           "an Excel workbook (-o FILE.xlsx): clinic × rule matrix, findings with evidence and "
           "links, the rules; Swedish headings, filters and frozen header rows",
           binary=True),
)}


def formats_help() -> str:
    """``text (…), json (…), …`` for the command line's help."""
    return "; ".join(f"{f.name}: {f.help}" for f in FORMATS.values())
