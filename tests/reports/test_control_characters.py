"""Control characters from a file never reach a report raw (issue 15, item 15).

A file name with a newline, a clinic name with a newline, ESC, BEL and NUL, and a
deviation system (quoted in KRO-SYNERGI's message and evidence) with an escape sequence go
through every output format. The text report must not show a forged ``PASS`` line or a raw
control character; the HTML page holds no raw NUL, ESC or BEL (not even inside its data);
JUnit stays XML, SARIF and JSON stay JSON whose values are escaped, GitHub annotations stay
one command a line, and the workbook's cells show them as \\xNN (openpyxl refuses them raw).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from reports_support import EXAMPLE, vardval
from vardval.checker.report import FORMATS

FORGED = "  PASS  FORGED-RULE [error] nothing to see"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    source = EXAMPLE.read_text(encoding="utf-8")
    source = source.replace("name: Vårdcentralen Teleborg",
                            f'name: "VC Teleborg\\n{FORGED}\\e[2J\\a\\0"')
    source = source.replace("deviation_system: Synergi", 'deviation_system: "Syn\\e[31mergi"')
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"a\n{FORGED}.yaml").write_text(source, encoding="utf-8")
    return folder


def _run(folder: Path, fmt: str) -> str:
    code, out, err = vardval("check", str(folder), "--format", fmt, "--lang", "en")
    assert code == 1, err  # KRO-SYNERGI fails: the system is not Synergi
    return out


def test_text_shows_no_forged_line_and_no_raw_control_character(hostile: Path) -> None:
    out = _run(hostile, "text")
    assert not RAW.search(out)
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith(FORGED)]
    assert "a\\x0a  PASS  FORGED-RULE" in out  # the file name, shown on its own line
    assert "VC Teleborg\\x0a  PASS  FORGED-RULE" in out  # the clinic name, likewise
    assert "Syn\\x1b[31mergi" in out  # KRO-SYNERGI's message and evidence


def test_html_holds_no_raw_nul_esc_or_bel(hostile: Path) -> None:
    out = _run(hostile, "html")
    for char in ("\x00", "\x1b", "\x07"):
        assert char not in out
    # nor as JSON escapes the page's script would turn back into the characters
    for escape in ("\\u0000", "\\u001b", "\\u0007", "\\n  PASS"):
        assert escape not in out
    assert "VC Teleborg\\\\x0a  PASS  FORGED-RULE" in out  # shown, in the page's data


def test_junit_stays_xml(hostile: Path) -> None:
    root = ET.fromstring(_run(hostile, "junit"))
    texts = [*(root.itertext()), *(v for el in root.iter() for v in el.attrib.values())]
    assert not [t for t in texts if RAW.search(t.replace("\n", "").replace("\t", ""))]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_escape_and_keep_the_values(hostile: Path, fmt: str) -> None:
    out = _run(hostile, fmt)
    assert not RAW.search(out.replace("\n", ""))
    assert any("Syn\x1b[31mergi" in text for text in _strings(json.loads(out)))  # kept as data


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_github_annotations_stay_one_command_a_line(hostile: Path) -> None:
    out = _run(hostile, "github")
    assert not RAW.search(out.replace("\n", ""))
    assert all(line.startswith("::") for line in out.splitlines())


def test_the_workbook_shows_them_in_its_cells(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "results.xlsx"
    code, _, err = vardval("check", str(hostile), "--format", "xlsx", "-o", str(target))
    assert code == 1, err
    book = openpyxl.load_workbook(target)
    texts = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
             for v in row if v is not None]
    assert not [t for t in texts if RAW.search(t.replace("\n", ""))]
    assert f"VC Teleborg\\x0a{FORGED}\\x1b[2J\\x07\\x00" in texts


def test_every_format_is_covered_here() -> None:
    assert set(FORMATS) == {"text", "html", "junit", "json", "sarif", "github", "xlsx"}
