"""``vardval lint [PATH]``: every static check of the rules, without any submission.

Exit codes (``cli/exits.py``, shared by every command): 0 nothing to report; 1 problems in
the rules; 2 usage errors or a path that does not exist. Warnings (a dispensation about to
expire, or naming an unknown rule or clinic) are shown but do not change the exit code.
``--format json`` prints ``{"format": "vardval/lint@1", "ok": …, "diagnostics": […],
"warnings": […]}``. Messages are in ``--lang`` (Swedish by default, as in every command).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker.authoring import lint, render_json, render_text
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from vardval.checker.vocab import LANGS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Check a rule corpus, a rulebook file or a folder of rulebooks: syntax, "
                          "names, types, citations, dates and messages. Exit 0 when clean, 1 for "
                          "problems in the rules, 2 for usage errors or a path that does not "
                          "exist.")
    parser.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                        help="corpus folder, rulebook file or folder (default: bundled rules)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="the language of the messages, also in --format json's 'message' "
                        "and 'hint' (default: sv, like every command; the Python API words "
                        "them in English unless given a language)")
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR",
                        help="corpus whose sources and parameters a lone rulebook uses")
    parser.add_argument("--store", metavar="URL", default=None,
                        help="a results store: warn about decisions naming a clinic it has "
                        "never seen from the decision's region")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    clinics = None
    if args.store:  # the store's SQLAlchemy is imported only when a store is asked for
        from vardval.checker.store import Store  # noqa: PLC0415

        store = Store(args.store)
        try:
            clinics = store.clinics()
        finally:
            store.close()
    result = lint(args.path, args.rules, clinics=clinics)
    render = render_json if args.format == "json" else render_text
    stdout.write(render(result, args.lang))
    if result.ok:
        return EXIT_OK
    unreadable = any(d.code == "no-rules" for d in result.diagnostics)
    return EXIT_USAGE if unreadable else EXIT_FINDINGS
