"""The output formats, in one place: ``--format`` choices, help and tests are read from it."""

from __future__ import annotations

from vardval.checker.report.github import GithubRenderer
from vardval.checker.report.html_report import HtmlRenderer
from vardval.checker.report.junit import JunitRenderer
from vardval.checker.report.outputs import Renderer
from vardval.checker.report.results_json import JsonRenderer
from vardval.checker.report.sarif import SarifRenderer
from vardval.checker.report.text import TextRenderer

#: Format name → renderer class; adding a format is a module and one entry here.
_CLASSES: tuple[type[Renderer], ...] = (TextRenderer, JsonRenderer, JunitRenderer,
                                         HtmlRenderer, SarifRenderer, GithubRenderer)
FORMATS: dict[str, type[Renderer]] = {cls.name: cls for cls in _CLASSES}
