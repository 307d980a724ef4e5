"""The output formats of ``vardval check``, declared once: each name, its renderer and its help.

Adding a format is one renderer module and one entry here; the command line's choices and help
and the tests that run every format are derived from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from vardval.checker.report.html_report import HtmlRenderer
from vardval.checker.report.junit import JunitRenderer
from vardval.checker.report.outputs import Renderer, ReportView
from vardval.checker.report.results_json import JsonRenderer
from vardval.checker.report.text import TextRenderer


@dataclass(frozen=True)
class Format:
    """One output format: what ``--format NAME`` writes, and a few words for ``--help``."""

    name: str
    renderer: Callable[[TextIO, ReportView], Renderer]
    help: str


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", TextRenderer, "terminal"),
    Format("json", JsonRenderer, "vardval/results@1"),
    Format("junit", JunitRenderer, "CI systems"),
    Format("html", HtmlRenderer, "one self-contained file"),
)}


def formats_help() -> str:
    """``text (terminal), json (vardval/results@1), …`` for the command line's help."""
    return ", ".join(f"{f.name} ({f.help})" for f in FORMATS.values())
