"""The HTML report, checked with ``html.parser``: matrix, escaping, self-containment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

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


def test_one_row_per_submission_one_column_per_rule(batch: Path, tmp_path: Path,
                                                    ruleset: RuleSet) -> None:
    page = parse(html_report(tmp_path, str(batch)))
    doc = results_json(str(batch))
    rule_ids = [r.id for r in ruleset.rules()]
    assert len(page.rows) == len(doc["results"])
    assert page.rule_columns == rule_ids
    for cells, result in zip(page.cells_per_row, doc["results"], strict=True):
        assert cells == (rule_ids if result["valid"] else [])
    assert [r["data-invalid"] for r in page.rows].count("1") == 1


def test_cells_carry_the_status_and_a_symbol(tmp_path: Path) -> None:
    text = html_report(tmp_path, str(EXAMPLE))
    statuses = {f["rule"]: f["status"] for f in results_json(str(EXAMPLE))["results"][0]
                ["findings"]}
    cells = re.findall(r'<td class="cell" data-rule="([^"]+)" data-status="([^"]+)">'
                       r"<button[^>]*>([^<]+)</button>", text)
    assert {rule: status for rule, status, _ in cells} == statuses
    symbols = {"fail": "✗", "indeterminate": "?", "pass": "✓", "not_applicable": "–"}
    assert all(symbol == symbols[status] for _, status, symbol in cells)


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
    assert [t for t, _ in page.tags].count("script") == 1  # only the report's own


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
