"""``vardval diff A B``: what changed between two rule corpora (folders or git revisions).

A semantic diff: rules added, removed and changed field by field, parameters whose values or
dates changed (each marked tightened or loosened where the rules' comparisons tell), sources
changed. ``--impact PATH`` adds what the same change does to those submissions. The exit status
is 0 whether or not anything changed, so CI can show the diff of a pull request without failing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from vardval.checker.analysis import (
    Comparison,
    corpus_of,
    diff,
    github,
    render_diff,
    render_whatif,
    words,
)
from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.report import destination, output_to
from vardval.checker.vocab import LANGS

FORMATS = ("text", "markdown", "json", "github")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("A semantic diff of two rule corpora. A and B are rules folders or git "
                          "revisions (a tag, branch or commit; REV:path for another folder) of "
                          "the repository holding --rules. Exit status 0 whether or not anything "
                          "changed.")
    parser.add_argument("before", metavar="A", help="the earlier corpus: a folder or revision")
    parser.add_argument("after", metavar="B", help="the later corpus: a folder or revision")
    parser.add_argument("--rules", type=Path, default=None,
                        help="the rules folder whose git repository revisions are read from")
    parser.add_argument("--impact", action="append", default=[], metavar="PATH",
                        help="submission files or folders: add the what-if counts of the change")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text, markdown, json (vardval/diff@1), github (annotations for a "
                        "pull request)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the report to FILE (replaced only once complete; a symbolic "
                        "link is followed, a device or named pipe is written in place, and "
                        "FILE may not be one of the inputs)")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="language of rule titles and messages")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    destination.refuse_inputs(args.output, args.impact, args.lang)  # before anything is read
    for rules in (args.rules or BUNDLED_RULES, Path(args.before), Path(args.after)):
        if rules.is_dir():  # a folder, not a git revision
            destination.refuse_inside(args.output, rules, args.lang)
    before = corpus_of(args.before, args.rules)
    after = corpus_of(args.after, args.rules)
    found = diff(before.ruleset, after.ruleset, (before.label, after.label))
    impact = None
    if args.impact:
        impact = Comparison(before.ruleset, after.ruleset,
                            (before.label, after.label)).add_files(args.impact)
    units = words.units_of(before.ruleset, after.ruleset)
    with output_to(args.output, stdout, args.lang) as out:
        if args.format == "github":
            out.write(github.emit(found, impact, args.lang))
        elif args.format == "json":
            extra = {"impact": render_whatif.as_json(impact, found, units)} if impact else None
            out.write(render_diff.json_text(found, extra))
        elif args.format == "markdown":
            out.write(render_diff.markdown(found, args.lang))
            if impact is not None:
                out.write("\n".join(["", f"## {words.WORDS['impact']}", "",
                                      render_whatif.summary_line(impact) + ".", "",
                                      *render_whatif.rules_markdown(impact, args.lang)]))
        else:
            out.write(render_diff.text(found, args.lang))
            if impact is not None:
                out.write("\n".join([f"{words.WORDS['impact']}:",
                                      f"  {render_whatif.summary_line(impact)}",
                                      *render_whatif.rules_text(impact, args.lang), ""]))
    return EXIT_OK
