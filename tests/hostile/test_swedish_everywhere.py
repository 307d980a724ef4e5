"""Issue 15 item 16: every message a user can cause on the command line is in plain words, in
the run's language. Each command is run with bad input in Swedish (the default, and
``--lang sv``) and in English: Swedish output carries no English phrase, English no Swedish
word, the exit status is 2 and nothing leaks a traceback (``cli_runs.vardval``)."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent
sys.path.insert(0, str(HOSTILE.parent))  # tests/cli_runs.py, beside this folder

from cli_runs import vardval
from vardval.checker.cli import run

BASE = str(HOSTILE / "rules_base")
VALID = str(HOSTILE / "valid.yaml")

# What a Swedish message must not say, and words only a Swedish one says.
ENGLISH = (" not ", "cannot", "no such", "invalid", "error:", "expected", "must", "usage:",
           "the following", "unrecognized", "choose from")
SWEDISH = re.compile(r"\b(inte|finns|ange|användning|saknas|okän\w*|fick|välj|ogiltig\w*|"
                     r"hittades|mappen|filen|skriv|kvartal|lagret)\b")

# Bad input for each command, run in a folder holding ``emptydir/``, ``afile`` and ``bad.yaml``.
CASES: list[tuple[str, ...]] = [
    ("check",),
    ("check", "emptydir"),
    ("check", "--format", "bogus", VALID),
    ("check", VALID, "--bogus"),
    ("check", "--jobs", "0", VALID),
    ("check", "--max-bytes", "x", VALID),
    ("check", "-", "-"),
    ("check", "missing.yaml", "--rules", BASE),
    ("check", "--mapping", "missing.yaml", VALID),
    ("check", "--mapping", "bad.yaml", VALID),
    ("check", "--store", "bogus://x", VALID, "--rules", BASE),
    ("check", "--store", "no/folder/x.db", VALID, "--rules", BASE),
    ("check", "-o", "emptydir", VALID),
    ("check", "--rules", "missing", VALID),
    ("check", "--all=x", VALID),
    ("schema", "--bogus"),
    ("docs", "--out", "afile/generated"),
    ("docs", "--rules", "missing"),
    ("followup", "add", "--store", "x.db"),
    ("followup", "add", "--store", "x.db", "--clinic", "bad", "--rule", "R", "--step",
     "erinran", "--by", "me"),
    ("followup", "add", "--store", "x.db", "--clinic", "SE5564321987-VCA1", "--rule", "NOPE",
     "--step", "erinran", "--by", "me", "--rules", BASE),
    ("followup", "list", "--store", "x.db", "--today", "notadate"),
    ("followup", "list", "--store", "bogus://x"),
    ("users", "add", "--store", "x.db"),
    ("users", "add", "bad/name", "--role", "admin", "--store", "x.db"),
    ("users", "add", "anna", "--role", "officer", "--store", "x.db"),
    ("users", "token", "nobody", "--store", "x.db"),
    ("test", "NOPE", "--rules", BASE),
    ("history", "--store", "x.db", "--from", "2025Q9"),
    ("history", "--store", "bogus://x"),
    ("history", "--store", "x.db", "--format", "pdf"),
    ("replay", "--store", "x.db", "--clinic", "X", "--period", "bad"),
    ("replay", "--store", "x.db", "--clinic", "X", "--period", "2025-Q1", "--rules", BASE),
    ("replay", "--store", "x.db", "--clinic", "X", "--period", "2025-Q1", "--revision", "0"),
    ("template", "--region", "nowhere", "--period", "2025-Q1", "-o", "a.xlsx"),
    ("template", "--region", "kronoberg", "--period", "2025-Q9", "-o", "a.xlsx"),
    ("template", "--region", "kronoberg", "--period", "2025-Q1", "-o", "a.txt"),
    ("serve", "--port", "99999"),
    ("serve", "--trust-proxy", "nope"),
    ("serve", "--secret-file", "missing", "--rules", BASE),
    ("whatif",),
    ("whatif", VALID, "--set", "nope=3"),
    ("whatif", VALID, "--set", "bad"),
    ("whatif", VALID, "--set", "vardgaranti.bedomning.dagar=95%"),
    ("whatif", VALID, "--set", "vardgaranti.bedomning.dagar=3@someday"),
    ("whatif", VALID, "--set", "nowhere:vardgaranti.bedomning.dagar=3"),
    ("whatif", "--from", "2025-Q1", VALID),
    ("whatif", "emptydir", "--rules", BASE),
    ("whatif", VALID, "--rules-rev", "v1"),
    ("whatif", VALID, "--rules-rev", "v1", "--variant-rules", "emptydir"),
    ("diff", "a"),
    ("diff", "a", "b"),
    ("explain", "NOPE", VALID, "--rules", BASE),
    ("eval", "1", "--period", "bad"),
    ("eval", "1", "--region", "nowhere"),
    ("lsp", "--bogus"),
    ("bogus",),
]
# A command group without its subcommand has no --lang of its own: Swedish, as by default.
BARE = [("followup",), ("users",), (), ("--bogus",)]


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "afile").write_text("hi\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("columns: [\n", encoding="utf-8")


def _said(argv: tuple[str, ...]) -> str:
    code, out, err = vardval(*argv)
    assert code == 2, (argv, out, err)
    assert err or out, argv
    return out + err


@pytest.mark.parametrize("argv", CASES + BARE, ids=" ".join)
def test_a_refusal_by_default_is_swedish(argv: tuple[str, ...]) -> None:
    said = _said(argv)
    assert not [p for p in ENGLISH if p in said], said


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_a_refusal_with_lang_sv_is_swedish(argv: tuple[str, ...]) -> None:
    said = _said((*argv, "--lang", "sv"))
    assert not [p for p in ENGLISH if p in said], said


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_a_refusal_with_lang_en_is_english(argv: tuple[str, ...]) -> None:
    said = _said((*argv, "--lang=en"))
    assert SWEDISH.search(said) is None, said


def test_argparse_errors_are_worded_and_keep_what_was_wrong() -> None:
    sv = _said(("check", "--format", "bogus", VALID))
    assert sv.startswith("vardval check: --format: okänt val 'bogus'; välj ett av 'text'")
    assert "\nanvändning: vardval check " in sv
    en = _said(("check", "--format", "bogus", VALID, "--lang", "en"))
    assert en.startswith("vardval check: argument --format: invalid choice: 'bogus'")
    assert _said(("eval",)).startswith("vardval eval: följande argument saknas: EXPR")


def test_a_converter_is_never_named() -> None:
    """argparse names the function that failed ("invalid fromisoformat value"): ours, not
    the user's."""
    said = _said(("followup", "list", "--store", "x.db", "--today", "notadate", "--lang", "en"))
    assert "fromisoformat" not in said
    assert "'notadate' is not a date; expected YYYY-MM-DD" in said


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_an_xlsx_report_is_not_written_to_a_terminal() -> None:
    out, err = _Terminal(), io.StringIO()
    assert run(["check", VALID, "--format", "xlsx", "--rules", BASE], out, err) == 2
    assert out.getvalue() == ""
    assert "inte till terminalen" in err.getvalue()
    assert "-o resultat.xlsx" in err.getvalue()


def test_an_xlsx_report_still_goes_to_a_pipe() -> None:
    """Not a terminal (a pipe, a redirection): the workbook is written as asked."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert run(["check", VALID, "--format", "xlsx", "--rules", BASE], out, io.StringIO()) == 0
    out.flush()
    assert out.buffer.getvalue().startswith(b"PK")  # type: ignore[attr-defined]


def test_interrupted_and_internal_errors_speak_the_runs_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from vardval.checker.cli import check

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    def broken(*_: object) -> None:
        raise KeyError("planted")

    for replaced, sv, en in ((interrupted, "avbrutet\n", "interrupted\n"),
                             (broken, "vardval: internt fel: KeyError", "vardval: internal error")):
        monkeypatch.setattr(check, "load_ruleset", replaced)
        for lang, words in (("sv", sv), ("en", en)):
            err = io.StringIO()
            run(["check", VALID, "--lang", lang], io.StringIO(), err)
            assert err.getvalue().startswith(words)
