"""The store of loaded case files gives exactly what the model gives, and never a stale file.

``authoring.case_store`` keeps the case files of a run that loaded without a problem; a warm
``vardval test`` then reads them without pydantic. These tests hold what it gives equal to what
``case_model`` reads, file by file, and send every damaged case file, damaged base, changed
corpus or foreign entry back to the model, which reports exactly as it does without a store.
"""

from __future__ import annotations

import pathlib
import shutil
from collections.abc import Callable

import pytest
from vardval.checker.authoring import case_model, case_store
from vardval.checker.authoring import cases as casetest
from vardval.checker.program import cache, load_ruleset
from vardval.checker.vocab import LANGS
from vardval.dsl.errors import VardvalError

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "cases"
CASE_FILES = casetest.case_files(CASES)


@pytest.fixture(scope="module")
def rule_ids() -> set[str]:
    return {rule.id for rule in load_ruleset().rules()}


@pytest.fixture
def store_dir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VARDVAL_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))  # the code is as imported
    return tmp_path / "cache"


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of the bundled case folder, free to damage."""
    return pathlib.Path(shutil.copytree(CASES, tmp_path / "cases"))


def _no_model(*args: object, **kwargs: object) -> casetest.CaseFile:
    raise AssertionError("the model read a case file although the store held it")


def _by_model(paths: list[pathlib.Path], rule_ids: set[str]) -> list[casetest.CaseFile]:
    return [case_model.load_case_file(path, rule_ids) for path in paths]


def _outcome(load: Callable[[], list[casetest.CaseFile]]) -> object:
    """What loading gives: the files, or the error's kind and diagnostics as shown."""
    try:
        return load()
    except VardvalError as exc:
        return type(exc).__name__, [d.shown(lang) for d in exc.diagnostics for lang in LANGS]


def _reads_by_model(monkeypatch: pytest.MonkeyPatch) -> list[pathlib.Path]:
    """The case files ``case_model`` reads from now on, in order (it still reads them)."""
    read: list[pathlib.Path] = []
    model = case_model.load_case_file

    def counting(path: pathlib.Path, *args: object, **kwargs: object) -> casetest.CaseFile:
        read.append(path)
        return model(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(case_model, "load_case_file", counting)
    return read


def test_the_store_gives_what_the_model_gives_for_every_bundled_case_file(
        store_dir: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = casetest.load_case_files(CASES, rule_ids)
    assert first == _by_model(CASE_FILES, rule_ids)
    assert len(list(store_dir.glob("cases-*.pickle"))) == 1
    monkeypatch.setattr(case_model, "load_case_file", _no_model)
    assert casetest.load_case_files(CASES, rule_ids) == first


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_a_case_file_named_alone_comes_from_the_store_as_the_model_reads_it(
        path: pathlib.Path, store_dir: pathlib.Path, rule_ids: set[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    del store_dir
    expected = _by_model([path], rule_ids)
    assert casetest.load_named_case_files([path], rule_ids) == expected
    monkeypatch.setattr(case_model, "load_case_file", _no_model)
    assert casetest.load_named_case_files([path], rule_ids) == expected


def _damages(folder: pathlib.Path) -> list[tuple[str, pathlib.Path, bytes | None]]:
    """(what, file, its new bytes or None to remove it): for each case file a changed count,
    an unknown rule, a broken line and a missing base; for each base a changed figure, an
    invalid one and a removal."""
    out: list[tuple[str, pathlib.Path, bytes | None]] = []
    for path in casetest.case_files(folder):
        raw = path.read_bytes()
        out += [(f"{path.name}: a case expects otherwise", path,
                 raw.replace(b"expect: pass", b"expect: fail", 1)),
                (f"{path.name}: an unknown rule", path, raw.replace(b"rule: ", b"rule: X", 1)),
                (f"{path.name}: a broken line", path, raw.replace(b"cases:", b"cases: [", 1)),
                (f"{path.name}: another base", path, raw.replace(b"base: ", b"base: x", 1))]
    for base in sorted((folder / "bases").glob("*.yaml")):
        raw = base.read_bytes()
        out += [(f"{base.name}: a changed figure", base, raw.replace(b"0\n", b"1\n", 1)),
                (f"{base.name}: an invalid value", base, raw.replace(b": ", b": [", 1)),
                (f"{base.name}: removed", base, None)]
    return out


def test_every_damage_after_storing_reads_as_the_model_reads_it(
        folder: pathlib.Path, store_dir: pathlib.Path, rule_ids: set[str]) -> None:
    casetest.load_case_files(folder, rule_ids)  # stored as they are
    assert list(store_dir.glob("cases-*.pickle"))
    damages = _damages(folder)
    assert len(damages) > 50
    for what, path, damaged in damages:
        original = path.read_bytes()
        if damaged is None:
            path.unlink()
        else:
            assert damaged != original, what
            path.write_bytes(damaged)
        try:
            paths = casetest.case_files(folder)
            expected = _outcome(lambda p=paths: _model_folder(p, rule_ids))
            assert _outcome(lambda: casetest.load_case_files(folder, rule_ids)) == expected, what
            for named in paths:
                alone = _outcome(lambda p=named: _by_model([p], rule_ids))
                assert _outcome(lambda p=named: casetest.load_named_case_files(
                    [p], rule_ids)) == alone, what
        finally:
            path.write_bytes(original)
    assert casetest.load_case_files(folder, rule_ids) == _by_model(paths, rule_ids)


def _model_folder(paths: list[pathlib.Path], rule_ids: set[str]) -> list[casetest.CaseFile]:
    """``load_case_files`` without a store: every file by the model, problems gathered."""
    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(case_model.load_case_file(path, rule_ids))
        except VardvalError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise casetest.CaseFileError(problems)
    return loaded


def test_a_corpus_without_a_cases_rule_is_told_so_although_the_files_are_stored(
        store_dir: pathlib.Path, rule_ids: set[str]) -> None:
    del store_dir
    casetest.load_case_files(CASES, rule_ids)
    fewer = rule_ids - {"VG-KONTAKT"}
    with pytest.raises(casetest.CaseFileError) as caught:
        casetest.load_case_files(CASES, fewer)
    assert {d.code for d in caught.value.diagnostics} == {"unknown-rule"}
    assert _outcome(lambda: casetest.load_case_files(CASES, fewer)) == _outcome(
        lambda: _model_folder(CASE_FILES, fewer))


def test_an_entry_not_sealed_by_this_user_is_not_unpickled(
        store_dir: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = casetest.load_case_files(CASES, rule_ids)
    (entry,) = store_dir.glob("cases-*.pickle")
    entry.write_bytes(case_store.MAGIC + b"\0" * 32 + b"planted pickle")
    monkeypatch.setattr(case_store.pickle, "loads", _no_unpickling)
    assert casetest.load_case_files(CASES, rule_ids) == expected
    assert entry.read_bytes().startswith(case_store.MAGIC)  # stored again, by the model


def _no_unpickling(*args: object, **kwargs: object) -> object:
    raise AssertionError("an entry without this user's seal was unpickled")


def test_another_pydantic_means_the_model_reads_again(
        store_dir: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    del store_dir
    casetest.load_case_files(CASES, rule_ids)
    monkeypatch.setattr(case_store, "_library", lambda: b"another pydantic")
    read = _reads_by_model(monkeypatch)
    casetest.load_case_files(CASES, rule_ids)
    assert read == CASE_FILES


def test_without_a_cache_nothing_is_stored(tmp_path: pathlib.Path, rule_ids: set[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("VARDVAL_NO_CACHE", "1")
    assert casetest.load_case_files(CASES, rule_ids) == _by_model(CASE_FILES, rule_ids)
    assert not (tmp_path / "cache").exists()


def test_each_kept_submission_is_the_one_a_run_reads_and_validates(
        store_dir: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    del store_dir
    casetest.load_case_files(CASES, rule_ids)
    monkeypatch.setattr(case_model, "load_case_file", _no_model)
    stored = casetest.load_case_files(CASES, rule_ids)
    pairs = [(file, case) for file in stored for case in file.cases]
    assert all(case.kept for _, case in pairs)  # every bundled case is valid
    for file, case in pairs:
        assert casetest.kept_intake(case) == casetest.changed_intake(file, case), case.where


def test_outcomes_from_the_store_are_the_models_outcomes(
        store_dir: pathlib.Path, rule_ids: set[str]) -> None:
    del store_dir
    ruleset = load_ruleset()
    expected = casetest.run_all(ruleset, _by_model(CASE_FILES, rule_ids))
    casetest.load_case_files(CASES, rule_ids)
    stored = casetest.load_case_files(CASES, rule_ids)
    assert casetest.run_all(ruleset, stored) == expected  # statuses, messages and evidence


def test_a_case_that_cannot_run_is_run_and_told_about_again(
        tmp_path: pathlib.Path, store_dir: pathlib.Path, rule_ids: set[str]) -> None:
    del store_dir
    shutil.copytree(CASES / "bases", tmp_path / "bases")
    (tmp_path / "cases.yaml").write_text(
        "base: bases/kronoberg-privat-tak-2025-Q1.yaml\ncases:\n"
        "  - name: A count that is text breaks the format.\n    rule: VG-KONTAKT\n"
        "    set: {accessibility.contacts.total: many}\n    expect: fail\n"
        "  - name: A path through a value cannot be set.\n    rule: VG-KONTAKT\n"
        "    set: {period.x: 1}\n    expect: fail\n"
        "  - name: The base as it is passes.\n    rule: VG-KONTAKT\n    expect: pass\n",
        encoding="utf-8")
    ruleset = load_ruleset()
    expected = casetest.run_all(ruleset, _by_model([tmp_path / "cases.yaml"], rule_ids))
    assert [bool(o.problems) for o in expected] == [True, True, False]
    casetest.load_case_files(tmp_path, rule_ids)
    stored = casetest.load_case_files(tmp_path, rule_ids)
    assert [bool(c.kept) for f in stored for c in f.cases] == [False, False, True]
    outcomes = casetest.run_all(ruleset, stored)
    assert outcomes == expected
    assert [o.problem_words("sv") for o in outcomes] == [o.problem_words("sv") for o in expected]


def test_after_one_file_changed_only_that_file_is_read_again(
        folder: pathlib.Path, store_dir: pathlib.Path, rule_ids: set[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    del store_dir
    casetest.load_case_files(folder, rule_ids)
    changed = casetest.case_files(folder)[3]
    changed.write_bytes(changed.read_bytes().replace(b"expect: pass", b"expect: fail", 1))
    expected = _by_model(casetest.case_files(folder), rule_ids)
    read = _reads_by_model(monkeypatch)
    loaded = casetest.load_case_files(folder, rule_ids)
    assert read == [changed]
    assert loaded == expected
    assert casetest.load_case_files(folder, rule_ids) == expected  # stored as it is now
    assert read == [changed]


def test_a_run_of_one_rule_keeps_its_cases_and_a_later_run_the_others(
        store_dir: pathlib.Path, rule_ids: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    del store_dir
    validated: list[str] = []
    real = casetest.changed_intake

    def counting(file: casetest.CaseFile, case: casetest.Case) -> object:
        validated.append(case.rule)
        return real(file, case)

    monkeypatch.setattr(casetest, "changed_intake", counting)
    first = casetest.load_case_files(CASES, rule_ids, frozenset({"VG-KONTAKT"}))
    assert set(validated) == {"VG-KONTAKT"}  # only the cases that will run
    assert {c.rule for f in first for c in f.cases if c.kept} == {"VG-KONTAKT"}
    validated.clear()
    again = casetest.load_case_files(CASES, rule_ids, frozenset({"VG-KONTAKT"}))
    assert validated == []  # kept: not validated again
    other = next(c.rule for f in again for c in f.cases if c.rule != "VG-KONTAKT")
    casetest.load_case_files(CASES, rule_ids, frozenset({other}))
    assert set(validated) == {other}
    validated.clear()
    writes: list[object] = []
    monkeypatch.setattr(cache, "write_sealed", lambda *args: writes.append(args))
    stored = casetest.load_case_files(CASES, rule_ids, frozenset({"VG-KONTAKT", other}))
    assert (validated, writes) == ([], [])  # both kept, nothing to write
    ruleset = load_ruleset()
    assert casetest.run_all(ruleset, stored) == casetest.run_all(
        ruleset, _by_model(CASE_FILES, rule_ids))
