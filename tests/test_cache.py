"""The load cache: a warm load skips parsing, a changed rule file misses, a bad entry is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from vardval.checker.corpus.ruleset import BUNDLED_RULES, RuleSet
from vardval.checker.engine.evaluate import rule_statuses
from vardval.checker.program import cache, load_ruleset, loader
from vardval.checker.submission.intake import load_submission

EXAMPLE = (Path(__file__).parent.parent / "fixtures" / "submissions"
           / "kronoberg-teleborg-2025-Q1.yaml")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the rules and an empty cache folder."""
    monkeypatch.setenv("VARDVAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VARDVAL_NO_CACHE", raising=False)
    # Someone saving a vardval source file during the session would switch the cache off
    # (see the last test); these tests are about the rule files.
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))
    target = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = loader.read_ruleset

        def counting(directory: Path) -> RuleSet:
            self.calls += 1
            return real(directory)

        monkeypatch.setattr(loader, "read_ruleset", counting)


def test_a_warm_load_comes_from_the_cache_compiled(corpus: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_ruleset(corpus)
    counter = Counter(monkeypatch)
    warm = load_ruleset(corpus)
    assert counter.calls == 0
    assert [r.id for r in warm.rules()] == [r.id for r in cold.rules()]
    assert warm in loader._PROGRAMS  # compiled rules came with it
    data = load_submission(EXAMPLE).data
    assert data is not None
    assert rule_statuses(warm, data) == rule_statuses(cold, data)


def test_a_changed_rule_file_misses_and_is_reloaded(corpus: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    load_ruleset(corpus)
    book = corpus / "national" / "verksamhet.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace(
        "severity: error", "severity: warning", 1), encoding="utf-8")
    counter = Counter(monkeypatch)
    changed = load_ruleset(corpus)
    assert counter.calls == 1
    rule = next(r for r in changed.rules() if r.file.endswith("verksamhet.yaml"))
    assert rule.severity == "warning"
    assert load_ruleset(corpus).rule(rule.id).severity == "warning"  # type: ignore[union-attr]
    assert counter.calls == 1


def test_a_corrupt_entry_is_silently_rebuilt(corpus: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    load_ruleset(corpus)
    entry = cache.entry_path(corpus)
    assert entry is not None
    entry.write_bytes(cache.MAGIC + b"\x80\x05 not a pickle")
    counter = Counter(monkeypatch)
    assert load_ruleset(corpus).rules()
    assert counter.calls == 1
    assert cache.load(entry) is not None


def test_a_truncated_entry_is_silently_rebuilt(corpus: Path) -> None:
    load_ruleset(corpus)
    entry = cache.entry_path(corpus)
    assert entry is not None
    entry.write_bytes(entry.read_bytes()[:1000])
    assert cache.load(entry) is None
    assert not entry.exists()


def test_an_entry_in_a_folder_others_may_write_is_not_read(corpus: Path) -> None:
    load_ruleset(corpus)
    entry = cache.entry_path(corpus)
    assert entry is not None
    entry.parent.chmod(0o777)
    assert cache.load(entry) is None
    entry.parent.chmod(0o700)
    assert cache.load(entry) is not None


def test_vardval_no_cache_turns_it_off(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARDVAL_NO_CACHE", "1")
    assert cache.entry_path(corpus) is None
    load_ruleset(corpus)
    assert not (corpus.parent / "cache").exists()


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VARDVAL_CACHE_DIR", raising=False)
    monkeypatch.delenv("VARDVAL_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "vardval"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "vardval"


def test_a_process_whose_code_changed_on_disk_stays_away(corpus: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_IMPORTED_AT", 0.0)  # every source file is "newer"
    assert cache.entry_path(corpus) is None
    load_ruleset(corpus)
    assert not (corpus.parent / "cache").exists()


def test_the_code_digest_tells_every_edit_apart_without_reading_the_files() -> None:
    """The key names each code file's size and modification time (as Python's byte-code cache
    does): a file saved again, grown, renamed, added or removed gives another key."""
    files = [("checker/a.py", 120, 1_700_000_000_000_000_000), ("dsl/b.py", 80, 5)]
    edits = [
        [("checker/a.py", 120, 1_700_000_000_000_000_001), ("dsl/b.py", 80, 5)],  # saved again
        [("checker/a.py", 121, 1_700_000_000_000_000_000), ("dsl/b.py", 80, 5)],  # grown
        [("checker/c.py", 120, 1_700_000_000_000_000_000), ("dsl/b.py", 80, 5)],  # renamed
        [*files, ("dsl/d.py", 1, 1)],  # added
        files[:1],  # removed
    ]
    digests = {cache._digest(files), *(cache._digest(edit) for edit in edits)}
    assert len(digests) == 1 + len(edits)
    names = [name for name, _, _ in cache._code_stats()]
    assert "program/cache.py" in names  # names within their tree: checker/ and dsl/
    assert "grammar.lark" in names
    assert not any("__pycache__" in name for name in names)


def test_a_stored_entry_is_private_and_leaves_no_temporary_file(corpus: Path) -> None:
    load_ruleset(corpus)
    folder = corpus.parent / "cache"
    entries = list(folder.glob("ruleset-*.pickle"))
    assert len(entries) == 1
    assert entries[0].stat().st_mode & 0o777 == 0o600
    assert list(folder.glob(".tmp-*")) == []


def test_a_store_never_writes_through_a_planted_temporary_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name the store could pick is taken (by links to a file it must not touch): it
    gives up, storing nothing, and the other file is as it was."""
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))
    folder, victim = tmp_path / "cache", tmp_path / "victim"
    folder.mkdir(mode=0o700)
    victim.write_bytes(b"not yours")
    monkeypatch.setattr(cache.time, "monotonic_ns", lambda: 7)
    for attempt in range(cache._TEMPORARY_TRIES):
        (folder / f".tmp-{cache.os.getpid()}-7-{attempt}").symlink_to(victim)
    cache.write_sealed(folder / "submission-k.json", b"magic\n", b"{}")
    assert not (folder / "submission-k.json").exists()
    assert victim.read_bytes() == b"not yours"
