"""``vardval template --region R --period YYYY-Qn -o mall.xlsx``: a workbook a clinic fills in."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_OK, EXIT_USAGE
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.formatting import printable
from vardval.checker.program import load_ruleset
from vardval.checker.report import destination, output_to, template_bytes, template_scope
from vardval.checker.submission import REGIONS
from vardval.dsl.values import Quarter


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Write an Excel workbook (.xlsx) for one region and quarter: the fields "
                          "its rules in force read, with Swedish labels, units, data validation "
                          "and a sheet that explains each field with its law. `vardval check "
                          "mall.xlsx` reads it once filled.")
    parser.add_argument("--region", required=True, choices=REGIONS, metavar="REGION",
                        help="the region's slug, e.g. kronoberg")
    parser.add_argument("--period", required=True, type=_quarter, metavar="YYYY-Qn",
                        help="the quarter, e.g. 2025-Q3")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                        help="where the workbook goes (replaced only once complete; a symbolic "
                        "link is followed, a device or named pipe is written in place)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if not args.output.lower().endswith(".xlsx"):
        stderr.write(f"vardval template: "
                     f"{words.said('template-suffix', args.lang, printable(args.output))}\n")
        return EXIT_USAGE
    destination.refuse_inside(args.output, args.rules or BUNDLED_RULES, args.lang)
    ruleset = load_ruleset(args.rules)
    workbook = template_bytes(template_scope(ruleset, args.region, args.period))
    with output_to(args.output, stdout, args.lang) as out:  # a link followed, a pipe in place
        out.flush()
        out.buffer.write(workbook)
    stdout.write(f"{words.said('wrote', args.lang, printable(args.output))}\n")
    return EXIT_OK


def _quarter(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError:
        raise words.WordedTypeError("quarter", text[:30]) from None
