"""``vardval docs``: write the generated Markdown (rule pages, traceability, timeline, format
reference, schemas) for the docs site; ``mkdocs build`` does the same through ``docs/hooks.py``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from vardval.checker import docgen
from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.corpus import BUNDLED_RULES


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "docs", help="generate the Markdown pages of the rule docs",
        description="Generate a page per rule (law, logic, parameters, examples), the rule "
        "catalogue, traceability and timeline pages, the submission format reference and the "
        "JSON Schemas. Example cases are read from fixtures/cases/ beside the rules folder.")
    parser.add_argument("--out", type=Path, default=Path("docs") / docgen.GENERATED,
                        help="folder to write into (default: docs/generated)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write the generated pages, and fill the generated parts of the guides beside them
    (``<!-- vardval:NAME -->`` regions), so the docs read complete in the repository."""
    del stderr
    rules = args.rules or BUNDLED_RULES
    site = docgen.build_site(_project_root(rules), args.out, rules)
    rule_pages = sum(1 for path in site.files if path.startswith("rules/"))
    stdout.write(f"vardval docs: {len(site.files)} files ({rule_pages} rule pages) in "
                 f"{args.out}; {len(site.written)} written, the others unchanged\n")
    guides = args.out.parent
    if any(guides.glob("*.md")):  # the hand-written pages beside: fill their generated parts
        from vardval.checker.cli.entry import captured  # noqa: PLC0415 - entry imports docs

        root = _project_root(rules)
        changed = docgen.refresh_guides(guides, docgen.snippets(site.ruleset, captured(root)))
        stdout.write(f"vardval docs: {len(changed)} pages of {guides} refreshed"
                     + (f" ({', '.join(changed)})" if changed else "") + "\n")
    return EXIT_OK


def _project_root(rules: Path) -> Path:
    """The folder holding the rules folder (and fixtures/), relative when it is below the
    working directory so messages name files as the user sees them.
    """
    root = rules.resolve().parent
    relative = Path(os.path.relpath(root))
    return root if relative.parts[:1] == ("..",) else relative
