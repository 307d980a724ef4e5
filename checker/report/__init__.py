"""Results out: the report view, one renderer per format, atomic output files, ``explain``."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.engine import evidence_texts, evidence_value, share_names
    from vardval.checker.report import destination, outputs
    from vardval.checker.report.explain import Subject, explain
    from vardval.checker.report.formats import FORMATS, Format, formats_help
    from vardval.checker.report.github import GithubRenderer
    from vardval.checker.report.html_report import HtmlRenderer
    from vardval.checker.report.junit import JunitRenderer
    from vardval.checker.report.outputs import (
        Renderer,
        ReportView,
        atomic_output,
        output_to,
        view_of,
    )
    from vardval.checker.report.provenance import producer
    from vardval.checker.report.results_json import JsonRenderer
    from vardval.checker.report.results_schema import results_schema
    from vardval.checker.report.sarif import SarifRenderer
    from vardval.checker.report.template_book import TemplateScope, template_bytes, template_scope
    from vardval.checker.report.text import TextRenderer, clean

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "FORMATS",
    "Format",
    "GithubRenderer",
    "HtmlRenderer",
    "JsonRenderer",
    "JunitRenderer",
    "Renderer",
    "ReportView",
    "SarifRenderer",
    "Subject",
    "TemplateScope",
    "TextRenderer",
    "atomic_output",
    "clean",
    "destination",
    "evidence_texts",
    "evidence_value",
    "explain",
    "formats_help",
    "output_to",
    "outputs",
    "producer",
    "results_schema",
    "share_names",
    "template_bytes",
    "template_scope",
    "view_of",
]
