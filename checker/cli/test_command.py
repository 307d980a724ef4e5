"""``vardval test [RULE|CASE-FILE…]``: run rule test cases and report each rule's coverage.

Exit codes (``cli/exits.py``): 0 every case gave its expected status and every rule has a
passing case, a failing case and, when it orders values (<, <=, >, >=), a case marked
``boundary: true``; 1 otherwise; 2 for usage errors (an unknown rule id or case file) and
unreadable or malformed rule or case files (reported with file:line).

Rule ids run only those rules' cases (coverage is judged for them); case files run only those
files (coverage is shown but not judged, since a file holds only some of a rule's cases).
``--format json`` prints ``vardval/test@1``; ``--format junit`` a suite of one case per case,
valid against junit-10.xsd.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from vardval.checker.authoring import Coverage, Outcome
from vardval.checker.authoring import cases as casetest
from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from vardval.checker.cli.words import said
from vardval.checker.formatting import printable
from vardval.checker.program import load_ruleset
from vardval.checker.report import evidence_value, share_names
from vardval.checker.vocab import LANGS, STATUSES

_HEADINGS = ("pass", "fail", "n/a", "indet.")
FORMAT = "vardval/test@1"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Run every case of the case files (base submission + changes + expected "
                          "status of one rule) and report coverage per rule. Name rule ids or "
                          "case files to run only those.")
    parser.add_argument("targets", nargs="*", metavar="RULE|CASE-FILE",
                        help="rule ids (e.g. VG-KONTAKT) or case files to run (default: all)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--cases", type=Path, default=Path("fixtures/cases"),
                        help="folder of case files (default: fixtures/cases)")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="language of the finding messages shown for failed cases")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text",
                        help="text (default), json (vardval/test@1) or junit (junit-10.xsd)")
    parser.set_defaults(handler=run)


@dataclass(frozen=True)
class _Selection:
    rules: frozenset[str]
    files: tuple[Path, ...]


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Load rules and cases, run the cases, print failures and coverage; return the exit code."""
    ruleset = load_ruleset(args.rules)
    rule_ids = {r.id for r in ruleset.rules()}
    selection = _select(args.targets, rule_ids, stderr, args.lang)
    if selection is None:
        return EXIT_USAGE
    wanted = selection.rules or None  # whose changed submissions are worth keeping now
    if selection.files:
        files = casetest.load_named_case_files(list(selection.files), rule_ids, wanted)
    else:
        files = casetest.load_case_files(args.cases, rule_ids, wanted)
    # Only the chosen rules' cases run (a rule's outcome and coverage depend on its cases alone).
    outcomes = [casetest.run_case(ruleset, f, case) for f in files for case in f.cases
                if not selection.rules or case.rule in selection.rules]
    failed = [o for o in outcomes if not o.ok]
    table = [c for c in casetest.coverage(ruleset, outcomes)
             if not selection.rules or c.rule in selection.rules]
    judged = not selection.files
    short = judged and any(c.gaps for c in table)
    if args.format == "json":
        stdout.write(render_json(outcomes, table, args.lang, judged=judged))
    elif args.format == "junit":
        stdout.write(render_junit(outcomes, args.lang))
    else:
        stdout.writelines(render_failure(outcome, args.lang) for outcome in failed)
        stdout.write(render_coverage(table, args.lang))
        stdout.write(render_summary(outcomes, failed, table, args.lang))
    return EXIT_FINDINGS if failed or short else EXIT_OK


def _select(targets: list[str], rule_ids: set[str], stderr: TextIO,
            lang: str) -> _Selection | None:
    """Rule ids and case files from the command line; None (and a message) for an unknown one."""
    rules, files = set(), []
    for target in targets:
        if target in rule_ids:
            rules.add(target)
        elif Path(target).is_file():
            files.append(Path(target))
        else:
            hint = words.did_you_mean(target, sorted(rule_ids), lang)
            shown = words.said("no-target", lang, printable(target), f"; {hint}" if hint else "")
            stderr.write(f"vardval test: {shown}\n")
            return None
    return _Selection(frozenset(rules), tuple(files))


def render_json(outcomes: list[Outcome], table: list[Coverage], lang: str, *,
                judged: bool) -> str:
    """``vardval/test@1``: every case with its outcome, and coverage per rule."""
    cases = [{"file": o.case.file, "line": o.case.line, "name": o.case.name, "rule": o.case.rule,
              "expect": o.case.expect, "actual": o.actual, "ok": o.ok,
              "problems": list(o.problem_words(lang)),
              "message": o.finding.message[lang] if o.finding else None,
              "evidence": _evidence(o, lang) if o.finding else None} for o in outcomes]
    rows = [{"rule": c.rule, "counts": c.counts, "boundary": c.boundary,
             "gaps": list(c.gaps)} for c in table]
    failed = sum(not o.ok for o in outcomes)
    summary = {"cases": len(outcomes), "failed": failed, "coverage_judged": judged,
               "rules_covered": sum(not c.gaps for c in table), "rules": len(table)}
    document = {"format": FORMAT, "cases": cases, "coverage": rows, "summary": summary}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_junit(outcomes: list[Outcome], lang: str) -> str:
    """One suite, a testcase per case; a case that did not give its status is a failure."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - for this format only (some 2 ms)

    suite = ET.Element("testsuite", {"name": "vardval test", "tests": str(len(outcomes)),
                                     "failures": str(sum(not o.ok for o in outcomes)),
                                     "errors": "0"})
    for outcome in outcomes:
        case = outcome.case
        element = ET.SubElement(suite, "testcase", {"classname": case.rule,
                                                    "name": f"{case.name} ({case.where})"})
        if not outcome.ok:
            failure = ET.SubElement(element, "failure", {
                "type": "unexpected-status",
                "message": said("case-expected", lang, case.expect, outcome.actual)})
            failure.text = render_failure(outcome, lang)
    root = ET.Element("testsuites", {"name": "vardval test", "tests": suite.get("tests", "0"),
                                     "failures": suite.get("failures", "0"), "errors": "0"})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def render_failure(outcome: Outcome, lang: str) -> str:
    """A failed case: where it is written, what was expected and what the rule said."""
    case = outcome.case
    lines = [said("case-failed", lang, case.where, case.rule, case.name)]
    if outcome.problems:
        lines += [f"     {problem}" for problem in outcome.problem_words(lang)]
        return "\n".join(lines) + "\n\n"
    lines.append(f"     {said('case-expected', lang, case.expect, outcome.actual)}")
    if outcome.finding is not None:
        lines.append(f"     {said('case-message', lang, outcome.finding.message[lang])}")
        lines.append(f"     {said('case-evidence', lang, _evidence(outcome, lang))}")
    return "\n".join(lines) + "\n\n"


def _evidence(outcome: Outcome, lang: str) -> str:
    assert outcome.finding is not None  # checked by the caller
    shares = share_names(outcome.finding.rule)
    items = [f"{e.name} = {evidence_value(e, lang, share=e.name in shares)}"
             for e in outcome.finding.evidence]
    return "; ".join(items) or said("no-evidence", lang)


def render_coverage(table: list[Coverage], lang: str = "en") -> str:
    """One row per rule: cases by expected status (the case files' status words), boundary
    cases, and what is missing."""
    rule = said("rule-heading", lang)
    width = max([len(rule), *(len(c.rule) for c in table)])
    head = f"{rule:<{width}}  " + "  ".join(f"{h:>6}" for h in _HEADINGS)
    lines = [said("coverage", lang), f"{head}  {said('bound-heading', lang):>6}  status"]
    for row in table:
        counts = "  ".join(f"{row.counts[s]:>6}" for s in STATUSES)
        lines.append(f"{row.rule:<{width}}  {counts}  {row.boundary:>6}  {_gaps(row, lang)}")
    return "\n".join(lines) + "\n"


def _gaps(row: Coverage, lang: str) -> str:
    """``ok``, or the cases the rule lacks (``Coverage.gaps``, in ``lang``)."""
    codes = [f"gap-{s}" for s in ("pass", "fail") if not row.counts[s]]
    if row.needs_boundary and not row.boundary:
        codes.append("gap-boundary")
    if not codes:
        return said("covered", lang)
    return said("missing", lang, ", ".join(said(code, lang) for code in codes))


def render_summary(outcomes: list[Outcome], failed: list[Outcome], table: list[Coverage],
                   lang: str = "en") -> str:
    covered = sum(not c.gaps for c in table)
    return f"\n{said('cases-summary', lang, len(outcomes), len(failed), covered, len(table))}\n"
