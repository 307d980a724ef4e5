"""``vardval check PATH…``: validate submissions and evaluate every rule in force for each."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from vardval.checker import collect, render_json, render_text
from vardval.checker.engine import check_intake
from vardval.checker.findings import SubmissionResult
from vardval.checker.intake import load_submission
from vardval.checker.ruleset import load_ruleset


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="check quarterly submissions against the rules",
        description="Check submission files (YAML or JSON) and folders of them.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="submission files or folders")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                        help="lowest severity whose failure makes the exit status 1")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--all", action="store_true", help="also show rules not applicable")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    ruleset = load_ruleset(args.rules)
    files = list(collect.submission_files(args.paths))
    if not files:
        stderr.write("vardval check: no submission files (.yaml, .yml, .json) found in "
                     f"{', '.join(args.paths)}\n")
        return 2
    results = []
    for path, why in files:
        result = _check_one(ruleset, path, why)
        results.append(result)
        if args.format == "text":
            stdout.write(render_text.render_result(result, args.lang, show_all=args.all))
    if args.format == "json":
        stdout.write(render_json.document(results, args.lang))
    else:
        stdout.write(render_text.render_summary(results, args.lang))
    bad = any(not r.valid or r.fails_at(args.fail_on) for r in results)
    return 1 if bad else 0


def _check_one(ruleset: Any, path: str, why: str | None) -> SubmissionResult:
    from vardval.checker.intake import Problem

    if why is not None:
        return SubmissionResult(path, (Problem("$", None, None, why),))
    return check_intake(ruleset, load_submission(Path(path)))
