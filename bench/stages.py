"""Where one file's time goes in ``vardval check --format json``: each stage timed in-process.

Each row includes the one before it where they nest: parsing with PyYAML's C loader (the
yardstick), strict loading (marks, duplicates, limits), the whole intake (strict loading plus
schema and model validation), evaluating the rules with messages, the same with evidence (traced
twins of the compiled rules), and rendering one result as JSON.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import timing
import yaml
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.reading import strict_yaml
from vardval.checker.report import outputs
from vardval.checker.report.results_json import JsonRenderer
from vardval.checker.submission.intake import load_submission


def per_file(paths: Sequence[Path], run: Callable[[Path], object], passes: int = 3) -> float:
    """Best-of-``passes`` microseconds per file (garbage collection paused)."""
    return timing.best(lambda: [run(path) for path in paths], passes) / len(paths) * 1e6


def stages(rules: RuleSet, paths: Sequence[Path]) -> dict[str, float]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    intakes = {path: load_submission(path) for path in paths}
    results = {path: check_intake(rules, intakes[path], langs=("sv",)) for path in paths}
    renderer = JsonRenderer(io.StringIO(), outputs.view_of(rules, "sv", show_all=False))
    return {
        "parse (PyYAML C loader)": per_file(paths, lambda p: yaml.load(
            p.read_bytes(), Loader=loader)),
        "strict YAML with marks": per_file(paths, lambda p: strict_yaml.load_yaml(
            p.read_text(encoding="utf-8"), p.name)),
        "intake = strict YAML + schema + model": per_file(paths, load_submission),
        "rules: statuses and messages": per_file(
            paths, lambda p: check_intake(rules, intakes[p], evidence=False, langs=("sv",))),
        "rules: the same + evidence": per_file(
            paths, lambda p: check_intake(rules, intakes[p], langs=("sv",))),
        "JSON rendering of the result": per_file(paths, lambda p: renderer.result(results[p])),
    }
