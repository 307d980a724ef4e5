"""``vardval test``: run the rule test cases and report how well each rule is covered.

Exit codes: 0 every case gave its expected status and every rule has a passing case, a failing
case and, when it orders values (<, <=, >, >=), a case marked ``boundary: true``; 1 otherwise;
2 for unreadable or malformed rule or case files (reported with file:line).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker import formatting
from vardval.checker.authoring import Coverage, Outcome
from vardval.checker.authoring import cases as casetest
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK
from vardval.checker.program import load_ruleset
from vardval.checker.vocab import LANGS, STATUSES

_HEADINGS = ("pass", "fail", "n/a", "indet.")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Run every case of the case files (base submission + changes + expected "
        "status of one rule) and report coverage per rule.")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--cases", type=Path, default=Path("fixtures/cases"),
                        help="folder of case files (default: fixtures/cases)")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="language of the finding messages shown for failed cases")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Load rules and cases, run the cases, print failures and coverage; return the exit code."""
    del stderr
    ruleset = load_ruleset(args.rules)
    files = casetest.load_case_files(args.cases, {r.id for r in ruleset.rules()})
    outcomes = casetest.run_all(ruleset, files)
    failed = [o for o in outcomes if not o.ok]
    stdout.writelines(render_failure(outcome, args.lang) for outcome in failed)
    table = casetest.coverage(ruleset, outcomes)
    stdout.write(render_coverage(table))
    stdout.write(render_summary(outcomes, failed, table))
    return EXIT_FINDINGS if failed or any(c.gaps for c in table) else EXIT_OK


def render_failure(outcome: Outcome, lang: str) -> str:
    """A failed case: where it is written, what was expected and what the rule said."""
    case = outcome.case
    lines = [f"FAIL {case.where}: {case.rule}: {case.name}"]
    if outcome.problems:
        lines += [f"     {problem}" for problem in outcome.problems]
        return "\n".join(lines) + "\n\n"
    lines.append(f"     expected {case.expect}, got {outcome.actual}")
    if outcome.finding is not None:
        lines.append(f"     message: {outcome.finding.message[lang]}")
        lines.append(f"     evidence: {_evidence(outcome, lang)}")
    return "\n".join(lines) + "\n\n"


def _evidence(outcome: Outcome, lang: str) -> str:
    assert outcome.finding is not None  # checked by the caller
    items = [f"{e.name} = {formatting.format_value(e.value, lang) if e.present else 'absent'}"
             for e in outcome.finding.evidence]
    return "; ".join(items) or "none"


def render_coverage(table: list[Coverage]) -> str:
    """One row per rule: cases by expected status, boundary cases, and what is missing."""
    width = max([len("rule"), *(len(c.rule) for c in table)])
    head = f"{'rule':<{width}}  " + "  ".join(f"{h:>6}" for h in _HEADINGS)
    lines = ["Coverage (cases that gave their expected status)",
             f"{head}  {'bound.':>6}  status"]
    for row in table:
        counts = "  ".join(f"{row.counts[s]:>6}" for s in STATUSES)
        status = "ok" if not row.gaps else "missing " + ", ".join(row.gaps)
        lines.append(f"{row.rule:<{width}}  {counts}  {row.boundary:>6}  {status}")
    return "\n".join(lines) + "\n"


def render_summary(outcomes: list[Outcome], failed: list[Outcome], table: list[Coverage]) -> str:
    covered = sum(not c.gaps for c in table)
    return (f"\n{len(outcomes)} cases, {len(failed)} failed; {covered} of {len(table)} rules "
            "have passing, failing and (where they compare) boundary cases.\n")
