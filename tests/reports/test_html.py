"""The HTML report, checked with ``html.parser``: matrix, escaping, self-containment."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from reports_support import EXAMPLE, results_json, vardval
from vardval.checker.corpus.ruleset import RuleSet

HOSTILE_NAME = '<script>alert("x")</script> & <img src=x onerror=alert(1)> Vårdcentral'


@dataclass
class Page:
    """What the structural checks need from a parsed page."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    rule_columns: list[str] = field(default_factory=list)
    cells_per_row: list[list[str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, found))
        classes = found.get("class", "").split()
        if tag == "tbody" and "sub" in classes:
            self.page.rows.append(found)
            self.page.cells_per_row.append([])
        if tag == "th" and "rule" in classes:
            self.page.rule_columns.append(found["data-rule"])
        if tag == "td" and "cell" in classes:
            self.page.cells_per_row[-1].append(found["data-rule"])

    def handle_data(self, data: str) -> None:
        self.page.texts.append(data)


def parse(text: str) -> Page:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.page


def html_report(tmp_path: Path, *argv: str) -> str:
    target = tmp_path / "report.html"
    code, _, err = vardval("check", *argv, "--format", "html", "-o", str(target))
    assert code in (0, 1), err
    return target.read_text(encoding="utf-8")


def page_data(text: str) -> list[dict[str, Any]]:
    """The matrix's rows, as the page's script draws them."""
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.DOTALL)
    assert match is not None
    rows: list[dict[str, Any]] = json.loads(match.group(1))
    return rows


def test_one_row_per_submission_one_column_per_rule(batch: Path, tmp_path: Path,
                                                    ruleset: RuleSet) -> None:
    text = html_report(tmp_path, str(batch))
    page = parse(text)
    doc = results_json(str(batch))
    rule_ids = [r.id for r in ruleset.rules()]
    rows = page_data(text)
    assert len(rows) == len(doc["results"])
    assert page.rule_columns == rule_ids
    for row, result in zip(rows, doc["results"], strict=True):
        assert len(row["s"]) == (len(rule_ids) if result["valid"] else 0)
    assert [row["w"] for row in rows].count("invalid") == 1


def test_rows_carry_each_status_and_open_findings_their_evidence(tmp_path: Path) -> None:
    text = html_report(tmp_path, str(EXAMPLE))
    [result] = results_json(str(EXAMPLE))["results"]
    [row] = page_data(text)
    letters = {"fail": "f", "indeterminate": "i", "pass": "p", "not_applicable": "n"}
    assert row["s"] == "".join(letters[f["status"]] for f in result["findings"])
    opened = [f for f in result["findings"] if f["status"] in ("fail", "indeterminate")]
    assert [o[2] for o in row["open"]] == [f["message"] for f in opened]
    assert all(o[3] for o in row["open"])


def test_a_clinic_and_period_submitted_twice_is_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    text = html_report(tmp_path, str(folder))
    rows = page_data(text)
    assert "d" not in rows[0]
    assert rows[1]["d"] == 1
    assert re.search(r'id="dup-count"><b>1</b>', text)


def test_clinic_names_are_escaped(tmp_path: Path) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    hostile = source.replace("name: Vårdcentralen Teleborg", f"name: '{HOSTILE_NAME}'")
    assert hostile != source
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    text = html_report(tmp_path, str(path))
    page = parse(text)
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert HOSTILE_NAME in "".join(page.texts)
    assert page_data(text)[0]["n"] == HOSTILE_NAME  # in the data, \u003c-escaped
    assert [t for t, _ in page.tags if t == "script"] == ["script"] * 3  # data, words, code


def test_the_page_is_self_contained(batch: Path, tmp_path: Path) -> None:
    page = parse(html_report(tmp_path, str(batch)))
    for tag, attrs in page.tags:
        assert not (tag == "script" and "src" in attrs)
        assert tag != "link"
        assert not (tag in ("img", "iframe", "source", "video", "audio") and "src" in attrs)
        if "href" in attrs:
            assert tag == "a"
            assert attrs["href"].startswith(("https://", "http://"))
    assert any(tag == "a" for tag, _ in page.tags), "citations are links"


def test_language_follows_lang(tmp_path: Path) -> None:
    english = html_report(tmp_path, str(EXAMPLE), "--lang", "en")
    swedish = html_report(tmp_path, str(EXAMPLE))
    assert '<html lang="en">' in english
    assert "Review of vårdval submissions" in english
    assert '<html lang="sv">' in swedish
    assert "Granskning av vårdvalsinlämningar" in swedish
