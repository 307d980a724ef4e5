"""``vardval history --store URL``: each rule's status per quarter, and what changed.

For one clinic (``--clinic HSA-ID``), a region (``--region``) or every clinic in the store,
over ``--from``/``--to`` quarters (default: what the store holds). Text, JSON
(``vardval/history@1``) or one HTML page. Today's decisions (``--rules``) apply to every
quarter as they do in ``check``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.program import load_ruleset
from vardval.checker.report import destination, output_to
from vardval.checker.store import (
    Store,
    history,
    history_html,
    history_json,
    history_text,
    parse_quarter,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Show, per clinic, every rule's status per quarter and what changed: "
                          "new failure, still failing (streak), fixed, worse, better, and apart "
                          "from those the changes a new rule version or parameter value made. A "
                          "quarter without a submission is a gap, never a pass.")
    parser.add_argument("--store", metavar="URL", required=True,
                        help="SQLite file or postgresql:// URL")
    parser.add_argument("--clinic", metavar="HSA-ID", default=None)
    parser.add_argument("--region", default=None)
    parser.add_argument("--from", dest="first", metavar="QUARTER", default=None,
                        help="first quarter, e.g. 2024-Q1")
    parser.add_argument("--to", dest="last", metavar="QUARTER", default=None)
    parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the report to FILE (replaced only once complete; a "
                        "symbolic link is followed, a device or named pipe is written in "
                        "place, and FILE may not be the store)")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--rules", type=Path, default=None,
                        help="rule corpus whose decisions apply (default: bundled)")
    parser.add_argument("--today", type=words.day, default=None,
                        help=argparse.SUPPRESS)  # for reproducible output of overdue steps
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    destination.refuse_inputs(args.output, destination.store_files(args.store), args.lang)
    destination.refuse_inside(args.output, args.rules or BUNDLED_RULES, args.lang)
    first = parse_quarter(args.first, "--from") if args.first else None
    last = parse_quarter(args.last, "--to") if args.last else None
    ruleset = load_ruleset(args.rules)
    store = Store(args.store)
    try:
        with store.reading() as connection:
            found = history(connection, ruleset, clinic=args.clinic, region=args.region,
                            first=first, last=last)
    finally:
        store.close()
    today = args.today or dt.date.today()  # noqa: DTZ011 - due dates are local calendar dates
    with output_to(args.output, stdout, args.lang) as out:
        if args.format == "json":
            out.write(json.dumps(history_json(found), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "html":
            out.write(history_html.render(found, args.lang, today))
        else:
            out.write(history_text.render(found, args.lang, today))
    return EXIT_OK
