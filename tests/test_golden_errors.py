"""Golden tests of every rule-file error message: what ``vardval lint FILE`` prints, byte for byte.

``tests/golden/errors/<code>.yaml`` is a small bad rulebook whose problem has that diagnostic
code (``<code>--<variant>.yaml`` for a second example of a code); ``<code>.expected.txt`` beside
it holds the exact output. Lint runs inside the golden folder, so paths in the output are
relative and stable on any machine. After an intended message change, regenerate with
``VARDVAL_UPDATE_GOLDEN=1 pytest tests/test_golden_errors.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from vardval.checker.cli import entry as cli

GOLDEN = Path(__file__).parent / "golden" / "errors"
CASES = sorted(GOLDEN.glob("*.yaml"))
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"

# Every code a rule author can meet in a rulebook file; each needs a golden of its own.
REQUIRED_CODES = {
    # the expression language
    "syntax-error", "impossible-date", "unknown-unit", "unknown-name", "unknown-field",
    "unknown-parameter", "unknown-function", "function-without-call", "not-a-record",
    "wrong-type", "wrong-arguments", "expression-too-long", "nesting-too-deep", "unknown-value",
    # the rulebook
    "definition-cycle", "invalid-name", "bad-citation", "unknown-region", "duplicate-rule-id",
    "version-order", "version-outside-validity", "empty-validity", "parameter-not-in-force",
    "empty-placeholder", "unbalanced-brace", "unknown-format",
    "unknown-key", "missing-key", "invalid-value",
    # the YAML underneath
    "yaml-syntax", "duplicate-key", "empty-file", "multiple-documents", "explicit-tag",
    "merge-key", "non-string-key", "undefined-alias", "recursive-alias", "not-finite",
    "number-out-of-range", "too-deep", "too-many-nodes", "nul-byte", "invalid-utf8",
}


def lint(case: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, str]:
    monkeypatch.chdir(case.parent)
    out = io.StringIO()
    code = cli.run(["lint", "--lang", "en", case.name, *extra], out, io.StringIO())
    return code, out.getvalue()


def expected_path(case: Path) -> Path:
    return case.with_name(case.stem + ".expected.txt")


def code_of(case: Path) -> str:
    return case.stem.split("--")[0]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_lint_prints_exactly_the_golden_text(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, text = lint(case, monkeypatch)
    golden = expected_path(case)
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert code == 1  # problems in the rules (docs/exit-codes.md)
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", [c for c in CASES if c.stem != "five-mistakes"],
                         ids=lambda p: p.stem)
def test_each_golden_shows_the_code_it_is_named_after(case: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _, text = lint(case, monkeypatch, "--format", "json")
    codes = {d["code"] for d in json.loads(text)["diagnostics"]}
    assert code_of(case) in codes


def test_every_code_has_a_golden() -> None:
    missing = REQUIRED_CODES - {code_of(c) for c in CASES}
    assert not missing, f"no golden for: {sorted(missing)}"


def test_every_golden_has_its_expected_text() -> None:
    assert all(expected_path(c).is_file() for c in CASES)


def test_five_mistakes_are_all_reported_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    _, text = lint(GOLDEN / "five-mistakes.yaml", monkeypatch, "--format", "json")
    found = json.loads(text)["diagnostics"]
    assert len(found) == 5
    assert len({d["code"] for d in found}) == 5
    assert all(d["file"] == "five-mistakes.yaml" and d["line"] and d["column"] for d in found)
