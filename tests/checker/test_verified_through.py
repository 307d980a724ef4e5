"""Findings of regional rules for a period after their rule book's ``verified_through`` get a note.

The note is in the report's language, in text, JSON (``notes``, a list of strings), HTML and
``explain``; the status does not change, and national rules never carry it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from vardval.checker import cli

ROOT = Path(__file__).resolve().parents[2]
TELEBORG = ROOT / "fixtures" / "submissions" / "kronoberg-teleborg-2025-Q1.yaml"
SV, EN = "Regelboken för 2026 har inte verifierats", "The rule book of 2026 has not been verified"


def submission(tmp_path: Path, period: str) -> Path:
    """The Teleborg example moved to ``period`` (dates that depend on the year moved too)."""
    year = period[:4]
    text = TELEBORG.read_text(encoding="utf-8").replace("period: 2025-Q1", f"period: {period}")
    text = text.replace("patient_safety_report_date: 2025-02-20",
                        f"patient_safety_report_date: {year}-02-20")
    path = tmp_path / f"kronoberg-teleborg-{period}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    cli.run(list(args), out, io.StringIO())
    return out.getvalue()


def findings(path: Path, lang: str = "sv") -> dict[str, dict[str, object]]:
    document = json.loads(run("check", str(path), "--format", "json", "--lang", lang))
    return {f["rule"]: f for f in document["results"][0]["findings"]}


def test_json_notes_regional_rules_after_verified_through_and_keeps_their_status(
        tmp_path: Path) -> None:
    before = findings(submission(tmp_path, "2025-Q4"))
    after = findings(submission(tmp_path, "2026-Q1"))
    noted = {rule for rule, f in after.items() if any(SV in n for n in f.get("notes", []))}
    assert {"KRO-SYNERGI", "KRO-TAK-GRANS", "KRO-MOMS", "KRO-CHEFLAKARE"} <= noted
    assert all(rule.startswith("KRO-") for rule in noted)
    assert not any(SV in n for f in before.values() for n in f.get("notes", []))
    for rule in noted - {"KRO-TAK-OMPROVNING"}:  # its limit moves with the period's end
        assert isinstance(after[rule]["notes"], list)
        assert after[rule]["status"] == before[rule]["status"], rule


def test_the_note_is_in_the_reports_language(tmp_path: Path) -> None:
    english = findings(submission(tmp_path, "2026-Q1"), "en")
    assert any(EN in n for n in english["KRO-SYNERGI"]["notes"])
    assert not any(SV in n for n in english["KRO-SYNERGI"]["notes"])


@pytest.mark.parametrize(("args", "needle"), [
    (("check", "{path}"), SV),
    (("check", "{path}", "--lang", "en"), EN),
    (("explain", "KRO-SYNERGI", "{path}"), SV),
])
def test_text_and_explain_show_the_note(tmp_path: Path, args: tuple[str, ...],
                                        needle: str) -> None:
    path = str(submission(tmp_path, "2026-Q1"))
    assert needle in run(*(a.format(path=path) for a in args))


def test_html_shows_the_note(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    run("check", str(submission(tmp_path, "2026-Q1")), "--format", "html", "-o", str(report))
    assert SV in report.read_text(encoding="utf-8")
