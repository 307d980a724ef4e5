"""A template filled in with openpyxl is checked exactly as the YAML it was filled from.

For each bundled example: ``vardval template`` for its region and quarter, every value of the
example typed into its row (as a clinic would: ja/nej, Swedish choice words, dates as dates),
then ``vardval check`` on the workbook and on the YAML must give the same findings, the same
messages and evidence, and the same exit code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runs import vardval
from filling import EXAMPLES, example_data, filled_template
from results import checked


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_filled_template_gives_the_yaml_findings(example: Path, tmp_path: Path) -> None:
    data = example_data(example)
    template = tmp_path / "mall.xlsx"
    code, out, _ = vardval("template", "--region", data["clinic"]["region"],
                           "--period", data["period"], "-o", template)
    assert code == 0, out
    filled = tmp_path / f"{example.stem}.xlsx"
    filled.write_bytes(filled_template(template.read_bytes(), data))
    from_yaml, from_workbook = checked(example), checked(filled)
    assert from_workbook == from_yaml
    assert from_yaml[1][0]["findings"], "the example is checked by some rule"
