"""``vardval replay --store URL --clinic HSA-ID --period QUARTER``: reproduce a result.

Re-checks the stored submission with the rules it was checked with (found by digest in the
store) and with today's, and shows where today's rules decide differently. Exit 0 when the
stored result was reproduced, 1 when it was not or its rules are no longer available.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK
from vardval.checker.program import load_ruleset
from vardval.checker.store import Store, parse_quarter, replay, replay_text


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Re-check a stored submission with the rules it was checked with and "
                          "with today's; say whether the result was reproduced and what today's "
                          "rules decide differently.")
    parser.add_argument("--store", metavar="URL", required=True)
    parser.add_argument("--clinic", metavar="HSA-ID", required=True)
    parser.add_argument("--period", metavar="QUARTER", required=True)
    parser.add_argument("--revision", type=_revision, default=None,
                        help="default: the latest")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--rules", type=Path, default=None, help="today's rule corpus")
    parser.set_defaults(handler=run)


_MOST = 2**63 - 1  # the largest INTEGER a store can hold (SQLite's and PostgreSQL's bigint)


def _revision(text: str) -> int:
    """``--revision``: a whole number a store can compare with, so a huge one is a usage error
    (it used to reach the driver, which cannot bind it: an internal error)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 19 and 1 <= int(text) <= _MOST):
        raise words.WordedTypeError("revision", text[:30])
    return int(text)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    period = parse_quarter(args.period, "--period")
    today = load_ruleset(args.rules)
    store = Store(args.store)
    try:
        with store.reading() as connection:
            found = replay(connection, today, args.clinic, period, args.revision)
    finally:
        store.close()
    stdout.write(replay_text.render(found, args.lang))
    return EXIT_OK if found.reproduced() else EXIT_FINDINGS
