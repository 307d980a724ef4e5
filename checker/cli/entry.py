"""The ``vardval`` command: argument parsing, dispatch and the exit-code contract.

Exit codes: 0 clean; 1 a submission is invalid or a finding at/above ``--fail-on`` failed;
2 usage errors, unreadable or invalid rule files, or no input; 3 an internal error (our bug).
A user never sees a traceback: anything unexpected is reported as an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TextIO

from vardval.checker.cli import check as cmd_check
from vardval.checker.cli import diff as cmd_diff
from vardval.checker.cli import docs as cmd_docs
from vardval.checker.cli import eval_command as cmd_eval
from vardval.checker.cli import explain as cmd_explain
from vardval.checker.cli import followup as cmd_followup
from vardval.checker.cli import history as cmd_history
from vardval.checker.cli import lint as cmd_lint
from vardval.checker.cli import lsp as cmd_lsp
from vardval.checker.cli import replay as cmd_replay
from vardval.checker.cli import schema as cmd_schema
from vardval.checker.cli import test_command as cmd_test
from vardval.checker.cli import whatif as cmd_whatif
from vardval.checker.cli.exits import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from vardval.checker.program import cache
from vardval.dsl.errors import VardvalError

COMMANDS: tuple[ModuleType, ...] = (cmd_check, cmd_explain, cmd_schema, cmd_test, cmd_docs,
                                    cmd_lint, cmd_history, cmd_replay, cmd_followup,
                                    cmd_whatif, cmd_diff, cmd_lsp, cmd_eval)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``run`` keeps control of exit codes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}\n{self.format_usage()}")


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="vardval", description="Rules-as-code compliance checks for "
                     "Swedish primary care (vårdval).")
    parser.add_argument("--version", action="version", version=f"vardval {_version()}")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def _version() -> str:
    try:
        return metadata.version("vardval")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    try:
        args = build_parser().parse_args(list(argv))
    except UsageError as exc:
        stderr.write(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    note = cache.unavailable(getattr(args, "lang", "sv"))
    if note is not None:
        stderr.write(f"vardval: {note}\n")
    try:
        return int(args.handler(args, stdout, stderr))
    except VardvalError as exc:
        stderr.write(f"{exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP while a report is written
        stderr.write("interrupted\n")
        return int(getattr(exc, "exit_code", EXIT_INTERRUPTED))
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        stderr.write(f"vardval: internal error: {type(exc).__name__}: {exc}\n"
                     "This is a bug in vardval, not in your input; please report it with the "
                     "command you ran.\n")
        return EXIT_INTERNAL


def captured(root: Path) -> Callable[[list[str]], tuple[int, str]]:
    """A runner of ``vardval ARGV`` in-process from ``root``, giving (exit status, stdout).

    The docs generator takes it to show real output; an exit status of 2 or more (a broken
    example) raises, so a docs build never publishes an error as an example.
    """

    def run_in_root(argv: list[str]) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(root):
            code = run(argv, out, err)
        if code not in (EXIT_OK, EXIT_FINDINGS):
            msg = f"vardval {' '.join(argv)} exited {code}: {err.getvalue()}"
            raise RuntimeError(msg)
        return code, out.getvalue()

    return run_in_root


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    code = run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr)
    with contextlib.suppress(ValueError):  # `vardval lsp` closes stdout when the editor leaves
        sys.stdout.flush()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
