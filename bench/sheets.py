"""Spreadsheets and CSV: reading an office's export, writing a template and a results workbook.

``section(rules, data)`` returns the Markdown section ``bench/run.py`` adds to
docs/benchmarks.md: N generated submissions as one CSV export (one row each, a mapping naming
every field) read and checked in-process, against reading and checking the same submissions
as YAML texts; the time to write one template; and the time and size of the results workbook
(``--format xlsx``) for the whole batch.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from generate import yaml_text
from vardval.checker.corpus import RuleSet
from vardval.checker.engine import BatchTally, check_intake
from vardval.checker.report import outputs, template_bytes, template_scope
from vardval.checker.report.workbook import XlsxRenderer
from vardval.checker.submission import (
    load_mapping,
    load_submission_text,
    submission_fields,
    table_submissions,
)
from vardval.dsl.values import Quarter


def _timed(run: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    finally:
        gc.enable()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "inga"
    if isinstance(value, dt.date | Decimal | int):
        return str(value)
    return str(value).replace(";", ",")


def export_of(data: Sequence[dict[str, Any]]) -> tuple[bytes, str]:
    """The submissions as one semicolon CSV, and a mapping that names every field."""
    fields = [d for d in submission_fields() if d != "format"]
    lines = [";".join(fields)]
    for item in data:
        row = []
        for dotted in fields:
            node: Any = item
            for part in dotted.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            row.append("" if node is None else _cell(node))
        lines.append(";".join(row))
    mapping = ("format: vardval/mapping@1\ncsv: {delimiter: ';'}\ncolumns:\n"
               + "".join(f"  {d}: {d}\n" for d in fields))
    return ("\n".join(lines) + "\n").encode(), mapping


def section(rules: RuleSet, data: Sequence[dict[str, Any]]) -> str:
    """The Markdown section on spreadsheets for docs/benchmarks.md."""
    raw, mapping_text = export_of(data)
    texts = [yaml_text(item).encode() for item in data]
    with tempfile.TemporaryDirectory(prefix="vardval-bench-sheets-") as tmp:
        path = Path(tmp) / "mapping.yaml"
        path.write_text(mapping_text, encoding="utf-8")
        mapping = load_mapping(path)
    results: list[Any] = []

    def from_csv() -> None:
        results.clear()
        for intake, _ in table_submissions(raw, "export.csv", mapping):
            results.append(check_intake(rules, intake))

    def from_yaml() -> None:
        for index, text in enumerate(texts):
            check_intake(rules, load_submission_text(text, f"{index}.yaml"))

    csv_time, yaml_time = _timed(from_csv), _timed(from_yaml)
    invalid = sum(not r.valid for r in results)
    scope = template_scope(rules, "kronoberg", Quarter.parse("2025-Q3"))
    template_time = _timed(lambda: template_bytes(scope))
    out = _Binary()
    view = outputs.view_of(rules)

    def workbook() -> None:
        renderer = XlsxRenderer(out, view)
        tally = BatchTally(rule.id for rule in rules.rules())
        for result in results:
            tally.add(result)
            renderer.result(result)
        renderer.end(tally)

    xlsx_time = _timed(workbook)
    n = len(data)
    rows = [
        (f"read and check a CSV export of {n} rows",
         f"{csv_time:.2f} s ({n / csv_time:,.0f} rows/s)", f"{invalid} rows invalid"),
        (f"read and check the same {n} submissions as YAML texts", f"{yaml_time:.2f} s",
         f"CSV / YAML = {csv_time / yaml_time:.2f}x"),
        ("`vardval template` (Kronoberg, 2025-Q3), in-process",
         f"{template_time * 1000:.0f} ms", ""),
        (f"results workbook (`--format xlsx`) of {n} submissions",
         f"{xlsx_time:.2f} s, {out.size / 1e6:.1f} MB", "the rows are kept until the end"),
    ]
    lines = ["## Spreadsheets and CSV", "", "| measure | value | note |", "|---|---|---|"]
    return "\n".join([*lines, *(f"| {a} | {b} | {c} |" for a, b, c in rows), ""])


class _Binary(io.StringIO):
    """A text stream with a ``buffer`` that counts the workbook's bytes."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0
        self.buffer = self

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)
