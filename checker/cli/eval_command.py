"""``vardval eval EXPR [SUBMISSION]``: evaluate one DSL expression, as ``opa eval`` does.

Prints the value, its type and every value it read. The period and region come from the
submission; ``--period`` and ``--region`` set them (or override the submission's) to try an
expression on parameters alone. Exit codes: 0 the value was printed; 1 the expression does not
parse or type, or the submission is invalid or unreadable (located problems are printed
instead); 2 usage errors (a malformed --period, an unknown --region).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from vardval.checker.authoring import EvalError, Where, evaluate_text, render_evaluation
from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK
from vardval.checker.program import load_ruleset
from vardval.checker.report import clean
from vardval.checker.submission import REGIONS, load_submission
from vardval.checker.vocab import LANGS
from vardval.dsl.values import Quarter

_INVALID_EXPRESSION = {"sv": "uttrycket kan inte utvärderas:",
                       "en": "the expression cannot be evaluated:"}
_INVALID_SUBMISSION = {"sv": "{}: ogiltig inlämning; uttrycket utvärderades inte:",
                       "en": "{}: invalid submission; the expression was not evaluated:"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Evaluate one expression of the rule language against a submission, as "
                          "a rule's require would be: print its value, its type and every field, "
                          "parameter and period part it read. For trying an idea before it goes "
                          "into a rule.")
    parser.add_argument("expression", metavar="EXPR",
                        help="an expression, e.g. 'accessibility.contacts.total > 0'")
    parser.add_argument("submission", metavar="SUBMISSION", nargs="?", type=Path,
                        help="a submission file whose fields the expression reads")
    parser.add_argument("--period", type=_quarter, metavar="QUARTER",
                        help="the quarter, e.g. 2025-Q1 (default: the submission's)")
    parser.add_argument("--region", choices=REGIONS, metavar="REGION",
                        help="the region whose parameter values apply (default: the "
                        "submission's; without either, national values)")
    parser.add_argument("--lang", choices=LANGS, default="sv")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.set_defaults(handler=run)


def _quarter(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError:
        raise words.WordedTypeError("quarter", text[:30]) from None


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    data = None
    if args.submission is not None:
        intake = load_submission(args.submission)
        if intake.data is None or intake.problems:
            stderr.write(clean(_INVALID_SUBMISSION[args.lang].format(intake.file) + "\n"
                               + "".join(f"  {p.shown(args.lang)}\n" for p in intake.problems)))
            return EXIT_FINDINGS
        data = intake.data
    where = _where(data, args.period, args.region)
    try:
        found = evaluate_text(args.expression, load_ruleset(args.rules), where, args.lang)
    except EvalError as exc:
        stderr.write(clean(f"vardval eval: {_INVALID_EXPRESSION[args.lang]}\n"
                           + "".join(f"{d.shown(args.lang)}\n" for d in exc.diagnostics)))
        return EXIT_FINDINGS
    stdout.write(clean(render_evaluation(found, args.lang)))
    return EXIT_OK


def _where(data: dict[str, Any] | None, period: Quarter | None, region: str | None) -> Where:
    if data is not None:
        period = period or Quarter.parse(data["period"])
        region = region or data["clinic"]["region"]
    return Where(data, period, region)
