"""``vardval lsp``: the language server for rule authors' editors, over stdin and stdout.

pygls is an optional extra (``pip install 'vardval[lsp]'``): it is imported only when this
command runs, so every other command starts without it.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from vardval.checker.cli.exits import EXIT_OK, EXIT_USAGE

MISSING = {
    "sv": ("vardval lsp: språkservern behöver paketet pygls, som inte är installerat.\n"
           "  Installera det med: pip install 'vardval[lsp]'  (i ett utvecklarträd: make test)\n"),
    "en": ("vardval lsp: the language server needs the package pygls, which is not installed.\n"
           "  Install it with: pip install 'vardval[lsp]'  (in a checkout: make test)\n"),
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Serve the Language Server Protocol over stdin/stdout for rule, "
                          "parameter, source and case files: lint's diagnostics as you type, "
                          "hover, completion, go to definition and quick fixes. Editors start it; "
                          "see docs/editor-setup.md.")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv",
                        help="the language of this command's own messages (the diagnostics "
                        "follow the editor's locale)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stdout
    try:
        from vardval.checker.lsp import serve  # noqa: PLC0415 - pygls loads only for this command
    except ImportError as exc:
        if exc.name not in ("pygls", "lsprotocol") and not str(exc.name).startswith(
                ("pygls.", "lsprotocol.")):
            raise
        stderr.write(MISSING[args.lang])
        return EXIT_USAGE
    serve()
    return EXIT_OK
