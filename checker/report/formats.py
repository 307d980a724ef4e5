"""The output formats of ``vardval check``, declared once: each name, its renderer and its help.

Adding a format is one renderer module and one entry here; the command line's choices and help
and the tests that run every format are derived from this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from vardval.checker.report.outputs import Renderer, ReportView


@dataclass(frozen=True)
class Format:
    """One output format: what ``--format NAME`` writes, and a few words for ``--help``."""

    name: str
    #: ``module:Class`` of the renderer, imported when the format is used: a text check
    #: never loads the HTML, XML or workbook writers
    writer: str
    help: str
    #: bytes, not text (a workbook): written to a file or a pipe, never to a terminal
    binary: bool = False

    @property
    def renderer(self) -> Callable[[TextIO, ReportView], Renderer]:
        """The renderer class (``FORMATS["json"].renderer(out, view)``)."""
        module, _, name = self.writer.partition(":")
        found = getattr(importlib.import_module(f"vardval.checker.report.{module}"), name)
        return cast("Callable[[TextIO, ReportView], Renderer]", found)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", "text:TextRenderer",
           "for a terminal: findings with evidence and citations, then a summary (default)"),
    Format("json", "results_json:JsonRenderer",
           "vardval/results@1, the documented machine-readable results (regions import it)"),
    Format("junit", "junit:JunitRenderer",
           "JUnit XML (junit-10.xsd) for CI: failures are exactly what sets the exit status"),
    Format("html", "html_report:HtmlRenderer",
           "one self-contained page: a sortable, filterable clinic × rule matrix with CSV "
           "export"),
    Format("sarif", "sarif:SarifRenderer",
           "SARIF 2.1.0 for code-scanning dashboards: failures located at the rule's file:line"),
    Format("github", "github:GithubRenderer",
           "GitHub Actions annotations (::error file=…::) on the submission files"),
    Format("xlsx", "workbook:XlsxRenderer",
           "an Excel workbook (-o FILE.xlsx): clinic × rule matrix, findings with evidence and "
           "links, the rules; Swedish headings, filters and frozen header rows",
           binary=True),
)}


def formats_help() -> str:
    """``text (…), json (…), …`` for the command line's help."""
    return "; ".join(f"{f.name}: {f.help}" for f in FORMATS.values())
