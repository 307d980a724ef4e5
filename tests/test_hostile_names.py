"""Issue 15, items 4 and 17: what a submission folder may hold besides submissions.

Item 4 (submission side): a file name that is not UTF-8 neither crashes ``-o`` or the store nor
breaks the UTF-8 of stdout's JSON or the XML of JUnit. Item 17: links inside a folder leading out
of it are reported, not followed, and nothing of a file that is not a submission is shown (a
secrets file reached through a link, or lying in the folder, never reaches a report).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_runs import vardval

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
SECRET = "hunter2-do-not-show"  # noqa: S105 - the text a leak would show
FORMATS = ("text", "json", "junit", "html")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))


def run_bytes(*argv: str | bytes | Path) -> tuple[int, bytes, bytes]:
    """The real command in a process: stdout and stderr as the bytes a pipe receives."""
    done = subprocess.run([sys.executable, "-m", "vardval", *map(os.fsencode, argv)],
                          capture_output=True, timeout=120, check=False)
    return done.returncode, done.stdout, done.stderr


# --- 4: names that are not UTF-8 ------------------------------------------------------------


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """A folder with a valid submission named b'caf\\xe9.yaml' and a broken one with a newline."""
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.yaml")).write_bytes(VALID.read_bytes())
        (folder / os.fsdecode(b"bad\xff\n.yaml")).write_bytes(b"x: [\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return folder


def test_stdout_json_is_utf8_and_names_are_shown_escaped(odd_names: Path) -> None:
    code, out, err = run_bytes("check", odd_names, "--rules", BASE, "--format", "json")
    assert code == 1, err
    results = json.loads(out.decode("utf-8"))["results"]  # strict: no lone surrogates
    assert sorted(Path(r["file"]).name for r in results) == ["bad\\xff\\x0a.yaml",
                                                             "caf\\xe9.yaml"]
    assert [r["valid"] for r in results] == [False, True]


def test_stdout_junit_is_well_formed(odd_names: Path) -> None:
    code, out, _ = run_bytes("check", odd_names, "--rules", BASE, "--format", "junit")
    assert code == 1
    suites = ET.fromstring(out)
    assert "caf\\xe9.yaml" in ET.tostring(suites, encoding="unicode")


@pytest.mark.parametrize("fmt", FORMATS)
def test_o_writes_every_format_for_names_that_are_not_utf8(odd_names: Path, tmp_path: Path,
                                                          fmt: str) -> None:
    report = tmp_path / f"report.{fmt}"
    code, _, err = run_bytes("check", odd_names, "--rules", BASE, "--format", fmt, "-o", report)
    assert code == 1, err
    text = report.read_bytes().decode("utf-8")  # strict: no lone surrogates
    if fmt == "json":
        text = " ".join(r["file"] for r in json.loads(text)["results"])
    assert "caf\\xe9.yaml" in text.replace("\\\\", "\\")  # html: names inside its JSON data
    if fmt == "junit":
        ET.fromstring(text)


def test_the_store_records_a_submission_whose_name_is_not_utf8(odd_names: Path,
                                                                tmp_path: Path) -> None:
    store = tmp_path / "vardval.db"
    code, _, err = vardval("check", odd_names, "--rules", BASE, "--store", store)
    assert code == 1, err  # the broken file; not 3
    code, out, _ = vardval("history", "--store", store, "--format", "json")
    assert code == 0
    assert "SE5564321987-VCA1" in out


def test_explain_shows_a_name_that_is_not_utf8_escaped_in_the_report_s_language(
        odd_names: Path) -> None:
    broken = odd_names / os.fsdecode(b"bad\xff\n.yaml")
    code, out, _ = vardval("explain", "OK-HEAD", broken, "--rules", BASE)
    assert code == 1
    assert out.splitlines()[0].endswith("bad\\xff\\x0a.yaml: ogiltig inlämning; regeln har "
                                        "inte prövats:")
    code, out, _ = vardval("explain", "OK-HEAD", broken, "--rules", BASE, "--lang", "en")
    assert "invalid submission; the rule was not evaluated" in out


# --- 17: links and files that are not submissions ---------------------------------------------


@pytest.fixture
def folder_with_links(tmp_path: Path) -> Path:
    """``in/`` with a valid submission, links out of it and a settings file of its own."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secrets.env").write_text(f"DB_PASSWORD={SECRET}\n", "utf-8")
    (outside / "config.yaml").write_text(f"db_password: {SECRET}\n", "utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-valid.yaml").write_bytes(VALID.read_bytes())
    (folder / "leak.yaml").symlink_to(outside / "secrets.env")
    (folder / "relative.yaml").symlink_to(Path("..") / "elsewhere" / "config.yaml")
    (folder / "more").symlink_to(outside, target_is_directory=True)
    (folder / "settings.yaml").write_text(f"db_password: {SECRET}\nport: 5432\n", "utf-8")
    (folder / "dotenv.yaml").write_text(f"DB_PASSWORD={SECRET}\n", "utf-8")
    (folder / "same.yaml").symlink_to("a-valid.yaml")  # inside: followed
    return folder


def problems(out: str) -> dict[str, list[str]]:
    return {Path(r["file"]).name: [p["message"] for p in r["problems"]]
            for r in json.loads(out)["results"]}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_nothing_of_a_file_that_is_not_a_submission_is_shown(folder_with_links: Path,
                                                             fmt: str, lang: str) -> None:
    code, out, err = vardval("check", folder_with_links, "--rules", BASE, "--format", fmt,
                             "--lang", lang)
    assert code == 2  # links not followed are inputs that could not be read
    assert SECRET not in out + err
    assert "db_password" not in out + err
    assert "DB_PASSWORD" not in out + err


def test_links_out_of_the_folder_are_reported_and_links_inside_followed(
        folder_with_links: Path) -> None:
    _, out, _ = vardval("check", folder_with_links, "--rules", BASE, "--format", "json",
                        "--lang", "en")
    found = problems(out)
    for name in ("leak.yaml", "relative.yaml", "more"):
        (message,) = found[name]
        assert "outside the folder given; not followed (name the file itself to check it)" in (
            message)
    assert found["a-valid.yaml"] == found["same.yaml"] == []
    for name in ("settings.yaml", "dotenv.yaml"):
        (message,) = found[name]
        assert "this is not a submission file" in message


def test_a_file_named_on_the_command_line_is_read_wherever_it_is(tmp_path: Path) -> None:
    """The folder rule is about what a folder brings in; a file named is the user's choice."""
    link = tmp_path / "in.yaml"
    link.symlink_to(VALID)
    code, out, _ = vardval("check", link, "--rules", BASE, "--format", "json")
    assert code == 0
    assert problems(out) == {"in.yaml": []}


def test_the_documentation_says_what_is_followed_and_what_the_cache_trusts() -> None:
    """Items 17, 12 and 18: the decisions are written down where users look."""
    page = " ".join((Path(__file__).parents[1] / "docs" / "trust.md").read_text("utf-8").split())
    assert "outside the folder given* is reported" in page
    assert "**not followed**" in page
    for words in ("HMAC-SHA-256 made with a per-user secret key", "~/.cache/vardval.key",
                  "*exactly the files the loader read*", "without being unpickled",
                  "$VARDVAL_CACHE_DIR", "Never share or restore the key file"):
        assert words in page, words


def test_help_says_which_links_in_a_folder_are_followed(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert vardval("check", "--help")[0] == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "A file named is read wherever it is" in text
    assert "a link leading out of the folder is reported, not followed" in text
