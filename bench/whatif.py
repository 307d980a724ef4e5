"""Benchmark of ``vardval whatif``: a national year (5,000 submissions), one parameter changed.

``python bench/whatif.py`` prints the section; ``bench/run.py`` adds it to docs/benchmarks.md.
The target (issue 18) is under 10 s for the whole command on this 2-core machine. The time is
the wall time of the real command as a user runs it (process start, reading every file, both
sides evaluated, the changed submissions checked in full, the JSON report written), best of a
few runs; the in-process figure is the evaluation of both sides over submissions already read.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Generator, yaml_text
from vardval.checker.analysis import Comparison, parse_override, with_overrides
from vardval.checker.corpus import RuleSet
from vardval.checker.program import load_ruleset
from vardval.checker.submission import load_submission

YEAR = 5_000  # about 1,250 vårdcentraler x 4 quarters
TARGET_S = 10.0
CHANGE = "vardgaranti.bedomning.malniva=95%"
Row = tuple[str, str, str]


def submissions_for_a_year(rules: RuleSet, data: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``YEAR`` submissions: those given first, topped up from the generator (another seed)."""
    out = list(data[:YEAR])
    if len(out) < YEAR:
        out += Generator(rules, seed=20260101).submissions(YEAR - len(out))
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(folder: Path, output: Path, cache: Path,
                passes: int = 3) -> tuple[float, float, int]:
    """Best wall time and best CPU time (user + system) of ``vardval whatif FOLDER --set
    CHANGE --format json -o OUTPUT``, and its exit code. The CPU time is what the command
    costs on a machine of its own; the wall time grows with whatever else the machine runs."""
    vardval = str(Path(sys.executable).with_name("vardval"))
    command = [vardval, "whatif", str(folder), "--set", CHANGE, "--format", "json",
               "-o", str(output)]
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache)}
    walls, cpus, code = [], [], 0
    for _ in range(passes):
        start, cpu = time.perf_counter(), _children_cpu()
        code = subprocess.run(command, env=env, capture_output=True, check=False).returncode
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return min(walls), min(cpus), code


def in_process(rules: RuleSet, folder: Path) -> tuple[float, int, int]:
    """Seconds to evaluate both sides over the submissions, read beforehand; and the counts
    of changed findings and clinics."""
    variant = with_overrides(rules, [parse_override(CHANGE)])
    intakes = [load_submission(path) for path in sorted(folder.iterdir())]
    comparison = Comparison(rules, variant, ("baseline", "variant"))
    start = time.perf_counter()
    for intake in intakes:
        comparison.add(intake)
    seconds = time.perf_counter() - start
    result = comparison.result
    return seconds, result.changes(), len(result.changed)


def _verdict(seconds: float) -> str:
    return "met" if seconds < TARGET_S else "NOT met"


def section(rules: RuleSet, data: Sequence[dict[str, Any]], cache: Path) -> str:
    """The what-if section of docs/benchmarks.md, as Markdown."""
    year = submissions_for_a_year(rules, data)
    with tempfile.TemporaryDirectory(prefix="vardval-bench-whatif-") as tmp:
        folder = Path(tmp) / "year"
        folder.mkdir()
        for index, item in enumerate(year):
            (folder / f"s{index:05d}.yaml").write_text(yaml_text(item), encoding="utf-8")
        load = os.getloadavg()[0]
        wall, cpu, code = run_command(folder, Path(tmp) / "whatif.json", cache)
        evaluate, changes, clinics = in_process(rules, folder)
    command = f"`vardval whatif` {len(year):,} files, `--set {CHANGE}`, json"
    rows: list[Row] = [
        (f"{command}: wall", f"{wall:.2f} s",
         (f"< {TARGET_S:.0f} s: {_verdict(wall)} (exit {code}; load average {load:.1f} "
         f"on {os.cpu_count()} CPUs)")),
        (f"{command}: CPU (user + system)", f"{cpu:.2f} s", (f"< {TARGET_S:.0f} s: "
         f"{_verdict(cpu)}; about the wall time on an idle machine (one core)")),
        ("of which both sides evaluated, in-process", f"{evaluate:.2f} s",
         (f"{len(year) / evaluate:,.0f} submissions/s; {changes:,} findings change status "
         f"in {clinics:,} submissions")),
    ]
    lines = ["## What-if over a national year", "",
             "| measure | value | target / note |", "|---|---|---|",
             *(f"| {a} | {b} | {c} |" for a, b, c in rows), "",
             ("The submissions are the benchmark's synthetic ones (`bench/generate.py`), spread "
             "over the periods each rule is in force; a submission whose statuses change is "
             "then checked in full on both sides for the two messages and the deciding values."),
             ""]
    return "\n".join(lines)


def main() -> int:
    rules = load_ruleset()
    with tempfile.TemporaryDirectory(prefix="vardval-cache-") as cache:
        print(section(rules, [], Path(cache)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
