"""The quick reading of a submission either declines or reads exactly what the full one reads.

``intake`` first tries ``fast_yaml.load_plain`` (no marks) and reads the file again with the
marked ``strict_yaml.load_yaml`` when it declines or the model refuses the data. These tests
hold the two readings equal wherever the quick one answers, down to the Python types (int,
Decimal, bool, text) and the order of keys, and hold ``load_submission_text`` to the same
outcome (data and problems) with and without the quick reading: on every file the repository
keeps as input, on the cases the quick reading must decline, and on generated documents.
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.reading import fast_yaml, strict_yaml
from vardval.checker.submission.intake import load_submission_plain, load_submission_text
from vardval.checker.submission.model import submission_schema

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # schema_strategies lives beside the top-level tests
from schema_strategies import instances, to_json

INPUTS = sorted(p for folder in ("fixtures", "tests/hostile", "tests/golden")
                for p in (ROOT / folder).rglob("*")
                if p.is_file() and p.suffix in {".yaml", ".yml", ".json"})
EXAMPLES = [*sorted((ROOT / "fixtures" / "submissions").iterdir()),
            ROOT / "tests" / "hostile" / "valid.yaml"]
VALID = (ROOT / "tests" / "hostile" / "valid.yaml").read_bytes()
SETTINGS = settings(max_examples=int(os.environ.get("VARDVAL_FAST_EXAMPLES", "150")),
                    deadline=None, derandomize=not os.environ.get("VARDVAL_FAST_EXAMPLES"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def full_reading(text: str, name: str) -> str | None:
    """``repr`` shows each value's type (1, True, Decimal('1'), '1') and the order of keys."""
    try:
        return repr(strict_yaml.load_yaml(text, name).data)
    except strict_yaml.YamlError:
        return None


def assert_same_reading(text: str, name: str) -> None:
    quick = fast_yaml.load_plain(text, name)
    if quick is not None:
        assert repr(quick) == full_reading(text, name)


def outcome(raw: bytes | str, name: str) -> tuple[Any, ...]:
    intake = load_submission_text(raw, name)
    return intake.file, repr(intake.data), intake.problems, intake.submission, intake.valid


def assert_same_outcome(raw: bytes | str, name: str) -> None:
    with mock.patch.object(fast_yaml, "load_plain", return_value=None):
        full = outcome(raw, name)
    assert outcome(raw, name) == full


def text_of(raw: bytes) -> str | None:
    try:
        return strict_yaml.decode_text(raw, "doc.yaml")
    except strict_yaml.YamlError:
        return None


# --- every input file in the repository -------------------------------------------------------


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_input_file_reads_the_same_quick_or_full(path: Path) -> None:
    raw = path.read_bytes()
    text = text_of(raw)
    if text is not None:
        for name in ("doc.yaml", "doc.json"):  # JSON is YAML too; YAML is mostly not JSON
            assert_same_reading(text, name)
    assert_same_outcome(raw, path.name)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_intake_with_its_plain_data_is_the_intake_of_the_text(path: Path) -> None:
    """``load_submission_plain`` (a case's base) is ``load_submission_text`` and hands on the
    quick reader's data exactly when that reading gave the intake."""
    text = text_of(path.read_bytes())
    if text is None:
        return
    intake, plain = load_submission_plain(text, path.name)
    alone = load_submission_text(text, path.name)
    assert (intake.file, repr(intake.data), intake.problems) == \
        (alone.file, repr(alone.data), alone.problems)
    if plain is not None:
        assert intake.valid
        assert repr(plain) == full_reading(text, path.name)
    elif intake.valid and path in EXAMPLES:
        pytest.fail("an example submission's quick reading handed on no data")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_submissions_take_the_quick_reading(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert fast_yaml.load_plain(text, path.name) is not None
    assert_same_reading(text, path.name)


# --- what the quick reading leaves to the full one ------------------------------------------

DECLINED = {
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "local tag": "a: !x 1\n",
    "tagged mapping": "a: !!map {b: 1}\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate quoted key": "a: 1\n'a': 2\n",
    "merge key": "a: {b: 1}\nc:\n  <<: {d: 2}\n",
    "number key": "1: a\n",
    "null key": "~: a\n",
    "bool key": "true: a\n",
    "mapping key": "[a]: b\n",
    "nan": "a: .nan\n",
    "infinity": "a: -.inf\n",
    "too many digits": "a: " + "9" * 1001 + "\n",
    "exponent out of range": "a: 1e99999999999999999999\n",
    "surrogate pair escape": 'a: "\\ud83d\\ude00"\n',
    "lone surrogate escape": 'a: "\\ud800"\n',
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comments only": "# nothing\n",
    "list at the top": "- a\n",
    "text at the top": "a\n",
    "tab": "a:\t1\n",
    "question mark": "a: [b?c]\n",
    "empty flow value": "a: {b: }\n",
    "block header and comment": "a: >#\n  x\n",
    "control character": "a: \x07\n",
    "syntax error": "a: [1\n",
    "json nan": '{"a": NaN}',
    "json duplicate": '{"a": 1, "a": 2}',
    "json emoji escape": '{"a": "\\ud83d\\ude00"}',
    "json list at the top": "[1]",
    "json trailing comma": '{"a": 1,}',
    "json huge exponent": '{"a": 1e99999999999999999999}',
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_the_quick_reading_declines_what_needs_care(text: str) -> None:
    name = "doc.json" if text.startswith(("{", "[")) else "doc.yaml"
    assert fast_yaml.load_plain(text, name) is None
    assert_same_outcome(text, name)


def nested(depth: int) -> str:
    items = "".join("  " * level + "- \n" for level in range(1, depth))
    return "a:\n" + items + "  " * depth + "x\n"


@pytest.mark.parametrize("limit", range(1, 8))
def test_the_quick_reading_never_passes_the_node_or_depth_limits(limit: int) -> None:
    for text, name in (("a: [1, 2, {b: 3, c: [4]}]\nd: 5\n", "doc.yaml"),
                       ('{"a": [1, 2, {"b": 3, "c": [4]}], "d": 5}', "doc.json"),
                       (nested(5), "doc.yaml")):
        for limits in ({"max_nodes": limit}, {"max_depth": limit}):
            quick = fast_yaml.load_plain(text, name, **limits)
            if quick is not None:
                assert repr(quick) == repr(strict_yaml.load_yaml(text, name, **limits).data)


def test_the_node_limit_is_the_full_readings_to_the_node() -> None:
    text = "a: [1, 2, {b: 3, c: [4]}]\nd: 5\n"  # nine values, the root included
    assert strict_yaml.load_yaml(text, "doc.yaml", max_nodes=9)
    assert fast_yaml.load_plain(text, "doc.yaml", max_nodes=9) is not None
    assert fast_yaml.load_plain(text, "doc.yaml", max_nodes=8) is None


# --- generated documents ----------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes exact decimals as plain numbers, as a clinic's export would."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))
SUBMISSIONS = instances(submission_schema())
NOISE = ["", "\t", ":", "- ", "{", "}", "[", "]", "'", '"', "&a ", "*a", "!!str ", "? ", ", ",
         "|", ">-", "#", "\r", "\n", "\n  x", "---\n", "...\n", "<<: ", "\\ud800", "1e9999",
         "x: y: z", " .nan", "\u2028", "\ufeff", "~"]


def as_yaml(doc: Any, flow: bool | None) -> str:
    return yaml.dump(doc, Dumper=_Dumper, default_flow_style=flow, allow_unicode=True,
                     sort_keys=False)


@SETTINGS
@given(SUBMISSIONS, st.sampled_from([None, True, False]))
def test_valid_submissions_read_the_same_quick_or_full(doc: dict[str, Any],
                                                      flow: bool | None) -> None:
    for text, name in ((as_yaml(doc, flow), "s.yaml"), (to_json(doc), "s.json"),
                       (to_json(doc), "s.yaml")):
        assert_same_reading(text, name)
        assert_same_outcome(text, name)


@SETTINGS
@given(SUBMISSIONS, st.sampled_from([None, False]), st.integers(0, 4000),
       st.integers(0, 6), st.sampled_from(NOISE))
def test_damaged_submissions_read_the_same_quick_or_full(doc: dict[str, Any], flow: bool | None,
                                                        at: int, cut: int, noise: str) -> None:
    for text, name in ((as_yaml(doc, flow), "s.yaml"), (to_json(doc), "s.json")):
        at = min(at, len(text))
        broken = text[:at] + noise + text[at + cut:]
        assert_same_reading(broken, name)
        assert_same_outcome(broken, name)


@SETTINGS
@given(st.integers(0, len(VALID)), st.integers(0, 12), st.binary(max_size=12))
def test_damaged_bytes_give_the_same_outcome_quick_or_full(at: int, cut: int,
                                                          junk: bytes) -> None:
    raw = VALID[:at] + junk + VALID[at + cut:]
    text = text_of(raw)
    if text is not None:
        assert_same_reading(text, "s.yaml")
    assert_same_outcome(raw, "s.yaml")


SCALARS = st.one_of(st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.decimals(allow_nan=False, allow_infinity=False, places=3),
                    st.text(max_size=12),
                    st.sampled_from(["2025-01-01", "0.5", "1e3", "0x1F", "0o17", "yes", "~",
                                     "Null", "TRUE", "<<", ".inf", "-.NaN", "1_000", "+12",
                                     ".5", "5.", "", "a: b", "#x", "'q'", "Växjö"]))
DATA = st.recursive(SCALARS, lambda kids: st.one_of(
    st.lists(kids, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(["1", "~", "<<", "true"]),
                              st.integers(0, 3), st.booleans(), st.none()),
                    kids, max_size=4)), max_leaves=20)


@SETTINGS
@given(st.dictionaries(st.text(max_size=6), DATA, max_size=5),
       st.sampled_from([None, True, False]))
def test_generated_documents_read_the_same_quick_or_full(doc: dict[str, Any],
                                                        flow: bool | None) -> None:
    assert_same_reading(as_yaml(doc, flow), "doc.yaml")
    assert_same_reading(to_json(doc), "doc.json")
    assert_same_reading(to_json(doc), "doc.yaml")
