"""The ``vardval`` command: argument parsing, dispatch and the exit-code contract.

Exit codes: 0 clean; 1 a submission is invalid or a finding at/above ``--fail-on`` failed;
2 usage errors, unreadable or invalid rule files, or no input; 3 an internal error (our bug).
A user never sees a traceback: anything unexpected is reported as an internal error.

Registering a command: write one module in ``checker/cli/`` with ``configure(parser)``, which
sets ``parser.description``, adds the arguments and ends with
``parser.set_defaults(handler=run)``, where ``run(args, stdout, stderr) -> int`` returns an
exit code from ``exits.py``; then add one line to ``COMMANDS`` below: the command's name, the
module's name and the one-line help that ``vardval --help`` lists. Nothing else imports the
module: ``build_parser(argv)`` imports only the module of the command being run, so a command
costs nothing at start-up of the others. Keep it that way inside the module too: import heavy
libraries and other layers' rarely used parts (the store, the docs, the server) in the function
that needs them, not at the top, and extend ``tests/cli/test_startup_imports.py`` when the
command must stay lean. ``configure`` keeps its arguments' wording; the help lives only in
``COMMANDS``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from vardval.checker import collector, command_end
from vardval.checker.cli import usage, words
from vardval.checker.cli.exits import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from vardval.dsl.errors import VardvalError


@dataclass(frozen=True, slots=True)
class Command:
    """A command as ``vardval --help`` lists it, and the module that implements it."""

    module: str  # under vardval.checker.cli
    help: str


# Every command, in the order ``vardval --help`` lists them. A module is imported only when its
# command runs (or by ``build_parser()`` with no argv, for the docs and tests).
COMMANDS: dict[str, Command] = {
    "check": Command("check", "check quarterly submissions against the rules"),
    "explain": Command("explain", "show step by step how a rule was decided for a submission"),
    "schema": Command("schema", "print the submission (or results) JSON Schema"),
    "test": Command("test_command", "run the rule test cases and report rule coverage"),
    "docs": Command("docs", "generate the Markdown pages of the rule docs"),
    "lint": Command("lint", "check rule files without a submission"),
    "history": Command("history", "each clinic's rule statuses per quarter from a results store"),
    "replay": Command("replay", "re-check a stored submission with the rules it was checked with"),
    "followup": Command("followup", "record and list follow-up steps"),
    "whatif": Command("whatif", "what changes for the submissions under a variant of the rules"),
    "diff": Command("diff", "what changed between two rule corpora (folders or git revisions)"),
    "lsp": Command("lsp", "language server for rule files (editors start it)"),
    "eval": Command("eval_command", "evaluate one rule expression and show what it read"),
    "template": Command("template", "write an Excel template for a region and quarter"),
    "serve": Command("serve", "serve the HTTP API and the web pages"),
    "users": Command("users", "users and API tokens of vardval serve"),
}
# The commands that run until stopped.
SERVERS = frozenset({"serve", "lsp"})


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``run`` keeps control of exit codes, and
    words its errors in ``lang`` (the run's ``--lang``, read before parsing)."""

    lang = "sv"

    def error(self, message: str) -> None:  # type: ignore[override]
        said = usage.worded(message, self.lang)
        shown = usage.usage_line(self.format_usage(), self.lang)
        raise UsageError(f"{self.prog}: {said}\n{shown}")

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        """A type check's own words (``words.WordedTypeError``) in the run's language."""
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            if not isinstance(exc.__context__, words.WordedTypeError):
                raise
            said = exc.__context__.said.words(self.lang)
            raise argparse.ArgumentError(action, said) from None


class UsageError(Exception):
    pass


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of ``vardval``; given ``argv``, only the command it names is set up in full.

    The other commands are listed with their help but their modules are not imported, so
    ``vardval check`` never loads what ``docs`` or ``history`` need.
    """
    chosen = _command_named(argv) if argv is not None else None
    # Every parser of this run (the commands' own subcommands too) words errors in its --lang.
    parser_class: type[_Parser] = type("_Parser", (_Parser,),
                                       {"lang": words.lang_of(argv or [])})
    # `vardval check …` parses with the check command's parser alone (each parser costs some
    # 0.2 ms); its usage still names every command. Anything else may print the whole list.
    alone = argv is not None and bool(argv) and argv[0] == chosen and chosen in COMMANDS
    parser = parser_class(prog="vardval", description="Rules-as-code compliance checks for "
                          "Swedish primary care (vårdval).")
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the installed version and exit")
    subparsers = parser.add_subparsers(dest="command", required=True,
                                       parser_class=parser_class,
                                       metavar="{" + ",".join(COMMANDS) + "}")
    for name, command in COMMANDS.items():
        if alone and name != chosen:
            continue
        sub = subparsers.add_parser(name, help=command.help)
        if argv is None or name == chosen:
            module = importlib.import_module(f"{__package__}.{command.module}")
            module.configure(sub)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is not an option (``vardval`` itself
    takes only ``--help`` and ``--version``, neither with a value)."""
    return next((word for word in argv if not word.startswith("-")), None)


class _VersionAction(argparse.Action):
    """``--version``, looked up when asked for: reading the installed metadata costs every
    other run some milliseconds (argparse's own version action wants the text up front)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,  # noqa: ARG002
                 values: object, option_string: str | None = None) -> None:  # noqa: ARG002
        sys.stdout.write(f"vardval {_version()}\n")  # where argparse's own action writes
        parser.exit()


def _version() -> str:
    from vardval import __version__  # noqa: PLC0415 - only for --version

    return __version__


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    try:
        args = build_parser(argv).parse_args(list(argv))
    except UsageError as exc:
        stderr.write(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    from vardval.checker.program import cache  # noqa: PLC0415 - with the command, not before

    lang = getattr(args, "lang", None) or words.lang_of(argv)  # every command has --lang
    note = cache.unavailable(lang)
    if note is not None:
        stderr.write(f"vardval: {note}\n")
    try:
        return int(args.handler(args, stdout, stderr))
    except VardvalError as exc:
        stderr.write(f"{exc.shown(lang)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP while a report is written
        stderr.write(f"{words.said('interrupted', lang)}\n")
        return int(getattr(exc, "exit_code", EXIT_INTERRUPTED))
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        stderr.write(f"{words.said('internal', lang, type(exc).__name__, exc)}\n")
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
    # pydantic looks for plugins among every installed package's entry points when it builds
    # its first model (some 15 ms at start-up); vardval uses none. A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    words = sys.argv[1:] if argv is None else argv
    _import_command(words, freeze=argv is None)
    if argv is None and _command_named(words) not in SERVERS:
        # The process is ours and ends with the command: what lasts may be frozen. Not in a
        # server, which may load corpus after corpus (``collector.lasting``).
        collector.freeze_after_lasting()
        command_end.enable()  # a corpus read cold is stored once the command is done
    code = run(words, sys.stdout, sys.stderr)
    with contextlib.suppress(ValueError):  # `vardval lsp` closes stdout when the editor leaves
        sys.stdout.flush()
    command_end.finish()
    if argv is None:  # the process ends now (a caller passing argv may go on)
        # What is alive now lives until the end: the interpreter's last collections would only
        # walk it (some 20 ms after a one-file check). atexit handlers and the final flush of
        # the standard streams still run; every file vardval writes is closed by then.
        gc.freeze()
    return code


def _import_command(argv: Sequence[str], *, freeze: bool = False) -> None:
    """Import the module of the command ``argv`` runs with the cyclic collector paused, then
    (``freeze``: in the console script's own process, not a caller's) freeze what is alive.

    Start-up creates a few hundred thousand objects (modules, classes, functions) and frees
    almost none, so the collector's passes over them are wasted time: paused, they would all
    be walked by the first collection after it (some 3 ms) and again by the next older one
    (some 5 ms). Frozen, no collection walks them (``gc.freeze``, made for objects that live as
    long as the process).
    """
    command = COMMANDS.get(_command_named(argv) or "")
    if command is None or not gc.isenabled():
        return
    with collector.paused(then_freeze=freeze):
        importlib.import_module(f"{__package__}.{command.module}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
