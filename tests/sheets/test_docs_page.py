"""The Excel and CSV page: its mapping example lints clean and its limits are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from cli_runs import vardval
from vardval.checker.reading import MAX_ROWS, spreadsheet
from vardval.checker.reading.table import MAX_COLUMNS
from vardval.checker.submission import DEFAULT_MAX_BYTES

PAGE = Path("docs/spreadsheets.md")


def test_the_mapping_example_lints_clean(tmp_path: Path) -> None:
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"),
                                       flags=re.DOTALL) if "vardval/mapping@1" in b)
    mapping = tmp_path / "mappning.yaml"
    mapping.write_text(block, encoding="utf-8")
    assert vardval("lint", "--lang", "en", mapping) == (0, "no problems: 1 mapping file\n", "")


def test_the_limits_table_gives_the_codes_limits() -> None:
    text = PAGE.read_text(encoding="utf-8").replace("\u00a0", " ")
    for limit in (DEFAULT_MAX_BYTES, MAX_ROWS, MAX_COLUMNS, spreadsheet.MAX_UNPACKED):
        assert f"{limit:,}".replace(",", " ") in text
    assert f"{spreadsheet.MAX_RATIO} times" in text
