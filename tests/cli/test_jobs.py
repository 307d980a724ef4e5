"""`vardval check --jobs N`: the same report, byte for byte, in the same order, streamed; and an
interrupted parallel run leaves no half-written report and no worker behind."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vardval.checker.cli import check, parallel
from vardval.checker.cli.entry import run
from vardval.checker.program import load_ruleset
from vardval.checker.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]
DEMO = [str(ROOT / "fixtures" / "submissions"), str(ROOT / "fixtures" / "broken")]
sys.path.insert(0, str(ROOT / "bench"))

from generate import Generator, yaml_text  # bench/ is not a package

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="--jobs needs fork")

# What may differ between two runs of the same batch: when the report was made and, in JUnit,
# when each file was checked and how long it took.
_RUN_DEPENDENT = re.compile(r'generated_at(": "|" value="|=)[^"\s]*|(?<= )(time|timestamp)="[^"]*"')


def normalised(text: str) -> str:
    return _RUN_DEPENDENT.sub("…", text)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated batch (bench/generate.py, fixed seed): 70 files, every rule's statuses,
    invalid files and a duplicate among them, in two folders."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "more").mkdir()
    for index, data in enumerate(Generator(load_ruleset()).submissions(68)):
        where = folder / "more" if index % 3 == 0 else folder
        (where / f"s{index:03d}.yaml").write_text(yaml_text(data), encoding="utf-8")
    (folder / "s900.yaml").write_text("format: vardval/submission@1\n", encoding="utf-8")
    (folder / "s901.yaml").write_bytes((folder / "s001.yaml").read_bytes())
    return folder


def checked(paths: list[str], fmt: str, jobs: int) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", *paths, "--format", fmt, "--jobs", str(jobs)], out, err)
    return code, out.getvalue(), err.getvalue()


# Every streamed format (the xlsx workbook is one zip, stamped when saved, built from the same
# emitted rows at the end).
@pytest.mark.parametrize("fmt", [name for name in FORMATS if name != "xlsx"])
@pytest.mark.parametrize("batch", ["demo", "generated"])
def test_two_jobs_write_exactly_what_one_job_writes(fmt: str, batch: str, generated: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = DEMO if batch == "demo" else [str(generated)]
    one = checked(paths, fmt, 1)
    workers = []
    real = parallel.ordered

    def ordered(task: Any, items: Any, jobs: int) -> Any:
        workers.append(jobs)
        return real(task, items, jobs)

    monkeypatch.setattr(parallel, "ordered", ordered)
    two = checked(paths, fmt, 2)
    assert workers == [2]  # the batch really was checked by two worker processes
    assert two[0] == one[0]
    assert normalised(two[1]) == normalised(one[1])
    assert two[2] == one[2]
    assert len(one[1]) > 1000


def test_the_cli_with_two_jobs_writes_what_one_job_writes(generated: Path) -> None:
    """The real command line (stdout a pipe, workers forked from the script)."""
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "vardval", "check", str(generated),
                               "--format", "text", "--jobs", jobs, "--lang", "en"],
                              capture_output=True, check=False, timeout=300)
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1
    assert outputs[0][1].count(b"\n") > 500


def test_results_are_written_while_later_files_are_still_being_found(
        generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming: the first result reaches the report before the walk has gone far; the
    workers are never handed the whole batch."""
    found = list(check.collect.submission_files([str(generated)]))
    handed: list[str] = []

    def walk(paths: list[str], stdin_name: str) -> Iterator[tuple[str, str | None]]:
        del paths, stdin_name
        for item in found:
            handed.append(item[0])
            yield item

    class Report(io.StringIO):
        at_first_result: int | None = None

        def write(self, text: str) -> int:
            if self.at_first_result is None and '"file"' in text:
                self.at_first_result = len(handed)
            return super().write(text)

    monkeypatch.setattr(check, "_inputs", walk)
    monkeypatch.setattr(parallel, "MAX_CHUNK", 4)
    report = Report()
    assert run(["check", str(generated), "--format", "json", "--jobs", "2"], report,
               io.StringIO()) == 1
    assert len(handed) == len(found) == 70
    assert report.at_first_result is not None
    assert report.at_first_result <= 2 + 2 * parallel.AHEAD * 4 < len(found)


def test_a_store_or_standard_input_is_checked_in_one_process() -> None:
    args = check.argparse.Namespace(paths=["-"], jobs=4, store=None)
    assert check._workers(args, None) == 1
    args.paths = ["a.yaml"]
    assert check._workers(args, None) == 4
    args.jobs = None
    assert check._workers(args, None) == parallel.cores()


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number_of_processes(value: str) -> None:
    out, err_stream = io.StringIO(), io.StringIO()
    code = run(["check", *DEMO, "--jobs", value, "--lang", "en"], out, err_stream)
    err = err_stream.getvalue()
    assert code == 2
    assert "expected a whole number of processes, at least 1" in err
    assert out.getvalue() == ""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> tuple[Path, dict[str, str]]:
    """5,000 files (seconds of work even on an idle machine: a signal finds the run busy) and a
    warm load cache, so that a run is soon checking files."""
    folder = tmp_path_factory.mktemp("big")
    source = sorted(generated.glob("s0*.yaml"))
    for index in range(5000):
        (folder / f"f{index:04d}.yaml").write_bytes(source[index % len(source)].read_bytes())
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(folder.parent / f"{folder.name}-cache")}
    subprocess.run([sys.executable, "-m", "vardval", "check", str(source[0])], env=env,
                   capture_output=True, check=False, timeout=120)
    return folder, env


def started(big: tuple[Path, dict[str, str]], report: Path) -> subprocess.Popen[bytes]:
    """``vardval check BIG --jobs 2 -o REPORT`` in a process group of its own, over an old
    report."""
    report.parent.mkdir()
    report.write_text("the previous report\n", encoding="utf-8")
    command = [sys.executable, "-m", "vardval", "check", str(big[0]), "--format", "json",
               "--jobs", "2", "-o", str(report), "--lang", "en"]
    return subprocess.Popen(command, env=big[1], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def ended(child: subprocess.Popen[bytes]) -> bytes:
    """The run's stderr once it ends, which it must within a minute; else the whole group is
    killed (nothing outlives the test) and the test fails."""
    try:
        _, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail("the run did not end within 60 s")
    return err


def until(condition: Any, group: int) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            os.killpg(group, signal.SIGKILL)
            pytest.fail("the run never reached the moment to signal")
        time.sleep(0.002)


def workers_of(group: int) -> list[int]:
    """The other processes of the run's process group (its workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != group:
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def temporary(report: Path) -> list[Path]:
    return [p for p in report.parent.iterdir() if p.name.startswith(".")]


MOMENTS = {  # when the signal comes
    "report opened": lambda report, _: bool(temporary(report)),  # before any worker
    "workers forking": lambda _, group: bool(workers_of(group)),  # the pool is starting
    "first result": lambda report, _: any(p.stat().st_size for p in temporary(report)),
}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers in /proc")
@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupted_parallel_run_leaves_the_old_report_and_no_worker(
        tmp_path: Path, big: tuple[Path, dict[str, str]], signum: int, moment: str) -> None:
    report = tmp_path / "out" / "report.json"
    child = started(big, report)
    until(lambda: MOMENTS[moment](report, child.pid), child.pid)
    os.killpg(child.pid, signum)  # as a terminal's Ctrl-C reaches the whole process group
    err = ended(child)
    assert child.returncode == (130 if signum == signal.SIGINT else 128 + signum), err
    assert b"Traceback" not in err
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]
    assert not group_alive(child.pid)  # no worker outlived the run


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers in /proc")
def test_a_worker_killed_from_outside_ends_the_run_plainly(
        tmp_path: Path, big: tuple[Path, dict[str, str]]) -> None:
    """As the kernel's out-of-memory killer would: SIGKILL to one worker mid-run."""
    report = tmp_path / "out" / "report.json"
    child = started(big, report)
    until(lambda: MOMENTS["first result"](report, child.pid) and workers_of(child.pid),
          child.pid)
    worker = workers_of(child.pid)[0]
    os.kill(worker, signal.SIGKILL)
    err = ended(child).decode()
    assert child.returncode == 3, err
    assert "Traceback" not in err
    assert f"a worker process (pid {worker}) ended unexpectedly (killed by SIGKILL)" in err
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]
    assert not group_alive(child.pid)


def group_alive(group: int) -> bool:
    """Whether a process of the group is still there a few seconds on."""
    for _ in range(50):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True
