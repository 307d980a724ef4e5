"""``vardval followup``: record the office's follow-up steps and list the overdue ones.

``followup add`` appends a step (åtgärdsplan with a due date, erinran, vite, closed) for a
clinic's rule, with who decided it; ``followup list`` shows every follow-up, ``--overdue``
only open ones past their due date (exit 1 when there are any).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_FINDINGS, EXIT_OK
from vardval.checker.program import load_ruleset
from vardval.checker.store import (
    LABELS,
    STEPS,
    FollowUp,
    Store,
    StoreError,
    add_step,
    check_step,
    follow_ups_of,
    parse_quarter,
)

_WORDS = {"sv": {"added": "Registrerat: {clinic} {rule}: {step} (steg {id}).",
                 "none": "Inga uppföljningar.", "overdue": "FÖRSENAD", "open": "öppen",
                 "closed": "avslutad", "due": "senast", "by": "av"},
          "en": {"added": "Recorded: {clinic} {rule}: {step} (step {id}).",
                 "none": "No follow-ups.", "overdue": "OVERDUE", "open": "open",
                 "closed": "closed", "due": "due", "by": "by"}}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Follow-up steps per clinic and rule."
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="append a step (append-only, with who and when)")
    add.add_argument("--store", metavar="URL", required=True)
    add.add_argument("--clinic", metavar="HSA-ID", required=True)
    add.add_argument("--rule", required=True)
    add.add_argument("--step", choices=STEPS, required=True)
    add.add_argument("--by", required=True, help="who decided the step")
    add.add_argument("--due", default=None, help="due date, e.g. 2026-03-31")
    add.add_argument("--period", default=None, help="the quarter the finding is from")
    add.add_argument("--note", default="")
    add.add_argument("--rules", type=Path, default=None)
    add.add_argument("--lang", choices=("sv", "en"), default="sv")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="every follow-up; --overdue: open past due")
    listing.add_argument("--store", metavar="URL", required=True)
    listing.add_argument("--overdue", action="store_true")
    listing.add_argument("--today", type=words.day, default=None)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--lang", choices=("sv", "en"), default="sv")
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    check_step(args.clinic, args.step, args.by, args.due)
    if load_ruleset(args.rules).rule(args.rule) is None:
        raise StoreError.about("--rule", f"regeln '{args.rule}' finns inte; `vardval lint` och "
                               "regelsidorna visar regel-id:n.", f"there is no rule '{args.rule}'; "
                               "`vardval lint` and the rule pages show the rule ids.")
    period = parse_quarter(args.period, "--period") if args.period else None
    store = Store(args.store)
    try:
        with store.writing() as connection:
            step_id = add_step(connection, {
                "hsa_id": args.clinic, "rule_id": args.rule, "period": period,
                "kind": args.step, "due": args.due, "note": args.note, "actor": args.by})
    finally:
        store.close()
    stdout.write(_WORDS[args.lang]["added"].format(
        clinic=args.clinic, rule=args.rule, step=LABELS[args.lang][args.step], id=step_id)
        + "\n")
    return EXIT_OK


def run_list(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    del stderr
    today = args.today or dt.date.today()  # noqa: DTZ011 - due dates are local calendar dates
    store = Store(args.store)
    try:
        with store.reading() as connection:
            found = follow_ups_of(connection)
    finally:
        store.close()
    if args.overdue:
        found = [f for f in found if f.overdue(today)]
    if args.format == "json":
        stdout.write(json.dumps({"format": "vardval/followup@1", "today": today.isoformat(),
                                 "follow_ups": [_json(f, today) for f in found]},
                                ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(_text(found, args.lang, today))
    return EXIT_FINDINGS if args.overdue and found else EXIT_OK


def _json(follow: FollowUp, today: dt.date) -> dict[str, Any]:
    return {"clinic": follow.hsa_id, "rule": follow.rule_id, "open": follow.open,
            "due": follow.due, "overdue": follow.overdue(today),
            "steps": [{"step": s.kind, "due": s.due, "period": s.period, "note": s.note,
                       "by": s.actor, "at": s.recorded_at} for s in follow.steps]}


def _text(found: list[FollowUp], lang: str, today: dt.date) -> str:
    words = _WORDS[lang]
    if not found:
        return words["none"] + "\n"
    lines = []
    for follow in found:
        last = follow.steps[-1]
        state = words["open"] if follow.open else words["closed"]
        if follow.overdue(today):
            state = f"{words['overdue']} ({words['due']} {follow.due})"
        lines.append(f"{follow.hsa_id} {follow.rule_id}: {LABELS[lang][last.kind]} "
                     f"{words['by']} {last.actor} {last.recorded_at[:10]} — {state}")
    return "\n".join(lines) + "\n"
