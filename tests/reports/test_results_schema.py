"""Every JSON document ``vardval check`` writes validates against ``vardval schema --results``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reports_support import ROOT, SUBMISSIONS, vardval
from vardval.checker.corpus import corpus_digest

FIXED = ROOT / "tests" / "data" / "reports"


def schema() -> dict[str, Any]:
    code, out, _ = vardval("schema", "--results")
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


VALIDATOR = jsonschema.Draft202012Validator(schema(),
                                            format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("argv", [
    (str(SUBMISSIONS),),
    (str(SUBMISSIONS), "--lang", "en", "--all"),
    (str(ROOT / "fixtures" / "broken"),),
    (str(FIXED / "kronoberg-moms-2025-Q1.yaml"), "--rules", str(FIXED / "corpus")),
    ("missing.yaml",),
    (str(SUBMISSIONS / "halland-2018-Q2.yaml"), "--backend", "interpret"),
], ids=["examples", "english-all", "broken", "undecided", "missing", "interpreted"])
def test_every_document_the_cli_writes_is_valid(argv: tuple[str, ...], batch: Path,
                                                tmp_path: Path) -> None:
    del batch
    _, out, _ = vardval("check", *argv, "--format", "json")
    errors = sorted(VALIDATOR.iter_errors(json.loads(out)), key=str)
    assert errors == [], [e.message for e in errors[:3]]
    target = tmp_path / "results.json"
    vardval("check", *argv, "--format", "json", "-o", str(target))
    assert not list(VALIDATOR.iter_errors(json.loads(target.read_text(encoding="utf-8"))))


def test_a_batch_with_a_corrupt_file_is_valid(batch: Path) -> None:
    _, out, _ = vardval("check", str(batch), "--format", "json")
    assert not list(VALIDATOR.iter_errors(json.loads(out)))


def test_the_schema_is_not_a_rubber_stamp() -> None:
    _, out, _ = vardval("check", str(SUBMISSIONS / "halland-2018-Q2.yaml"), "--format", "json")
    document = json.loads(out)
    document["results"][0]["findings"][0]["stauts"] = "pass"
    assert list(VALIDATOR.iter_errors(document))


def test_producer_and_sha256_say_what_made_the_result() -> None:
    path = SUBMISSIONS / "halland-2018-Q2.yaml"
    _, out, _ = vardval("check", str(path), "--format", "json")
    document = json.loads(out)
    producer = document["producer"]
    assert producer["name"] == "vardval"
    assert producer["rules_digest"].startswith("sha256:")
    assert producer["generated_at"].endswith("Z")
    assert document["results"][0]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    _, again, _ = vardval("check", str(path), "--format", "json",
                          "--rules", str(FIXED / "corpus"))
    other = json.loads(again)["producer"]["rules_digest"]
    # the digest the results store records for the same rules (``corpus.digest``)
    assert producer["rules_digest"] == corpus_digest(ROOT / "rules")
    assert other == corpus_digest(FIXED / "corpus") != producer["rules_digest"]


def test_stdin_is_read_and_named_by_stdin_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    raw = (SUBMISSIONS / "halland-2018-Q2.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = vardval("check", "-", "--stdin-name", "halland.yaml", "--format", "json")
    [result] = json.loads(out)["results"]
    assert result["file"] == "halland.yaml"
    assert result["valid"] is True
    assert result["sha256"] == hashlib.sha256(raw).hexdigest()
    assert code in (0, 1)
