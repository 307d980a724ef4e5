"""The command line: argument parsing, dispatch, exit codes; nothing in ``checker`` imports it."""

from vardval.checker.cli.entry import build_parser, captured, main, run

__all__ = ["build_parser", "captured", "main", "run"]
