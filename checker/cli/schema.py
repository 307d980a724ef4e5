"""``vardval schema``: print the JSON Schema of the submission format."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.submission import model as submission


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("schema", help="print the submission JSON Schema",
                                   description="Print the JSON Schema (draft 2020-12) of the "
                                   "quarterly submission format vardval/submission@1.")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del args, stderr
    stdout.write(json.dumps(submission.submission_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
