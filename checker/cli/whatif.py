"""``vardval whatif PATH…``: the submissions against the rules as they are and against a variant.

A variant is any combination of another rules folder (``--variant-rules``) or a git revision
(``--rules-rev``), parameter overlay files (``--overlay``) and ``--set`` values, applied in
that order. Both sides run through the same engine; the report says per rule how the counts
move and per clinic which findings change status, with both messages and the deciding values.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker.analysis import (
    Comparison,
    Corpus,
    corpus_of,
    diff,
    folder,
    html_whatif,
    parse_override,
    render_whatif,
    revision,
    with_overrides,
    words,
)
from vardval.checker.cli import whatif_store
from vardval.checker.cli.exits import EXIT_OK, EXIT_USAGE
from vardval.checker.cli.words import said
from vardval.checker.corpus import BUNDLED_RULES, RuleSet
from vardval.checker.report import destination, output_to
from vardval.checker.vocab import LANGS

FORMATS = ("text", "json", "markdown", "html")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Evaluate submissions twice, with the rules as they are and with a "
                          "variant, and report what changes. Exit status 0 whatever changes.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="submission files or folders (with --store, optional)")
    parser.add_argument("--store", metavar="URL", default=None,
                        help="also evaluate each clinic's latest revision in this results "
                        "store (SQLite file or postgresql:// URL)")
    parser.add_argument("--from", dest="first", metavar="QUARTER", default=None,
                        help="with --store: first quarter, e.g. 2025-Q1 (default: the first "
                        "stored)")
    parser.add_argument("--to", dest="last", metavar="QUARTER", default=None,
                        help="with --store: last quarter (default: the last stored)")
    parser.add_argument("--region", default=None, help="with --store: only this region")
    parser.add_argument("--set", dest="sets", action="append", default=[],
                        metavar="[REGION:]NAME=VALUE[@DATE]",
                        help="a parameter's value in the variant, e.g. "
                        "vardgaranti.bedomning.malniva=95%%@2026-01-01 (from DATE on; "
                        "without DATE for every period)")
    parser.add_argument("--overlay", action="append", default=[], type=Path, metavar="FILE",
                        help="a parameter file (the format of rules/parameters/) whose values "
                        "replace the corpus's from their first date on")
    variant = parser.add_mutually_exclusive_group()
    variant.add_argument("--variant-rules", type=Path, metavar="DIR",
                         help="the variant is another rules folder")
    variant.add_argument("--rules-rev", metavar="REV",
                         help="the variant is the rules folder at git revision REV (a tag, "
                         "branch or commit; REV:path for another folder)")
    parser.add_argument("--rules", type=Path, default=None, help="baseline rule corpus folder")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text, json (vardval/whatif@1), markdown (for a tjänsteskrivelse), "
                        "html (one self-contained page)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the report to FILE (replaced only once complete; a symbolic "
                        "link is followed, a device or named pipe is written in place, and "
                        "FILE may not be one of the inputs)")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="language of the findings' messages")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    problem = _usage_problem(args)
    if problem is not None:
        stderr.write(f"vardval whatif: {said(problem, args.lang)}\n")
        return EXIT_USAGE
    _refuse_inputs(args)
    base, variant, label = _sides(args)
    comparison = Comparison(base.ruleset, variant, (base.label, label))
    result = comparison.add_files(args.paths)
    if args.store is not None:
        for intake in whatif_store.latest(args.store, args.first, args.last, args.region):
            comparison.add(intake)
    if result.submissions == 0 and not result.invalid:
        where = ", ".join([*args.paths, *([args.store] if args.store else [])])
        stderr.write(f"vardval whatif: {said('no-submissions', args.lang, where)}\n")
        return EXIT_USAGE
    changes = diff(base.ruleset, variant, (base.label, label))
    units = words.units_of(base.ruleset, variant)
    with output_to(args.output, stdout, args.lang) as out:
        if args.format == "json":
            out.write(render_whatif.json_text(result, changes, units))
        elif args.format == "markdown":
            out.write(render_whatif.markdown(result, changes, args.lang, units))
        elif args.format == "html":
            out.write(html_whatif.page(result, changes, args.lang, units))
        else:
            out.write(render_whatif.text(result, changes, args.lang, units))
    return EXIT_OK


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is missing or misplaced on the command line (a ``words`` code), before any corpus
    is read."""
    if not args.paths and args.store is None:
        return "whatif-nothing"
    if args.store is None and (args.first or args.last or args.region):
        return "whatif-store-only"
    return None


def _refuse_inputs(args: argparse.Namespace) -> None:
    """``-o`` may not name a file this run reads (a submission, an overlay, the store, a file
    under either rules folder): refused before anything is read."""
    read = [*args.paths, *map(str, args.overlay), *destination.store_files(args.store)]
    destination.refuse_inputs(args.output, read, args.lang)
    for rules in (args.rules or BUNDLED_RULES, args.variant_rules):
        if rules is not None:
            destination.refuse_inside(args.output, rules, args.lang)


def _sides(args: argparse.Namespace) -> tuple[Corpus, RuleSet, str]:
    """The baseline corpus, the variant's rule set, and how the variant was made."""
    overrides = [parse_override(text) for text in args.sets]
    base = folder(args.rules)
    start = base
    if args.variant_rules is not None:
        start = corpus_of(str(args.variant_rules), args.rules)
    elif args.rules_rev is not None:
        start = revision(args.rules_rev, args.rules)
    variant = with_overrides(start.ruleset, overrides, args.overlay)
    label = " + ".join([start.label, *(str(p) for p in args.overlay),
                        *(f"--set {o.argument}" for o in overrides)])
    return base, variant, label
