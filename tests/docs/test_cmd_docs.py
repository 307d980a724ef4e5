"""``vardval docs``: writes the generated pages, rewrites nothing unchanged, and stops with a
located message and exit 2 on a reference that leads nowhere.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from vardval.checker.cli.entry import run
from vardval.checker.docgen import markdown as md
from vardval.checker.program import load_ruleset

ROOT = Path(__file__).resolve().parents[2]


def vardval(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_docs_writes_every_page_once(tmp_path: Path) -> None:
    rules = ROOT / "rules"
    code, out, err = vardval("docs", "--rules", str(rules), "--out", str(tmp_path))
    assert (code, err) == (0, "")
    for rule in load_ruleset(rules).rules():
        assert (tmp_path / md.rule_page(rule.id)).is_file()
    assert (tmp_path / "traceability.md").is_file()
    assert (tmp_path / "schemas" / "submission.schema.json").is_file()
    code, out, _ = vardval("docs", "--rules", str(rules), "--out", str(tmp_path))
    assert code == 0
    assert "; 0 skrivna" in out


def test_a_case_naming_an_unknown_rule_stops_the_docs_with_exit_2(tmp_path: Path) -> None:
    for folder in ("rules", "fixtures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    broken = tmp_path / "fixtures" / "cases" / "zz-broken.yaml"
    broken.write_text("base: bases/kronoberg-privat-tak-2025-Q1.yaml\ncases:\n"
                      "  - name: A case for a rule that does not exist.\n"
                      "    rule: VG-KONTAKTT\n    expect: pass\n", encoding="utf-8")
    code, _, err = vardval("docs", "--rules", str(tmp_path / "rules"), "--out",
                           str(tmp_path / "out"))
    assert code == 2
    assert f"{broken}:4:11: okänd regel 'VG-KONTAKTT'" in err
    assert "menade du 'VG-KONTAKT'?" in err
    assert not (tmp_path / "out").exists()
    code, _, err = vardval("docs", "--lang", "en", "--rules", str(tmp_path / "rules"),
                           "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"{broken}:4:11: unknown rule 'VG-KONTAKTT'" in err
    assert "did you mean 'VG-KONTAKT'?" in err
    assert not (tmp_path / "out").exists()
