"""Walking folders: name order, files before subfolders, and names sorted in bounded memory."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vardval.checker.reading import collect, sorted_names

# File names as a folder can hold them: no NUL, no slash; lone surrogates stand for bytes that
# are not UTF-8 (os.fsdecode's surrogateescape).
NAME = st.text(st.characters(blacklist_characters="\0/", blacklist_categories=("Cs",)),
               min_size=1, max_size=12) | st.binary(min_size=1, max_size=8).filter(
    lambda b: b"\0" not in b and b"/" not in b).map(os.fsdecode)


@settings(max_examples=200, deadline=None)
@given(st.lists(NAME, max_size=60), st.integers(min_value=1, max_value=9))
def test_names_come_out_as_sorted_would_give_them(names: list[str], chunk: int) -> None:
    assert list(sorted_names.sorted_names(iter(names), chunk)) == sorted(names)


def test_more_runs_than_are_merged_at_once_still_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sorted_names, "MAX_RUNS", 3)
    names = [f"s{(i * 7919) % 1000:04d}.yaml" for i in range(1000)]
    assert list(sorted_names.sorted_names(names, 10)) == sorted(names)


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_spilled_runs_are_closed_when_done_and_when_left_early() -> None:
    before = open_files()
    names = [f"{i:05d}" for i in range(500, 0, -1)]
    assert len(list(sorted_names.sorted_names(names, 16))) == 500
    assert open_files() == before
    early = sorted_names.sorted_names(names, 16)
    assert next(early) == "00001"
    early.close()
    assert open_files() == before


def test_a_big_folder_is_walked_in_name_order_files_before_subfolders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sorted_names, "CHUNK", 7)  # many spilled runs for 40 names
    top = tmp_path / "batch"
    (top / "m-sub" / "deeper").mkdir(parents=True)
    (top / "a-sub").mkdir()
    names = [f"{(i * 13) % 40:02d}.yaml" for i in range(40)]
    for name in names:
        (top / name).write_text("x", encoding="utf-8")
    (top / "notes.txt").write_text("not a submission", encoding="utf-8")
    (top / "a-sub" / "z.json").write_text("{}", encoding="utf-8")
    (top / "m-sub" / "b.yml").write_text("x", encoding="utf-8")
    (top / "m-sub" / "deeper" / "a.yaml").write_text("x", encoding="utf-8")
    found = list(collect.submission_files([str(top)]))
    assert all(why is None for _, why in found)
    assert [os.path.relpath(path, top) for path, _ in found] == [
        *sorted(names), "a-sub/z.json", "m-sub/b.yml", "m-sub/deeper/a.yaml"]


def test_the_first_file_comes_before_the_folder_is_read_to_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With names sorted in runs, the walker still reads every name before the first (sorting
    needs them all), but it does not stat or keep the files before yielding the first."""
    for i in range(30):
        (tmp_path / f"{i:02d}.yaml").write_text("x", encoding="utf-8")
    stats: list[str] = []
    real_stat = os.stat

    def counting_stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        stats.append(path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    walk = collect.submission_files([str(tmp_path)])
    monkeypatch.setattr(collect.os, "stat", counting_stat)
    first, _ = next(walk)
    assert first.endswith("00.yaml")
    assert len(stats) <= 2  # the folder given, then the first file
    walk.close()


def test_merging_many_spilled_runs_holds_a_few_hundred_names_of_each() -> None:
    """40,000 names in 20 runs: the merge reads each run a block at a time, it never holds a
    whole run (with 64 KiB blocks it held every name of the folder, about 2.5 MiB here)."""
    names = (f"s{(i * 7919) % 40_000:06d}.yaml" for i in range(40_000))
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        merged = sorted_names.sorted_names(names, 2000)
        assert next(merged) == "s000000.yaml"
        assert sum(1 for _ in merged) == 39_999
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, peak
