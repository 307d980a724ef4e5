"""``vardval docs``: write the generated Markdown (rule pages, traceability, timeline, format
reference, schemas) for the docs site; ``mkdocs build`` does the same through ``docs/hooks.py``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from vardval.checker import docgen
from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.cli.words import said
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.vocab import LANGS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Generate a page per rule (law, logic, parameters, examples), the rule "
                          "catalogue, traceability and timeline pages, the submission format "
                          "reference and the JSON Schemas. Example cases are read from "
                          "fixtures/cases/ beside the rules folder.")
    parser.add_argument("--out", type=Path, default=Path("docs") / docgen.GENERATED,
                        help="folder to write into (default: docs/generated)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="the language of messages (the pages carry both)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write the generated pages, and fill the generated parts of the guides beside them
    (``<!-- vardval:NAME -->`` regions), so the docs read complete in the repository."""
    del stderr
    rules = args.rules or BUNDLED_RULES
    site = docgen.build_site(_project_root(rules), args.out, rules)
    rule_pages = sum(1 for path in site.files if path.startswith("rules/"))
    written = said("docs-written", args.lang, len(site.files), rule_pages, args.out,
                   len(site.written))
    stdout.write(f"vardval docs: {written}\n")
    guides = args.out.parent
    if any(guides.glob("*.md")):  # the hand-written pages beside: fill their generated parts
        from vardval.checker.cli.entry import captured  # noqa: PLC0415 - entry imports docs

        root = _project_root(rules)
        changed = docgen.refresh_guides(guides, docgen.snippets(site.ruleset, captured(root)))
        listed = f" ({', '.join(changed)})" if changed else ""
        stdout.write(f"vardval docs: "
                     f"{said('guides-refreshed', args.lang, len(changed), guides, listed)}\n")
    return EXIT_OK


def _project_root(rules: Path) -> Path:
    """The folder holding the rules folder (and fixtures/), relative when it is below the
    working directory so messages name files as the user sees them.
    """
    root = rules.resolve().parent
    relative = Path(os.path.relpath(root))
    return root if relative.parts[:1] == ("..",) else relative
