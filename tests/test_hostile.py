"""The hostile-input corpus: broken, malicious and strange files, and what vardval must answer.

Every case in ``tests/hostile/expected.yaml`` gets one located, plain message and the documented
exit status (1 for a submission, 2 for a rule file); nothing raises, prints a traceback, hangs
on a pipe or device, or runs anything it reads. In a batch the other files are still checked.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from cli_runs import vardval
from vardval.checker.cli import check as cmd_check
from vardval.checker.cli.entry import run

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
EXPECTED: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(
    (HERE / "expected.yaml").read_text(encoding="utf-8"))
SUBMISSIONS = EXPECTED["submissions"]
RULES = EXPECTED["rules"]
MADE = EXPECTED["made"]
SENTINEL = "vardval-sentinel"


def cases(table: dict[str, dict[str, Any]]) -> list[Any]:
    """The table's names, a known bug (``xfail: reason``) marked as a strict expected failure."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=case["xfail"]))
            if "xfail" in case else name for name, case in sorted(table.items())]




def problems_of(out: str) -> dict[str, list[dict[str, Any]]]:
    return {r["file"]: r["problems"] for r in json.loads(out)["results"]}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def _deadline() -> Iterator[None]:
    """A case that blocks (reading a FIFO, say) fails after 60 s instead of hanging the suite."""

    def expire(*_: object) -> None:
        pytest.fail("vardval hung on a hostile input")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_the_corpus_has_at_least_thirty_cases_and_every_file_is_listed() -> None:
    assert len(SUBMISSIONS) + len(RULES) + len(MADE) >= 30
    assert sorted(p.name for p in (HERE / "submissions").iterdir()) == sorted(SUBMISSIONS)
    assert sorted(p.name for p in (HERE / "rules").iterdir()) == sorted(RULES)


# --- submissions --------------------------------------------------------------------------


def assert_one_problem(problems: list[dict[str, Any]], case: dict[str, Any]) -> None:
    if case["message"] is None:
        assert problems == []
        return
    assert len(problems) == case.get("problems", 1)
    problem = problems[-1]
    assert case["message"] in problem["message"]
    assert problem["line"] == case["line"]
    assert (problem["column"] is None) == (case["line"] is None)


@pytest.mark.parametrize("name", cases(SUBMISSIONS))
def test_a_hostile_submission_gets_one_located_message(name: str) -> None:
    case, path = SUBMISSIONS[name], HERE / "submissions" / name
    code, out, _ = vardval("check", path, "--rules", BASE, "--format", "json", "--lang", "en")
    assert code == case["exit"]
    assert_one_problem(problems_of(out)[str(path)], case)
    _, out, _ = vardval("check", path, "--rules", BASE, "--format", "json")  # Swedish
    swedish = problems_of(out)[str(path)]
    if case["message"] is not None and swedish[-1]["path"] != "$":  # YAML syntax: English
        assert case["message"] not in swedish[-1]["message"]


@pytest.mark.parametrize("name", cases(SUBMISSIONS))
def test_every_report_format_renders_a_hostile_submission(name: str) -> None:
    case, path = SUBMISSIONS[name], HERE / "submissions" / name
    for fmt in ("text", "junit", "html"):
        code, out, _ = vardval("check", path, "--rules", BASE, "--format", fmt, "--lang", "en")
        assert code == case["exit"]
        if fmt == "text" and case["message"] is not None:
            assert case["message"] in " ".join(out.split())
        if fmt == "junit":
            ET.fromstring(out)
        out.encode("utf-8")  # no lone surrogates or other unencodable text reach the output


def test_a_batch_checks_every_file_whatever_the_others_hold(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(HERE / "submissions", folder)
    shutil.copy(VALID, folder / "zz-valid.yaml")
    (folder / "README.txt").write_text("not a submission\n", encoding="utf-8")
    code, out, _ = vardval("check", folder, "--rules", BASE, "--format", "json", "--lang", "en")
    results = {Path(r["file"]).name: r for r in json.loads(out)["results"]}
    assert code == 1
    assert sorted(results) == sorted([*SUBMISSIONS, "zz-valid.yaml"])
    for name, case in SUBMISSIONS.items():
        assert_one_problem(results[name]["problems"], case)
    assert results["zz-valid.yaml"]["valid"] is True
    assert [f["status"] for f in results["zz-valid.yaml"]["findings"]] == ["pass"]


def test_max_bytes_sets_the_size_limit() -> None:
    code, out, _ = vardval("check", VALID, "--rules", BASE, "--format=json", "--max-bytes=100",
                           "--lang=en")
    (problem,) = problems_of(out)[str(VALID)]
    assert code == 1
    assert problem["message"].startswith(f"the file is {VALID.stat().st_size} bytes; the limit "
                                         "is 100 (")
    assert vardval("check", VALID, "--rules", BASE, "--max-bytes", "0")[0] == 2
    _, out, _ = vardval("check", VALID, "--rules", BASE, "--format=json", "--max-bytes=100")
    (problem,) = problems_of(out)[str(VALID)]
    assert problem["message"].startswith(f"filen är {VALID.stat().st_size} byte; gränsen är "
                                         "100 (en kvartalsinlämning")


# --- rule files ---------------------------------------------------------------------------


def corpus_with(tmp_path: Path, name: str, make: Callable[[Path], None],
                where: str = "national") -> Path:
    """A copy of the minimal corpus with one more file, made by ``make``, in ``where``/
    (``sources.yaml``: in place of the sources)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(BASE, corpus)
    target = corpus / where if where == "sources.yaml" else corpus / where / name
    target.unlink(missing_ok=True)
    make(target)
    return corpus


@pytest.mark.parametrize("name", cases(RULES))
def test_a_hostile_rule_file_stops_check_with_a_located_message(tmp_path: Path, name: str) -> None:
    case, source = RULES[name], HERE / "rules" / name
    corpus = corpus_with(tmp_path, name, lambda target: shutil.copy(source, target))
    code, out, err = vardval("check", VALID, "--rules", corpus, "--lang", "en")
    assert code == case["exit"]
    assert out == ""  # no rule ran
    assert f"national/{name}:{case['line']}:" in err
    assert case["message"] in err


@pytest.mark.parametrize("name", cases(RULES))
def test_lint_reports_a_hostile_rule_file(name: str) -> None:
    case = RULES[name]
    code, out, _ = vardval("lint", "--lang", "en", HERE / "rules" / name, "--rules", BASE)
    assert code == 1  # lint's "problems in the rules"; check refuses the corpus with exit 2
    assert f"{name}:{case['line']}:" in out
    assert case["message"] in out


# --- inputs git cannot hold ---------------------------------------------------------------


def refuse_access(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``path`` unreadable: by its mode, or (root reads anything) by refusing to open it."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real_open, real_listdir, real_scandir = os.open, os.listdir, os.scandir

    def guarded(opener: Callable[..., Any]) -> Callable[..., Any]:
        def call(target: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(target) == path:
                raise PermissionError(13, "Permission denied", str(target))
            return opener(target, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", guarded(real_open))
    monkeypatch.setattr(os, "listdir", guarded(real_listdir))
    monkeypatch.setattr(os, "scandir", guarded(real_scandir))


def make(kind: str, path: Path, monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Create the input named by ``kind`` at ``path``."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":  # a /dev/zero of its own: a link out of a folder is not followed
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))
    elif kind == "link-loop":
        path.symlink_to(path.name)
    elif kind == "dangling-link":
        path.symlink_to("nowhere.yaml")
    elif kind == "too-large":
        path.write_bytes(b"# padding\n" * (size // 10) + b"#" * (size % 10 + 1))
    elif kind == "unreadable":
        shutil.copy(VALID, path)
        refuse_access(path, monkeypatch)
    elif kind == "latin1":
        path.write_bytes("# Sparad i Latin-1: Växjö\n".encode("latin-1"))
    elif kind == "folder-link-loop":
        path.mkdir()
        (path / "back").symlink_to(".")  # a loop inside the folder (one out is not followed)
    elif kind == "unreadable-folder":
        path.mkdir()
        shutil.copy(VALID, path / "inside.yaml")
        refuse_access(path, monkeypatch)


@pytest.mark.parametrize("name", sorted(n for n, c in MADE.items() if c["kind"] == "submission"))
def test_a_made_submission_input_is_reported_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    case = MADE[name]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(VALID, folder / "a-valid.yaml")
    make(case["make"], folder / name, monkeypatch, 5_000_000)
    for target in (folder / name, folder):
        code, out, _ = vardval("check", target, "--rules", BASE, "--format", "json",
                               "--lang", "en")
        problems = problems_of(out)
        assert code == case["exit"]
        (problem,) = next(p for f, p in problems.items() if Path(f).name != "a-valid.yaml")
        assert case["message"] in problem["message"]
        assert problem["line"] is None
        if target == folder:
            assert problems[str(folder / "a-valid.yaml")] == []


@pytest.mark.parametrize("name", cases({n: c for n, c in MADE.items() if c["kind"] == "rules"}))
def test_a_made_rule_file_is_reported_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    case = MADE[name]
    where = case.get("where", "national")
    corpus = corpus_with(tmp_path, name, lambda p: make(case["make"], p, monkeypatch, 1_000_000),
                         where)
    signal.alarm(case.get("deadline", 60))
    code, out, err = vardval("check", VALID, "--rules", corpus, "--lang", "en")
    shown = where if where == "sources.yaml" else f"{where}/{name}"
    assert code == case["exit"]
    assert out == ""
    assert f"{shown}:{case['line']}:" in err
    assert case["message"] in err


# --- nothing read is ever run -------------------------------------------------------------

TAGGED = [HERE / "submissions" / "python-tag-os-system.yaml",
          HERE / "submissions" / "python-tag-open.yaml", HERE / "rules" / "python-tag.yaml"]


@pytest.mark.parametrize("path", TAGGED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_python_tag_is_live_for_unsafe_yaml_but_never_constructed_by_vardval(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    if path.parent.name == "rules":
        vardval("check", VALID, "--rules", corpus_with(tmp_path, path.name,
                                                        lambda t: shutil.copy(path, t)))
        vardval("lint", "--lang", "en", path, "--rules", BASE)
    else:
        vardval("check", path, "--rules", BASE)
    assert not (tmp_path / SENTINEL).exists()
    # The control: PyYAML's unsafe loader does run the payload, so the sentinel can appear.
    loaded = yaml.unsafe_load(path.read_text(encoding="utf-8"))
    for value in loaded.values():
        getattr(value, "close", lambda: None)()  # the file builtins.open made
    assert (tmp_path / SENTINEL).exists()


# --- internal errors and interrupted reports ----------------------------------------------


def test_a_bug_while_checking_one_file_is_an_internal_error_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(VALID, tmp_path / "a.yaml")
    shutil.copy(VALID, tmp_path / "b.yaml")
    real = cmd_check.check_intake

    def buggy(ruleset: Any, intake: Any, **options: Any) -> Any:
        if intake.file.endswith("a.yaml"):
            raise ZeroDivisionError("planted bug")
        return real(ruleset, intake, **options)

    monkeypatch.setattr(cmd_check, "check_intake", buggy)
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", str(tmp_path), "--rules", str(BASE), "--format", "json"], out, err)
    results = {Path(r["file"]).name: r for r in json.loads(out.getvalue())["results"]}
    assert code == 3
    assert "internt fel" in results["a.yaml"]["problems"][0]["message"]
    assert "rapportera det gärna" in results["a.yaml"]["problems"][0]["message"]
    assert results["b.yaml"]["valid"] is True
    assert "Traceback" not in out.getvalue() + err.getvalue()


def test_a_bug_before_any_file_is_an_internal_error_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise KeyError("planted bug")

    monkeypatch.setattr(cmd_check, "load_ruleset", broken)
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", str(VALID), "--lang", "en"], out, err)
    assert code == 3
    assert err.getvalue().startswith("vardval: internal error: KeyError")
    assert "please report it" in err.getvalue()
    err = io.StringIO()
    assert run(["check", str(VALID)], out, err) == 3
    assert err.getvalue().startswith("vardval: internt fel: KeyError")
    assert "Traceback" not in out.getvalue() + err.getvalue()


@pytest.mark.parametrize(("interruption", "exit_code"),
                         [(KeyboardInterrupt, 130), (MemoryError, 3)])
def test_an_interrupted_run_leaves_the_old_report_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: type[BaseException],
        exit_code: int) -> None:
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("the previous report\n", encoding="utf-8")
    shutil.copy(VALID, tmp_path / "a.yaml")
    shutil.copy(VALID, tmp_path / "b.yaml")
    renderer = cmd_check.FORMATS["json"].renderer
    calls = []

    def emit(self: Any, piece: Any) -> None:  # writes a result, in the parent process
        calls.append(piece)
        if len(calls) == 2:
            raise interruption
        original(self, piece)

    original = renderer.emit  # type: ignore[attr-defined]
    monkeypatch.setattr(renderer, "emit", emit)
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--rules", str(BASE),
            "--format", "json", "-o", str(report)]
    code = run(argv, out, err)
    assert (code, len(calls)) == (exit_code, 2)
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]
    assert "Traceback" not in out.getvalue() + err.getvalue()


@pytest.mark.parametrize("where", ["missing/folder/report.json", "."])
def test_a_report_path_that_cannot_be_written_is_a_plain_error(tmp_path: Path,
                                                               where: str) -> None:
    code, _, err = vardval("check", VALID, "--rules", BASE, "-o", tmp_path / where)
    assert code == 2
    assert str(tmp_path) in err
