"""Issue 15, item 16: what ``vardval lint`` and ``vardval test`` say of broken rules, in Swedish.

``tests/golden/lint-sv/cases.yaml`` breaks a copy of the shipped corpus one way per case (an
unknown key, a bad date, an unknown source, a parameter that does not fit its unit …); lint
of the copy with ``--lang sv`` must print exactly ``<case>.sv.txt`` (the messages and hints;
the quoted file lines are left out, so an edit of rules/ elsewhere does not move them). Case
files for ``vardval test`` are goldens the same way. A guard holds every such output free of
English message words; after an intended change, ``VARDVAL_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from vardval.checker.cli import entry as cli

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "lint-sv"
CASES = yaml.safe_load((GOLDEN / "cases.yaml").read_text(encoding="utf-8"))
UPDATE = os.environ.get("VARDVAL_UPDATE_GOLDEN") == "1"
# Words of the English messages that must not reach a Swedish one (quoted values aside).
ENGLISH = re.compile(r"\b(is not|does not|expected|unknown|must|should|invalid|missing|"
                     r"did you mean|cannot|needs|the file|already|allowed|of region|"
                     r"provision|citation|listed)\b")
# Cases whose words come from the rule language's type checker (dsl/, worded by its own
# helper branch): their goldens are kept, the guard waits for that branch.
WORDED_IN_DSL: set[str] = set()
BASE = REPO / "fixtures" / "cases" / "bases" / "jonkoping-offentlig-2018-Q4.yaml"
# Case files for ``vardval test``: name -> the file's text (``{base}`` is a valid base).
CASE_FILES = {
    "base-a-device": "base: /dev/zero\ncases:\n  - name: A case.\n    rule: VG-KONTAKT\n"
                     "    expect: pass\n",
    "base-missing": "base: bases/none.yaml\ncases:\n  - name: A case.\n    rule: VG-KONTAKT\n"
                    "    expect: pass\n",
    "base-invalid": "base: bad.yaml\ncases:\n  - name: A case.\n    rule: VG-KONTAKT\n"
                    "    expect: pass\n",
    "case-shape": "base: {base}\ncases:\n  - name: a case without a capital\n    rule: vg\n"
                  "    colour: red\n    expect: maybe\n",
    "case-names": "base: {base}\ncases:\n  - name: A case.\n    rule: VG-KONTAKTT\n"
                  "    set: {{Bad Path: 1}}\n    expect: pass\n  - name: A case.\n"
                  "    rule: VG-KONTAKT\n    expect: pass\n",
    "case-without-base": "cases: []\n",
}


def broken_corpus(tmp_path: Path, case: dict[str, object]) -> None:
    """A copy of rules/ in ``tmp_path/rules``, broken as ``case`` says."""
    target = tmp_path / "rules"
    shutil.copytree(REPO / "rules", target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = target / str(case["file"])
    if case.get("fifo"):
        path.unlink()
        os.mkfifo(path)
    elif not case["old"]:
        path.write_text(str(case["new"]), encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert str(case["old"]) in text, case
        path.write_text(text.replace(str(case["old"]), str(case["new"]), 1), encoding="utf-8")


def messages(text: str) -> str:
    """The output without its quoted file lines (``  12 | …`` and the caret line)."""
    return "".join(line + "\n" for line in text.splitlines()
                   if not re.match(r"\s+(\d+ )?\|", line))


def english_in(text: str) -> list[str]:
    """Lines of ``text`` with English message words outside quoted values and file names."""
    found = []
    for line in messages(text).splitlines():
        words = re.sub(r"'[^']*'|\S+\.ya?ml(:\d+)*", "", line)
        if ENGLISH.search(words):
            found.append(line)
    return found


def compare(text: str, golden: Path) -> None:
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_lint_says_each_broken_corpus_in_swedish(name: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    broken_corpus(tmp_path, CASES[name])
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    cli.run(["lint", "rules"], out, io.StringIO())
    text = messages(out.getvalue())
    assert name in WORDED_IN_DSL or english_in(text) == []
    compare(text, GOLDEN / f"{name}.sv.txt")


@pytest.mark.parametrize("name", sorted(CASE_FILES))
def test_a_broken_case_file_is_refused_in_swedish(name: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.yaml").write_text("period: 2025-Q9\n", encoding="utf-8")
    (tmp_path / "cases.yaml").write_text(CASE_FILES[name].format(base=BASE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert cli.run(["test", "cases.yaml"], io.StringIO(), err) == 2
    text = messages(err.getvalue().replace(str(REPO), "<repo>"))
    assert english_in(text) == []
    compare(text, GOLDEN / f"test-{name}.sv.txt")


def test_the_same_corpus_in_english_keeps_its_english(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    broken_corpus(tmp_path, CASES["bad-param2"])
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    cli.run(["lint", "--lang", "en", "rules"], out, io.StringIO())
    assert "value '100 days' does not fit unit 'percent'; expected a percentage such as 90%" \
        in out.getvalue()


def test_the_guard_sees_english() -> None:
    assert english_in("a.yaml:1:2: unknown key 'x' in rules.0\n") != []
    assert english_in("a.yaml:1:2: okänd nyckel 'is not' i rules.0\n") == []


def test_a_case_whose_changes_do_not_fit_says_why_in_swedish(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cases.yaml").write_text(
        f"base: {BASE}\ncases:\n  - name: Removing what is not there.\n    rule: VG-KONTAKT\n"
        "    remove: [accessibility.nothing]\n    expect: pass\n"
        "  - name: A negative count.\n    rule: VG-KONTAKT\n"
        "    set: {accessibility.contacts.total: -5}\n    expect: pass\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = {
        "sv": ["kan inte ta bort 'accessibility.nothing': det finns inte i inlämningen",
               ("den ändrade inlämningen är inte giltig: $.accessibility.contacts.total: -5 är "
                "under minimum 0")],
        "en": ["cannot remove 'accessibility.nothing': it is not in the submission",
               ("the changed submission is not valid: $.accessibility.contacts.total: -5 is "
                "below the minimum 0")],
    }
    for lang, words in expected.items():
        out = io.StringIO()
        assert cli.run(["test", "--lang", lang, "cases.yaml"], out, io.StringIO()) == 1
        assert all(w in out.getvalue() for w in words), out.getvalue()


WORD_TABLES = ["vardval.checker.sources.words", "vardval.checker.parameters.words",
               "vardval.checker.authoring.words", "vardval.checker.corpus.words",
               "vardval.checker.reading.file_words"]


@pytest.mark.parametrize("module", WORD_TABLES)
def test_every_wording_has_swedish_of_its_own_with_the_same_values(module: str) -> None:
    """Each code's Swedish differs from its English (but for codes that only join other
    words) and names the same values, so no value is lost in either language."""
    words = importlib.import_module(module)
    joining = getattr(words, "JOINING", frozenset())
    for code, (sv, en) in words.WORDING.items():
        assert sv != en or code in joining, code
        fields = [set(re.findall(r"(?<!\{)\{(\d+)\}", text)) for text in (sv, en)]
        # 'both' and 'type-other' pick one value per language (a text given in both)
        assert fields[0] == fields[1] or code in joining | {"both", "type-other"}, code
