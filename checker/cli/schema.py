"""``vardval schema``: print the JSON Schema of the submission format."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.submission import model as submission


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Print the JSON Schema (draft 2020-12) of the "
        "quarterly submission format vardval/submission@1.")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del args, stderr
    stdout.write(json.dumps(submission.submission_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
