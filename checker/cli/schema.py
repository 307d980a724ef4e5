"""``vardval schema``: print the JSON Schema of the submission format, or of the results."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.report import results_schema
from vardval.checker.submission import model as submission
from vardval.checker.vocab import LANGS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Print the JSON Schema (draft 2020-12) of the quarterly submission "
                          "format vardval/submission@1, or with --results of the check results "
                          "vardval/results@1.")
    parser.add_argument("--results", action="store_true",
                        help="the schema of `vardval check --format json` (vardval/results@1)")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="the language of messages (the schema itself is fixed)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    schema = results_schema() if args.results else submission.submission_schema()
    stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
