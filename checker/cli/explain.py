"""``vardval explain RULE_ID SUBMISSION``: how one rule was decided for one submission.

Exit codes: 0 the explanation was printed (whatever the rule's status); 1 the submission is
invalid (its problems are printed instead); 2 an unknown rule id (with a suggestion), an
unreadable rule corpus or other usage errors.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from vardval.checker.corpus import RuleSet
from vardval.checker.engine import check_intake
from vardval.checker.program import load_ruleset
from vardval.checker.report import Subject, clean, explain
from vardval.checker.submission import load_submission
from vardval.checker.vocab import LANGS

if TYPE_CHECKING:
    from vardval.checker.corpus import Rulebook


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Trace one rule's evaluation for one submission: the version in force, "
                          "the scope, every part of the when/require conditions with its value, "
                          "the status, and the legal text it rests on.")
    parser.add_argument("rule_id", metavar="RULE_ID", help="a rule id, e.g. VG-KONTAKT")
    parser.add_argument("submission", metavar="SUBMISSION", help="a submission file")
    parser.add_argument("--lang", choices=LANGS, default="sv")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    ruleset = load_ruleset(args.rules)
    rule = ruleset.rule(args.rule_id)
    if rule is None:
        stderr.write(f"vardval explain: {unknown_rule(ruleset, args.rule_id, args.lang)}\n")
        return EXIT_USAGE
    intake = load_submission(Path(args.submission))
    if intake.data is None or intake.problems:
        stdout.write(clean(f"{intake.file}: {_INVALID[args.lang]}:\n"
                           + "".join(f"  {p.shown(args.lang)}\n" for p in intake.problems)))
        return EXIT_FINDINGS
    result = check_intake(ruleset, intake)
    finding = next(f for f in result.findings if f.rule.id == rule.id)
    subject = Subject(ruleset, rule, _book(ruleset, rule.rulebook), intake.file,
                              intake.data, finding)
    stdout.write(clean(explain(subject, args.lang)))
    return EXIT_OK


_INVALID = {"sv": "ogiltig inlämning; regeln har inte prövats",
            "en": "invalid submission; the rule was not evaluated"}


def unknown_rule(ruleset: RuleSet, rule_id: str, lang: str = "sv") -> str:
    """``unknown rule 'X'; did you mean 'Y'?`` (case-insensitive), else where to look."""
    words = _UNKNOWN[lang]
    ids = [r.id for r in ruleset.rules()]
    folded = {i.casefold(): i for i in ids}
    close = difflib.get_close_matches(rule_id.casefold(), folded, n=3, cutoff=0.5)
    if close:
        hint = words["close"].format(f" {words['or']} ".join(f"'{folded[c]}'" for c in close))
    else:
        hint = words["known"].format(", ".join(sorted(ids)))
    return words["unknown"].format(rule_id, hint)


_UNKNOWN = {"sv": {"unknown": "okänd regel '{0}'; {1}", "close": "menade du {0}?", "or": "eller",
                   "known": "kända regler: {0}"},
            "en": {"unknown": "unknown rule '{0}'; {1}", "close": "did you mean {0}?", "or": "or",
                   "known": "known rules: {0}"}}


def _book(ruleset: RuleSet, book_id: str) -> Rulebook:
    return next(b for b in ruleset.rulebooks if b.id == book_id)
