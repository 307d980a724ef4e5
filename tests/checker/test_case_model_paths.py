"""``case_model`` reads a case file without marks exactly as it does with them.

A case file with no problem is read by ``fast_yaml.load_plain_lines`` (the data and each case's
line in one pass) and the schema the load cache keeps; anything else by ``strict_yaml`` with
marks. These tests hold the two to the same ``CaseFile`` (files, base data, every case with its
line) on every case file in the repository and on generated ones (comments, blank lines, flow
style, quoting, a BOM, ``---``, CRLF), hold the quick reading's lines to the strict reader's
marks, and check that the quick reading is the one taken, and declined where it must be
(anchors, a '?' in a flow collection, any problem), with the problems worded as before.
"""

from __future__ import annotations

import os
import pathlib
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from vardval.checker.authoring import case_model, case_schemas
from vardval.checker.authoring import cases as casetest
from vardval.checker.program import cache, load_ruleset
from vardval.checker.reading import fast_yaml, locate, strict_yaml
from vardval.checker.vocab import LANGS
from vardval.dsl.errors import VardvalError

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases"
CASE_FILES = casetest.case_files(CASES)
BASE = "bases/kronoberg-privat-tak-2025-Q1.yaml"
SETTINGS = settings(max_examples=int(os.environ.get("VARDVAL_FAST_EXAMPLES", "200")),
                    deadline=None, derandomize=not os.environ.get("VARDVAL_FAST_EXAMPLES"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """A cache folder holding the case file's schema, as ``case_store`` passes it."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VARDVAL_CACHE_DIR", str(folder))
        patch.delenv("VARDVAL_NO_CACHE", raising=False)
        patch.setattr(cache, "_IMPORTED_AT", float("inf"))  # the code is as imported
        case_schemas._validator.cache_clear()
        assert case_schemas.validated(folder, {}) is None  # makes and keeps the schema
        assert list(folder.glob("caseschema-*.json"))
        yield folder
    case_schemas._validator.cache_clear()


@pytest.fixture(scope="module")
def rule_ids() -> set[str]:
    return {rule.id for rule in load_ruleset().rules()}


class Readings:
    """Counts the strict readings of case files, to tell which way a file was read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.strict = 0
        original = case_model._strict_file

        def counted(*args: Any, **kwargs: Any) -> casetest.CaseFile:
            self.strict += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(case_model, "_strict_file", counted)


def outcome(path: pathlib.Path, rule_ids: set[str], kept: pathlib.Path,
            text: str | None = None) -> object:
    """The file as ``case_model`` loads it (its repr, which shows every value's type, and the
    file itself), or the error's kind and every diagnostic as shown in each language."""
    try:
        found = case_model.load_case_file(path, rule_ids, text, kept=kept)
    except VardvalError as exc:
        return type(exc).__name__, [d.shown(lang) for d in exc.diagnostics for lang in LANGS]
    return repr(found), found


def strict_outcome(path: pathlib.Path, rule_ids: set[str], kept: pathlib.Path,
                   text: str | None = None) -> object:
    """``outcome`` with the quick reading declining every file."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_yaml, "load_plain_lines", _declined)
        return outcome(path, rule_ids, kept, text)


def _declined(text: str, filename: str, key: str) -> None:
    """``fast_yaml.load_plain_lines`` declining: the strict reading, forced."""


# --- the case files in the repository ----------------------------------------------------------


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_a_case_file_reads_the_same_without_marks(path: pathlib.Path, kept: pathlib.Path,
                                                  rule_ids: set[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    strict = strict_outcome(path, rule_ids, kept)
    readings = Readings(monkeypatch)
    quick = outcome(path, rule_ids, kept)
    assert readings.strict == 0  # read without marks
    assert quick == strict
    assert isinstance(quick, tuple)
    assert isinstance(quick[1], casetest.CaseFile)
    assert [case.line for case in quick[1].cases] == marked_lines(path.read_text(), str(path))


def marked_lines(text: str, name: str) -> list[int]:
    """Each case's line as the strict reader marks it."""
    loaded = strict_yaml.load_yaml(text, name)
    assert isinstance(loaded.data, dict)
    return [locate.span_at(loaded, ("cases", i), name).line
            for i in range(len(loaded.data["cases"]))]


def test_the_reads_recorded_are_the_same_either_way(kept: pathlib.Path,
                                                    rule_ids: set[str]) -> None:
    quick: dict[str, bytes] = {}
    strict: dict[str, bytes] = {}
    case_model.load_case_file(CASE_FILES[0], rule_ids, reads=quick, kept=kept)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_yaml, "load_plain_lines", _declined)
        case_model.load_case_file(CASE_FILES[0], rule_ids, reads=strict, kept=kept)
    assert quick == strict
    assert len(quick) == 2  # the case file's and its base's


class BaseReadings:
    """Counts the bases validated (``case_model._base_of``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        original = case_model._base_of

        def counted(raw: bytes, filename: str) -> object:
            self.names.append(filename)
            return original(raw, filename)

        monkeypatch.setattr(case_model, "_base_of", counted)


def test_a_base_shared_by_the_files_of_a_run_is_validated_once(
        kept: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    alone = [case_model.load_case_file(path, rule_ids, kept=kept) for path in CASE_FILES]
    readings = BaseReadings(monkeypatch)
    bases: case_model.Bases = {}
    files = [case_model.load_case_file(path, rule_ids, kept=kept, bases=bases)
             for path in CASE_FILES]
    assert repr(files) == repr(alone)
    assert sorted(readings.names) == sorted({file.base for file in files})
    assert len(readings.names) < len(files)  # the bundled files do share bases


def test_a_base_changed_during_a_run_is_validated_again(
        kept: pathlib.Path, rule_ids: set[str], tmp_path: pathlib.Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = pathlib.Path(shutil.copytree(CASES, tmp_path / "cases"))
    first, second = casetest.case_files(folder)[:2]
    base = folder / BASE
    for path in (first, second):  # both on the same base
        path.write_text(_with_base(path.read_text(), BASE))
    readings = BaseReadings(monkeypatch)
    bases: case_model.Bases = {}
    before = case_model.load_case_file(first, rule_ids, kept=kept, bases=bases)
    base.write_text(base.read_text().replace("clinic:", "# changed\nclinic:", 1))
    after = case_model.load_case_file(second, rule_ids, kept=kept, bases=bases)
    assert readings.names == [str(base), str(base)]
    assert before.base_data == after.base_data  # a comment more: the same data, read anew
    assert len(bases) == 2


def _with_base(text: str, base: str) -> str:
    """A case file's text naming ``base``."""
    lines = text.splitlines(keepends=True)
    return "".join(f"base: {base}\n" if line.startswith("base:") else line for line in lines)


# --- generated case files ------------------------------------------------------------------------

NAMES = ["A clinic passes.", "A clinic with no contacts fails!", "Is 2024-02-29 a day?",
         "Ö: a name with a colon passes.", "A name with 'quotes' and \"more\" passes."]
RULES = ["VG-KONTAKT", "LIST-TAK-BESLUT"]
UNKNOWN = "VG-KONTAKTT"  # a rule the corpus lacks: a problem, with a suggestion
SETS = [{}, {"accessibility.contacts.listed_same_day": 10300}, {"listing.cap.decided_on":
                                                                "2024-09-01"}]
REMOVES = [[], ["accessibility.assessments"]]


@st.composite
def case_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"name": draw(st.sampled_from(NAMES)),
                            "rule": draw(st.sampled_from(RULES)) if draw(st.integers(0, 15))
                            else UNKNOWN,
                            "expect": draw(st.sampled_from(["pass", "fail"]))}
    if sets := draw(st.sampled_from(SETS)):
        item["set"] = sets
    if removes := draw(st.sampled_from(REMOVES)):
        item["remove"] = removes
    if draw(st.booleans()):
        item["boundary"] = draw(st.booleans())
    return item


def scalar(draw: st.DrawFn, value: Any) -> str:
    """A value written plain, single- or double-quoted (text that needs quotes is quoted)."""
    if not isinstance(value, str):
        return str(value).lower()
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "plain" and value.replace(".", "").replace("-", "").replace("_", "").isalnum():
        return value
    if style == "single" or '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value + '"'


def flow(draw: st.DrawFn, value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(draw, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(draw, v) for v in value) + "]"
    return scalar(draw, value)


def filler(draw: st.DrawFn, indent: str) -> list[str]:
    """Blank lines and comments that may stand between the items."""
    return draw(st.lists(st.sampled_from(["", f"{indent}# a comment", "#"]), max_size=2))


def block_item(draw: st.DrawFn, item: dict[str, Any]) -> list[str]:
    """One case in block style: on the dash's line, on the next line, or as a flow mapping."""
    layout = draw(st.sampled_from(["same", "next", "flow"]))
    if layout == "flow":
        return [f"  - {flow(draw, item)}"]
    lines = [f"{key}: {flow(draw, value)}" for key, value in item.items()]
    if layout == "next":
        return ["  -", *(f"    {line}" for line in lines)]
    return [f"  - {lines[0]}", *(f"    {line}" for line in lines[1:])]


@st.composite
def case_texts(draw: st.DrawFn) -> str:
    """A case file's text: its two keys in either order, the cases in flow or block style,
    sometimes an anchor (which the quick reading must decline)."""
    distinct = draw(st.integers(0, 4)) > 0  # else a name may repeat: a problem
    items = draw(st.lists(case_items(), min_size=1, max_size=4,
                          unique_by=(lambda item: item["name"]) if distinct else None))
    head = draw(st.sampled_from(["", "---\n", "# cases\n\n", "--- # cases\n"]))
    anchor = "&b " if draw(st.integers(0, 5)) == 0 else ""
    base = [f"base: {anchor}{scalar(draw, BASE)}", *filler(draw, "")]
    if draw(st.integers(0, 4)) == 0:
        cases = ["cases: [" + ", ".join(flow(draw, item) for item in items) + "]"]
    else:
        cases = ["cases:"]
        for item in items:
            cases += [*filler(draw, "  "), *block_item(draw, item)]
    lines = [*base, *cases] if draw(st.booleans()) else [*cases, *base]
    tail = draw(st.sampled_from(["\n", "", "\n...\n", "\n# end\n"]))
    return head + "\n".join(lines) + tail


def unique_names(text: str) -> bool:
    loaded = strict_yaml.load_yaml(text, "c.yaml")
    assert isinstance(loaded.data, dict)
    names = [case["name"] for case in loaded.data["cases"]]
    return len(set(names)) == len(names)


@SETTINGS
@given(case_texts(), st.booleans(), st.booleans())
def test_a_generated_case_file_reads_the_same_without_marks(
        tmp_path: pathlib.Path, kept: pathlib.Path, rule_ids: set[str], text: str, bom: bool,
        crlf: bool) -> None:
    folder = tmp_path / "cases"
    if not folder.exists():
        shutil.copytree(CASES / "bases", folder / "bases")
    path = folder / "generated.yaml"
    raw = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes(("\ufeff" if bom else "").encode() + raw.encode())
    strict = strict_outcome(path, rule_ids, kept)
    with pytest.MonkeyPatch.context() as patch:
        readings = Readings(patch)
        quick = outcome(path, rule_ids, kept)
    assert quick == strict
    plain = fast_yaml.load_plain(raw, str(path)) is not None
    assert plain or "&b" in text or "?" in text  # only these decline
    valid = plain and unique_names(text) and UNKNOWN not in text
    event("read without marks" if valid else "read with marks")
    assert readings.strict == (0 if valid else 1)
    if valid:
        assert isinstance(quick, tuple)
        assert [case.line for case in quick[1].cases] == marked_lines(raw, str(path))


# --- the lines themselves ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "\ufeffcases:\n- a: 1\n- b\n",
    "--- # start\ncases:\n\n  # one\n\n  -   {a: 1,\n       b: 2}\n  - [x, y]\n  -\n\n    a: 1\n",
    "other: [1, 2]\nnested: {cases: [9]}\ncases: [\n  a,\n  {b: c}, 'd'\n]\nafter: [3]\n",
    'cases:\r\n  - >\r\n    folded\r\n  - |\r\n    literal\r\n  - "q"\r\n',
    "'cases': []\nx: 1\n",
])
def test_the_lines_of_the_items_are_the_marks_of_the_strict_reader(text: str) -> None:
    read = fast_yaml.load_plain_lines(text, "c.yaml", "cases")
    assert read is not None
    data, lines = read
    loaded = strict_yaml.load_yaml(text, "c.yaml")
    assert repr(data) == repr(loaded.data)
    assert isinstance(loaded.data, dict)
    assert lines == [loaded.marks[("cases", i)].line for i in range(len(loaded.data["cases"]))]


@pytest.mark.parametrize("text", [
    "cases:\n  - &a {x: 1}\n  - *a\n",  # anchors and aliases: the strict reader copies marks
    "cases: [{a: b?}]\n",  # a '?' in a flow collection: the parsers may read it otherwise
    "cases:\n\t- x\n",  # a tab: read by the pure parser
    "cases: [1]\ncases: [2]\n",  # a repeated key: refused there
    "cases: [1]\n--- \nx: 1\n",  # two documents
])
def test_the_lines_decline_where_the_data_does(text: str) -> None:
    assert fast_yaml.load_plain(text, "c.yaml") is None
    assert fast_yaml.load_plain_lines(text, "c.yaml", "cases") is None


def test_a_json_case_file_is_read_with_marks() -> None:
    assert fast_yaml.load_plain_lines('{"cases": []}', "c.json", "cases") is None


def test_the_lines_leave_the_data_as_load_plain_reads_it() -> None:
    for path in sorted((ROOT / "fixtures" / "submissions").iterdir()):
        text = path.read_text(encoding="utf-8")
        read = fast_yaml.load_plain_lines(text, path.name, "cases")
        plain = fast_yaml.load_plain(text, path.name)
        if path.suffix == ".json":
            assert read is None
            continue
        assert read is not None
        assert repr(read[0]) == repr(plain)
        assert read[1] == []  # no cases in a submission
