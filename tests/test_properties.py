"""Property tests: whatever arrives, vardval answers with its own located errors or a result.

Bounded (``max_examples``) so ``make test`` stays fast; ``python -m fuzz`` (see
docs/fuzzing.md) runs the same targets for as long as you like.

* any text into the DSL parser raises only ``VardvalError`` (with a located diagnostic);
* any document valid against the published schema loads, and the engine gives every rule one
  of the four statuses, through both evaluators;
* any bytes into the submission loader give a result or located problems, never an exception;
* any YAML-ish text as a rulebook gives a rulebook or ``VardvalError``.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from schema_strategies import instances, to_json
from vardval.checker import vocab
from vardval.checker.authoring.lint import corpus_context
from vardval.checker.corpus.rulebooks import LoadContext, load_rulebook
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.program import load_ruleset
from vardval.checker.submission.intake import Intake, load_submission_text
from vardval.checker.submission.model import submission_schema
from vardval.dsl import compiled, interpreter
from vardval.dsl.errors import VardvalError
from vardval.dsl.parser import parse

HERE = Path(__file__).parent
STATUSES = set(vocab.STATUSES)
VALID = (HERE / "hostile" / "valid.yaml").read_bytes()
DSL_ALPHABET = string.ascii_letters + string.digits + " ._()[],:+-*/<>=!%\"'#\n\tåäö&|"
SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def bundled() -> RuleSet:
    return load_ruleset()


# --- the DSL parser -------------------------------------------------------------------------


def parses_or_refuses(text: str) -> None:
    try:
        parse(text)
    except VardvalError as exc:
        assert exc.diagnostics
        assert all(d.span is not None and d.span.line >= 1 for d in exc.diagnostics)


@SETTINGS
@given(st.text(max_size=200))
@example("not " * 2500 + "x")
@example("-" * 9999 + "x")
@example("a" + "+a" * 4999)
@example("(" * 5000)
@example("9" * 5000)
@example("\x00")
def test_any_text_into_the_parser_raises_only_our_error(text: str) -> None:
    parses_or_refuses(text)


@SETTINGS
@given(st.text(alphabet=DSL_ALPHABET, max_size=300))
def test_dsl_like_text_into_the_parser_raises_only_our_error(text: str) -> None:
    parses_or_refuses(text)


# --- valid submissions through the engine ---------------------------------------------------

SUBMISSIONS = instances(submission_schema()).filter(
    lambda doc: not doc["period"].startswith("0000"))  # the schema's pattern allows year 0


def assert_every_rule_has_a_status(intake: Intake, evaluator: object) -> None:
    result = check_intake(bundled(), intake, evaluator)  # type: ignore[arg-type]
    assert result.valid
    assert {f.rule.id for f in result.findings} == {r.id for r in bundled().rules()}
    assert {f.status for f in result.findings} <= STATUSES


@SETTINGS
@given(SUBMISSIONS, st.sampled_from(["s.json", "s.yaml"]))
def test_a_schema_valid_submission_gets_a_status_for_every_rule(doc: dict, name: str) -> None:
    intake = load_submission_text(to_json(doc), name)
    assert intake.valid, intake.problems
    for evaluator in (interpreter.evaluate, compiled.evaluate):
        assert_every_rule_has_a_status(intake, evaluator)


@pytest.mark.parametrize("field", [
    b"reimbursement_sek: 27650000", b"listed_at_period_end: 12650",
    b"same_day: 14350",
])
def test_numbers_as_large_as_the_loader_allows_are_checked_and_shown(field: bytes) -> None:
    name, _ = field.split(b":")
    text = VALID.replace(field, name + b": " + b"9" * 1000)
    intake = load_submission_text(text, "s.yaml")
    assert intake.valid
    for evaluator in (interpreter.evaluate, compiled.evaluate):
        assert_every_rule_has_a_status(intake, evaluator)


# --- any bytes into the submission loader ---------------------------------------------------


def located_or_valid(intake: Intake) -> None:
    assert isinstance(intake, Intake)
    assert intake.valid or intake.problems
    for problem in intake.problems:
        assert problem.json_path.startswith("$")
        assert (problem.line is None) == (problem.column is None)
        assert problem.line is None or problem.line >= 1
        str(problem).encode("utf-8")  # printable as it is reported


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["s.yaml", "s.json"]))
def test_random_bytes_give_located_problems(raw: bytes, name: str) -> None:
    located_or_valid(load_submission_text(raw, name))


@SETTINGS
@given(st.integers(0, len(VALID)), st.integers(0, 20), st.binary(max_size=12))
def test_a_damaged_submission_gives_located_problems(at: int, cut: int, junk: bytes) -> None:
    located_or_valid(load_submission_text(VALID[:at] + junk + VALID[at + cut:], "s.yaml"))


# --- YAML-ish text as a rulebook ------------------------------------------------------------

YAMLISH = st.text(alphabet="abcdeilrsuqtx_- :\n{}[],'\"#&*!|>?%@`\t0123456789.", max_size=300)
RULE = ("rulebook: national.fuzz\ntitle: {sv: T, en: T}\nrules:\n  - id: FUZZ-A\n"
        "    title: {sv: T, en: T}\n    severity: error\n    cite: [HSL 4 kap. 2 §]\n"
        "    require: exists(clinic.head_of_unit)\n    message: {sv: x, en: x}\n")


def context() -> LoadContext:
    return corpus_context(HERE / "hostile" / "rules_base")[0]


def loads_or_refuses(text: str, tmp: Path) -> None:
    path = tmp / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_rulebook(path, context(), "fuzz.yaml")
    except VardvalError as exc:
        assert exc.diagnostics


@SETTINGS
@given(YAMLISH)
def test_yamlish_text_as_a_rulebook_raises_only_our_error(tmp_path_factory: pytest.TempPathFactory,
                                                         text: str) -> None:
    loads_or_refuses(text, tmp_path_factory.mktemp("rule"))


@SETTINGS
@given(st.integers(0, len(RULE)), st.integers(0, 8), YAMLISH.map(lambda t: t[:10]))
def test_a_damaged_rulebook_raises_only_our_error(tmp_path_factory: pytest.TempPathFactory,
                                                 at: int, cut: int, junk: str) -> None:
    assume(junk or cut)
    loads_or_refuses(RULE[:at] + junk + RULE[at + cut:], tmp_path_factory.mktemp("rule"))
