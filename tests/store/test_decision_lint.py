"""``lint`` of decision files: errors located like rules', warnings for what an officer fixes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from batches import FIXTURES
from runs import vardval
from vardval.checker.corpus import BUNDLED_RULES

ALVESTA = "SE2321000065-E000000000231"
HEAD = "# yaml-language-server: $schema=../../checker/schemas/decisions.schema.json\n"




def corpus(tmp_path: Path, decisions: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "decisions" / "kronoberg.yaml").write_text(HEAD + decisions, encoding="utf-8")
    return folder


def decision(ident: str, clinic: str, rules: str, start: str, end: str) -> str:
    return (f"  - id: {ident}\n    kind: dispensation\n    clinic: {clinic}\n"
            f"    rules: [{rules}]\n    valid: {{from: {start}, to: {end}}}\n"
            "    decision: Dnr RK 2026/1\n    reason: Skäl.\n    decided_by: Nämnden\n")


def test_warnings_for_expiry_unknown_rule_scope_and_clinic(tmp_path: Path) -> None:
    soon = (dt.date.today() + dt.timedelta(days=10)).isoformat()  # noqa: DTZ011 - lint's today
    later = (dt.date.today() + dt.timedelta(days=200)).isoformat()  # noqa: DTZ011
    folder = corpus(tmp_path, "region: kronoberg\ndecisions:\n"
                    + decision("D-SOON", ALVESTA, "KRO-VARDPROGRAM", "2024-01-01", soon)
                    + decision("D-TYPO", ALVESTA, "KRO-VARDPROGRM", "2024-01-01", later)
                    + decision("D-SKANE", ALVESTA, "SKA-TELEFON-2H", "2024-01-01", later)
                    + decision("D-WHO", "SE0000000000-X1", "VG-KONTAKT", "2024-01-01", later))
    store = tmp_path / "v.db"
    vardval("check", str(FIXTURES), "--store", str(store))
    code, out, _ = vardval("lint", "--lang", "en", str(folder), "--store", str(store),
                           "--format", "json")
    assert code == 0  # warnings do not fail the lint
    warned = {(w["code"], w["message"].split("'")[1]) for w in json.loads(out)["warnings"]}
    assert warned == {("decision-expires-soon", "D-SOON"), ("decision-unknown-rule", "D-TYPO"),
                      ("decision-rule-out-of-scope", "D-SKANE"),
                      ("decision-unknown-clinic", "D-WHO")}
    _, text, _ = vardval("lint", "--lang", "en", str(folder))
    assert "did you mean 'KRO-VARDPROGRAM'?" in text
    assert "expires on " + soon + ", in 10 days" in text
    assert "4 warnings" not in text  # without a store, clinics are not checked
    assert "3 warnings" in text


def test_errors_in_a_decision_file_are_located(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "region: kronoberg\ndecisions:\n"
                    + decision("D1", ALVESTA, "KRO-VARDPROGRAM", "2025-06-30", "2025-01-01")
                    + decision("D1", "SE12-X", "KRO-VARDPROGRAM", "2025-01-01", "2025-06-30")
                    + "  - id: D3\n    kind: dispensation\n")
    code, text, _ = vardval("lint", "--lang", "en", str(folder))
    assert code == 1
    assert "kronoberg.yaml:8:35: 'to: 2025-01-01' is before 'from: 2025-06-30'" in text
    assert ("kronoberg.yaml:14:13: decisions.1.clinic: 'SE12-X' is not valid; expected the "
            "clinic's HSA-id") in text
    assert "kronoberg.yaml:20:5: missing required key 'decided_by' in decisions.2" in text
    assert "    8 |     valid: {from: 2025-06-30, to: 2025-01-01}" in text
    code, _, err = vardval("check", str(FIXTURES), "--rules", str(folder))
    assert "'to: 2025-01-01' ligger före 'from: 2025-06-30'" in err  # check speaks Swedish
    assert ("decisions.1.clinic: 'SE12-X' är inte giltigt; väntade: mottagningens HSA-id") in err
    assert code == 2  # check refuses a corpus whose decisions do not load, like its rules


def test_a_dispensation_turns_the_demo_failure_into_undantag_with_exit_0() -> None:
    alvesta = str(FIXTURES / "kronoberg-alvesta-2024-Q4.yaml")
    code, out, _ = vardval("check", alvesta)
    assert code == 0
    assert "underkänd — undantag (Dnr RK 2024/1187, KRO-DISP-2024-07, t.o.m. 2025-06-30)" in out
    code, out, _ = vardval("check", alvesta, "--format", "json")
    finding = next(f for f in json.loads(out)["results"][0]["findings"]
                   if f["rule"] == "KRO-VARDPROGRAM")
    assert finding["status"] == "fail"
    assert finding["waiver"] == {"id": "KRO-DISP-2024-07", "decision": "Dnr RK 2024/1187",
                                 "reason": finding["waiver"]["reason"],
                                 "valid_from": "2024-10-01", "valid_to": "2025-06-30"}


def test_without_the_dispensation_the_same_failure_counts(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "region: kronoberg\ndecisions: []\n")
    code, out, _ = vardval("check", str(FIXTURES / "kronoberg-alvesta-2024-Q4.yaml"),
                           "--rules", str(folder))
    assert code == 1
    assert "undantag" not in out


def test_an_expired_dispensation_says_so_and_the_failure_counts(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "region: kronoberg\ndecisions:\n"
                    + decision("D-OLD", ALVESTA, "KRO-VARDPROGRAM", "2024-01-01", "2024-11-30"))
    code, out, _ = vardval("check", str(FIXTURES / "kronoberg-alvesta-2024-Q4.yaml"),
                           "--rules", str(folder), "--lang", "en")
    assert code == 1
    assert "Dispensation D-OLD (Dnr RK 2026/1) expired on 2024-11-30; the failure counts." in out


def test_a_dispensation_never_makes_an_indeterminate_finding_pass(tmp_path: Path) -> None:
    # Teleborg 2025-Q1 without its prescription-code declaration: KRO-RECEPTKODER (in force
    # from 2024-01-01) cannot be decided.
    lines = (FIXTURES / "kronoberg-teleborg-2025-Q1.yaml").read_text(encoding="utf-8")
    submission = tmp_path / "teleborg-undeclared.yaml"
    submission.write_text("".join(line for line in lines.splitlines(keepends=True)
                                  if "prescription_codes_barcode" not in line), encoding="utf-8")
    hsa = next(line.split(": ")[1] for line in lines.splitlines()
               if line.startswith("  hsa_id: "))
    folder = corpus(tmp_path, "region: kronoberg\ndecisions:\n"
                    + decision("D-IND", hsa, "KRO-RECEPTKODER", "2025-01-01", "2025-12-31"))
    _, out, _ = vardval("check", str(submission), "--rules", str(folder), "--format", "json")
    finding = next(f for f in json.loads(out)["results"][0]["findings"]
                   if f["rule"] == "KRO-RECEPTKODER")
    assert finding["status"] == "indeterminate"
    assert "waiver" not in finding
    assert any("never made a pass" in n or "blir inte godkänt" in n for n in finding["notes"])
