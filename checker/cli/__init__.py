"""The command line: argument parsing, dispatch, exit codes; nothing in ``checker`` imports it."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.cli.entry import build_parser, captured, main, run

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = ["build_parser", "captured", "main", "run"]
