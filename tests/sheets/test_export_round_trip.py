"""An office's CSV export, one row per bundled example, is checked as the YAML examples are.

``fixtures/exports/kontoret-export.csv`` holds the examples as an office would export them
(semicolons, Swedish words and decimal commas, periods written 2025Q1, region names in full),
and ``kontoret-mapping.yaml`` says how to read it. Row by row, ``vardval check --mapping``
must give the findings, messages, evidence and exit code of ``vardval check`` on the YAML.
"""

from __future__ import annotations

from pathlib import Path

from filling import EXAMPLES, export_csv
from results import checked

EXPORT = Path("fixtures/exports/kontoret-export.csv")
MAPPING = Path("fixtures/exports/kontoret-mapping.yaml")


def test_the_export_holds_the_bundled_examples() -> None:
    assert EXPORT.read_text(encoding="utf-8") == export_csv(EXAMPLES), (
        "the examples changed: write export_csv(EXAMPLES) from tests/sheets/filling.py to "
        f"{EXPORT}")


def test_each_row_gives_the_findings_of_its_yaml_file() -> None:
    code, rows = checked(EXPORT, "--mapping", MAPPING)
    expected = [checked(example) for example in EXAMPLES]
    assert rows == [result for _, results in expected for result in results]
    assert code == max(c for c, _ in expected)
