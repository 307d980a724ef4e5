"""Issue 15's defects of the rules folder and the load cache, seen through the real CLI.

The cache keys on exactly the files the loader reads, from the bytes it parsed (items 9, 12),
never unpickles what another user wrote (18), works without a home folder (5) and with names
that are not UTF-8 (4); the loader refuses rule-like files it would skip (14) and deep folders
do not crash it (8); lint quotes lines from the text it read, never rereading a file (10).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cli_runs import vardval
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.program import cache, loader

if TYPE_CHECKING:
    from collections.abc import Iterator

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "rules_base"
VALID = HERE / "valid.yaml"
BOOK = """rulebook: national.extra
title: {sv: T, en: T}
rules:
  - id: EXTRA-1
    title: {sv: T, en: T}
    severity: error
    cite: [HSL 4 kap. 2 §]
    require: REQUIRE
    message: {sv: x, en: x}
"""
PASSES, FAILS = "exists(clinic.head_of_unit)", "not exists(clinic.head_of_unit)"




@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "state" / "cache"))
    monkeypatch.delenv("VARDVAL_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))  # edits elsewhere: not our topic
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("vardval hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(BASE, folder)
    return folder


def check(rules: Path) -> int:
    return vardval("check", VALID, "--rules", rules, "--lang", "en")[0]


def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every uncached load from now on, by folder."""
    calls: list[Path] = []
    real = loader.read_ruleset

    def counting(directory: Path) -> object:
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(loader, "read_ruleset", counting)
    return calls


# --- 12: the cache serves what is on disk -----------------------------------------------------


def test_an_edit_inside_a_linked_national_folder_is_noticed(tmp_path: Path, rules: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(rules / "national", elsewhere)
    (rules / "national").symlink_to(elsewhere)
    (elsewhere / "extra.yaml").write_text(BOOK.replace("REQUIRE", PASSES), encoding="utf-8")
    assert check(rules) == 0
    (elsewhere / "extra.yaml").write_text(BOOK.replace("REQUIRE", FAILS), encoding="utf-8")
    assert check(rules) == 1


def test_a_file_saved_while_loading_is_not_cached_under_its_new_content(
        rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = rules / "national" / "extra.yaml"
    book.write_text(BOOK.replace("REQUIRE", PASSES), encoding="utf-8")
    real = loader.read_ruleset

    def saved_meanwhile(directory: Path) -> object:
        loaded = real(directory)  # the old content is parsed, then the editor saves
        book.write_text(BOOK.replace("REQUIRE", FAILS), encoding="utf-8")
        return loaded

    monkeypatch.setattr(loader, "read_ruleset", saved_meanwhile)
    assert check(rules) == 0  # this run parsed the old content
    monkeypatch.setattr(loader, "read_ruleset", real)
    assert check(rules) == 1  # the next one must not be served the old rules
    book.write_text(BOOK.replace("REQUIRE", PASSES), encoding="utf-8")
    assert check(rules) == 0


@pytest.mark.parametrize("kind", ["broken link", "fifo"])
def test_an_unreadable_rulebook_added_is_reported_cached_or_not(rules: Path, kind: str) -> None:
    assert check(rules) == 0  # the cache now holds the corpus
    added = rules / "national" / "added.yaml"
    if kind == "fifo":
        os.mkfifo(added)
    else:
        added.symlink_to("nowhere.yaml")
    code, _, err = vardval("check", VALID, "--rules", rules, "--lang", "en")
    assert code == 2
    assert "national/added.yaml:1:" in err


def test_switching_back_to_earlier_rules_is_served_from_the_cache(
        rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = rules / "national" / "extra.yaml"
    for require in (PASSES, FAILS):
        book.write_text(BOOK.replace("REQUIRE", require), encoding="utf-8")
        check(rules)
    calls = loads(monkeypatch)
    book.write_text(BOOK.replace("REQUIRE", PASSES), encoding="utf-8")
    assert check(rules) == 0
    assert calls == []


# --- 9: the key reads only what the loader reads, bounded --------------------------------------


def test_a_link_to_an_endless_file_under_rules_does_not_hang(rules: Path) -> None:
    (rules / "stuff").mkdir()
    (rules / "stuff" / "pagemap").symlink_to("/proc/self/pagemap")
    (rules / "zero.bin").symlink_to("/dev/zero")
    started = time.monotonic()
    assert check(rules) == 0
    assert check(rules) == 0
    assert time.monotonic() - started < 20


def test_a_big_folder_without_sources_is_refused_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big"
    for index in range(200):
        (big / f"d{index}").mkdir(parents=True)
        (big / f"d{index}" / "blob.bin").write_bytes(b"x" * 100_000)
    started = time.monotonic()
    code, _, err = vardval("check", VALID, "--rules", big, "--lang", "en")
    assert code == 2
    assert "no sources.yaml" in err
    assert time.monotonic() - started < 5


# --- 8, 14: the layout ------------------------------------------------------------------------


def test_a_folder_nested_1500_deep_in_the_rules_is_reported_not_a_crash(rules: Path) -> None:
    deep = rules / "national"
    home = os.getcwd()
    os.chdir(rules / "national")  # relative steps keep every path short
    try:
        for _ in range(1500):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(home)
    code, _, err = vardval("check", VALID, "--rules", rules, "--lang", "en")
    assert code == 2
    assert "folders inside national/ are not read" in err
    try:
        code, out, _ = vardval("lint", "--lang", "en", deep)
        assert code in (0, 2)
        assert "Traceback" not in out
    finally:
        _remove_chain(deep)


def _remove_chain(top: Path) -> None:
    """Remove the nested chain of 'd' folders step by step: pytest's own clean-up of old temp
    folders recurses and would fail on it in a later run."""
    here = Path.cwd()
    os.chdir(top)
    depth = 0
    while Path("d").is_dir():
        os.chdir("d")
        depth += 1
    for _ in range(depth):
        os.chdir("..")
        os.rmdir("d")
    os.chdir(here)


@pytest.mark.parametrize(("where", "shown"), [
    ("national/extra.yml", "only names ending in .yaml are read"),
    ("national/sub/extra.yaml", "folders inside national/ are not read"),
    ("regions/kronoberg/nested/extra.yaml", "folders inside regions/kronoberg/ are not read"),
    ("regions/extra.yaml", "a rulebook lies in a region's folder"),
    ("extra.yaml", "only sources.yaml is read at the top"),
])
def test_a_rulebook_outside_the_layout_is_an_error_not_skipped(
        rules: Path, where: str, shown: str) -> None:
    path = rules / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BOOK.replace("REQUIRE", FAILS), encoding="utf-8")
    for command in ("check", "lint"):
        argv = ("check", VALID, "--rules", rules) if command == "check" else ("lint", rules)
        code, out, err = vardval(*argv, "--lang", "en")
        # check cannot use such rules (2); for lint they are the problems it reports (1)
        assert code == (2 if command == "check" else 1), command
        assert shown in out + err


def test_a_corpus_without_rules_is_an_error(rules: Path) -> None:
    (rules / "national" / "ok.yaml").unlink()
    for argv in (("check", VALID, "--rules", rules), ("lint", "--lang", "en", rules)):
        code, out, err = vardval(*argv, "--lang", "en")
        assert code == 2
        assert "has no rules" in out + err


# --- 10: lint quotes from what it read --------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_lint_never_rereads_a_file_to_quote_it(rules: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(rules / "national" / "pipe.yaml")
        where = "national/pipe.yaml"
    else:
        (rules / "sources.yaml").unlink()
        (rules / "sources.yaml").symlink_to("/dev/zero")
        where = "sources.yaml"
    code, out, _ = vardval("lint", "--lang", "en", rules)
    assert code == 1
    assert f"{where}:1:1: cannot read the rule file" in out


# --- 4, 5: names that are not UTF-8, no home folder -------------------------------------------


def test_a_rule_file_name_that_is_not_utf8_is_keyed_and_shown(rules: Path) -> None:
    name = os.fsdecode(b"extra-\xe9.yaml")
    (rules / "national" / name).write_text(BOOK.replace("REQUIRE", PASSES), encoding="utf-8")
    assert check(rules) == 0
    assert check(rules) == 0  # and again from the cache


def test_no_home_folder_means_no_cache_with_a_note(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("HOME", "VARDVAL_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)  # an arbitrary-UID container's passwd
    monkeypatch.chdir(tmp_path)
    code, out, err = vardval("check", VALID, "--rules", BASE, "--lang", "en")
    assert code == 0
    assert "note: no home folder" in err
    assert "PASS" in out


# --- 11, 18: cache leftovers and trust ---------------------------------------------------------


def test_a_failed_store_leaves_no_temporary_file_and_old_ones_are_pruned(
        rules: Path, tmp_path: Path) -> None:
    folder = tmp_path / "state" / "cache"
    folder.mkdir(parents=True, mode=0o700)
    entry = cache.entry_path(rules)
    assert entry is not None
    entry.mkdir()  # the rename onto it fails
    assert check(rules) == 0  # stores the submission schema's entry, which prunes
    stale = folder / ".tmp-leftover"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    assert check(rules) == 0
    assert [p.name for p in folder.iterdir() if p.name.startswith(".tmp-")] == [stale.name]
    entry.rmdir()
    assert check(rules) == 0
    assert not stale.exists()


def test_an_entry_written_by_someone_else_is_never_unpickled(
        rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check(rules) == 0
    entry = cache.entry_path(rules)
    assert entry is not None
    sentinel = tmp_path / "pwned"
    payload = (b"cos\nsystem\n(S'touch " + str(sentinel).encode() + b"'\ntR.")
    body = entry.read_bytes()
    entry.write_bytes(body[:len(cache.MAGIC) + 32] + payload)  # a stolen MAC, new content
    calls = loads(monkeypatch)
    assert check(rules) == 0
    assert not sentinel.exists()
    assert calls == [rules]
    cache.key_file(entry.parent).write_bytes(os.urandom(32))  # a restored folder, another key
    calls.clear()
    assert check(rules) == 0
    assert calls == [rules]


def test_the_bundled_rules_are_cached_and_served(monkeypatch: pytest.MonkeyPatch) -> None:
    vardval("check", VALID)
    calls = loads(monkeypatch)
    vardval("check", VALID)
    assert calls == []
    assert cache.entry_path(BUNDLED_RULES) is not None


# --- 7: numbers past Python's 4,300-digit limit -------------------------------------------------


@pytest.mark.parametrize(("digits", "says"), [
    (999, "has 999 digits; a number has at most 30"),
    (5000, "numbers may have at most 1000 digits"),
])
def test_a_parameter_of_thousands_of_digits_is_a_located_error(rules: Path, digits: int,
                                                                says: str) -> None:
    """Every format, JSON too, would have crashed turning such a number into text."""
    parameters = rules / "parameters" / "national.yaml"
    parameters.write_text(parameters.read_text("utf-8").replace(
        "value: 100%", f"value: {'9' * digits}").replace("unit: percent", "unit: count"), "utf-8")
    for fmt in ("text", "json"):
        code, out, err = vardval("check", VALID, "--rules", rules, "--format", fmt, "--lang", "en")
        assert (code, out) == (2, "")
        assert "parameters/national.yaml:8:16:" in err
        assert says in err
