"""The command line: argument parsing, dispatch, exit codes. Nothing inside ``checker`` imports it."""

from vardval.checker.cli.entry import build_parser, captured, main, run

__all__ = ["build_parser", "captured", "main", "run"]
